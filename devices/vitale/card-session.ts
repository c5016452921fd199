// Promise wrappers over one pcsclite reader: a SHARED connection, transmit, disconnect leaving the card powered.
import type { BridgeTransmit } from './bridge.types';
import { pcscError, type PcscReader } from './pcsc-module';
import { VitaleError } from './vitale-error';

const noop = (): void => undefined;

/** Runs tasks one after the other (one per reader: pcsclite keeps one card handle per reader object). */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(noop, noop);
    return result;
  }

  idle(): Promise<void> {
    return this.tail;
  }
}

/** Rejects with `onTimeout()` if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** 256 data bytes + SW1 SW2: the largest short response. */
export const SHORT_RESPONSE_MAX = 258;

export class CardSession {
  private open = true;

  constructor(
    private readonly reader: PcscReader,
    readonly protocol: number,
  ) {}

  /** One exchange; an empty answer (what pcscd gives when the card vanished mid-exchange) is an error. */
  readonly transmit: BridgeTransmit = (command, maxResponseLength = SHORT_RESPONSE_MAX) =>
    new Promise((resolve, reject) => {
      if (!this.open) {
        reject(new VitaleError('TRANSMIT_FAILED', 'transmit used after its card session ended'));
        return;
      }
      this.reader.transmit(command, maxResponseLength, this.protocol, (err, response) => {
        if (err) reject(pcscError(err, 'transmit', 'TRANSMIT_FAILED'));
        else if (!response?.length) reject(new VitaleError('TRANSMIT_FAILED', 'transmit: empty response'));
        else resolve(response);
      });
    });

  /** Disconnects leaving the card powered (the LGO shares it); bounded, never throws. */
  async close(timeoutMs = 2000): Promise<void> {
    this.open = false;
    await disconnect(this.reader, timeoutMs).catch(noop);
  }
}

function disconnect(reader: PcscReader, timeoutMs: number): Promise<void> {
  const done = new Promise<void>((resolve, reject) =>
    reader.disconnect(reader.SCARD_LEAVE_CARD, (err) =>
      err ? reject(pcscError(err, 'disconnect', 'TRANSMIT_FAILED')) : resolve(),
    ),
  );
  return withTimeout(done, timeoutMs, () => new VitaleError('TIMEOUT', 'disconnect did not return'));
}

/** Connects SHARED (T=0 or T=1), never exclusive: the LGO's SESAM-Vitale billing uses the same reader. */
export async function openCardSession(reader: PcscReader, timeoutMs: number): Promise<CardSession> {
  // A handle left over by a disconnect that failed: pcsclite would otherwise reuse it without a protocol.
  if (reader.connected) await disconnect(reader, timeoutMs).catch(noop);
  const connecting = new Promise<number>((resolve, reject) =>
    reader.connect(
      {
        share_mode: reader.SCARD_SHARE_SHARED,
        protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1,
      },
      (err, protocol) => (err ? reject(pcscError(err, 'connect', 'CONNECT_FAILED')) : resolve(protocol)),
    ),
  );
  const protocol = await withTimeout(
    connecting,
    timeoutMs,
    () => new VitaleError('TIMEOUT', 'connect timed out'),
  );
  return new CardSession(reader, protocol);
}
