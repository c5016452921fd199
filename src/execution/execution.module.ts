import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxExecutionEntity } from '../core/outbox/outbox-execution.entity';
import { DispensationModule } from '../dispensation/dispensation.module';
import { PrescriptionModule } from '../prescription/prescription.module';
import { ExecutionDispatcher } from './execution-dispatcher.service';
import { ExecutionsController } from './executions.controller';
import { ExecutionsService } from './executions.service';

/** Durable, ordered, idempotent delivery of the outbox to the teleservice (docs/execution.md). */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxExecutionEntity]), PrescriptionModule, DispensationModule],
  controllers: [ExecutionsController],
  providers: [ExecutionDispatcher, ExecutionsService],
  exports: [ExecutionDispatcher, ExecutionsService],
})
export class ExecutionModule {}
