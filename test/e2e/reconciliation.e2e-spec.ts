import { comptoir } from '../support/api-request';
import { FixedClock } from '../../src/core/clock/clock';
import type { PrescriptionSeed } from '../../src/prescription/teleservice/teleservice.types';
import { ACL13_PARAPHARMACY, CIP, DEVICE_CODE } from '../factories/dispensation.factory';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { SseClient } from '../support/sse';
import { TOKENS } from '../support/test-app';
import { appSql } from '../support/database';

jest.setTimeout(30_000);

const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });
const GS = '\u001d';
let serials = 0;
/** A GS1 DataMatrix of a real pack as the scanner sends it: GTIN `0` + CIP13, expiry, lot, serial. */
const gs1 = (cip13: string, o: { expiry?: string; serial?: string } = {}) =>
  `]d2010${cip13}17${o.expiry ?? '301231'}10LOT1${GS}21${o.serial ?? `S${process.pid}${++serials}`}`;

interface Line {
  lineId: string;
  packs: { packId: string; cip13?: string; code?: string; cis?: string; expiry?: string; serial?: string }[];
  reconciliation: {
    status: string;
    expectedBoxes: number | null;
    dispensedBoxes: number;
    remainingBoxes: number | null;
    substitution: boolean;
    issues: { code: string; severity: string }[];
  };
}
const codes = (l: Line) => l.reconciliation.issues.map((i) => i.code);

