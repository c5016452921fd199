import type { CardHolderRecord } from '../../devices/vitale/card-holder';

/** Emitted (EventEmitter2, emitAsync) when a card is read at a terminal; the counter attaches it. */
export const CARD_INSERTED = 'patient.card-inserted';

export interface CardInsertedEvent {
  terminalId: string;
  holder: CardHolderRecord;
}
