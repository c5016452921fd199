import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcscError, pcscReturnCode, probePcscdSocket } from './pcsc-module';
import { NotConfiguredSesamVitale } from './sesam-vitale.port';
import { VitaleError } from './vitale-error';

describe('PC/SC errors', () => {
  it.each([
    ['SCardTransmit error: Card was removed.(0x80100069)', 'CARD_REMOVED', true],
    ['SCardConnect error: No smart card inserted.(0x8010000c)', 'CARD_REMOVED', true],
    ['SCardTransmit error: Card was reset.(0x80100068)', 'CARD_RESET', true],
    ['SCardConnect error: Sharing violation.(0x8010000b)', 'READER_BUSY', true],
    ['SCardGetStatusChange error: RPC transport error.(0x80100013)', 'PCSCD_DOWN', true],
    ['SCardEstablishContext error: Service not available.(0x8010001d)', 'PCSCD_DOWN', true],
    ['SCardConnect error: Unknown reader specified.(0x80100009)', 'READER_NOT_FOUND', false],
    ['SCardTransmit error: Transaction failed.(0x80100016)', 'TRANSMIT_FAILED', true],
    ['Card Reader not connected', 'TRANSMIT_FAILED', true],
  ])('%s → %s', (message, code, retryable) => {
    const cause = new Error(message);
    const err = pcscError(cause, 'transmit', 'TRANSMIT_FAILED');
    expect(err).toMatchObject({ code, retryable, cause });
    expect(err.message).toContain(message);
  });

  it('keeps a VitaleError as it is', () => {
    const err = new VitaleError('NO_CARD', 'x');
    expect(pcscError(err, 'transmit', 'TRANSMIT_FAILED')).toBe(err);
  });

  it('reads the return code', () => {
    expect(pcscReturnCode(new Error('x (0x8010002E)'))).toBe(0x8010002e);
    expect(pcscReturnCode('no code')).toBeUndefined();
  });
});

describe('pcscd probe', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pcscd-probe-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is true when something accepts on the socket, false when nothing does', async () => {
    const path = join(dir, 'pcscd.comm');
    expect(await probePcscdSocket(path)).toBe(false);
    const server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(path, r));
    expect(await probePcscdSocket(path)).toBe(true);
    await new Promise((r) => server.close(r));
    expect(await probePcscdSocket(path)).toBe(false);
  });
});

describe('SESAM-Vitale port without a vendor component', () => {
  it('says so clearly, as a permanent SESAM_VITALE_NOT_CONFIGURED', async () => {
    const port = new NotConfiguredSesamVitale();
    expect(port.configured).toBe(false);
    await expect(port.readRights()).rejects.toMatchObject({
      code: 'SESAM_VITALE_NOT_CONFIGURED',
      retryable: false,
      message: expect.stringContaining('not configured'),
    });
    await expect(port.readApCv()).rejects.toMatchObject({ code: 'SESAM_VITALE_NOT_CONFIGURED' });
  });
});
