import { Not, type EntityManager } from 'typeorm';
import { OutboxExecutionEntity } from '../core/outbox/outbox-execution.entity';
import { DispensationEntity } from '../dispensation/dispensation.entity';

/**
 * The cancellation's reads and writes (ARCHITECTURE.md § Data), in the caller's transaction: the call a
 * cancellation targets, the live cancellation already queued for it, and the dispensation it closes.
 */
export class CancellationRepository {
  constructor(private readonly m: EntityManager) {}

  call(id: string): Promise<OutboxExecutionEntity | null> {
    return this.m.findOneBy(OutboxExecutionEntity, { id });
  }

  /** The cancellation (not itself cancelled) that names this number of the prescription, if any. */
  liveCancellationOf(prescriptionId: string, sequence: number): Promise<OutboxExecutionEntity | null> {
    return this.m.findOneBy(OutboxExecutionEntity, {
      prescriptionId,
      kind: 'cancellation',
      cancels: sequence,
      status: Not('cancelled'),
    });
  }

  /** The cancellation that took over this call's own number (a call never recorded), if any. */
  replacementOf(call: Pick<OutboxExecutionEntity, 'prescriptionId' | 'sequence'>) {
    return this.m.findOneBy(OutboxExecutionEntity, {
      prescriptionId: call.prescriptionId,
      sequence: call.sequence,
      kind: 'cancellation',
      cancels: call.sequence,
    });
  }

  /** parked → cancelled (guarded), for a call whose number the teleservice holds. */
  async cancelParked(id: string, now: Date): Promise<boolean> {
    const { affected } = await this.m.update(
      OutboxExecutionEntity,
      { id, status: 'parked' },
      { status: 'cancelled', updatedAt: now },
    );
    return (affected ?? 0) === 1;
  }

  dispensation(id: string): Promise<DispensationEntity | null> {
    return this.m.findOneBy(DispensationEntity, { id });
  }

  /** The dispensation → cancelled, from one of `from` (guarded); whether it moved. */
  async closeDispensation(
    id: string,
    from: DispensationEntity['status'],
    closure: NonNullable<DispensationEntity['closure']>,
    now: Date,
  ): Promise<boolean> {
    const { affected } = await this.m.update(
      DispensationEntity,
      { id, status: from },
      { status: 'cancelled', closure, updatedAt: now },
    );
    return (affected ?? 0) === 1;
  }
}
