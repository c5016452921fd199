// The PC/SC bridge: owns the readers, reads Vitale cards on insertion, lends the card to the LGO (withCard),
// and survives pcscd restarts. @pokusew/pcsclite has no SCardBeginTransaction: access is serialised here,
// per reader, which protects against users of this bridge only (see docs/devices.md, "Carte Vitale").
import { EventEmitter } from 'node:events';
import { RetryLoop } from '../retry';
import { SILENT_LOGGER, type DeviceLogger } from '../scanner/types';
import { hex } from './apdu';
import type {
  BridgeStatus,
  BridgeTransmit,
  CardConnection,
  PcscBridgeOptions,
  ReaderSnapshot,
  VitaleBridge,
  VitaleBridgeEvents,
} from './bridge.types';
import type { CardHolderRecord } from './card-holder';
import { withTimeout } from './card-session';
import {
  defaultDaemonProbe,
  loadPcscLite,
  pcscError,
  type PcscContext,
  type PcscFactory,
  type PcscReader,
  type PcscReaderStatus,
} from './pcsc-module';
import { closeLater, ReaderSlot, retireReader } from './reader-slot';
import { readVitale2 } from './vitale2-profile';
import { VitaleError } from './vitale-error';

export class PcscBridge extends EventEmitter<VitaleBridgeEvents> implements VitaleBridge {
  private readonly log: DeviceLogger;
  private readonly loop: RetryLoop;
  private readonly probe: () => Promise<boolean>;
  private readonly slots = new Map<string, ReaderSlot>();
  private factory?: PcscFactory;
  private context?: PcscContext;
  private generation = 0;
  private current: BridgeStatus = 'stopped';

  constructor(private readonly options: PcscBridgeOptions = {}) {
    super();
    this.log = options.logger ?? SILENT_LOGGER;
    this.probe = options.daemonProbe ?? defaultDaemonProbe;
    this.loop = new RetryLoop(() => this.attach(), options.backoff);
  }

  get status(): BridgeStatus {
    return this.current;
  }

  start(): void {
    if (this.current !== 'stopped') return;
    this.setStatus('starting');
    try {
      this.factory = (this.options.loadPcsc ?? loadPcscLite)();
    } catch (err) {
      const error = pcscError(err, 'loading pcsclite', 'PCSC_UNAVAILABLE');
      this.setStatus('unavailable', error);
      this.reportError({ error });
      return;
    }
    this.loop.start();
  }

  async close(): Promise<void> {
    if (this.current === 'closed') return;
    this.setStatus('closed');
    this.loop.stop();
    const sessions = [...this.slots.values()].map((s) => s.queue.idle());
    await withTimeout(Promise.all(sessions), 3000, () => new Error('sessions still running')).catch(() => {
      this.log.warn('vitale bridge closed with card sessions still running');
    });
    this.detach(false);
    await new Promise((resolve) => setImmediate(resolve));
  }

  readers(): ReaderSnapshot[] {
    return [...this.slots.values()].map((s) => ({
      reader: s.name,
      cardPresent: s.present,
      ...(s.holder ? { holder: s.holder } : {}),
    }));
  }

  readCard(reader: string): Promise<CardHolderRecord> {
    return this.withCard(reader, (transmit) => this.profile(transmit), { timeoutMs: this.readTimeoutMs });
  }

  withCard<T>(
    reader: string,
    fn: (transmit: BridgeTransmit, card: CardConnection) => Promise<T>,
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    const state = this.slots.get(reader);
    if (this.current === 'closed')
      return Promise.reject(new VitaleError('BRIDGE_CLOSED', 'the bridge is closed'));
    if (!state) {
      if (this.current !== 'watching') {
        return Promise.reject(
          new VitaleError('PCSCD_DOWN', `pcscd is not reachable (bridge ${this.current})`),
        );
      }
      return Promise.reject(new VitaleError('READER_NOT_FOUND', `no reader named "${reader}"`));
    }
    const timeoutMs = options.timeoutMs ?? this.options.withCardTimeoutMs ?? 30_000;
    return state.run(fn, timeoutMs);
  }

  private get readTimeoutMs(): number {
    return this.options.readTimeoutMs ?? 10_000;
  }

  private profile(transmit: BridgeTransmit): Promise<CardHolderRecord> {
    return (this.options.readCard ?? readVitale2)((command) => transmit(command));
  }

  /** RetryLoop attempt: probe pcscd, then create a context (the real constructor spins if pcscd is absent). */
  private async attach(): Promise<boolean> {
    if (this.current === 'closed') return true;
    if (!(await this.probe())) {
      if (this.current !== 'pcscd-down') {
        this.setStatus('pcscd-down', new VitaleError('PCSCD_DOWN', 'pcscd is not running or not reachable'));
      }
      return false;
    }
    let context: PcscContext;
    try {
      context = this.factory!();
    } catch (err) {
      this.setStatus('pcscd-down', pcscError(err, 'establishing the PC/SC context', 'PCSCD_DOWN'));
      return false;
    }
    const generation = ++this.generation;
    this.context = context;
    context.on('reader', (handle: PcscReader) => this.onReader(generation, handle));
    context.on('error', (err: unknown) => this.onContextError(generation, err));
    this.setStatus('watching');
    this.log.info('vitale bridge watching pcscd');
    return true;
  }

