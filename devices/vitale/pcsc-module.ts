// The slice of @pokusew/pcsclite the bridge uses, its lazy loading, the pcscd probe and PC/SC error mapping.
import type { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import { VitaleError, type VitaleErrorCode } from './vitale-error';

export interface PcscReaderStatus {
  state: number;
  atr?: Buffer;
}

/** A reader as @pokusew/pcsclite gives it (`CardReader`); the constants are pcsc-lite's. */
export interface PcscReader extends EventEmitter {
  readonly name: string;
  readonly connected: boolean;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_LEAVE_CARD: number;
  connect(
    options: { share_mode: number; protocol?: number },
    cb: (err: unknown, protocol: number) => void,
  ): void;
  disconnect(disposition: number, cb: (err: unknown) => void): void;
  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    cb: (err: unknown, response: Buffer) => void,
  ): void;
  close(): void;
}

/** The PC/SC context (`PCSCLite`): emits `reader` (PcscReader) and `error`. */
export interface PcscContext extends EventEmitter {
  close(): void;
}

/** `require('@pokusew/pcsclite')`: creates a context. Careful: the real one spins while pcscd is absent. */
export type PcscFactory = () => PcscContext;

/** Loads the native module on first use; a missing module or library is a clean `PCSC_UNAVAILABLE`. */
export function loadPcscLite(): PcscFactory {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@pokusew/pcsclite') as PcscFactory;
  } catch (err) {
    throw new VitaleError(
      'PCSC_UNAVAILABLE',
      '@pokusew/pcsclite could not be loaded: it needs Debian libpcsclite-dev at build time and pcscd to run',
      { cause: err },
    );
  }
}

/** pcsc-lite's client socket (PCSCLITE_CSOCK_NAME overrides it, as in libpcsclite). */
export const defaultPcscdSocket = (): string => process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';

/** Resolves true when pcscd accepts a connection on its Unix socket (a stale socket file refuses). */
export function probePcscdSocket(path = defaultPcscdSocket(), timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The default probe: the socket on Linux; elsewhere (WinSCard, macOS) the service is always there. */
export const defaultDaemonProbe = (): Promise<boolean> =>
  process.platform === 'linux' ? probePcscdSocket() : Promise.resolve(true);

/** The PC/SC return code in a pcsclite error message ("…(0x80100069)"), if any. */
export function pcscReturnCode(err: unknown): number | undefined {
  const m = /\(0x([0-9a-f]{8})\)/i.exec(err instanceof Error ? err.message : String(err));
  return m ? parseInt(m[1], 16) : undefined;
}

const BY_RETURN_CODE: Record<number, VitaleErrorCode> = {
  0x80100069: 'CARD_REMOVED', // SCARD_W_REMOVED_CARD
  0x8010000c: 'CARD_REMOVED', // SCARD_E_NO_SMARTCARD
  0x80100068: 'CARD_RESET', // SCARD_W_RESET_CARD: another application reset it
  0x8010000b: 'READER_BUSY', // SCARD_E_SHARING_VIOLATION: someone holds it exclusively
  0x80100009: 'READER_NOT_FOUND', // SCARD_E_UNKNOWN_READER
  0x80100017: 'READER_NOT_FOUND', // SCARD_E_READER_UNAVAILABLE
  0x8010001d: 'PCSCD_DOWN', // SCARD_E_NO_SERVICE
  0x8010001e: 'PCSCD_DOWN', // SCARD_E_SERVICE_STOPPED
  0x80100013: 'PCSCD_DOWN', // SCARD_F_COMM_ERROR: RPC transport to pcscd broken
};

/** Maps a pcsclite error to a VitaleError; unknown codes fall back to `fallback`. */
export function pcscError(err: unknown, operation: string, fallback: VitaleErrorCode): VitaleError {
  if (err instanceof VitaleError) return err;
  const rc = pcscReturnCode(err);
  const code = (rc !== undefined && BY_RETURN_CODE[rc]) || fallback;
  const detail = err instanceof Error ? err.message : String(err);
  return new VitaleError(code, `${operation}: ${detail}`, { cause: err });
}
