import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockBinding } from '@serialport/binding-mock';
import { SerialPortMock } from 'serialport';
import { ScannerError } from './scanner-error';
import { SerialScanner, type SerialLineOptions, type SerialScannerOptions } from './serial-scanner';
import type { ScanFrame, ScannerStatus } from './types';
import { until } from '../../test/support/until';

const PATH = '/dev/ttyMOCK0';

/** A SerialScanner over serialport's mock binding, with the ports it opened kept for the test to drive. */
function setup(options: Partial<SerialScannerOptions> = {}) {
  const ports: SerialPortMock[] = [];
  const lines: SerialLineOptions[] = [];
  const scanner = new SerialScanner({
    path: PATH,
    reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
    clock: () => 1700000000000,
    openPort: (line) => {
      lines.push(line);
      const port = new SerialPortMock({ ...line, autoOpen: false });
      ports.push(port);
      return port;
    },
    ...options,
  });
  const statuses: Array<[ScannerStatus, Error | undefined]> = [];
  const frames: ScanFrame[] = [];
  scanner.on('status', (s, e) => statuses.push([s, e]));
  scanner.on('frame', (f) => frames.push(f));
  const current = (): SerialPortMock => ports[ports.length - 1];
  const emitData = (s: string): void => current().port!.emitData(Buffer.from(s, 'latin1'));
  return { scanner, ports, lines, statuses, frames, current, emitData };
}

const status = (scanner: SerialScanner, wanted: ScannerStatus): Promise<unknown> =>
  new Promise((resolve) => {
    const listener = (s: ScannerStatus, e?: Error): void => {
      if (s !== wanted) return;
      scanner.off('status', listener);
      resolve(e);
    };
    scanner.on('status', listener);
  });

const unplug = (port: SerialPortMock): void =>
  port.close(undefined, Object.assign(new Error('Device unplugged'), { disconnected: true }));

