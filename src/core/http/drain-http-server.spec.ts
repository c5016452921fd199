import http from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { until } from '../../../test/support/until';
import { httpDrainer } from './drain-http-server';

async function serve(
  handler: http.RequestListener,
): Promise<{ server: http.Server; drainer: ReturnType<typeof httpDrainer>; url: string }> {
  const server = http.createServer(handler);
  const drainer = httpDrainer(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, drainer, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function get(url: string, agent: http.Agent): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode, body }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
      })
      .on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
}

describe('httpDrainer', () => {
  const agent = new http.Agent({ keepAlive: true });
  afterAll(() => agent.destroy());

  it('answers the request in flight, closes the idle keep-alive connection, and refuses new ones', async () => {
    let release!: () => void;
    let arrived!: () => void;
    const slowArrived = new Promise<void>((r) => (arrived = r));
    const { server, drainer, url } = await serve((req, res) => {
      if (req.url !== '/slow') return res.end('quick');
      release = () => res.end('late');
      arrived();
    });
    expect(await get(`${url}/quick`, agent)).toMatchObject({ status: 200 }); // leaves an idle socket
    const slow = get(`${url}/slow`, new http.Agent({ keepAlive: true }));
    await slowArrived;
    const ended = jest.fn();
    const drained = drainer.drain({ endStreams: ended, graceMs: 10_000 });
    expect(ended).toHaveBeenCalledTimes(1);
    await until(() => !server.listening, {
      what: 'the listening socket closed',
      timeoutMs: 5_000,
      everyMs: 5,
    });
    expect(await get(`${url}/quick`, new http.Agent())).toEqual({ error: 'ECONNREFUSED' });
    release();
    expect(await slow).toEqual({ status: 200, body: 'late' });
    await expect(drained).resolves.toBe('drained');
  });

  it('cuts what is still running after the grace period', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    const { drainer, url } = await serve(() => arrived()); // never answers
    const hanging = get(url, new http.Agent());
    await reached;
    await expect(drainer.drain({ endStreams: () => undefined, graceMs: 100 })).resolves.toBe('cut');
    expect((await hanging).error).toBe('ECONNRESET');
  });

  it('answers a request whose connection was accepted before the stop but arrives after it', async () => {
    const { server, drainer, url } = await serve((_req, res) => res.end('answered'));
    const accepted = new Promise<void>((r) => server.once('connection', () => r()));
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    await accepted;
    const drained = drainer.drain({ endStreams: () => undefined, graceMs: 10_000 });
    let reply = '';
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('data', (c: Buffer) => (reply += c.toString()));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await closed;
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toMatch(/connection: close/i);
    expect(reply).toMatch(/answered$/);
    await expect(drained).resolves.toBe('drained');
  });
});