describe('reconciliation of scanned packs against the prescription (sandbox over SOAP)', () => {
  let t: SandboxedApp;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    t = await startSandboxedApp({ clock });
  });

  afterAll(async () => {
    await t.close();
  });

  const scan = (data: string, token = TOKENS.counter1, terminalId = 'counter-1') =>
    comptoir(t.url).post('/api/v1/scans').set(auth(token)).send({ data, terminalId });
  const get = async (id: string) =>
    (await comptoir(t.url).get(`/api/v1/dispensations/${id}`).set(auth()).expect(200)).body as {
      lines: Line[];
      issues: { code: string; severity: string }[];
      unassignedPacks: { packId: string; code?: string }[];
    };
  const open = async (seed: PrescriptionSeed): Promise<string> => {
    const { qr } = await t.seed(seed);
    const res = await scan(qr);
    expect(res.body.retrieval).toEqual({ status: 'retrieved' });
    return res.body.sessionId as string;
  };
  const addPack = (id: string, body: object) =>
    comptoir(t.url).post(`/api/v1/dispensations/${id}/packs`).set(auth()).send(body);

  it('scanned boxes land on their lines: matched, generic of the group, MTE refusing a generic, device, parapharmacy', async () => {
    const id = await open(EXAMPLE_SEED);
    const sse = new SseClient(`${t.url}/api/v1/events?terminalId=counter-1`, auth());
    await sse.open();
    const first = await scan(gs1(CIP.dolipraneGelule));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'pack', sessionId: id });
    const event = await sse.waitFor(
      (e) => e.event === 'dispensation-updated' && JSON.stringify(e.data).includes(CIP.dolipraneGelule),
    );
    sse.close();
    expect((event.data as { data: { id: string } }).data.id).toBe(id);

    let [doliprane] = (await get(id)).lines;
    expect(doliprane.reconciliation).toMatchObject({
      status: 'partial',
      expectedBoxes: 2,
      dispensedBoxes: 1,
      remainingBoxes: 1,
    });
    expect(codes(doliprane)).toEqual(['PARTIAL_DELIVERY']);

    for (const data of [
      gs1(CIP.dolipraneGelule),
      gs1(CIP.clamoxyl14),
      gs1(CIP.thyrofix30),
      DEVICE_CODE,
      ACL13_PARAPHARMACY,
    ]) {
      expect((await scan(data)).status).toBe(201);
    }
    const d = await get(id);
    const [, amox, levothyrox, device] = d.lines;
    [doliprane] = d.lines;
    expect(doliprane.reconciliation).toMatchObject({
      status: 'matched',
      dispensedBoxes: 2,
      remainingBoxes: 0,
      issues: [],
    });
    expect(doliprane.packs.map((p) => p.cis)).toEqual(['69309629', '69309629']);
    // A conditional line (TROD angine) with no test result recorded: CONDITION_NOT_MET blocks it, and the one
    // status of the line says so (the generic of the group is still a substitution).
    expect(amox.reconciliation).toMatchObject({ status: 'blocked', substitution: true });
    expect([...new Set(codes(amox))]).toEqual(['CONDITION_NOT_MET']);
    expect(amox.packs[0]).toMatchObject({ cip13: CIP.clamoxyl14, cis: '64539416', expiry: '2030-12-31' });
    expect(levothyrox.reconciliation.status).toBe('mismatch');
    expect(levothyrox.reconciliation.issues[0]).toMatchObject({
      code: 'NS_SUBSTITUTION_FORBIDDEN',
      severity: 'blocking',
    });
    expect(device.reconciliation).toMatchObject({ status: 'matched', dispensedBoxes: 1 });
    expect(device.packs[0]).toMatchObject({ code: DEVICE_CODE });
    expect(d.unassignedPacks).toEqual([expect.objectContaining({ code: ACL13_PARAPHARMACY })]);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'OUT_OF_ON_SCOPE', severity: 'info' })]);
  });

  it('an expired pack, the same serial twice, one box too many', async () => {
    const id = await open(EXAMPLE_SEED);
    await scan(gs1(CIP.levothyrox30, { expiry: '200131' }));
    const same = gs1(CIP.dolipraneGelule, { serial: `DUP${process.pid}` });
    await scan(same);
    await scan(same);
    await scan(gs1(CIP.dolipraneGelule));
    const [doliprane, , levothyrox] = (await get(id)).lines;
    expect(levothyrox.reconciliation.status).toBe('blocked');
    // A 30-day line renewable twice is a 90-day treatment: the box of 90 is due (L.5125-23).
    expect(codes(levothyrox)).toEqual(['PACK_EXPIRED', 'LARGE_PACK_DUE']);
    expect(levothyrox.packs[0].expiry).toBe('2020-01-31');
    expect(doliprane.reconciliation).toMatchObject({ status: 'blocked', dispensedBoxes: 3 });
    expect(codes(doliprane)).toEqual(['SERIAL_ALREADY_SCANNED', 'QUANTITY_EXCEEDS_PRESCRIPTION']);

    // The same box presented on another prescription: its serial was already handed over here.
    const other = await open(EXAMPLE_SEED);
    await scan(same);
    const [again] = (await get(other)).lines;
    expect(again.reconciliation.issues).toEqual([
      expect.objectContaining({
        code: 'SERIAL_ALREADY_SCANNED',
        // French by default (API.md § Conventions).
        message: expect.stringContaining('sur une autre dispensation'),
      }),
      expect.objectContaining({ code: 'PARTIAL_DELIVERY' }),
    ]);
  });

  it('a DC line, a magistral line, the packs endpoint with cip13, deleting a pack', async () => {
    const id = await open({
      ...EXAMPLE_SEED,
      lines: [
        {
          kind: 'medication',
          product: { dc: { substance: 'PARACÉTAMOL', strength: '1 g', form: 'gélule' } },
          posology: { text: '1 gélule 3 fois par jour', unitsPerDay: 3 },
          durationDays: 5,
        },
        {
          kind: 'magistral',
          product: { label: 'Vaseline salicylée 10 %' },
          posology: { text: '2 applications' },
          quantity: { boxes: 1 },
        },
      ],
    });
    const added = await addPack(id, { cip13: CIP.dafalganGelule });
    expect(added.status).toBe(201);
    let [dc, magistral] = added.body.lines as Line[];
    expect(dc.reconciliation).toMatchObject({
      status: 'partial',
      expectedBoxes: 2,
      dispensedBoxes: 1,
      remainingBoxes: 1,
      substitution: false,
    });

    const second = await addPack(id, { cip13: CIP.dolipraneGelule, lineId: dc.lineId });
    [dc] = second.body.lines as Line[];
    expect(dc.reconciliation).toMatchObject({ status: 'matched', dispensedBoxes: 2, issues: [] });

    const manual = await comptoir(t.url)
      .post(`/api/v1/dispensations/${id}/lines/${magistral.lineId}/manual-delivery`)
      .set(auth())
      .send({ quantity: 1, comment: 'préparée à l’officine' });
    expect(manual.status).toBe(201);
    magistral = (manual.body.lines as Line[])[1];
    expect(magistral.reconciliation).toMatchObject({ status: 'matched', dispensedBoxes: 1 });

    const removed = await comptoir(t.url)
      .delete(`/api/v1/dispensations/${id}/packs/${dc.packs[0].packId}`)
      .set(auth());
    expect(removed.status).toBe(200);
    expect((removed.body.lines as Line[])[0].reconciliation).toMatchObject({
      status: 'partial',
      dispensedBoxes: 1,
    });
    const gone = await comptoir(t.url)
      .delete(`/api/v1/dispensations/${id}/packs/${dc.packs[0].packId}`)
      .set(auth());
    expect([gone.status, gone.body.code]).toEqual([404, 'PACK_UNKNOWN']);
  });

  it('refuses what is not a pack, accepts every pack that parses, closes with the dispensation', async () => {
    const id = await open(EXAMPLE_SEED);
    const bad = await addPack(id, { scan: `]d201034009300088441730123110LOT1` });
    expect([bad.status, bad.body.code]).toEqual([422, 'GS1_CHECK_DIGIT']);
    expect((await addPack(id, { scan: id.replace(/-/g, '').slice(0, 18) })).body.code).toBe('NOT_A_PACK');
    expect((await addPack(id, { cip13: CIP.levothyrox30, code: DEVICE_CODE })).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await addPack(id, { cip13: CIP.levothyrox30, lineId: '99' })).body.code).toBe('LINE_UNKNOWN');

    const unknown = await addPack(id, { cip13: CIP.unknown });
    expect(unknown.status).toBe(201);
    expect(unknown.body.issues).toEqual([
      expect.objectContaining({ code: 'PRODUCT_NOT_IN_REFERENTIAL', severity: 'warning' }),
    ]);
    const packId = unknown.body.unassignedPacks[0].packId as string;
    const assigned = await comptoir(t.url)
      .patch(`/api/v1/dispensations/${id}/packs/${packId}`)
      .set(auth())
      .send({ lineId: '3' });
    // A CIP13 the referential does not know has no price either: the LGO gives it (PATCH, below).
    expect(codes((assigned.body.lines as Line[])[2])).toEqual([
      'PRODUCT_NOT_IN_REFERENTIAL',
      'LARGE_PACK_DUE',
      'PRICE_UNKNOWN',
    ]);
    const priced = await comptoir(t.url)
      .patch(`/api/v1/dispensations/${id}/packs/${packId}`)
      .set(auth())
      .send({ unitPriceCents: 289, reimbursementRate: 65 });
    expect(codes((priced.body.lines as Line[])[2])).toEqual(['PRODUCT_NOT_IN_REFERENTIAL', 'LARGE_PACK_DUE']);

    await appSql(t.app, `UPDATE "dispensations" SET "status" = 'validated' WHERE "id" = ?`, [id]);
    const closed = await addPack(id, { cip13: CIP.levothyrox30 });
    expect([closed.status, closed.body.code]).toEqual([409, 'DISPENSATION_CLOSED']);
  });

  it('a pack scanned on a terminal with no open dispensation is a routing warning, not an error', async () => {
    const res = await scan(gs1(CIP.levothyrox30), TOKENS.counter2, 'counter-2');
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual(['NO_OPEN_DISPENSATION']);
    expect(res.body.sessionId).toBeUndefined();
  });
});
