import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OwnershipRegistry } from '../core/auth/ownership';
import type { AppConfig } from '../core/config/config.schema';
import { APP_CONFIG } from '../core/config/config.tokens';
import { DispensationService } from '../dispensation/dispensation.service';
import { DispensationModule } from '../dispensation/dispensation.module';
import { PrescriptionModule } from '../prescription/prescription.module';
import { ExecutionDispatcher } from './execution-dispatcher.service';
import { ExecutionsController } from './executions.controller';
import { ExecutionsService, unknownExecution } from './executions.service';
import './execution.schemas';
import { Clock } from '../core/clock/clock';
import { OctReportEntity } from './oct/oct-report.entity';
import { OCT_ADAPTER, OctDispatcher } from './oct/oct-dispatcher.service';
import { createOctAdapter } from './oct/oct.factory.adapter';
import { OctReportsService } from './oct/oct-reports.service';
import { OctReportRepository } from './oct/oct-report.repository';

/** Durable, ordered, idempotent delivery of the outbox to the teleservice (docs/execution.md). */
@Module({
  imports: [TypeOrmModule.forFeature([OctReportEntity]), PrescriptionModule, DispensationModule],
  controllers: [ExecutionsController],
  providers: [
    ExecutionDispatcher,
    ExecutionsService,
    OctReportRepository,
    OctDispatcher,
    OctReportsService,
    {
      provide: OCT_ADAPTER,
      inject: [APP_CONFIG, Clock],
      useFactory: (config: AppConfig, clock: Clock) => createOctAdapter(config, clock),
    },
  ],
  exports: [ExecutionDispatcher, ExecutionsService, OctDispatcher],
})
export class ExecutionModule implements OnModuleInit {
  constructor(
    private readonly ownership: OwnershipRegistry,
    private readonly executions: ExecutionsService,
    private readonly dispensations: DispensationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An outbox call belongs to its dispensation's terminal (none: no counter may touch it). */
  onModuleInit(): void {
    this.ownership.register(
      'execution',
      async (id) => {
        const { pharmacyId, dispensationId } = await this.executions.ownerOf(id);
        return {
          pharmacyId,
          terminalId: dispensationId ? (await this.dispensations.ownerOf(dispensationId)).terminalId : null,
        };
      },
      unknownExecution,
    );
  }
}
