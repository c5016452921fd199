// The Vitale bridge end to end: real pcscd + vsmartcard-vpcd, the TypeScript virtual card on TCP 127.0.0.1,
// the real @pokusew/pcsclite. Fails, never skips, without them (scripts/hw-prereqs.sh installs them).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PcscdHarness } from '../../devices/sim/pcscd-harness';
import { VirtualVitaleCard } from '../../devices/sim/virtual-vitale-card';
import { FAMILY_CARD, SINGLE_CARD } from '../../devices/sim/vitale-fixtures';
import { exchange, hex, selectByAid } from '../../devices/vitale/apdu';
import { PcscBridge } from '../../devices/vitale/pcsc-bridge';
import { VITALE_AID } from '../../devices/vitale/vitale2-profile';
import { until } from '../support/until';
import { recordBridge } from '../support/vitale-bridge';

jest.setTimeout(20_000);

const R0 = 'Virtual PCD 00 00';
const R1 = 'Virtual PCD 00 01';
const person = (p: { nir?: string; lastName: string; firstNames: string[]; birthDate: string }) =>
  expect.objectContaining({ lastName: p.lastName, firstNames: p.firstNames, birthDate: p.birthDate });

describe('Vitale bridge over real pcscd + vpcd + the TypeScript virtual card', () => {
  let harness: PcscdHarness;
  let bridge: PcscBridge;
  let seen: ReturnType<typeof recordBridge>;
  const cards: VirtualVitaleCard[] = [];
  const card = (options: ConstructorParameters<typeof VirtualVitaleCard>[0]): VirtualVitaleCard => {
    const c = new VirtualVitaleCard(options);
    cards.push(c);
    return c;
  };

  it('has pcscd, vsmartcard-vpcd and pcsc-tools, which this tier needs', () => {
    expect(existsSync('/usr/sbin/pcscd')).toBe(true);
    expect(existsSync('/etc/reader.conf.d/vpcd')).toBe(true);
    expect(() => execFileSync('pcsc_scan', ['-h'], { stdio: 'ignore' })).not.toThrow();
  });

  beforeAll(async () => {
    harness = await PcscdHarness.start();
    bridge = new PcscBridge({ backoff: { initialDelayMs: 100, maxDelayMs: 1000 }, readTimeoutMs: 8000 });
    seen = recordBridge(bridge, 5000);
    bridge.start();
    await seen.next('reader-added', (e) => e.reader === R1, 0);
  });

  afterAll(async () => {
    await Promise.all(cards.map((c) => c.remove()));
    await bridge?.close();
    await harness?.stop();
  });

  const family = card({ ...FAMILY_CARD, port: 35963 });

  it('reads the holder and the beneficiaries when the card is inserted', async () => {
    const from = seen.events.length;
    await family.insert();
    const { reader, holder, atr } = await seen.next('card-inserted', () => true, from);
    expect(reader).toBe(R0);
    expect(atr).toBe('3B751300004509EA9000');
    expect(holder).toMatchObject({ cardType: 'vitale2', serial: '1234567890', validFrom: '2019-03-01' });
    expect(holder.holder).toEqual(person(FAMILY_CARD.holder));
    expect(holder.beneficiaries).toEqual(FAMILY_CARD.beneficiaries!.map(person));
    expect(holder.beneficiaries.map((b) => b.birthDateKind)).toEqual([
      'calendar',
      'calendar',
      'lunar',
      'partial',
      'calendar',
    ]);
  });

  it('says card-removed on removal and reads the card again when reinserted', async () => {
    let from = seen.events.length;
    await family.remove();
    await expect(seen.next('card-removed', () => true, from)).resolves.toEqual({ reader: R0 });
    from = seen.events.length;
    await family.insert();
    expect((await seen.next('card-inserted', () => true, from)).holder.beneficiaries).toHaveLength(5);
  });

  it('serves two readers at once (vpcd ports 35963 and 35964)', async () => {
    const from = seen.events.length;
    await card({ ...SINGLE_CARD, port: 35964 }).insert();
    const second = await seen.next('card-inserted', (e) => e.reader === R1, from);
    expect(second.holder.holder).toEqual(person(SINGLE_CARD.holder));
    const snapshot = bridge.readers().filter((r) => r.reader === R0 || r.reader === R1);
    expect(snapshot.map((r) => [r.reader, r.holder?.holder.lastName])).toEqual([
      [R0, 'TESTVITALE'],
      [R1, 'ESSAI'],
    ]);
  });

  it('lends the card to the LGO through withCard (61xx answered with GET RESPONSE through pcscd)', async () => {
    const result = await bridge.withCard(R0, async (transmit, info) => {
      const raw = await transmit(Buffer.from('00A404000BD250000002564954414C4500', 'hex'));
      const fci = await exchange((c) => transmit(c), selectByAid(VITALE_AID));
      return { raw: hex(raw), fci: hex(fci.data), protocol: info.protocol };
    });
    expect(result).toEqual({ raw: '610F', fci: '6F0D840BD250000002564954414C45', protocol: 1 });
  });

  it('turns a card answering garbage into a typed error event and keeps working', async () => {
    const broken = card({ ...SINGLE_CARD, port: 35964, mode: 'garbage' });
    let from = seen.events.length;
    await cards.find((c) => c.port === 35964 && c !== broken)!.remove();
    await seen.next('card-removed', (e) => e.reader === R1, from);
    from = seen.events.length;
    await broken.insert();
    const { reader, error } = await seen.next('error', () => true, from);
    expect(reader).toBe(R1);
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE' });
    from = seen.events.length;
    await family.remove();
    await family.insert();
    await expect(seen.next('card-inserted', (e) => e.reader === R0, from)).resolves.toBeDefined();
    expect(bridge.status).toBe('watching');
    await broken.remove();
  });

  it('still reads a slow card, before the read timeout', async () => {
    const slow = card({ ...SINGLE_CARD, port: 35964, delayMs: 100 });
    const from = seen.events.length;
    await slow.insert();
    const { holder } = await seen.next('card-inserted', (e) => e.reader === R1, from, 8000);
    expect(holder.holder.lastName).toBe('ESSAI');
    expect(seen.events.slice(from).some((r) => r.name === 'error')).toBe(false);
    await slow.remove();
  });

  it('reports CARD_REMOVED when the card is pulled in the middle of a read', async () => {
    const pulled = card({ ...FAMILY_CARD, port: 35964, delayMs: 150 });
    const from = seen.events.length;
    await pulled.insert();
    await until(() => pulled.model.apduCount >= 2, { what: 'the read under way', everyMs: 10 });
    await pulled.remove();
    const { reader, error } = await seen.next('error', () => true, from);
    expect([reader, error.code]).toEqual([R1, 'CARD_REMOVED']);
    expect(seen.events.slice(from).some((r) => r.name === 'card-inserted')).toBe(false);
  });

  it('recovers when pcscd is killed and restarted: clean error, then reads again', async () => {
    const from = seen.events.length;
    await harness.kill();
    await seen.next('status', (e) => e.status === 'pcscd-down', from);
    expect(await seen.next('error', () => true, from)).toMatchObject({ error: { code: 'PCSCD_DOWN' } });
    await seen.next('card-removed', (e) => e.reader === R0, from);
    expect(bridge.readers()).toEqual([]);
    await harness.start();
    await seen.next('status', (e) => e.status === 'watching', from, 8000);
    // The virtual card stayed "in the reader": it reconnects to vpcd by itself, as a physical card stays put.
    const again = await seen.next('card-inserted', (e) => e.reader === R0, from, 8000);
    expect(again.holder.beneficiaries).toHaveLength(5);
  });
});
