import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainHttpServer } from './drain-http-server';

async function serve(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
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

describe('drainHttpServer', () => {
  const agent = new http.Agent({ keepAlive: true });
  afterAll(() => agent.destroy());

  it('answers the request in flight, closes the idle keep-alive connection, and refuses new ones', async () => {
    let release!: () => void;
    let arrived!: () => void;
    const slowArrived = new Promise<void>((r) => (arrived = r));
    const { server, url } = await serve((req, res) => {
      if (req.url !== '/slow') return res.end('quick');
      release = () => res.end('late');
      arrived();
    });
    expect(await get(`${url}/quick`, agent)).toMatchObject({ status: 200 }); // leaves an idle socket
    const slow = get(`${url}/slow`, new http.Agent({ keepAlive: true }));
    await slowArrived;
    const ended = jest.fn();
    const drained = drainHttpServer(server, { endStreams: ended, graceMs: 10_000 });
    expect(ended).toHaveBeenCalledTimes(1);
    expect(await get(`${url}/quick`, new http.Agent())).toEqual({ error: 'ECONNREFUSED' });
    release();
    expect(await slow).toEqual({ status: 200, body: 'late' });
    await expect(drained).resolves.toBe('drained');
  });

  it('cuts what is still running after the grace period', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    const { server, url } = await serve(() => arrived()); // never answers
    const hanging = get(url, new http.Agent());
    await reached;
    await expect(drainHttpServer(server, { endStreams: () => undefined, graceMs: 100 })).resolves.toBe('cut');
    expect((await hanging).error).toBe('ECONNRESET');
  });
});
