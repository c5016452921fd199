import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Clock } from '../core/clock/clock';
import type { AppConfig } from '../core/config/config.schema';
import { APP_CONFIG } from '../core/config/config.tokens';
import { ComptoirException } from '../core/errors/comptoir.exception';
import { EventsService } from '../core/events/events.service';
import { HealthRegistry } from '../core/health/health-registry';
import type { OutboxExecutionEntity } from '../core/outbox/outbox-execution.entity';
import { OUTBOX_APPENDED } from '../core/outbox/outbox.events';
import { Database } from '../core/database/database';
import { Instances } from '../core/instances/instances.service';
import { OutboxRepository } from '../core/outbox/outbox.repository';
import { DispensationService } from '../dispensation/dispensation.service';
import { Pharmacies } from '../core/config/pharmacies';
import { TeleservicePort } from '../prescription/teleservice/teleservice.port';
import type {
  Acknowledgement,
  Cancellation,
  ExecutionPayload,
  InvoiceUpdate,
} from '../prescription/teleservice/teleservice.types';
import { backoffDelay } from '../core/retry/backoff';
import { outboxBackoff, RateLimiter } from './backoff';
import { GroupCommit } from './group-commit';
import { buildOctReport, OctReport } from './oct/oct-report';
import { OctReportRepository } from './oct/oct-report.repository';
import { OctDispatcher } from './oct/oct-dispatcher.service';
import { PrescriptionService } from '../prescription/prescription.service';

/** How often (PostgreSQL) the rows of instances that stopped beating are looked for. */
const RECOVERY_MS = 1000;

/** How a failed call is handled: resent later (same sequence and payload) or parked for the back office. */
export function classifyFailure(error: unknown): { transient: boolean; lastError: string } {
  if (error instanceof ComptoirException) {
    const outcomeUnknown = error.extra?.outcomeUnknown === true;
    return { transient: error.retryable || outcomeUnknown, lastError: `${error.code}: ${error.message}` };
  }
  // Not a classified answer (a bug or an unexpected transport failure): resending is safe, parking is not needed.
  return { transient: true, lastError: `UNEXPECTED: ${(error as Error)?.message ?? String(error)}` };
}

/**
 * Delivers the outbox to the teleservice: per prescription strictly in sequence order (one call in flight,
 * a parked head blocks only its prescription), across prescriptions up to `execution.concurrency` calls
 * at once under a rate limit. Transient failures retry forever with capped exponential backoff and jitter.
 */
