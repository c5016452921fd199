import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BDPM_FILE_NAMES } from './bdpm-dataset';
import { downloadBdpm, fileUrl } from './bdpm-download';

const SUBSET = join(__dirname, '../data/bdpm-subset');

type Reply = { status?: number; type?: string; body?: Buffer | string; hang?: boolean };

/** A loopback file server whose answer per file the test sets; the others serve the shipped subset. */
async function server(
  replies: Record<string, Reply> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const s = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
    const reply: Reply = replies[name] ?? {
      body: (BDPM_FILE_NAMES as readonly string[]).includes(name)
        ? readFileSync(join(SUBSET, name))
        : undefined,
      status: (BDPM_FILE_NAMES as readonly string[]).includes(name) ? 200 : 404,
    };
    if (reply.hang) return;
    res.writeHead(reply.status ?? 200, { 'content-type': reply.type ?? 'text/plain' });
    res.end(reply.body ?? '');
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/download/file/`,
    close: () =>
      new Promise((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

describe('downloadBdpm', () => {
  it('downloads the eight files byte for byte', async () => {
    const srv = await server();
    try {
      const seen: string[] = [];
      const files = await downloadBdpm(srv.url, { onFile: (f) => seen.push(f) });
      expect([...files.keys()]).toEqual([...BDPM_FILE_NAMES]);
      expect(seen).toEqual([...BDPM_FILE_NAMES]);
      for (const name of BDPM_FILE_NAMES)
        expect(Buffer.from(files.get(name)!).equals(readFileSync(join(SUBSET, name)))).toBe(true);
    } finally {
      await srv.close();
    }
  });

  it('goes on without the optional HAS file when it is not there', async () => {
    const srv = await server({ 'HAS_LiensPageCT_bdpm.txt': { status: 404 } });
    try {
      expect([...(await downloadBdpm(srv.url)).keys()]).not.toContain('HAS_LiensPageCT_bdpm.txt');
    } finally {
      await srv.close();
    }
  });

  it.each<[string, Record<string, Reply>, string, RegExp]>([
    [
      'a required file missing',
      { 'CIS_MITM.txt': { status: 404 } },
      'REFERENTIAL_DOWNLOAD_FAILED',
      /HTTP 404/,
    ],
    ['a server error', { 'CIS_bdpm.txt': { status: 503 } }, 'REFERENTIAL_DOWNLOAD_FAILED', /HTTP 503/],
    [
      'an HTML page instead of the file',
      { 'CIS_CIP_bdpm.txt': { type: 'text/html', body: '<!DOCTYPE html><p>Maintenance</p>' } },
      'REFERENTIAL_DOWNLOAD_INVALID',
      /HTML page/,
    ],
    [
      'an HTML page served as text',
      { 'CIS_GENER_bdpm.txt': { body: '\n  <html><body>Erreur</body></html>' } },
      'REFERENTIAL_DOWNLOAD_INVALID',
      /HTML page/,
    ],
    ['an empty file', { 'CIS_CPD_bdpm.txt': { body: '' } }, 'REFERENTIAL_DOWNLOAD_INVALID', /empty/],
    [
      'another file under the name',
      { 'CIS_COMPO_bdpm.txt': { body: 'CT-21584\thttps://www.has-sante.fr/\r\n' } },
      'REFERENTIAL_DOWNLOAD_INVALID',
      /does not start as CIS_COMPO_bdpm.txt does/,
    ],
  ])('refuses %s', async (_name, replies, code, detail) => {
    const srv = await server(replies);
    try {
      await expect(downloadBdpm(srv.url)).rejects.toMatchObject({
        code,
        message: expect.stringMatching(detail),
      });
    } finally {
      await srv.close();
    }
  });

  it('gives up on a file that does not come in time', async () => {
    const srv = await server({ 'CIS_bdpm.txt': { hang: true } });
    try {
      await expect(downloadBdpm(srv.url, { timeoutMs: 200 })).rejects.toMatchObject({
        code: 'REFERENTIAL_DOWNLOAD_FAILED',
        message: expect.stringContaining('no answer in time'),
      });
    } finally {
      await srv.close();
    }
  });

  it('tells an unreachable server', async () => {
    const srv = await server();
    await srv.close(); // its port now refuses connections
    await expect(downloadBdpm(srv.url)).rejects.toMatchObject({
      code: 'REFERENTIAL_DOWNLOAD_FAILED',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('builds file addresses from a folder or a query prefix', () => {
    expect(fileUrl('https://x.test/download/file/', 'CIS_bdpm.txt')).toBe(
      'https://x.test/download/file/CIS_bdpm.txt',
    );
    expect(fileUrl('https://x.test/download/file', 'CIS_bdpm.txt')).toBe(
      'https://x.test/download/file/CIS_bdpm.txt',
    );
    expect(fileUrl('https://x.test/telechargement.php?fichier=', 'CIS_bdpm.txt')).toBe(
      'https://x.test/telechargement.php?fichier=CIS_bdpm.txt',
    );
  });
});
