import type { DeviceLogger } from '../../../devices/scanner/types';
import type { CardHolderRecord } from '../../../devices/vitale/card-holder';

export interface CardReaderHandlers {
  inserted(reader: string, holder: CardHolderRecord): void;
  removed(reader: string): void;
  status(status: 'connected' | 'disconnected' | 'error', detail?: string): void;
  /** A card could not be read (garbage, removed mid-read…): the reader itself keeps working. */
  cardError(reader: string | undefined, code: string): void;
}

/**
 * Port to the Carte Vitale readers of one driver (a PC/SC bridge, or its simulation). The patient stage never
 * sees PC/SC; adapters wrap `devices/vitale`.
 */
export abstract class CardReadersPort {
  abstract readonly driver: 'pcsc' | 'sim';
  abstract start(handlers: CardReaderHandlers): void;
  abstract close(): Promise<void>;
  /**
   * Lends the card in `reader` to a caller (the LGO's billing): the APDUs are sent in order, alone on the
   * card, connected shared; the answers come back raw (data + status word).
   */
  abstract exchange(reader: string, apdus: Buffer[], timeoutMs: number): Promise<Buffer[]>;
  /** Simulated readers only: puts a card in `reader` (or takes it out with `undefined`). */
  simulate?(reader: string, card: SimulatedCardContent | undefined): Promise<void>;
}

/** The people on a simulated card: as `devices/sim`'s card image takes them. */
export interface SimulatedCardContent {
  holder: { nir?: string; lastName: string; firstNames: string[]; birthDate: string };
  beneficiaries?: { nir?: string; lastName: string; firstNames: string[]; birthDate: string }[];
}

/** Builds the readers of one driver; the module binds it to the PC/SC bridge adapter. */
export abstract class CardReadersFactory {
  /** The readers pcscd offers. */
  abstract pcsc(logger: DeviceLogger): CardReadersPort;
  /** Simulated readers of these names, driven through `simulate`. */
  abstract sim(readers: string[], logger: DeviceLogger): CardReadersPort;
}
