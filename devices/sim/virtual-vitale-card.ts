// A virtual Carte Vitale 2 for pcscd's vpcd driver (Debian vsmartcard-vpcd): a TCP client of 127.0.0.1:35963
// ("Virtual PCD 00 00") or :35964 ("… 00 01"). Connecting is inserting the card, disconnecting removes it.
// Wire format: 2-byte big-endian length + payload; a 1-byte payload is a control (0 off, 1 on, 2 reset,
// 4 ATR, answered with the ATR); a longer one is an APDU, answered with the response APDU.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { SILENT_LOGGER, type DeviceLogger } from '../scanner/types';
import type { VitaleCardContent } from './vitale-card-image';
import { VitaleCardModel, type VitaleCardMode, type VitaleCardOptions } from './vitale-card-model';

export const VPCD_PORTS = { 'Virtual PCD 00 00': 35963, 'Virtual PCD 00 01': 35964 } as const;
const CONTROL = { POWER_OFF: 0, POWER_ON: 1, RESET: 2, GET_ATR: 4 } as const;

/** Options of the virtual card; the host is always 127.0.0.1 (vpcd listens on every interface). */
export interface VirtualVitaleCardOptions extends VitaleCardOptions {
  /** vpcd slot port (default 35963, reader "Virtual PCD 00 00"). */
  port?: number;
  /** Reconnect when pcscd drops the connection while inserted, as a card left in the reader across a pcscd
   * restart (default true). */
  stayInserted?: boolean;
  /** Delay between reconnection attempts (default 100 ms). */
  reconnectDelayMs?: number;
  logger?: DeviceLogger;
}

export class VirtualVitaleCard {
  readonly model: VitaleCardModel;
  readonly port: number;
  private readonly log: DeviceLogger;
  private socket?: Socket;
  private wanted = false;
  private retry?: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: VirtualVitaleCardOptions) {
    this.model = new VitaleCardModel(options);
    this.port = options.port ?? 35963;
    this.log = options.logger ?? SILENT_LOGGER;
  }

  /** True between insert() and remove(), even while reconnecting after pcscd went away. */
  get inserted(): boolean {
    return this.wanted;
  }

  /** True while the TCP connection to vpcd is up. */
  get connected(): boolean {
    return !!this.socket && !this.socket.destroyed;
  }

  setMode(mode: VitaleCardMode): void {
    this.model.mode = mode;
  }

  setDelay(ms: number): void {
    this.model.delayMs = ms;
  }

  setContent(content: VitaleCardContent): void {
    this.model.setContent(content);
  }

  /** Inserts the card: connects to vpcd; rejects if nothing listens (pcscd not running). */
  async insert(): Promise<void> {
    if (this.wanted) return;
    this.wanted = true;
    try {
      await this.connect();
    } catch (err) {
      this.wanted = false;
      throw new Error(
        `virtual card: nothing listens on 127.0.0.1:${this.port} (is pcscd with vpcd running?)`,
        {
          cause: err,
        },
      );
    }
  }

  /** Removes the card: closes the connection, stops reconnecting. */
  async remove(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.retry);
    this.retry = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (socket && !socket.destroyed) {
      const closed = once(socket, 'close');
      socket.destroy();
      await closed;
    }
  }

  private async connect(): Promise<void> {
    const socket = connect({ host: '127.0.0.1', port: this.port });
    socket.setNoDelay(true);
    await once(socket, 'connect');
    if (!this.wanted) {
      socket.destroy();
      return;
    }
    this.socket = socket;
    this.model.reset();
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
        const payload = buffer.subarray(2, 2 + buffer.readUInt16BE(0));
        buffer = buffer.subarray(2 + payload.length);
        this.onPayload(socket, Buffer.from(payload));
      }
    });
    socket.on('error', (err) =>
      this.log.debug('virtual card socket error', { port: this.port, error: err.message }),
    );
    socket.on('close', () => this.onClose(socket));
    this.log.debug('virtual card inserted', { port: this.port });
  }

  private onPayload(socket: Socket, payload: Buffer): void {
    // In order, one at a time: vpcd waits for each answer before sending the next command anyway.
    this.chain = this.chain
      .then(async () => {
        if (payload.length === 1) {
          if (payload[0] === CONTROL.GET_ATR) this.send(socket, this.model.atr);
          else if (payload[0] === CONTROL.POWER_ON || payload[0] === CONTROL.RESET) this.model.reset();
          return;
        }
        if (payload.length === 0) return;
        const response = await this.model.transmit(payload);
        // An empty answer would make vpcd eject the card: the model never gives one.
        this.send(socket, response);
      })
      .catch((err: unknown) => this.log.warn('virtual card failed to answer', { error: String(err) }));
  }

  private send(socket: Socket, payload: Buffer): void {
    if (socket !== this.socket || socket.destroyed) return;
    const head = Buffer.alloc(2);
    head.writeUInt16BE(payload.length);
    socket.write(Buffer.concat([head, payload]));
  }

  private onClose(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    if (!this.wanted || this.options.stayInserted === false) {
      this.wanted = false;
      return;
    }
    this.log.debug('vpcd dropped the virtual card; reconnecting', { port: this.port });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.wanted) return;
      this.connect().catch(() => this.wanted && this.scheduleReconnect());
    }, this.options.reconnectDelayMs ?? 100);
  }
}
