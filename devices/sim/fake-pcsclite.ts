// A stand-in for @pokusew/pcsclite with no pcscd: readers, cards (VitaleCardModel or any SimulatedCard),
// pcscd dying and coming back. Events and error messages follow what the real module gives (checked against
// pcscd 1.9.9 + vpcd), so the bridge's reading pipeline runs the same code in unit tests and in `sim` mode.
import { EventEmitter } from 'node:events';
import type { PcscContext, PcscFactory, PcscReader } from '../vitale/pcsc-module';

/** A card the fake reader can hold. */
export interface SimulatedCard {
  readonly atr: Buffer;
  transmit(apdu: Buffer): Promise<Buffer>;
  reset?(): void;
}

const STATE = { EMPTY: 0x10, PRESENT: 0x20, CHANGED: 0x02, MUTE: 0x200 };
const pcscFailure = (call: string, text: string, code: number): Error =>
  new Error(`${call} error: ${text}.(0x${code.toString(16).padStart(8, '0')})`);
const removedError = (): Error => pcscFailure('SCardTransmit', 'Card was removed', 0x80100069);
const transportError = (): Error => pcscFailure('SCardGetStatusChange', 'RPC transport error', 0x80100013);

interface Slot {
  card?: SimulatedCard;
  mute: boolean;
  /** Bumped when the card leaves: an exchange that started before answers "removed". */
  epoch: number;
}

class FakeReader extends EventEmitter implements PcscReader {
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_EMPTY = STATE.EMPTY;
  readonly SCARD_STATE_PRESENT = STATE.PRESENT;
  readonly SCARD_STATE_MUTE = STATE.MUTE;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_UNPOWER_CARD = 2;
  connected = false;
  closed = false;
  private epoch = -1;

  constructor(
    readonly name: string,
    private readonly owner: FakePcscLite,
  ) {
    super();
  }

  connect(options: { share_mode: number }, cb: (err: unknown, protocol: number) => void): void {
    setImmediate(() => {
      this.owner.connects.push({ reader: this.name, shareMode: options.share_mode });
      const slot = this.owner.slotOf(this.name);
      if (!this.owner.daemonUp)
        return cb(pcscFailure('SCardConnect', 'Service not available', 0x8010001d), 0);
      if (!slot?.card) return cb(pcscFailure('SCardConnect', 'No smart card inserted', 0x8010000c), 0);
      this.connected = true;
      this.epoch = slot.epoch;
      cb(null, this.SCARD_PROTOCOL_T0);
    });
  }

  disconnect(disposition: number, cb: (err: unknown) => void): void {
    setImmediate(() => {
      this.owner.disconnects.push(disposition);
      this.connected = false;
      cb(null);
    });
  }

  transmit(
    data: Buffer,
    resLen: number,
    _protocol: number,
    cb: (err: unknown, response: Buffer) => void,
  ): void {
    const slot = this.owner.slotOf(this.name);
    if (!this.connected) return cb(new Error('Card Reader not connected'), Buffer.alloc(0));
    const card = slot?.card;
    // As in PC/SC, a handle dies with the card it was opened on, even if another card is in the slot now.
    if (!slot || !card || slot.epoch !== this.epoch) {
      setImmediate(() => cb(removedError(), Buffer.alloc(0)));
      return;
    }
    const epoch = slot.epoch;
    card.transmit(Buffer.from(data)).then(
      (response) => {
        if (!this.owner.daemonUp)
          cb(pcscFailure('SCardTransmit', 'RPC transport error', 0x80100013), Buffer.alloc(0));
        else if (slot.epoch !== epoch) cb(removedError(), Buffer.alloc(0));
        else cb(null, response.subarray(0, resLen));
      },
      (err: unknown) => cb(err, Buffer.alloc(0)),
    );
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    setImmediate(() => this.emit('end'));
  }

  /** Reports the slot's state the way pcsclite's status thread does. */
  report(slot: Slot | undefined): void {
    if (this.closed) return;
    const state = slot?.card
      ? STATE.PRESENT | STATE.CHANGED | (slot.mute ? STATE.MUTE : 0)
      : STATE.EMPTY | STATE.CHANGED;
    setImmediate(
      () => !this.closed && this.emit('status', slot?.card ? { state, atr: slot.card.atr } : { state }),
    );
  }
}

class FakeContext extends EventEmitter implements PcscContext {
  closed = false;
  readonly handles: FakeReader[] = [];

  close(): void {
    this.closed = true;
  }
}

export class FakePcscLite {
  daemonUp = true;
  /** Every connect the bridge made, with its share mode (2 = SHARED). */
  readonly connects: Array<{ reader: string; shareMode: number }> = [];
  /** Every disconnect disposition (0 = LEAVE_CARD). */
  readonly disconnects: number[] = [];
  readonly factory: PcscFactory = () => this.open();
  readonly probe = (): Promise<boolean> => Promise.resolve(this.daemonUp);
  private readonly slots = new Map<string, Slot>();
  private readonly contexts: FakeContext[] = [];

  constructor(readers: string[] = ['Fake Reader 00 00']) {
    for (const name of readers) this.slots.set(name, { mute: false, epoch: 0 });
  }

  slotOf(name: string): Slot | undefined {
    return this.slots.get(name);
  }

  addReader(name: string): void {
    this.slots.set(name, { mute: false, epoch: 0 });
    for (const ctx of this.live()) this.announce(ctx, name);
  }

  removeReader(name: string): void {
    this.remove(name);
    this.slots.delete(name);
    for (const ctx of this.live()) ctx.handles.filter((h) => h.name === name).forEach((h) => h.close());
  }

  insert(name: string, card: SimulatedCard, options: { mute?: boolean } = {}): void {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`no fake reader "${name}"`);
    card.reset?.();
    Object.assign(slot, { card, mute: options.mute ?? false });
    this.handlesOf(name).forEach((h) => h.report(slot));
  }

  remove(name: string): void {
    const slot = this.slots.get(name);
    if (!slot?.card) return;
    slot.card = undefined;
    slot.epoch++;
    this.handlesOf(name).forEach((h) => h.report(slot));
  }

  /** pcscd dies: every watcher errors and ends, the context errors, new contexts cannot be made. */
  killDaemon(): void {
    this.daemonUp = false;
    for (const ctx of this.live()) {
      ctx.closed = true;
      for (const h of ctx.handles.filter((x) => !x.closed)) {
        h.emit('error', transportError());
        h.close();
      }
      setImmediate(() => ctx.emit('error', transportError()));
    }
  }

  startDaemon(): void {
    this.daemonUp = true;
  }

  private open(): PcscContext {
    if (!this.daemonUp) throw pcscFailure('SCardEstablishContext', 'Service not available', 0x8010001d);
    const ctx = new FakeContext();
    this.contexts.push(ctx);
    setImmediate(() => [...this.slots.keys()].forEach((name) => this.announce(ctx, name)));
    return ctx;
  }

  private announce(ctx: FakeContext, name: string): void {
    if (ctx.closed) return;
    const handle = new FakeReader(name, this);
    ctx.handles.push(handle);
    ctx.emit('reader', handle);
    handle.report(this.slots.get(name));
  }

  private live(): FakeContext[] {
    return this.contexts.filter((c) => !c.closed);
  }

  private handlesOf(name: string): FakeReader[] {
    return this.live().flatMap((c) => c.handles.filter((h) => h.name === name && !h.closed));
  }
}