  private onContextError(generation: number, err: unknown): void {
    if (generation !== this.generation || this.current === 'closed') return;
    const error = pcscError(err, 'watching readers', 'PCSCD_DOWN');
    this.setStatus('pcscd-down', error);
    this.detach(true);
    this.reportError({ error });
    this.loop.start();
  }

  private onReader(generation: number, handle: PcscReader): void {
    handle.on('error', (err: unknown) =>
      this.log.debug('reader watch error', { reader: handle.name, error: String(err) }),
    );
    const wanted = this.options.readerFilter?.(handle.name) ?? true;
    if (generation !== this.generation || this.current === 'closed' || !wanted) {
      retireReader(handle, false);
      return;
    }
    const stale = this.slots.get(handle.name);
    if (stale) this.dropReader(stale, true);
    const state: ReaderSlot = new ReaderSlot(
      handle.name,
      handle,
      () => this.unusable(state),
      this.options.removalGraceMs ?? 1500,
    );
    this.slots.set(handle.name, state);
    handle.on('status', (status: PcscReaderStatus) => this.onStatus(state, status));
    handle.on('end', () => {
      state.ended = true;
      if (this.owns(state)) this.dropReader(state, true);
    });
    this.log.info('card reader added', { reader: handle.name });
    this.emit('reader-added', { reader: handle.name });
  }

  private onStatus(state: ReaderSlot, status: PcscReaderStatus): void {
    state.reported = true;
    if (!this.owns(state)) return;
    const { SCARD_STATE_PRESENT: PRESENT, SCARD_STATE_MUTE: MUTE } = state.handle;
    const present = (status.state & PRESENT) !== 0;
    if (present && !state.present) {
      state.present = true;
      state.atr = status.atr;
      state.changed();
      if (status.state & MUTE) {
        this.reportError({
          reader: state.name,
          error: new VitaleError('CARD_ERROR', 'the card is mute (no valid ATR)'),
        });
      } else {
        this.readOnInsertion(state);
      }
    } else if (!present && state.present) {
      this.cardGone(state, true);
    }
  }

  private readOnInsertion(state: ReaderSlot): void {
    const insertion = state.insertion;
    const still = (): boolean => this.owns(state) && state.insertion === insertion;
    const started = Date.now();
    state.queue
      .run(async () => {
        if (!still()) return;
        const holder = await state.session((t) => this.profile(t), this.readTimeoutMs);
        if (!still()) return;
        state.holder = holder;
        this.log.info('carte vitale read', {
          reader: state.name,
          beneficiaries: holder.beneficiaries.length,
          ms: Date.now() - started,
        });
        this.emit('card-inserted', {
          reader: state.name,
          holder,
          ...(state.atr ? { atr: hex(state.atr) } : {}),
        });
      })
      .catch((err: unknown) => {
        // Transport errors are VitaleErrors by now; anything else came from decoding what the card sent.
        const error = pcscError(err, 'reading the card', 'BAD_CARD_DATA');
        if (still() || error.code === 'CARD_REMOVED') this.reportError({ reader: state.name, error });
      });
  }

  private cardGone(state: ReaderSlot, notify: boolean): void {
    state.present = false;
    state.holder = undefined;
    state.atr = undefined;
    state.changed();
    if (notify) {
      this.log.info('card removed', { reader: state.name });
      this.emit('card-removed', { reader: state.name });
    }
  }

  private unusable(state: ReaderSlot): VitaleError | undefined {
    if (this.current === 'closed') return new VitaleError('BRIDGE_CLOSED', 'the bridge is closed');
    if (this.slots.get(state.name) === state) return undefined;
    if (this.current !== 'watching')
      return new VitaleError('PCSCD_DOWN', `pcscd went away (bridge ${this.current})`);
    return new VitaleError('READER_NOT_FOUND', `reader "${state.name}" went away`);
  }

  private owns(state: ReaderSlot): boolean {
    return this.slots.get(state.name) === state && this.current !== 'closed';
  }

  private dropReader(state: ReaderSlot, notify: boolean): void {
    if (state.present) this.cardGone(state, notify);
    this.slots.delete(state.name);
    state.changed();
    if (!state.ended) retireReader(state.handle, state.reported);
    if (notify) {
      this.log.info('card reader removed', { reader: state.name });
      this.emit('reader-removed', { reader: state.name });
    }
  }

  /** Forgets the context and its readers (pcscd went away, or close()). */
  private detach(notify: boolean): void {
    this.generation++;
    for (const state of [...this.slots.values()]) this.dropReader(state, notify);
    if (this.context) closeLater(this.context);
    this.context = undefined;
  }

  private setStatus(status: BridgeStatus, error?: VitaleError): void {
    if (status === this.current) return;
    this.current = status;
    if (error) this.log.warn(`vitale bridge ${status}`, { code: error.code });
    this.emit('status', error ? { status, error } : { status });
  }

  private reportError(event: { reader?: string; error: VitaleError }): void {
    this.log.warn('vitale bridge error', { reader: event.reader, code: event.error.code });
    if (this.listenerCount('error') > 0) this.emit('error', event);
  }
}
