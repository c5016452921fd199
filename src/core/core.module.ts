import { DynamicModule, Global, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import './core.schemas';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntryEntity } from './audit/audit-entry.entity';
import { AuditHeadEntity } from './audit/audit-head.entity';
import { AuditController } from './audit/audit.controller';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { OutboxExecutionEntity } from './outbox/outbox-execution.entity';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxWriter } from './outbox/outbox.writer';
import { ApiTokens } from './auth/api-tokens';
import { LoginThrottle } from './auth/login-throttle';
import { OwnershipRegistry } from './auth/ownership';
import { SessionController } from './auth/session.controller';
import { SessionEntity } from './auth/session.entity';
import { SessionRepository } from './auth/session.repository';
import { SessionStore } from './auth/session.store';
import { Pharmacies } from './config/pharmacies';
import { PharmacyRows, PharmacyRowsRepository } from './database/pharmacy-rows';
import { Clock, SystemClock } from './clock/clock';
import type { AppConfig } from './config/config.schema';
import { APP_CONFIG } from './config/config.tokens';
import { databaseOptions } from './database/database.options';
import { Database } from './database/database';
import { DeviceRegistry } from './devices/device-registry';
import { DevicesController } from './devices/devices.controller';
import { EventEntity } from './events/event.entity';
import { EventRepository } from './events/event.repository';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry';
import { InstanceEntity } from './instances/instance.entity';
import { InstanceRepository } from './instances/instance.repository';
import { Instances } from './instances/instances.service';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { IdempotencyRelease } from './idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { MessageRegistry } from './i18n/message-registry';
import { LoggingModule } from './logging/logger.module';
import { StaffController } from './staff/staff.controller';
import { StaffEntity } from './staff/staff.entity';
import { StaffRepository } from './staff/staff.repository';
import { StaffService } from './staff/staff.service';
import { TerminalOperatorEntity } from './terminals/terminal-operator.entity';
import { TerminalOperatorRepository } from './terminals/terminal-operator.repository';
import { TerminalsController } from './terminals/terminals.controller';
import { TerminalsService } from './terminals/terminals.service';

export interface CoreOptions {
  config: AppConfig;
  /** Tests pin time with a FixedClock. */
  clock?: Clock;
  /** Run pending migrations as the connection opens, before any provider uses it (an embedding host). */
  migrateOnConnect?: boolean;
}

/** Config, database, logging, errors, auth, events, idempotency, device registry and health. */
@Global()
@Module({})
export class CoreModule {
  static forRoot({ config, clock, migrateOnConnect }: CoreOptions): DynamicModule {
    const configProvider = { provide: APP_CONFIG, useValue: config };
    return {
      module: CoreModule,
      imports: [
        {
          module: class ConfigHolder {},
          providers: [configProvider],
          exports: [configProvider],
          global: true,
        },
        LoggingModule,
        TypeOrmModule.forRoot({
          ...databaseOptions(config),
          autoLoadEntities: true,
          migrationsRun: migrateOnConnect === true,
        }),
        TypeOrmModule.forFeature([
          IdempotencyKeyEntity,
          TerminalOperatorEntity,
          AuditEntryEntity,
          AuditHeadEntity,
          EventEntity,
          InstanceEntity,
          OutboxExecutionEntity,
          StaffEntity,
          SessionEntity,
        ]),
        EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false }),
      ],
      controllers: [
        HealthController,
        DevicesController,
        EventsController,
        TerminalsController,
        AuditController,
        SessionController,
        StaffController,
      ],
      providers: [
        { provide: Clock, useValue: clock ?? new SystemClock() },
        Pharmacies,
        Database,
        PharmacyRowsRepository,
        PharmacyRows,
        Instances,
        InstanceRepository,
        EventRepository,
        AuditRepository,
        OutboxRepository,
        SessionRepository,
        StaffRepository,
        TerminalOperatorRepository,
        IdempotencyRepository,
        MessageRegistry,
        EventsService,
        DeviceRegistry,
        HealthRegistry,
        TerminalsService,
        AuditService,
        OutboxWriter,
        ApiTokens,
        SessionStore,
        LoginThrottle,
        StaffService,
        OwnershipRegistry,
        IdempotencyRelease,
      ],
      // The guards and interceptors bound to each controller (comptoir-enhancers.ts) are built in the
      // controller's module: what they inject is exported here, the idempotency table's repository included.
      exports: [
        TypeOrmModule,
        ApiTokens,
        Clock,
        Pharmacies,
        Database,
        AuditRepository,
        OutboxRepository,
        SessionRepository,
        StaffRepository,
        TerminalOperatorRepository,
        IdempotencyRepository,
        MessageRegistry,
        EventsService,
        DeviceRegistry,
        HealthRegistry,
        TerminalsService,
        AuditService,
        Instances,
        OutboxWriter,
        SessionStore,
        StaffService,
        OwnershipRegistry,
      ],
    };
  }
}
