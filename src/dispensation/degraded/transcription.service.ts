import { personActor } from '../../core/audit/audit-chain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import { Clock } from '../../core/clock/clock';
import { Database } from '../../core/database/database';
import { notifyOutboxAppended } from '../../core/outbox/outbox.events';
import type { Operator } from '../../core/terminals/terminals.service';
import { PrescriptionService } from '../../prescription/prescription.service';
import type { PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import type { DispensationEntity } from '../dispensation.entity';
import { DispensationRepository } from '../dispensation.repository';
import { DispensationException } from '../dispensation.exception';
import { dispensationClosed, DispensationService } from '../dispensation.service';
import type { DispensationView } from '../dispensation.view';
import type { TranscribeLinesDto, TranscribedLineDto } from '../dto/transcription.dto';
import { ActsService } from '../acts.service';
import { DegradedRepository } from './degraded.repository';
import { DISPENSATION_DETAILS } from '../error-messages';

const NAMES: Record<PrescriptionLine['kind'], (keyof PrescriptionLine['product'])[]> = {
  medication: ['cis', 'cip13', 'dc'],
  device: ['lpp', 'code'],
  magistral: ['label'],
};

/** A transcribed line as the seed format has it: the product named as its kind requires (422 otherwise). */
function toLine(dto: TranscribedLineDto, lineId: string): PrescriptionLine {
  if (!NAMES[dto.kind].some((k) => dto.product[k] !== undefined)) {
    throw new DispensationException(
      'TRANSCRIPTION_LINE_INVALID',
      DISPENSATION_DETAILS.TRANSCRIPTION_LINE_INVALID.productNamed({
        kind: dto.kind,
        names: NAMES[dto.kind].join(', '),
      }),
    );
  }
  const line = JSON.parse(JSON.stringify({ ...dto, lineId })) as PrescriptionLine;
  return line;
}

/**
 * Degraded mode at the counter (API.md § Dispensations): the pharmacist transcribes the paper's lines on a
 * dispensation opened without the teleservice, and confirms a transcription that differs from the
 * teleservice's prescription once it is retrieved; a validated one's held execution is then queued.
 */
@Injectable()
export class TranscriptionService {
  private readonly logger = new Logger(TranscriptionService.name);

  constructor(
    private readonly dispensations: DispensationService,
    private readonly prescriptions: PrescriptionService,
    private readonly acts: ActsService,
    private readonly audit: AuditService,
    private readonly db: Database,
    private readonly degraded: DegradedRepository,
    private readonly rows: DispensationRepository,
    private readonly emitter: EventEmitter2,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** `POST …/lines`: appends the paper's lines (and its date) to an open degraded dispensation. */
  async transcribe(id: string, body: TranscribeLinesDto, terminalId: string): Promise<DispensationView> {
    const operator = await this.acts.operator(terminalId);
    const retrieved = await this.dispensations
      .find(id)
      .then((d) => this.prescriptions.stored(d.pharmacyId, d.prescriptionId));
    await this.db.transaction(async (m) => {
      const d = await this.degradedOpen(m, id);
      const t = d.transcription!;
      const taken = new Set(t.lines.map((l) => l.lineId));
      let next = 1;
      const added = body.lines.map((dto) => {
        let lineId = dto.lineId;
        if (lineId === undefined) {
          while (taken.has(String(next))) next += 1;
          lineId = String(next);
        }
        if (taken.has(lineId)) {
          throw new DispensationException(
            'TRANSCRIPTION_LINE_INVALID',
            DISPENSATION_DETAILS.TRANSCRIPTION_LINE_INVALID.alreadyTranscribed({ lineId }),
          );
        }
        taken.add(lineId);
        return toLine(dto, lineId);
      });
      d.transcription = {
        ...t,
        lines: [...t.lines, ...added],
        ...(body.createdAt ? { createdAt: body.createdAt } : {}),
      };
      // Already retrieved (compared before the paper was complete): compared again with the new lines.
      if (retrieved && t.state !== 'pending')
        this.dispensations.applyRetrieval(d, retrieved, this.clock.now());
      await this.save(m, d);
      await this.audited(m, d, operator, terminalId, 'dispensation.transcribed', {
        lines: added.length,
        state: d.transcription?.state ?? 'retrieved',
      });
    });
    return this.dispensations.changed(await this.dispensations.find(id));
  }

  /** `DELETE …/lines/:lineId`: a transcribed line removed (a typing mistake), its packs left unassigned. */
  async removeLine(id: string, lineId: string, terminalId: string): Promise<DispensationView> {
    const operator = await this.acts.operator(terminalId);
    await this.db.transaction(async (m) => {
      const d = await this.degradedOpen(m, id);
      const t = d.transcription!;
      if (!t.lines.some((l) => l.lineId === lineId)) {
        throw new DispensationException(
          'LINE_UNKNOWN',
          DISPENSATION_DETAILS.LINE_UNKNOWN.notTranscribed({ lineId }),
        );
      }
      d.transcription = { ...t, lines: t.lines.filter((l) => l.lineId !== lineId) };
      await this.save(m, d);
      await this.audited(m, d, operator, terminalId, 'dispensation.transcription.line-removed', { lineId });
    });
    return this.dispensations.changed(await this.dispensations.find(id));
  }

  /**
   * `POST …/transcription/confirm` (pharmacien or préparateur; open or validated): the pharmacist stands by
   * a transcription that differs from the teleservice's prescription; TRANSCRIPTION_DIFFERS is cleared and a
   * held execution is queued, in one transaction.
   */
  async confirm(id: string, comment: string | undefined, terminalId: string): Promise<DispensationView> {
    const operator = await this.acts.operator(terminalId);
    const now = this.clock.now();
    const released = await this.db.transaction(async (m) => {
      const d = await this.dispensations.find(id, m);
      if (!d.degraded || d.transcription?.state !== 'differs') {
        throw new DispensationException(
          'TRANSCRIPTION_NOT_DIFFERENT',
          DISPENSATION_DETAILS.TRANSCRIPTION_NOT_DIFFERENT.nothingToConfirm({ id }),
        );
      }
      if (['cancelled', 'abandoned', 'paper'].includes(d.status)) throw dispensationClosed(d);
      d.transcription = {
        ...d.transcription,
        state: 'confirmed',
        confirmed: { by: operator.rpps, at: now.toISOString(), ...(comment ? { comment } : {}) },
      };
      d.issues = d.issues.filter((i) => i.code !== 'TRANSCRIPTION_DIFFERS');
      await this.rows.update(m, d.id, {
        transcription: d.transcription,
        issues: d.issues,
        updatedAt: now,
      });
      const released = await this.degraded.releaseHeld(m, d.id, now);
      await this.audited(m, d, operator, terminalId, 'dispensation.transcription.confirmed', {
        differences: d.transcription.differences?.length ?? 0,
        released,
      });
      return { released, prescriptionId: d.prescriptionId };
    });
    this.logger.log({ dispensationId: id, released: released.released }, 'transcription confirmed');
    if (released.released > 0) notifyOutboxAppended(this.emitter, released.prescriptionId);
    return this.dispensations.changed(await this.dispensations.find(id));
  }

  private async degradedOpen(m: EntityManager, id: string): Promise<DispensationEntity> {
    const d = await this.dispensations.findOpen(id, m);
    if (!d.degraded || !d.transcription) {
      throw new DispensationException(
        'TRANSCRIPTION_NOT_ALLOWED',
        DISPENSATION_DETAILS.TRANSCRIPTION_NOT_ALLOWED.fromTeleservice({ id }),
      );
    }
    return d;
  }

  private async save(m: EntityManager, d: DispensationEntity): Promise<void> {
    await this.rows.update(m, d.id, {
      transcription: d.transcription,
      issues: d.issues,
      degraded: d.degraded,
      updatedAt: this.clock.now(),
    });
  }

  private audited(
    m: EntityManager,
    d: DispensationEntity,
    operator: Operator,
    terminalId: string,
    action: string,
    data: Record<string, string | number | boolean | null>,
  ) {
    return this.audit.append(
      {
        action,
        actor: personActor(operator),
        terminalId,
        subject: { type: 'dispensation', id: d.id },
        data,
      },
      m,
    );
  }
}
