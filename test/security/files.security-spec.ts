import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '../../bench/service';
import { freePort } from '../support/outbox-crash';
import request from 'supertest';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';

/*
 * Finding 6: data/ was 0755; comptoir.sqlite, its -wal and -shm files and the sandbox database were 0644,
 * and the WAL holds names and birth dates in clear.
 */
jest.setTimeout(60_000);

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const modes = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [e.name, mode(join(dir, e.name))]),
  );

describe('finding 6: health data is private on disk', () => {
  const umask = process.umask(0o022); // what a shell gives: files 0644 unless the service says otherwise

  afterAll(() => {
    process.umask(umask);
  });

  it('creates the databases and their WAL 0600 in a 0700 directory, whatever the umask', async () => {
    const t = await startSandboxedApp();
    try {
      // A prescription in the sandbox's database, retrieved into the service's: both WALs hold a patient.
      const { prescriptionId } = await t.seed(EXAMPLE_SEED);
      await request(t.url)
        .post(`/api/v1/prescriptions/${prescriptionId}/retrieve`)
        .set({ Authorization: `Bearer ${TOKENS.counter1}` })
        .expect(200);
      const files = modes(t.dataDir);
      expect(mode(t.dataDir)).toBe('700');
      for (const name of [
        'comptoir.sqlite',
        'comptoir.sqlite-wal',
        'comptoir.sqlite-shm',
        'teleservice-sandbox.sqlite',
      ]) {
        expect(`${name} ${files[name]}`).toBe(`${name} 600`);
      }
      expect(Object.entries(files).filter(([, m]) => m !== '600')).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('makes an existing, too open data directory private at boot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-open-'));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'left-over.sqlite'), 'x', { mode: 0o644 });
    const s = await startService(await freePort(), ['terminals: [{ id: counter-1 }]'], {}, dir);
    try {
      expect(mode(dir)).toBe('700');
      expect(Object.entries(modes(dir)).filter(([, m]) => m !== '600')).toEqual([]);
      expect(modes(dir)).toMatchObject({ 'left-over.sqlite': '600', 'comptoir.sqlite': '600' });
    } finally {
      await s.stop();
    }
  });
});
