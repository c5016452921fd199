import type { EventEmitter } from 'node:events';
import type { BackoffOptions, DeviceLogger } from '../scanner/types';
import type { Transmit } from './apdu';
import type { CardHolderRecord } from './card-holder';
import type { PcscFactory } from './pcsc-module';
import type { VitaleError } from './vitale-error';

/**
 * `starting`: loading the module / first connection; `watching`: connected to pcscd; `pcscd-down`: retrying
 * with backoff; `unavailable`: the native module cannot load (permanent); `closed`: after close().
 */
export type BridgeStatus = 'stopped' | 'starting' | 'watching' | 'pcscd-down' | 'unavailable' | 'closed';

export interface VitaleBridgeEvents {
  'reader-added': [event: { reader: string }];
  'reader-removed': [event: { reader: string }];
  /** A card was inserted and read. Holds patient data: never log it at info level. */
  'card-inserted': [event: { reader: string; holder: CardHolderRecord; atr?: string }];
  /** A card went away (also after a failed read, and for every present card when pcscd goes down). */
  'card-removed': [event: { reader: string }];
  status: [event: { status: BridgeStatus; error?: VitaleError }];
  /** Emitted only while someone listens (an unheard `error` would throw); always logged at warn. */
  error: [event: { reader?: string; error: VitaleError }];
}

/** The card as the bridge connected to it, for `withCard` callbacks. */
export interface CardConnection {
  reader: string;
  atr?: Buffer;
  /** The protocol pcscd negotiated (pcsc-lite's SCARD_PROTOCOL_T0 = 1, T1 = 2). */
  protocol: number;
}

/** A transmit that also takes the largest response it accepts (default 258 bytes: 256 data + SW). */
export type BridgeTransmit = (command: Buffer, maxResponseLength?: number) => Promise<Buffer>;

export interface ReaderSnapshot {
  reader: string;
  cardPresent: boolean;
  /** The last successful read of the card now present. Patient data. */
  holder?: CardHolderRecord;
}

/** The bridge as its users see it: the service's adapter, or an LGO in the same process. */
export interface VitaleBridge extends EventEmitter<VitaleBridgeEvents> {
  readonly status: BridgeStatus;
  /** Starts watching; problems come as `status`/`error` events, never as a throw. */
  start(): void;
  /** Stops watching and retrying, waits (bounded) for running card sessions, releases every handle. */
  close(): Promise<void>;
  readers(): ReaderSnapshot[];
  /** Reads the card in `reader` again with the profile, in turn with other users of the reader. */
  readCard(reader: string): Promise<CardHolderRecord>;
  /**
   * Runs `fn` with the card in `reader` connected SHARED, alone: the bridge's own reads and other `withCard`
   * calls wait until it settles. The LGO's billing runs its APDUs here (or just holds the reader while its
   * SESAM-Vitale component works). Transport problems reject with a VitaleError (CARD_REMOVED, NO_CARD…);
   * errors thrown by `fn` pass through unchanged. The card is left powered (SCARD_LEAVE_CARD) afterwards.
   */
  withCard<T>(
    reader: string,
    fn: (transmit: BridgeTransmit, card: CardConnection) => Promise<T>,
    options?: { timeoutMs?: number },
  ): Promise<T>;
}

/** Options of the PC/SC bridge (`devices/vitale/pcsc-bridge.ts`). */
export interface PcscBridgeOptions {
  /** Returns the pcsclite factory; default: `@pokusew/pcsclite`, required on first start. Tests inject a fake. */
  loadPcsc?: () => PcscFactory;
  /** Resolves true when pcscd is reachable; default: its Unix socket on Linux. Checked before every context. */
  daemonProbe?: () => Promise<boolean>;
  /** Which readers the bridge owns (default: all). A CPS reader can be left out here. */
  readerFilter?: (reader: string) => boolean;
  /** Reads a card on insertion (default: `readVitale2`). */
  readCard?: (transmit: Transmit) => Promise<CardHolderRecord>;
  /** Bound on one insertion read, connect included (default 10 000 ms). */
  readTimeoutMs?: number;
  /** Default bound on a `withCard` call (default 30 000 ms). */
  withCardTimeoutMs?: number;
  /** After a failed exchange, how long to wait for pcscd to report the card gone before calling it a
   * transmit error rather than CARD_REMOVED (default 1500 ms; pcscd polls some readers every 400 ms). */
  removalGraceMs?: number;
  /** Retry delays while pcscd is down (default 200 ms doubling to 5 s). */
  backoff?: Partial<BackoffOptions>;
  logger?: DeviceLogger;
}
