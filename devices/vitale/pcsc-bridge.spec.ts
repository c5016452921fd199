import { bridgeOverFake } from '../../test/support/vitale-bridge';
import type { SimulatedCard } from '../sim/fake-pcsclite';
import { VitaleCardModel } from '../sim/vitale-card-model';
import { FAMILY_CARD, SINGLE_CARD } from '../sim/vitale-fixtures';
import type { DeviceLogger } from '../scanner/types';
import { PcscBridge } from './pcsc-bridge';
import { VitaleError } from './vitale-error';

describe('PcscBridge over a fake pcsclite', () => {
  let t: ReturnType<typeof bridgeOverFake>;

  afterEach(async () => {
    await t?.bridge.close();
  });

  it('watches the readers and reads a card on insertion, connected SHARED and left powered', async () => {
    t = bridgeOverFake();
    t.bridge.start();
    await t.next('reader-added', (e) => e.reader === 'Reader B');
    expect(t.bridge.status).toBe('watching');
    t.pcsc.insert('Reader A', new VitaleCardModel(FAMILY_CARD));
    const inserted = await t.next('card-inserted');
    expect(inserted.reader).toBe('Reader A');
    expect(inserted.atr).toBe('3B751300004509EA9000');
    expect(inserted.holder.holder.lastName).toBe('TESTVITALE');
    expect(inserted.holder.beneficiaries).toHaveLength(5);
    expect(t.pcsc.connects).toEqual([{ reader: 'Reader A', shareMode: 2 }]);
    expect(t.pcsc.disconnects).toEqual([0]);
    expect(t.bridge.readers()).toEqual([
      { reader: 'Reader A', cardPresent: true, holder: inserted.holder },
      { reader: 'Reader B', cardPresent: false },
    ]);

    t.pcsc.remove('Reader A');
    await expect(t.next('card-removed')).resolves.toEqual({ reader: 'Reader A' });
    expect(t.bridge.readers()[0]).toEqual({ reader: 'Reader A', cardPresent: false });
  });

  it('follows readers plugged and unplugged, a card in it included', async () => {
    t = bridgeOverFake({}, ['Reader A']);
    t.bridge.start();
    await t.next('reader-added');
    const plugged = t.events.length;
    t.pcsc.addReader('Reader C');
    await t.next('reader-added', (e) => e.reader === 'Reader C', plugged);
    t.pcsc.insert('Reader C', new VitaleCardModel(SINGLE_CARD));
    await t.next('card-inserted');
    const from = t.events.length;
    t.pcsc.removeReader('Reader C');
    await t.next('reader-removed', (e) => e.reader === 'Reader C', from);
    expect(t.events.slice(from).map((r) => r.name)).toEqual(['card-removed', 'reader-removed']);
    expect(t.bridge.readers().map((r) => r.reader)).toEqual(['Reader A']);
  });

  it('reports CARD_REMOVED when the card leaves mid-read, then reads the next card', async () => {
    t = bridgeOverFake();
    t.bridge.start();
    await t.next('reader-added', (e) => e.reader === 'Reader B');
    const model = new VitaleCardModel(FAMILY_CARD);
    const pulled: SimulatedCard = {
      atr: model.atr,
      transmit: async (apdu) => {
        if (model.apduCount === 3) t.pcsc.remove('Reader A');
        return model.transmit(apdu);
      },
    };
    t.pcsc.insert('Reader A', pulled);
    const { error, reader } = await t.next('error');
    expect(reader).toBe('Reader A');
    expect(error).toMatchObject({ code: 'CARD_REMOVED', retryable: true });
    expect(t.events.some((r) => r.name === 'card-inserted')).toBe(false);

    t.pcsc.insert('Reader A', new VitaleCardModel(SINGLE_CARD));
    expect((await t.next('card-inserted')).holder.holder.lastName).toBe('ESSAI');
  });

  it.each([
    ['garbage', 'MALFORMED_RESPONSE'],
    ['wrong-sw', 'CARD_ERROR'],
    ['truncated', 'BAD_CARD_DATA'],
  ] as const)('turns a card answering %s into a typed error and keeps working', async (mode, code) => {
    t = bridgeOverFake();
    t.bridge.start();
    await t.next('reader-added', (e) => e.reader === 'Reader B');
    t.pcsc.insert('Reader B', new VitaleCardModel({ ...FAMILY_CARD, mode }));
    expect(await t.next('error')).toMatchObject({ reader: 'Reader B', error: { code } });
    t.pcsc.insert('Reader A', new VitaleCardModel(SINGLE_CARD));
    await expect(t.next('card-inserted')).resolves.toMatchObject({ reader: 'Reader A' });
    expect(t.bridge.status).toBe('watching');
  });

  it('reports a mute card without trying to read it', async () => {
    t = bridgeOverFake();
    t.bridge.start();
    await t.next('reader-added', (e) => e.reader === 'Reader B');
    t.pcsc.insert('Reader A', new VitaleCardModel(SINGLE_CARD), { mute: true });
    expect(await t.next('error')).toMatchObject({ reader: 'Reader A', error: { code: 'CARD_ERROR' } });
    expect(t.pcsc.connects).toEqual([]);
  });

  it('gives up a read that takes longer than readTimeoutMs (TIMEOUT, retryable)', async () => {
    t = bridgeOverFake({ readTimeoutMs: 60 });
    t.bridge.start();
    await t.next('reader-added', (e) => e.reader === 'Reader B');
    t.pcsc.insert('Reader A', new VitaleCardModel({ ...FAMILY_CARD, delayMs: 20 }));
    expect(await t.next('error')).toMatchObject({ error: { code: 'TIMEOUT', retryable: true } });
  });

  it('survives pcscd dying: clean error, readers and card gone, then back with backoff and the card read again', async () => {
    t = bridgeOverFake();
    t.bridge.start();
    await t.next('reader-added', (e) => e.reader === 'Reader B');
    t.pcsc.insert('Reader A', new VitaleCardModel(SINGLE_CARD));
    await t.next('card-inserted');
    const from = t.events.length;
    t.pcsc.killDaemon();
    await t.next('status', (e) => e.status === 'pcscd-down', from);
    expect(await t.next('error', () => true, from)).toMatchObject({ error: { code: 'PCSCD_DOWN' } });
    expect(t.events.slice(from).map((r) => r.name)).toEqual(
      expect.arrayContaining(['card-removed', 'reader-removed', 'reader-removed']),
    );
    expect(t.bridge.readers()).toEqual([]);
    await new Promise((r) => setTimeout(r, 50));
    t.pcsc.startDaemon();
    await t.next('status', (e) => e.status === 'watching', from);
    expect((await t.next('card-inserted', () => true, from)).holder.holder.lastName).toBe('ESSAI');
  });

  it('waits for pcscd when it is not there at start', async () => {
    t = bridgeOverFake();
    t.pcsc.daemonUp = false;
    t.bridge.start();
    expect(await t.next('status', (e) => e.status === 'pcscd-down')).toMatchObject({
      error: { code: 'PCSCD_DOWN' },
    });
    t.pcsc.startDaemon();
    await t.next('reader-added');
    expect(t.bridge.status).toBe('watching');
  });

  it('reports a missing native module as a status, not a crash (even with no error listener)', () => {
    const statuses: string[] = [];
    const bridge = new PcscBridge({
      loadPcsc: () => {
        throw new VitaleError('PCSC_UNAVAILABLE', 'no module');
      },
    });
    bridge.on('status', (e) => statuses.push(`${e.status}:${e.error?.code ?? ''}`));
    expect(() => bridge.start()).not.toThrow();
    expect(statuses).toEqual(['starting:', 'unavailable:PCSC_UNAVAILABLE']);
    expect(bridge.status).toBe('unavailable');
  });

  it('leaves out the readers the filter rejects', async () => {
    t = bridgeOverFake({ readerFilter: (name) => name !== 'Reader B' });
    t.bridge.start();
    await t.next('reader-added');
    await new Promise((r) => setTimeout(r, 20));
    expect(t.bridge.readers().map((r) => r.reader)).toEqual(['Reader A']);
  });

  it('keeps patient data out of info logs', async () => {
    const lines: string[] = [];
    const record = (level: string) => (message: string, context?: Record<string, unknown>) =>
      lines.push(`${level} ${message} ${JSON.stringify(context ?? {})}`);
    const logger: DeviceLogger = {
      debug: () => undefined,
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    t = bridgeOverFake({ logger });
    t.bridge.start();
    await t.next('reader-added', (e) => e.reader === 'Reader B');
    t.pcsc.insert('Reader A', new VitaleCardModel(FAMILY_CARD));
    await t.next('card-inserted');
    const text = lines.join('\n');
    expect(text).toContain('carte vitale read');
    for (const secret of ['TESTVITALE', 'JEAN', '1980', '18001751']) expect(text).not.toContain(secret);
  });

  it('stops emitting and refuses work once closed', async () => {
    t = bridgeOverFake();
    t.bridge.start();
    await t.next('reader-added', (e) => e.reader === 'Reader B');
    await t.bridge.close();
    const count = t.events.length;
    t.pcsc.insert('Reader A', new VitaleCardModel(SINGLE_CARD));
    await new Promise((r) => setTimeout(r, 20));
    expect(t.events.slice(count)).toEqual([]);
    await expect(t.bridge.withCard('Reader A', async () => 1)).rejects.toMatchObject({
      code: 'BRIDGE_CLOSED',
    });
    expect(t.bridge.status).toBe('closed');
  });
});
