import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxExecutionEntity } from '../../core/outbox/outbox-execution.entity';
import { DispensationModule } from '../../dispensation/dispensation.module';
import { InvoiceRejectionEntity } from './invoice-rejection.entity';
import { RejectionRecorder } from './rejection-recorder';
import { RejectionsController } from './rejections.controller';
import { RejectionsService } from './rejections.service';

/** Invoice rejections (API.md § Back office): matched to the FSE, linked to executions, followed up. */
@Module({
  imports: [TypeOrmModule.forFeature([InvoiceRejectionEntity, OutboxExecutionEntity]), DispensationModule],
  controllers: [RejectionsController],
  providers: [RejectionsService, RejectionRecorder],
  exports: [RejectionsService],
})
export class RejectionsModule {}