describe('SerialScanner', () => {
  let t: ReturnType<typeof setup>;

  beforeEach(() => {
    MockBinding.reset();
    MockBinding.createPort(PATH);
  });

  afterEach(async () => {
    await t?.scanner.close();
  });

  it('opens the port with the line settings and emits framed codes', async () => {
    t = setup({ baudRate: 115200, parity: 'even', framing: { suffix: 'CRLF' } });
    t.scanner.start();
    await status(t.scanner, 'connected');
    expect(t.lines).toEqual([{ path: PATH, baudRate: 115200, dataBits: 8, stopBits: 1, parity: 'even' }]);
    t.emitData(']C1010340094949729');
    t.emitData('4\r');
    t.emitData('\n3400949497294\r\n');
    await once(t.scanner, 'frame');
    await new Promise((r) => setImmediate(r));
    expect(t.frames.map((f) => [f.symbology?.symbology, f.data, f.receivedAt])).toEqual([
      ['gs1-128', '0103400949497294', 1700000000000],
      [undefined, '3400949497294', 1700000000000],
    ]);
    expect(t.scanner.status).toBe('connected');
  });

  it('ends a code by inter-byte timeout when the scanner sends no suffix', async () => {
    t = setup({ framing: { suffix: 'none', interByteTimeoutMs: 20 } });
    t.scanner.start();
    await status(t.scanner, 'connected');
    t.emitData('3400949');
    t.emitData('497294');
    const [frame] = (await once(t.scanner, 'frame')) as [ScanFrame];
    expect(frame.data).toBe('3400949497294');
  });

  it('reports a code too long as discarded, not as a frame', async () => {
    t = setup({ framing: { maxFrameBytes: 4 } });
    t.scanner.start();
    await status(t.scanner, 'connected');
    const discarded = once(t.scanner, 'discarded');
    t.emitData('TOOLONG\rOK\r');
    expect(await discarded).toEqual([{ reason: 'oversize', size: 5, at: 1700000000000 }]);
    await new Promise((r) => setImmediate(r));
    expect(t.frames.map((f) => f.data)).toEqual(['OK']);
  });

  it('waits for a port that is absent at start, then connects when it appears', async () => {
    MockBinding.reset();
    t = setup();
    t.scanner.start();
    const error = await status(t.scanner, 'disconnected');
    expect(error).toBeInstanceOf(ScannerError);
    expect(error).toMatchObject({ code: 'DEVICE_ABSENT', retryable: true });
    await until(() => t.ports.length >= 2, {
      what: 'a second try at opening the port',
      timeoutMs: 2000,
      everyMs: 5,
    });
    expect(t.ports.length).toBeGreaterThanOrEqual(2);
    MockBinding.createPort(PATH);
    await status(t.scanner, 'connected');
    t.emitData('ABC\r');
    expect(((await once(t.scanner, 'frame')) as [ScanFrame])[0].data).toBe('ABC');
  });

  it('drops the partial code when the port vanishes, retries, and resumes when it is back', async () => {
    t = setup();
    t.scanner.start();
    await status(t.scanner, 'connected');
    t.emitData('HALF-A-CO');
    MockBinding.reset();
    const lost = status(t.scanner, 'disconnected');
    unplug(t.current());
    expect(await lost).toMatchObject({ code: 'DEVICE_LOST' });
    await new Promise((r) => setTimeout(r, 50));
    MockBinding.createPort(PATH);
    await status(t.scanner, 'connected');
    t.emitData('WHOLE\r');
    await once(t.scanner, 'frame');
    expect(t.frames.map((f) => f.data)).toEqual(['WHOLE']);
    expect(t.statuses.map(([s]) => s)).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('reports an open failure other than absence as an error status and keeps retrying', async () => {
    let attempts = 0;
    t = setup({
      openPort: (line) => {
        attempts++;
        const port = new SerialPortMock({ ...line, autoOpen: false });
        if (attempts < 3) port.open = (cb) => cb?.(new Error('EACCES: permission denied'));
        return port;
      },
    });
    t.scanner.start();
    expect(await status(t.scanner, 'error')).toMatchObject({ code: 'OPEN_FAILED' });
    await status(t.scanner, 'connected');
    expect(attempts).toBe(3);
  });

  describe('presence check (serialport misses Linux hang-ups)', () => {
    it('sees the device node go, and reopens when a node is back at the path', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'serial-scanner-spec-'));
      const node = join(dir, 'ttyACM0');
      writeFileSync(node, '');
      MockBinding.createPort(node);
      let last: SerialPortMock | undefined;
      try {
        t = setup({
          path: node,
          presenceCheckMs: 10,
          openPort: (line) => {
            const port = (last = new SerialPortMock({ ...line, autoOpen: false }));
            if (!existsSync(line.path))
              port.open = (cb) => cb?.(new Error(`ENOENT: cannot open ${line.path}`));
            return port;
          },
        });
        t.scanner.start();
        await status(t.scanner, 'connected');
        const lost = status(t.scanner, 'disconnected');
        rmSync(node);
        expect(await lost).toMatchObject({
          code: 'DEVICE_LOST',
          cause: { message: expect.stringMatching(/is gone/) },
        });
        const back = status(t.scanner, 'connected');
        writeFileSync(node, '');
        await back;
        last!.port!.emitData('BACK\r');
        expect(((await once(t.scanner, 'frame')) as [ScanFrame])[0].data).toBe('BACK');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('sees a hung-up tty through the modem-status ioctl', async () => {
      let hangUp = false;
      t = setup({
        presenceCheckMs: 10,
        openPort: (line) => {
          const port = new SerialPortMock({ ...line, autoOpen: false });
          const get = port.get.bind(port);
          port.get = (cb) => (hangUp ? cb(new Error('Input/output error, cannot get')) : get(cb));
          return port;
        },
      });
      t.scanner.start();
      await status(t.scanner, 'connected');
      await new Promise((r) => setTimeout(r, 30));
      expect(t.scanner.status).toBe('connected');
      hangUp = true;
      expect(await status(t.scanner, 'disconnected')).toMatchObject({
        cause: { message: expect.stringMatching(/hung up/) },
      });
    });
  });

  it('stops retrying and reading on close', async () => {
    MockBinding.reset();
    t = setup();
    t.scanner.start();
    await status(t.scanner, 'disconnected');
    await t.scanner.close();
    const opened = t.ports.length;
    MockBinding.createPort(PATH);
    await new Promise((r) => setTimeout(r, 80));
    expect(t.ports.length).toBe(opened);
    expect(t.statuses.map(([s]) => s)).toEqual(['disconnected']);
  });

  it('closes an open port on close', async () => {
    t = setup();
    t.scanner.start();
    await status(t.scanner, 'connected');
    await t.scanner.close();
    expect(t.current().isOpen).toBe(false);
  });

  it('needs a path or USB ids', () => {
    expect(() => new SerialScanner({})).toThrow(ScannerError);
  });
});
