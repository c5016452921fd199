// The vpcd wire protocol against a stand-in vpcd on a random local port (the real one: test/hardware).
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { VirtualVitaleCard } from './virtual-vitale-card';
import { VitaleCardModel, VITALE2_ATR } from './vitale-card-model';
import { until } from '../../test/support/until';
import { SINGLE_CARD } from './vitale-fixtures';

const frame = (payload: Buffer): Buffer =>
  Buffer.concat([Buffer.from([payload.length >> 8, payload.length & 0xff]), payload]);

/** A fake vpcd: accepts the card, sends framed payloads, reads framed answers. */
async function fakeVpcd() {
  const sockets: Socket[] = [];
  let buffer = Buffer.alloc(0);
  const answers: Buffer[] = [];
  const server: Server = createServer((s) => {
    sockets.push(s);
    s.on('data', (d) => {
      buffer = Buffer.concat([buffer, d]);
      while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
        answers.push(buffer.subarray(2, 2 + buffer.readUInt16BE(0)));
        buffer = buffer.subarray(2 + buffer.readUInt16BE(0));
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const nextAnswer = (count = answers.length + 1): Promise<Buffer> =>
    until(() => answers[count - 1], { what: `answer ${count} from the card`, timeoutMs: 2000, everyMs: 2 });
  const connection = (n: number): Promise<Socket> =>
    until(() => sockets[n - 1], { what: `connection ${n} from the card`, timeoutMs: 2000, everyMs: 2 });
  const close = () => new Promise((r) => server.close(r));
  return { port, answers, nextAnswer, connection, sockets, close };
}

describe('VirtualVitaleCard (vpcd protocol)', () => {
  it('answers GET ATR and APDUs, with frames split across TCP chunks', async () => {
    const vpcd = await fakeVpcd();
    const card = new VirtualVitaleCard({ ...SINGLE_CARD, port: vpcd.port });
    await card.insert();
    const s = await vpcd.connection(1);
    s.write(frame(Buffer.from([0x04])));
    expect(await vpcd.nextAnswer(1)).toEqual(VITALE2_ATR);
    s.write(frame(Buffer.from([0x01])));
    const select = frame(Buffer.from('00A4040C0BD250000002564954414C45', 'hex'));
    s.write(select.subarray(0, 1));
    await new Promise((r) => setTimeout(r, 5));
    s.write(select.subarray(1, 7));
    s.write(Buffer.concat([select.subarray(7), frame(Buffer.from('00B0000000', 'hex'))]));
    expect((await vpcd.nextAnswer(2)).toString('hex')).toBe('9000');
    expect(await vpcd.nextAnswer(3)).toEqual(Buffer.from('6986', 'hex'));
    expect(vpcd.answers).toHaveLength(3);
    await card.remove();
    await vpcd.close();
  });

  it('answers in order in slow mode', async () => {
    const vpcd = await fakeVpcd();
    const card = new VirtualVitaleCard({ ...SINGLE_CARD, port: vpcd.port, delayMs: 40 });
    await card.insert();
    const s = await vpcd.connection(1);
    s.write(frame(Buffer.from('00B2010400', 'hex')));
    s.write(frame(Buffer.from('80CA000000', 'hex')));
    expect((await vpcd.nextAnswer(2)).toString('hex')).toBe('6e00');
    expect(vpcd.answers[0].toString('hex')).toBe('6986');
    await card.remove();
    await vpcd.close();
  });

  it('holds each answer for delayMs in slow mode (fake timers)', async () => {
    jest.useFakeTimers();
    try {
      const model = new VitaleCardModel({ ...SINGLE_CARD, delayMs: 40 });
      let answer: Buffer | undefined;
      void model.transmit(Buffer.from('00B2010400', 'hex')).then((a) => (answer = a));
      await jest.advanceTimersByTimeAsync(39);
      expect(answer).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      expect(answer?.toString('hex')).toBe('6986');
    } finally {
      jest.useRealTimers();
    }
  });

  it('comes back when vpcd drops it while inserted, and leaves for good on remove()', async () => {
    const vpcd = await fakeVpcd();
    const card = new VirtualVitaleCard({ ...SINGLE_CARD, port: vpcd.port, reconnectDelayMs: 10 });
    await card.insert();
    (await vpcd.connection(1)).destroy();
    const second = await vpcd.connection(2);
    expect(card.inserted).toBe(true);
    const ended = once(second, 'close');
    // Fake timers from here: a reconnection scheduled after remove() would be a pending timer.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await card.remove();
      await ended;
      expect(card.connected).toBe(false);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
    expect(vpcd.sockets).toHaveLength(2);
    await vpcd.close();
  });

  it('refuses to insert when nothing listens', async () => {
    const vpcd = await fakeVpcd();
    await vpcd.close();
    const card = new VirtualVitaleCard({ ...SINGLE_CARD, port: vpcd.port });
    await expect(card.insert()).rejects.toThrow(/nothing listens on 127\.0\.0\.1/);
    expect(card.inserted).toBe(false);
  });
});
