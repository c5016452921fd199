import { execFileSync } from 'node:child_process';
import { SerialScanner } from '../../devices/scanner/serial-scanner';
import type { ScanFrame, ScannerStatus } from '../../devices/scanner/types';
import { DEMO_SCANS } from '../../devices/sim/demo-scans';
import { VirtualSerialScanner } from '../../devices/sim/virtual-serial-scanner';
import { until } from '../support/until';

jest.setTimeout(20_000);

const GS = '\x1d';
const { gs1DataMatrix, prescriptionQr, ean13 } = DEMO_SCANS;

/** Collects what the driver emits and lets a test wait for the next frames or a status. */
function watch(scanner: SerialScanner) {
  const frames: ScanFrame[] = [];
  const statuses: ScannerStatus[] = [];
  scanner.on('frame', (f) => frames.push(f));
  scanner.on('status', (s) => statuses.push(s));
  const wait = (done: () => boolean, what: string) =>
    until(done, { what, timeoutMs: 8000, everyMs: 10, detail: () => `statuses: ${statuses.join(',')}` });
  return {
    frames,
    statuses,
    /** Waits until `n` more frames have come than `from`, and returns them. */
    next: async (n: number, from = frames.length): Promise<ScanFrame[]> => {
      await wait(() => frames.length >= from + n, `${n} frame(s)`);
      return frames.slice(from, from + n);
    },
    status: (wanted: ScannerStatus, from = statuses.length) =>
      wait(() => statuses.slice(from).includes(wanted), `status ${wanted}`),
  };
}

describe('SerialScanner over a real pty pair (socat)', () => {
  let sim: VirtualSerialScanner;
  let scanner: SerialScanner;
  let seen: ReturnType<typeof watch>;

  it('has socat, which this tier needs (scripts/hw-prereqs.sh installs it)', () => {
    // Fails, never skips: a hardware tier that silently does nothing proves nothing.
    expect(() => execFileSync('socat', ['-V'], { stdio: 'ignore' })).not.toThrow();
  });

  beforeAll(async () => {
    sim = await VirtualSerialScanner.start();
    scanner = new SerialScanner({
      path: sim.hostPath,
      framing: { suffix: 'CR' },
      reconnect: { initialDelayMs: 50, maxDelayMs: 300 },
      presenceCheckMs: 200,
    });
    seen = watch(scanner);
    scanner.start();
    await seen.status('connected', 0);
  });

  afterAll(async () => {
    await scanner?.close();
    await sim?.stop();
  });

  it('frames one code with its AIM symbology identifier', async () => {
    const from = seen.frames.length;
    await sim.scan(ean13.data, { symbology: ean13.aim });
    const [frame] = await seen.next(1, from);
    expect(frame.data).toBe('3400949497294');
    expect(frame.symbology).toEqual({ id: ']E0', symbology: 'ean13', gs1: false });
    expect(frame.raw.toString('latin1')).toBe(']E03400949497294');
  });

  it('keeps a GS byte inside a GS1 DataMatrix code', async () => {
    const from = seen.frames.length;
    await sim.scan(gs1DataMatrix.data, { symbology: gs1DataMatrix.aim });
    const [frame] = await seen.next(1, from);
    expect(frame.data).toBe(`01034009494972941727123110LOT4521A${GS}21SN8F3K2Q9X1`);
    expect(frame.symbology).toMatchObject({ id: ']d2', gs1: true });
  });

  it('reassembles a code written in pieces, split inside the AIM id and just before the CR', async () => {
    const from = seen.frames.length;
    const bytes = Buffer.byteLength(prescriptionQr.aim + prescriptionQr.data);
    await sim.scan(prescriptionQr.data, {
      symbology: prescriptionQr.aim,
      split: [1, 2, 40, bytes - 43],
      delayMs: 30,
    });
    const [frame] = await seen.next(1, from);
    expect(frame.data).toBe(prescriptionQr.data);
    expect(JSON.parse(frame.data)).toMatchObject({ S: { V: 2 }, D: { ID: '202106180921110040' } });
    expect(frame.symbology?.symbology).toBe('qr');
  });

  it('separates two codes that arrive in one write', async () => {
    const from = seen.frames.length;
    await sim.write(Buffer.from(`]E03400949497294\r]d2${gs1DataMatrix.data}\r`, 'latin1'));
    const frames = await seen.next(2, from);
    expect(frames.map((f) => [f.symbology?.id, f.data])).toEqual([
      [']E0', '3400949497294'],
      [']d2', gs1DataMatrix.data],
    ]);
  });

  it('sees the port vanish, reconnects by itself when it is back, and gets the next scan', async () => {
    const from = seen.statuses.length;
    await sim.vanish();
    await seen.status('disconnected', from);
    expect(scanner.status).toBe('disconnected');
    // Long enough for several failed reopen attempts (ENOENT) with backoff.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await sim.reappear();
    await seen.status('connected', from);
    const frameFrom = seen.frames.length;
    await sim.scan(ean13.data, { symbology: ean13.aim });
    const [frame] = await seen.next(1, frameFrom);
    expect(frame.data).toBe('3400949497294');
    expect(seen.statuses.slice(from)).toEqual(['disconnected', 'connected']);
  });

  it('notices a port that vanishes and comes back at once, before any reopen attempt', async () => {
    const from = seen.statuses.length;
    await sim.vanish();
    await sim.reappear();
    await seen.status('connected', from);
    const frameFrom = seen.frames.length;
    await sim.scan(gs1DataMatrix.data, { symbology: gs1DataMatrix.aim, split: [5, 5, 5] });
    const [frame] = await seen.next(1, frameFrom);
    expect(frame.data).toBe(gs1DataMatrix.data);
    expect(seen.statuses.slice(from)).toEqual(['disconnected', 'connected']);
  });
});
