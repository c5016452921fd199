import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { readContractFile, wsdlFor, XSD_FILE } from '../prescription/teleservice/wsdl/contract-files';
import { demoSeeds } from './demo-seeds';
import { FaultInjector } from './fault-injector';
import { SandboxAdmin } from './sandbox.admin';
import { sandboxDay } from './sandbox.rules';
import { SandboxSoapService } from './sandbox.soap';
import { SandboxStore } from './sandbox.store';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Directory of the sandbox's SQLite file. */
  dataDir: string;
  /** Serve https with this certificate (e.g. the test PKI's server certificate). */
  tls?: { cert: string; key: string };
  /** CA(s) the signed assertions must chain to. */
  trustedCaPem: string | string[];
  /** Time source (structurally core's Clock). */
  clock?: { now(): Date };
  /** Load the demo prescriptions when the database is empty (default true). */
  demoSeeds?: boolean;
}

export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:8089`. */
  url: string;
  /** SOAP endpoint (`<url>/eprescription`). */
  soapUrl: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 2 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, json: unknown): void {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  send(res, status, `${type}; charset=utf-8`, JSON.stringify(json));
}

/**
 * Starts the e-prescription teleservice sandbox: a SOAP 1.1 server of Comptoir's contract at
 * `/eprescription` (WSDL at `?wsdl`) that checks signed assertions, plus the admin JSON API at `/sandbox/`.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const clock = options.clock;
  const now = clock ? (): Date => clock.now() : (): Date => new Date();
  const store = await SandboxStore.open(options.dataDir);
  const faults = new FaultInjector();
  const soap = new SandboxSoapService(store, options.trustedCaPem, now);
  const admin = new SandboxAdmin(store, soap.executions, faults, now);
  if (options.demoSeeds !== false && (await store.countPrescriptions()) === 0) {
    for (const seed of demoSeeds(sandboxDay(now()))) await admin.seed(seed);
  }
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let soapUrl = '';

  const handleSoap = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const injected = faults.next();
    if (injected?.mode === 'latency') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, injected.latencyMs);
        timers.add(timer);
      });
    }
    const outcome = await soap.handle(body, injected?.mode);
    if (injected?.mode === 'timeout') return; // processed and recorded; the answer is lost
    if (injected?.mode === 'reset') {
      req.socket.destroy();
      return;
    }
    if (injected?.mode === 'malformed') {
      send(res, 200, outcome.contentType, outcome.body.slice(0, Math.floor(outcome.body.length / 2)));
      return;
    }
    send(res, outcome.status, outcome.contentType, outcome.body);
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (url.pathname === '/eprescription') {
      if (req.method === 'POST') return handleSoap(req, res);
      if (req.method === 'GET' && url.searchParams.has('wsdl'))
        return send(res, 200, 'text/xml; charset=utf-8', wsdlFor(soapUrl));
      if (req.method === 'GET' && url.searchParams.get('xsd') === XSD_FILE) {
        return send(res, 200, 'text/xml; charset=utf-8', readContractFile(XSD_FILE));
      }
      return sendJson(res, 405, {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        detail: 'POST a SOAP envelope, or GET ?wsdl',
      });
    }
    if (url.pathname.startsWith('/sandbox/')) {
      const raw = req.method === 'POST' ? await readBody(req) : '';
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        return sendJson(res, 400, {
          status: 400,
          code: 'MALFORMED_JSON',
          detail: 'the body is not valid JSON',
        });
      }
      const answer = await soap.exclusive(() =>
        admin.handle(req.method ?? 'GET', url.pathname, body, url.searchParams),
      );
      return sendJson(res, answer.status, answer.json);
    }
    return sendJson(res, 404, { status: 404, code: 'NOT_FOUND', detail: `no route ${url.pathname}` });
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent || req.socket.destroyed) return;
      if (error instanceof BodyTooLarge)
        return sendJson(res, 413, { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'body over 2 MB' });
      if (error instanceof URIError)
        return sendJson(res, 400, { status: 400, code: 'BAD_PATH', detail: 'malformed path' });
      sendJson(res, 500, { status: 500, code: 'INTERNAL_ERROR', detail: (error as Error).message });
    });
  };
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : http.createServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  soapUrl = `${url}/eprescription`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await stopped;
      await soap.idle();
      await store.close();
    })();
    return closing;
  };
  return { url, soapUrl, port, close };
}