@Injectable()
export class ExecutionDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExecutionDispatcher.name);
  private readonly commits: GroupCommit;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** SSE announcements of acknowledged dispensations, made after their commit. */
  private readonly announcing = new Set<Promise<void>>();
  private readonly limiter: RateLimiter;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking: Promise<void> | undefined;
  private again = false;
  private next = 0;
  private lastRecovery = 0;

  constructor(
    private readonly db: Database,
    private readonly store: OutboxRepository,
    private readonly instances: Instances,
    private readonly teleservice: TeleservicePort,
    private readonly events: EventsService,
    private readonly health: HealthRegistry,
    private readonly dispensations: DispensationService,
    private readonly prescriptions: PrescriptionService,
    private readonly oct: OctDispatcher,
    private readonly octReports: OctReportRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pharmacies: Pharmacies,
  ) {
    this.commits = new GroupCommit(db);
    this.limiter = new RateLimiter(config.execution.rateLimitPerSecond);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.health.register({
      name: 'outbox',
      critical: false,
      check: async () => {
        const m = this.db.reader;
        const [c, oldest] = await Promise.all([this.store.counts(m), this.store.oldestPendingAt(m)]);
        const backlog = (c.queued ?? 0) + (c.sending ?? 0);
        const oldestQueuedSeconds = oldest
          ? Math.max(0, Math.floor((this.clock.now().getTime() - oldest.getTime()) / 1000))
          : null;
        return {
          status: 'up',
          oldestQueuedSeconds,
          detail: { backlog, parked: c.parked ?? 0, inFlight: this.inFlight.size },
        };
      },
    });
    await this.recover();
    this.running = true;
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Calls in flight end within the adapter's timeout; their outcome is written before the database closes.
    await this.ticking;
    await Promise.allSettled([...this.inFlight.values()]);
    await this.commits.idle();
    await Promise.allSettled([...this.announcing]);
  }

  /** Wakes the dispatcher now (an append committed). */
  @OnEvent(OUTBOX_APPENDED)
  wake(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.ticking) {
      this.again = true;
      return;
    }
    const polling = this.poll().finally(() => {
      this.ticking = undefined;
      if (this.running && !this.timer) this.schedule(this.next);
    });
    this.ticking = polling;
    await polling;
  }

  /**
   * Rows left `sending` by a stopped instance go back to `queued`, resent with the same sequence and payload:
   * on SQLite at start (one process owns the file), on PostgreSQL also every second, those of an instance
   * that stopped beating (another instance resends what a killed one was sending).
   */
  private async recover(): Promise<void> {
    this.lastRecovery = Date.now();
    const alive = this.db.engine === 'postgres' ? await this.instances.alive() : undefined;
    const recovered = await this.db.transaction((m) => this.store.recover(m, this.clock.now(), alive));
    if (recovered > 0)
      this.logger.warn(`${recovered} outbox call(s) left sending by a stop are queued again`);
  }

  /** Sets `next`, the pause before the following poll. */
  private async poll(): Promise<void> {
    let next = this.config.execution.pollMs;
    try {
      if (this.db.engine === 'postgres' && Date.now() - this.lastRecovery >= RECOVERY_MS)
        await this.recover();
      do {
        this.again = false;
        const free = this.config.execution.concurrency - this.inFlight.size;
        if (free <= 0 || !this.running) break;
        let limit = 0;
        while (limit < free && this.limiter.tryTake()) limit += 1;
        if (limit < free) next = Math.min(next, 20);
        // One transaction claims the whole batch: one commit instead of one per row.
        const now = this.clock.now();
        // Keyed by pharmacy and prescription; the claim leaves out every prescription in flight here.
        const exclude = [...new Set([...this.inFlight.keys()].map((k) => k.slice(k.indexOf('|') + 1)))];
        const owner = this.instances.id;
        const claimed = await this.db.transaction((m) =>
          this.store.claimDue(m, { now, limit, exclude, owner }),
        );
        this.limiter.giveBack(limit - claimed.length);
        for (const row of claimed) {
          if (!this.running) continue;
          const work = this.deliver(row)
            .catch((error: unknown) => {
              this.logger.error(`outbox row ${row.id}: ${(error as Error).message}`);
            })
            .finally(() => {
              this.inFlight.delete(`${row.pharmacyId}|${row.prescriptionId}`);
              this.wake();
            });
          this.inFlight.set(`${row.pharmacyId}|${row.prescriptionId}`, work);
        }
      } while (this.again);
    } catch (error) {
      this.logger.error(`outbox poll failed: ${(error as Error).message}`);
      next = Math.max(next, 500);
    }
    this.next = next;
  }

  /** Sends one claimed row and records the outcome. */
  private async deliver(row: OutboxExecutionEntity): Promise<void> {
    const attempts = row.attempts; // this attempt included (counted by the claim)
    let outcome: { ack: Acknowledgement } | { error: unknown };
    try {
      outcome = { ack: await this.send(row) };
    } catch (error) {
      outcome = { error };
    }
    await this.persist(row, attempts, outcome);
  }

  /** Sent as the row's pharmacy: its FINESS and AM number sign the call (the sequence is that pharmacy's). */
  private send(row: OutboxExecutionEntity): Promise<Acknowledgement> {
    const { prescriptionId, sequence, payload } = row;
    const teleservice = this.teleservice.as(this.pharmacies.identity(row.pharmacyId));
    if (row.kind === 'post-invoice') {
      return teleservice.updateAfterInvoicing(prescriptionId, sequence, payload as unknown as InvoiceUpdate);
    }
    if (row.kind === 'cancellation') {
      return teleservice.cancelExecution(prescriptionId, sequence, payload as unknown as Cancellation);
    }
    return teleservice.recordExecution(prescriptionId, sequence, payload as unknown as ExecutionPayload);
  }

  /** Writes the outcome; a write that fails (disk, lock) is tried again so that no row stays `sending`. */
  private async persist(
    row: OutboxExecutionEntity,
    attempts: number,
    outcome: { ack: Acknowledgement } | { error: unknown },
  ): Promise<void> {
    for (let i = 0; ; i += 1) {
      try {
        await this.write(row, attempts, outcome);
        return;
      } catch (error) {
        this.logger.error(`outbox row ${row.id}: cannot record the outcome: ${(error as Error).message}`);
        if (!this.running && i >= 3) return; // left `sending`: queued again at the next start
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** i)));
      }
    }
  }

  /** The outcome, through the group commit: an acknowledgement and its dispensation's state together. */
  private async write(
    row: OutboxExecutionEntity,
    attempts: number,
    outcome: { ack: Acknowledgement } | { error: unknown },
  ): Promise<void> {
    const now = this.clock.now();
    const view = {
      executionId: row.id,
      prescriptionId: row.prescriptionId,
      sequence: row.sequence,
      kind: row.kind,
    };
    if ('ack' in outcome) {
      // The insurers' report is queued with the acknowledgement: no report lost, none for a call not done.
      const report =
        row.kind === 'execution' && this.oct.enabled ? await this.octReport(row, outcome.ack) : undefined;
      const { acknowledged, advanced } = await this.commits.run(async (m) => {
        const acknowledged = await this.store.acknowledge(m, row.id, { ...outcome.ack }, now);
        if (acknowledged && report) await this.octReports.append(m, row.pharmacyId, report, now);
        // The LGO may invoice once the execution is acknowledged (API.md § Executions and invoicing).
        const advanced =
          acknowledged &&
          row.kind === 'execution' &&
          !!row.dispensationId &&
          (await this.dispensations.advanceIn(m, row.dispensationId, 'validated', 'acknowledged'));
        return { acknowledged, advanced };
      });
      if (acknowledged && report) this.oct.wake();
      if (acknowledged) {
        const terminalId = await this.terminalOf(row);
        this.events.publish(
          'execution-acknowledged',
          { ...view, acknowledgement: outcome.ack },
          terminalId,
          row.pharmacyId,
        );
      }
      if (advanced) this.announce(row.dispensationId!);
      return;
    }
    const { transient, lastError } = classifyFailure(outcome.error);
    if (transient) {
      // `attempts` counts this one: the failures in a row so far, less one for the first retry's delay.
      const delay = backoffDelay(attempts - 1, outboxBackoff(this.config.execution.backoffMs));
      const due = new Date(now.getTime() + delay);
      await this.commits.run((m) => this.store.requeue(m, row.id, 'sending', due, lastError, now));
      return;
    }
    if (await this.commits.run((m) => this.store.park(m, row.id, lastError, now))) {
      this.logger.warn(`outbox ${row.prescriptionId}#${row.sequence} parked: ${lastError}`);
      this.events.publish(
        'execution-parked',
        { ...view, lastError },
        await this.terminalOf(row),
        row.pharmacyId,
      );
    }
  }

  /** The OCT report of an execution just acknowledged, from its payload and the prescription's copy. */
  private async octReport(row: OutboxExecutionEntity, ack: Acknowledgement): Promise<OctReport | undefined> {
    const prescription = await this.prescriptions.stored(row.pharmacyId, row.prescriptionId);
    if (!prescription) {
      this.logger.warn(`outbox ${row.prescriptionId}#${row.sequence}: no prescription copy, no OCT report`);
      return undefined;
    }
    return buildOctReport({
      executionId: row.id,
      prescriptionId: row.prescriptionId,
      sequence: row.sequence,
      payload: row.payload as unknown as ExecutionPayload,
      ack,
      prescription,
    });
  }

  /** The terminal an event about this call goes to (its dispensation's): no other counter sees it. */
  private async terminalOf(row: OutboxExecutionEntity): Promise<string | undefined> {
    if (!row.dispensationId) return undefined;
    return this.dispensations
      .ownerOf(row.dispensationId)
      .then((o) => o.terminalId)
      .catch(() => undefined);
  }

  /** The dispensation's new state to its terminal, off the delivery path (it reconciles the lines). */
  private announce(dispensationId: string): void {
    const done: Promise<void> = this.dispensations
      .announce(dispensationId)
      .catch((error: unknown) => this.logger.warn(`announce ${dispensationId}: ${(error as Error).message}`))
      .finally(() => this.announcing.delete(done));
    this.announcing.add(done);
  }
}
