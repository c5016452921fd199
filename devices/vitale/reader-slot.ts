// One watched reader: its card state, its queue (one card session at a time) and the session itself.
import type { BridgeTransmit, CardConnection } from './bridge.types';
import type { CardHolderRecord } from './card-holder';
import { openCardSession, SerialQueue, withTimeout } from './card-session';
import { pcscError, type PcscReader } from './pcsc-module';
import { VitaleError } from './vitale-error';

// Transport failures that may just mean the card left: wait for pcscd's verdict before naming them.
const MAYBE_REMOVED = new Set(['TRANSMIT_FAILED', 'TIMEOUT', 'CARD_RESET', 'CONNECT_FAILED']);

/** Never inside pcsclite's own callbacks: its reader holds a mutex there that close() takes again (abort). */
export function closeLater(handle: { close(): void }): void {
  setImmediate(() => {
    try {
      handle.close();
    } catch {
      // already released
    }
  });
}

/**
 * Closes a pcsclite reader watcher, but only once its thread has reported a first status: pcsclite 0.6 never
 * releases the watcher's async handle (the process then never exits) when closed before its thread runs.
 */
export function retireReader(handle: PcscReader, reported: boolean): void {
  if (reported) closeLater(handle);
  else handle.once('status', () => closeLater(handle));
}

export class ReaderSlot {
  readonly queue = new SerialQueue();
  present = false;
  /** Bumped on every insertion and removal: a read only reports for the insertion it started on. */
  insertion = 0;
  /** pcsclite ended the watcher itself: closing it again is not needed. */
  ended = false;
  /** The watcher thread has reported a status (see retireReader). */
  reported = false;
  atr?: Buffer;
  holder?: CardHolderRecord;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly handle: PcscReader,
    /** Why this slot can no longer be used (reader gone, pcscd down, bridge closed); undefined while it can. */
    private readonly gone: () => VitaleError | undefined,
    private readonly removalGraceMs: number,
  ) {}

  /** A card came or went. */
  changed(): void {
    this.insertion++;
    for (const wake of [...this.waiters]) wake();
  }

  /** Queues `fn` for a session on the card now present. */
  run<T>(fn: (transmit: BridgeTransmit, card: CardConnection) => Promise<T>, timeoutMs: number): Promise<T> {
    return this.queue.run(() => this.session(fn, timeoutMs));
  }

  /** Connect SHARED, run, disconnect leaving the card; transport errors classified. Call it from the queue. */
  async session<T>(
    fn: (transmit: BridgeTransmit, card: CardConnection) => Promise<T>,
    timeoutMs: number,
  ): Promise<T> {
    const gone = this.gone();
    if (gone) throw gone;
    if (!this.present) throw new VitaleError('NO_CARD', `no card in "${this.name}"`);
    const insertion = this.insertion;
    const started = Date.now();
    let session;
    try {
      session = await openCardSession(this.handle, timeoutMs);
    } catch (err) {
      throw await this.classify(insertion, err);
    }
    const card: CardConnection = { reader: this.name, protocol: session.protocol, atr: this.atr };
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    const timeout = (): VitaleError => new VitaleError('TIMEOUT', `card session over ${timeoutMs} ms`);
    try {
      return await withTimeout(fn(session.transmit, card), left, timeout);
    } catch (err) {
      throw err instanceof VitaleError ? await this.classify(insertion, err) : err;
    } finally {
      await session.close();
    }
  }

  /** A failed exchange on a card that pcscd then reports gone is CARD_REMOVED, whatever pcsclite said. */
  private async classify(insertion: number, err: unknown): Promise<VitaleError> {
    const error = pcscError(err, 'card session', 'TRANSMIT_FAILED');
    if (error.code === 'CARD_REMOVED' || !MAYBE_REMOVED.has(error.code)) return error;
    if (!(await this.waitForChange(insertion))) return error;
    return new VitaleError('CARD_REMOVED', `card removed from "${this.name}" during the exchange`, {
      cause: error,
    });
  }

  private waitForChange(insertion: number): Promise<boolean> {
    const changed = (): boolean => this.insertion !== insertion || this.gone() !== undefined;
    if (changed()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (changed()) finish(true);
      };
      const finish = (result: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(result);
      };
      const timer = setTimeout(() => finish(false), this.removalGraceMs);
      this.waiters.add(check);
    });
  }
}
