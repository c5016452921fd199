import type { EventEmitter2 } from '@nestjs/event-emitter';

/** Emitted after a transaction that appended outbox rows commits: the dispatcher wakes at once. */
export const OUTBOX_APPENDED = 'outbox.appended';

/** Call after the commit (not inside the transaction): the dispatcher must see the rows it is told about. */
export function notifyOutboxAppended(events: EventEmitter2, prescriptionId?: string): void {
  events.emit(OUTBOX_APPENDED, { prescriptionId });
}
