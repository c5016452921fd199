// The LGO's local API: withCard() lends the card, alone, to another user of the reader.
import { bridgeOverFake } from '../../test/support/vitale-bridge';
import { VitaleCardModel } from '../sim/vitale-card-model';
import { FAMILY_CARD, SINGLE_CARD } from '../sim/vitale-fixtures';
import { exchange, selectByAid } from './apdu';
import { VITALE_AID } from './vitale2-profile';

const SELECT_VITALE = Buffer.from('00A4040C0BD250000002564954414C45', 'hex');

describe('PcscBridge.withCard', () => {
  let t: ReturnType<typeof bridgeOverFake>;

  beforeEach(async () => {
    t = bridgeOverFake();
    t.bridge.start();
    await t.next('reader-added', (e) => e.reader === 'Reader B');
  });

  afterEach(async () => {
    await t.bridge.close();
  });

  async function insertRead(
    reader: string,
    model = new VitaleCardModel(SINGLE_CARD),
  ): Promise<VitaleCardModel> {
    const from = t.events.length;
    t.pcsc.insert(reader, model);
    await t.next('card-inserted', (e) => e.reader === reader, from);
    return model;
  }

  it("runs the caller's APDUs on the card, connected SHARED, and leaves it powered", async () => {
    await insertRead('Reader A');
    const seen = await t.bridge.withCard('Reader A', async (transmit, card) => {
      const raw = await transmit(SELECT_VITALE);
      const fci = await exchange((c) => transmit(c), selectByAid(VITALE_AID));
      return { raw: raw.toString('hex'), fci: fci.data.length, card };
    });
    expect(seen.raw).toBe('9000');
    expect(seen.fci).toBeGreaterThan(0);
    expect(seen.card).toEqual({ reader: 'Reader A', protocol: 1, atr: expect.any(Buffer) });
    expect(t.pcsc.connects.every((c) => c.shareMode === 2)).toBe(true);
    expect(t.pcsc.disconnects.every((d) => d === 0)).toBe(true);
  });

  it('holds the reader: the read of a card inserted meanwhile waits until the caller is done', async () => {
    await insertRead('Reader A');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const lgo = t.bridge.withCard('Reader A', async (transmit) => {
      order.push('lgo start');
      started();
      await held;
      await transmit(SELECT_VITALE);
      order.push('lgo end');
    });
    await running;
    t.pcsc.remove('Reader A');
    await t.next('card-removed');
    t.pcsc.insert('Reader A', new VitaleCardModel(FAMILY_CARD));
    await new Promise((r) => setTimeout(r, 20));
    expect(t.events.filter((e) => e.name === 'card-inserted')).toHaveLength(1);
    release();
    await lgo.catch(() => order.push('lgo failed'));
    const inserted = await t.next('card-inserted', (e) => e.holder.beneficiaries.length === 5, 0);
    order.push('bridge read');
    expect(order).toEqual(['lgo start', 'lgo failed', 'bridge read']);
    expect(inserted.reader).toBe('Reader A');
  });

  it('runs concurrent callers one after the other', async () => {
    await insertRead('Reader A');
    const log: string[] = [];
    const job = (name: string) =>
      t.bridge.withCard('Reader A', async (transmit) => {
        log.push(`${name}>`);
        await transmit(SELECT_VITALE);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`<${name}`);
      });
    await Promise.all([job('a'), job('b'), job('c')]);
    expect(log).toEqual(['a>', '<a', 'b>', '<b', 'c>', '<c']);
  });

  it('reads the card again on demand', async () => {
    await insertRead('Reader B', new VitaleCardModel(FAMILY_CARD));
    const record = await t.bridge.readCard('Reader B');
    expect(record.beneficiaries).toHaveLength(5);
  });

  it("passes the caller's own errors through unchanged", async () => {
    await insertRead('Reader A');
    const mine = new Error('billing refused');
    await expect(t.bridge.withCard('Reader A', () => Promise.reject(mine))).rejects.toBe(mine);
  });

  it('rejects a transmit kept after the call settled', async () => {
    await insertRead('Reader A');
    const kept = await t.bridge.withCard('Reader A', async (transmit) => transmit);
    await expect(kept(SELECT_VITALE)).rejects.toMatchObject({ code: 'TRANSMIT_FAILED' });
  });

  it('says CARD_REMOVED when the card leaves during the call', async () => {
    await insertRead('Reader A');
    const call = t.bridge.withCard('Reader A', async (transmit) => {
      t.pcsc.remove('Reader A');
      return transmit(SELECT_VITALE);
    });
    await expect(call).rejects.toMatchObject({ code: 'CARD_REMOVED', retryable: true });
  });

  it('bounds the call with timeoutMs', async () => {
    await insertRead('Reader A');
    const call = t.bridge.withCard('Reader A', () => new Promise(() => undefined), { timeoutMs: 30 });
    await expect(call).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it.each([
    ['NO_CARD', 'an empty reader', 'Reader B', () => undefined],
    ['READER_NOT_FOUND', 'an unknown reader', 'Reader Z', () => undefined],
    ['PCSCD_DOWN', 'pcscd gone', 'Reader A', () => t.pcsc.killDaemon()],
  ])('rejects with %s for %s', async (code, _what, reader, before) => {
    before();
    await new Promise((r) => setTimeout(r, 10));
    await expect(t.bridge.withCard(reader, async () => 1)).rejects.toMatchObject({ code });
  });
});
