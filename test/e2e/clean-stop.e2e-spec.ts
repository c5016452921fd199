// SIGTERM on the real processes, started as `npm start` and `npm run sandbox` start them: the stop ends every
// SSE stream, answers the requests in flight, keeps their writes, and exits by itself (exit code 0; a stop
// that overruns its deadline exits 1, so no wall clock is read here).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, ROOT } from '../../bench/service';
import { databaseEnv, openTestDatabase } from '../support/database';
import { DEMO_PRESCRIPTION_IDS } from '../../src/teleservice-sandbox/demo-seeds';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { CIP } from '../factories/dispensation.factory';
import { freePort } from '../support/outbox-crash';
import { until } from '../support/until';

jest.setTimeout(120_000);

const TOKEN = 'sandbox-counter-1';

interface Answer {
  status?: number;
  body?: Record<string, unknown>;
  /** The socket error when there was no answer (ECONNREFUSED once the server stopped listening). */
  error?: string;
}

/** One request on a connection of its own (no keep-alive pool), so a refused one is told from a cut one. */
function call(url: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${url}${path}`,
      {
        method,
        agent: false,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(payload);
  });
}

/** An SSE client that records whether the server ended the stream. */
function openStream(url: string): Promise<{ text: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const req = http.get(
      `${url}/api/v1/events?terminalId=counter-1`,
      { headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        const ended = new Promise<void>((done, failed) => {
          res.on('end', done);
          res.on('error', failed);
        });
        resolve({ text: () => text, ended });
      },
    );
    req.on('error', reject);
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('clean stop of npm start', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => build());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'comptoir-stop-'));
  });

  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<{ url: string; sandboxUrl: string; exited: ReturnType<typeof exitOf> }> {
    const [port, sandboxPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        COMPTOIR_ENV: 'sandbox',
        COMPTOIR_PORT: String(port),
        COMPTOIR_SANDBOX_PORT: String(sandboxPort),
        COMPTOIR_DATA_DIR: dir,
        COMPTOIR_LOG_LEVEL: 'warn',
        ...(await databaseEnv(dir)),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = exitOf(child);
    const url = `http://127.0.0.1:${port}`;
    await until(async () => (await call(url, 'GET', '/health')).status === 200, 60_000, 100);
    return { url, sandboxUrl: `http://127.0.0.1:${sandboxPort}`, exited };
  }

  it('ends the open event stream, answers the requests in flight, keeps their writes, and exits 0', async () => {
    const { url, sandboxUrl, exited } = await start();
    const stream = await openStream(url);
    // The teleservice takes 1.5 s to answer: the QR retrieval below is in flight when the signal comes.
    await call(sandboxUrl, 'POST', '/sandbox/faults', { mode: 'latency', rate: 1, latencyMs: 1500 });
    const slow = call(url, 'POST', '/api/v1/scans', {
      data: DEMO_PRESCRIPTION_IDS[0],
      terminalId: 'counter-1',
    });
    await until(async () => stream.text().includes('event: scan'), 10_000, 10);
    const burst = Array.from({ length: 30 }, () =>
      call(url, 'POST', '/api/v1/scans', { data: CIP.dolipraneGelule, terminalId: 'counter-1' }),
    );
    child!.kill('SIGTERM');

    const retrieval = await slow;
    expect(retrieval).toMatchObject({ status: 201, body: { retrieval: { status: 'retrieved' } } });
    const answers = await Promise.all(burst);
    // Each request is answered, or gets no answer at all: refused at connect once the listening socket is
    // closed, or reset by the kernel while it still waited in the listen backlog, never read. Below, the
    // database shows that none of those unanswered was processed: nothing is cut half way.
    expect(
      answers.filter((a) => a.status !== 201 && !['ECONNREFUSED', 'ECONNRESET'].includes(a.error!)),
    ).toEqual([]);
    await stream.ended;
    expect((await call(url, 'GET', '/health')).error).toBe('ECONNREFUSED');
    expect(await exited).toEqual({ code: 0, signal: null });

    // What was answered is on disk: the trail rows of every scan, the dispensation the QR opened.
    const db = await openTestDatabase([], { dataDir: dir, migrate: false, file: 'comptoir.sqlite' });
    try {
      const ids = new Set((await db.sql<{ id: string }>(`SELECT "id" FROM "scans"`)).map((r) => r.id));
      const answered = [retrieval, ...answers]
        .filter((a) => a.status === 201)
        .map((a) => a.body!.id as string);
      expect(answered.filter((id) => !ids.has(id))).toEqual([]);
      expect(ids.size).toBe(answered.length);
      const opened = await db.sql(`SELECT "id" FROM "dispensations" WHERE "id" = ?`, [
        retrieval.body!.sessionId,
      ]);
      expect(opened).toHaveLength(1);
    } finally {
      await db.disconnect();
    }
  });

  it('stops on SIGINT (Ctrl-C) with a stream open', async () => {
    const { url, exited } = await start();
    const stream = await openStream(url);
    await until(async () => stream.text().includes('retry:'), 10_000, 10);
    child!.kill('SIGINT');
    await stream.ended;
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});

describe('clean stop of npm run sandbox', () => {
  it('exits 0 with an idle keep-alive connection and a seed in flight', async () => {
    build();
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-stop-sandbox-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/src/teleservice-sandbox/main.js'], {
      cwd: ROOT,
      env: { ...process.env, COMPTOIR_DATA_DIR: dir, COMPTOIR_SANDBOX_PORT: String(port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = exitOf(child);
    try {
      const url = `http://127.0.0.1:${port}`;
      await until(async () => (await call(url, 'GET', '/sandbox/faults')).status === 200, 60_000, 100);
      const agent = new http.Agent({ keepAlive: true });
      await new Promise<void>((resolve, reject) =>
        http
          .get(`${url}/sandbox/faults`, { agent }, (res) => res.resume().on('end', resolve))
          .on('error', reject),
      );
      expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
      const seed = call(url, 'POST', '/sandbox/prescriptions', EXAMPLE_SEED);
      child.kill('SIGTERM');
      await seed;
      expect(await exited).toEqual({ code: 0, signal: null });
      agent.destroy();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
