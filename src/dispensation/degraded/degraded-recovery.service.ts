import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '../../core/audit/audit.service';
import { Clock } from '../../core/clock/clock';
import type { AppConfig } from '../../core/config/config.schema';
import { APP_CONFIG } from '../../core/config/config.tokens';
import { Database } from '../../core/database/database';
import { notifyOutboxAppended } from '../../core/outbox/outbox.events';
import { OutboxWriter } from '../../core/outbox/outbox.writer';
import { FetchedPrescription, PrescriptionService } from '../../prescription/prescription.service';
import type { DispensationEntity } from '../dispensation.entity';
import { DispensationRepository } from '../dispensation.repository';
import { DispensationService } from '../dispensation.service';
import { DegradedRepository } from './degraded.repository';
import type { Transcription } from './transcription';

const HOUR_MS = 3_600_000;
/** Statuses whose held execution goes unsent when the window passes (an open one has none yet). */
const TO_PAPER: DispensationEntity['status'][] = ['validated', 'invoiced'];

/**
 * Degraded mode's second half (API.md § Dispensations): every `teleservice.degradedCheckMs` the
 * prescriptions of dispensations opened without the teleservice are retrieved again. Retrieved, the
 * transcription is compared with the teleservice's lines: equal, a held execution is queued; different,
 * TRANSCRIPTION_DIFFERS until the pharmacist confirms. Still unreachable `teleservice.degradedWindowHours`
 * after it opened, a validated dispensation becomes `paper` (invoiced as paper, SCOR) and its unsent calls
 * are cancelled, each number given to a cancellation so the sequence keeps no gap.
 */
@Injectable()
export class DegradedRecovery implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('degraded');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly degraded: DegradedRepository,
    private readonly rows: DispensationRepository,
    private readonly prescriptions: PrescriptionService,
    private readonly dispensations: DispensationService,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditService,
    private readonly emitter: EventEmitter2,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.check()
        .catch((err: unknown) => this.logger.error(`degraded check failed: ${(err as Error).message}`))
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.config.teleservice.degradedCheckMs);
    this.timer.unref();
  }

  /** One pass over the dispensations waiting for the teleservice (exposed for the tests and the bench). */
  async check(): Promise<void> {
    const waiting = await this.degraded.awaitingRetrieval(this.db.reader);
    for (const d of waiting) {
      if (this.stopped) return;
      let fetched: FetchedPrescription;
      try {
        fetched = await this.prescriptions.fetch(d.pharmacyId, d.prescriptionId);
      } catch (err) {
        await this.unreached(d, err);
        continue;
      }
      await this.retrieved(d.id, fetched);
    }
  }

  /** Compared now: the copy kept, the comparison written, a held execution queued when equal. */
  private async retrieved(id: string, fetched: FetchedPrescription): Promise<void> {
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (m) => {
      const d = await this.dispensations.find(id, m);
      await this.prescriptions.storeIn(m, fetched);
      if (d.transcription?.state !== 'pending') return undefined;
      this.dispensations.applyRetrieval(d, fetched.view, now);
      await this.rows.update(m, d.id, {
        degraded: d.degraded,
        transcription: d.transcription,
        issues: d.issues,
        updatedAt: now,
      });
      // Re-read through a wider type: applyRetrieval changed what the check above narrowed.
      const after = d.transcription as Transcription | null;
      const state = after?.state ?? 'retrieved';
      const released = state === 'equal' ? await this.degraded.releaseHeld(m, d.id, now) : 0;
      await this.audit.append(
        {
          action: 'dispensation.transcription.compared',
          actor: { kind: 'system' },
          terminalId: d.terminalId,
          pharmacyId: d.pharmacyId,
          subject: { type: 'dispensation', id: d.id },
          data: { state, differences: after?.differences?.length ?? 0, released },
        },
        m,
      );
      return { state, released, prescriptionId: d.prescriptionId };
    });
    if (!outcome) return;
    this.logger.log({ dispensationId: id, state: outcome.state }, 'transcription compared');
    if (outcome.released > 0) notifyOutboxAppended(this.emitter, outcome.prescriptionId);
    await this.dispensations.announce(id);
  }

  /** Not retrieved: noted; past the window, a validated dispensation becomes `paper`. */
  private async unreached(d: DispensationEntity, err: unknown): Promise<void> {
    const now = this.clock.now();
    const code = (err as { code?: string }).code ?? 'UNEXPECTED';
    const windowMs = this.config.teleservice.degradedWindowHours * HOUR_MS;
    const late = now.getTime() - d.createdAt.getTime() >= windowMs && TO_PAPER.includes(d.status);
    const appended = await this.db.transaction(async (m) => {
      const current = await this.dispensations.find(d.id, m);
      if (current.transcription?.state !== 'pending') return [];
      const transcription = { ...current.transcription, lastTryAt: now.toISOString(), lastError: code };
      if (!late || !TO_PAPER.includes(current.status)) {
        await this.rows.update(m, d.id, { transcription });
        return [];
      }
      const hours = this.config.teleservice.degradedWindowHours;
      const reason = `téléservice injoignable depuis ${hours} h : facturation papier (SCOR)`;
      await this.rows.update(m, d.id, {
        status: 'paper',
        transcription,
        closure: { status: 'paper', reason, at: now.toISOString() },
        updatedAt: now,
      });
      const out: number[] = [];
      for (const call of await this.degraded.unsent(m, d.id)) {
        const replaced = await this.outbox.replaceWithCancellation(m, call, call.status, reason);
        if (replaced) out.push(call.sequence);
      }
      await this.audit.append(
        {
          action: 'dispensation.paper',
          actor: { kind: 'system' },
          terminalId: d.terminalId,
          pharmacyId: d.pharmacyId,
          subject: { type: 'dispensation', id: d.id },
          data: { hours, cancelled: out.join(',') || null, lastError: code },
        },
        m,
      );
      return out;
    });
    if (!late) return;
    this.logger.warn({ dispensationId: d.id, cancelled: appended }, 'degraded dispensation turned to paper');
    if (appended.length) notifyOutboxAppended(this.emitter, d.prescriptionId);
    await this.dispensations.announce(d.id);
  }
}
