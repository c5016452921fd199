import { FixedClock } from '../../src/core/clock/clock';
import { addDays, localDate } from '../../src/core/clock/calendar';
import type { PrescriptionSeed } from '../../src/prescription/teleservice/teleservice.types';
import { CIP } from '../factories/dispensation.factory';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import type { CounterClient } from '../support/counter-client';
import { counterOf, executionRecord, gs1Pack, ledgerOf, openDispensation } from '../support/dispense-flow';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { until } from '../support/until';

// RULES.md through the public API against the SOAP sandbox, rule by rule: a real prescription is seeded,
// its QR scanned on counter-1, real boxes scanned, acts recorded, and the dispensation validated or refused.

jest.setTimeout(60_000);

interface Issue {
  code: string;
  severity: string;
  message: string;
  details?: Record<string, unknown>;
  overridden?: Record<string, unknown>;
}
interface Line {
  lineId: string;
  reconciliation: {
    status: string;
    expectedBoxes: number | null;
    dispensedBoxes: number;
    issues: Issue[];
    delivery?: { renewalNumber: number; complement: boolean; exceptional?: boolean };
  };
  interventions: { actId: string }[];
  packs: { packId: string }[];
}
interface View {
  renewalNumber: number;
  lines: Line[];
  issues: Issue[];
}

const clock = new FixedClock(new Date());
const TODAY = localDate(clock.now(), 'Europe/Paris');
const daysAgo = (n: number) => addDays(TODAY, -n);
const perDay = (n: number) => ({ text: `${n} par jour`, unitsPerDay: n });
const codes = (l: Line) => l.reconciliation.issues.map((i) => i.code);
const blocking = (l: Line) =>
  l.reconciliation.issues.filter((i) => i.severity === 'blocking').map((i) => i.code);

/** One medication line of a real product, prescribed `createdAt` by the example's general practitioner. */
const seed = (
  product: PrescriptionSeed['lines'][number]['product'],
  extra: Partial<PrescriptionSeed['lines'][number]> = {},
  createdAt = TODAY,
): PrescriptionSeed => ({
  ...EXAMPLE_SEED,
  createdAt,
  lines: [{ kind: 'medication', product, posology: perDay(1), ...extra }],
});

describe('counter rules through the API (sandbox over SOAP)', () => {
  let t: SandboxedApp;
  let counter: CounterClient;

  beforeAll(async () => {
    t = await startSandboxedApp({ clock });
    counter = counterOf(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const line = async (id: string, index = 0) =>
    ((await counter.dispensation(id)) as unknown as View).lines[index];
  const scan = async (id: string, cip13: string, n = 1) => {
    let view: View | undefined;
    for (let i = 0; i < n; i++)
      view = (await counter.addPack(id, { scan: gs1Pack(cip13) })) as unknown as View;
    return view!;
  };
  const removeLast = async (id: string) => {
    const l = await line(id);
    await counter.call('DELETE', `/api/v1/dispensations/${id}/packs/${l.packs.at(-1)!.packId}`);
  };
  const validated = async (id: string) => {
    const v = await counter.validateOnce(id);
    expect([v.status, JSON.stringify(v.body.issues ?? [])]).toEqual([200, '[]']);
    return executionRecord(t, v.body.executionId as string);
  };

  it('whole boxes: ROPINIROLE 3/day for 30 days takes 4 boxes of 21, a fifth is over the cap (R.5132-12)', async () => {
    const { dispensationId: id } = await openDispensation(
      t,
      seed({ cis: '66649523' }, { posology: perDay(3), durationDays: 30 }),
    );
    expect((await line(id)).reconciliation.expectedBoxes).toBe(4);
    await scan(id, CIP.requip21, 5);
    expect(blocking(await line(id))).toEqual(['DELIVERY_CAP_EXCEEDED']);
    await removeLast(id);
    const l = await line(id);
    expect([l.reconciliation.status, blocking(l)]).toEqual(['matched', []]);
    await validated(id);
  });

  it('whole boxes: TOPIRAMATE 15 mg in 28s, one box; the specialties its CPD reserves it to are named', async () => {
    const { dispensationId: id } = await openDispensation(t, seed({ cis: '69104026' }, { durationDays: 30 }));
    expect((await line(id)).reconciliation.expectedBoxes).toBe(1);
    await scan(id, CIP.epitomax28, 2);
    expect(blocking(await line(id))).toEqual(['DELIVERY_CAP_EXCEEDED']);
    await removeLast(id);
    const specialist = (await line(id)).reconciliation.issues.find(
      (i) => i.code === 'SPECIALIST_PRESCRIPTION_REQUIRED',
    );
    expect(specialist).toMatchObject({
      severity: 'warning',
      details: {
        specialties: ['NEUROLOGIE', 'PEDIATRIE', 'DOULEUR'],
        prescriberSpecialty: 'Médecine générale',
      },
    });
    await validated(id);
  });

  it('whole boxes: FLUINDIONE half a tablet a day, one box of 30 though it lasts 60 days (DELIVERY_ROUNDED_UP)', async () => {
    const { dispensationId: id } = await openDispensation(
      t,
      seed({ cis: '68133651' }, { posology: perDay(0.5), durationDays: 30 }),
    );
    const l = (await scan(id, CIP.previscan30)).lines[0];
    expect([l.reconciliation.expectedBoxes, codes(l)]).toEqual([1, ['DELIVERY_ROUNDED_UP']]);
    await validated(id);
  });

  it('DC lines: « PANTOPRAZOLE 40 mg comprimé » is answered by a gastro-résistant tablet (FORM_IMPLIED)', async () => {
    const { dispensationId: id } = await openDispensation(
      t,
      seed({ dc: { substance: 'PANTOPRAZOLE', strength: '40 mg', form: 'comprimé' } }, { durationDays: 28 }),
    );
    const l = (await scan(id, CIP.pantoprazoleViatris28)).lines[0];
    expect([l.reconciliation.status, codes(l)]).toEqual(['matched', ['FORM_IMPLIED']]);
    await validated(id);
  });

  it('CPD « délivrance fractionnée de 7 jours »: SUBUTEX 8 mg goes 7 days at a time', async () => {
    const { dispensationId: id } = await openDispensation(t, seed({ cis: '68945058' }, { durationDays: 28 }));
    await scan(id, CIP.subutex8x7, 4);
    expect(blocking(await line(id))).toEqual(['DELIVERY_CAP_EXCEEDED']);
    for (let i = 0; i < 3; i++) await removeLast(id);
    const record = await validated(id);
    expect(record.lines[0].delivery).toEqual({ renewalNumber: 0, complement: false });
  });

  it('CPD « prescription limitée à 4 semaines » and « chevauchement interdit »: STILNOX 10 mg', async () => {
    // The same prescriber's zolpidem of 10 days ago still covers today: a new prescription may not overlap.
    // A patient of her own, so that Comptoir knows none of her prescriptions at first.
    const zoe = (s: PrescriptionSeed): PrescriptionSeed => ({
      ...s,
      patient: { ...EXAMPLE_SEED.patient, firstName: 'ZOE' },
    });
    const earlier = await openDispensation(
      t,
      zoe(seed({ cis: '63179285' }, { durationDays: 28 }, daysAgo(10))),
    );
    const first = (await scan(earlier.dispensationId, CIP.stilnox14, 2)).lines[0];
    expect(codes(first)).toEqual(['OVERLAP_UNKNOWN']);
    const now = await openDispensation(t, zoe(seed({ cis: '63179285' }, { durationDays: 28 })));
    const overlap = (await scan(now.dispensationId, CIP.stilnox14, 2)).lines[0];
    expect(overlap.reconciliation.issues.find((i) => i.code === 'OVERLAP_FORBIDDEN')).toMatchObject({
      details: { otherPrescriptionId: earlier.prescriptionId, rule: 'R.5132-33' },
    });
    expect((await counter.validateOnce(now.dispensationId)).status).toBe(409);
    // A second 4-week delivery of a zolpidem prescription with a renewal written is over the limit.
    const renewed = await openDispensation(
      t,
      {
        // Two boxes of 14 a delivery: the renewal is still owed, the teleservice says partially executed.
        ...seed({ cis: '63179285' }, { durationDays: 28, renewals: 1, quantity: { boxes: 2 } }, daysAgo(28)),
        patient: { ...EXAMPLE_SEED.patient, firstName: 'ALINE' },
      },
      [{ date: daysAgo(28), lines: [{ lineId: '1', quantity: 2 }] }],
    );
    const limited = (await scan(renewed.dispensationId, CIP.stilnox14, 2)).lines[0];
    expect(blocking(limited)).toEqual(['PRESCRIPTION_LIMIT_EXCEEDED']);
    expect(limited.reconciliation.expectedBoxes).toBe(0);
  });

  it('« délivrance en une seule fois » travels from the teleservice: SUBUTEX 8 mg 28 days handed over at once', async () => {
    // The line's mention crosses the SOAP contract (1.1): without it, 7 days at a time (R.5132-30).
    const split = await openDispensation(t, seed({ cis: '68945058' }, { durationDays: 28 }));
    expect(blocking((await scan(split.dispensationId, CIP.subutex8x7, 4)).lines[0])).toEqual([
      'DELIVERY_CAP_EXCEEDED',
    ]);
    const once = await openDispensation(
      t,
      seed({ cis: '68945058' }, { durationDays: 28, singleDelivery: true }),
    );
    const l = (await scan(once.dispensationId, CIP.subutex8x7, 4)).lines[0];
    expect([l.reconciliation.status, l.reconciliation.expectedBoxes, blocking(l)]).toEqual([
      'matched',
      4,
      [],
    ]);
    const record = await validated(once.dispensationId);
    expect(record.lines[0].products.map((p) => p.quantity)).toEqual([1, 1, 1, 1]);
  });

  it("the prescriber's overlap mention travels from the teleservice: STILNOX 10 mg over their previous zolpidem", async () => {
    const yann = (s: PrescriptionSeed): PrescriptionSeed => ({
      ...s,
      patient: { ...EXAMPLE_SEED.patient, firstName: 'YANN' },
    });
    const earlier = await openDispensation(
      t,
      yann(seed({ cis: '63179285' }, { durationDays: 28 }, daysAgo(10))),
    );
    await scan(earlier.dispensationId, CIP.stilnox14, 2);
    const mentioned = await openDispensation(
      t,
      yann(seed({ cis: '63179285' }, { durationDays: 28, overlapAllowed: true })),
    );
    const l = (await scan(mentioned.dispensationId, CIP.stilnox14, 2)).lines[0];
    expect([l.reconciliation.status, codes(l)]).toEqual(['matched', []]);
    await validated(mentioned.dispensationId);
  });

  it('narcotics: SKENAN LP 30 mg presented 6 days late, 3 boxes and a cut one for the 22 remaining days', async () => {
    const { dispensationId: id } = await openDispensation(
      t,
      seed({ cis: '69666321' }, { posology: perDay(2), durationDays: 28 }, daysAgo(6)),
    );
    let l = (await scan(id, CIP.skenan30x14, 3)).lines[0];
    expect(l.reconciliation.issues[0]).toMatchObject({
      code: 'NARCOTIC_PRESENTATION_LATE',
      severity: 'warning',
      details: { deliverableDays: 22, deliverableUnits: 44 },
    });
    expect([l.reconciliation.status, l.reconciliation.expectedBoxes]).toEqual(['matched', 3]);
    l = (await scan(id, CIP.skenan30x14)).lines[0];
    expect(blocking(l)).toEqual(['DELIVERY_CAP_EXCEEDED']);
    await removeLast(id);
    l = ((await counter.addPack(id, { cip13: CIP.skenan30x14, units: 2 })) as unknown as View).lines[0];
    expect(blocking(l)).toEqual([]);
    const record = await validated(id);
    expect(record.lines[0].products.map((p) => p.units)).toEqual([undefined, undefined, undefined, 2]);
  });

  it('narcotics are not renewable: a SKENAN renewal is refused', async () => {
    const { dispensationId: id } = await openDispensation(
      t,
      seed({ cis: '69666321' }, { posology: perDay(2), durationDays: 28, renewals: 1 }, daysAgo(28)),
      [{ date: daysAgo(28), lines: [{ lineId: '1', quantity: 4 }] }],
    );
    expect(blocking((await scan(id, CIP.skenan30x14)).lines[0])).toContain('RENEWAL_NOT_ALLOWED');
  });

  it('« réservé à l’usage hospitalier »: ANGUSTA is refused at the counter', async () => {
    const { dispensationId: id } = await openDispensation(
      t,
      seed({ cis: '60213914' }, { quantity: { boxes: 1 } }),
    );
    // Not sold in community pharmacies, so no public price: the LGO gives one (else PRICE_UNKNOWN too).
    await counter.addPack(id, { scan: gs1Pack(CIP.angusta8), unitPriceCents: 1500, reimbursementRate: 0 });
    const refused = await counter.validateOnce(id);
    expect([refused.status, (refused.body.issues as Issue[]).map((i) => i.code)]).toEqual([
      409,
      ['HOSPITAL_ONLY'],
    ]);
  });

  it('exceptional dispensation (R.5123-2-1): LEVOTHYROX 30 days × 4 all delivered, day 125, one month opens', async () => {
    const months = [0, 30, 60, 90].map((d) => ({
      date: daysAgo(125 - d),
      lines: [{ lineId: '1', quantity: 1 }],
    }));
    const { prescriptionId, dispensationId: id } = await openDispensation(
      t,
      seed(
        { cis: '68416845', cip13: CIP.levothyrox30 },
        { quantity: { boxes: 1 }, durationDays: 30, renewals: 3 },
        daysAgo(125),
      ),
      months,
    );
    // Fully executed at the teleservice (API.md: blocking from the scan), until the exceptional act lifts it.
    expect(blocking((await scan(id, CIP.levothyrox30)).lines[0])).toEqual([
      'PRESCRIPTION_FULLY_EXECUTED',
      'QUANTITY_EXCEEDS_PRESCRIPTION',
    ]);
    const act = await counter.act(id, 'lines/1/renewal', { kind: 'exceptional-dispensation' });
    expect(act.status).toBe(201);
    const l = (act.body as unknown as View).lines[0];
    expect([l.reconciliation.status, l.reconciliation.expectedBoxes, l.reconciliation.delivery]).toEqual([
      'matched',
      1,
      { renewalNumber: 4, complement: false, exceptional: true },
    ]);
    await counter.call('PATCH', `/api/v1/dispensations/${id}/lines/1`, {
      prescriberInformed: { at: clock.now().toISOString(), channel: 'secure-messaging' },
    });
    const record = await validated(id);
    expect(record.lines[0]).toMatchObject({
      renewal: {
        kind: 'exceptional-dispensation',
        mention: 'dispensation supplémentaire exceptionnelle',
        amIntervention: { type: 'modification', motive: 'renouvellement' },
      },
      prescriberInformed: { channel: 'secure-messaging' },
    });
    // The teleservice accepts it beyond the prescribed deliveries.
    await until(async () => (await ledgerOf(t, prescriptionId)).some((e) => e.accepted), 15_000);
    expect((await ledgerOf(t, prescriptionId)).map((e) => [e.accepted, e.error])).toEqual([
      [true, undefined],
    ]);
  });

  it('substitution: another product with the DC of a brand line is a mismatch; MTE-PH only on the MTE list', async () => {
    const { dispensationId: id } = await openDispensation(t, { ...EXAMPLE_SEED, createdAt: TODAY });
    await counter.addPack(id, { scan: gs1Pack(CIP.dafalganGelule), lineId: '1' });
    expect(blocking(await line(id))).toEqual(['PRODUCT_MISMATCH']);
    const refused = await counter.call('PATCH', `/api/v1/dispensations/${id}/lines/1`, { mtePh: true });
    expect([refused.status, refused.body.code]).toEqual([422, 'MTE_PH_NOT_ALLOWED']);
    const levothyrox = await counter.call('PATCH', `/api/v1/dispensations/${id}/lines/3`, { mtePh: true });
    expect(levothyrox.status).toBe(200);
  });

  it('an override records why, and the execution carries it (intervention with the prescriber’s agreement)', async () => {
    const { dispensationId: id } = await openDispensation(
      t,
      seed({ cis: '69309629' }, { quantity: { boxes: 1 } }),
    );
    await counter.addPack(id, { scan: gs1Pack(CIP.dafalganGelule), lineId: '1' });
    const intervention = {
      problemCode: '1',
      interventionCode: '3',
      comment: 'rupture, appel au prescripteur',
    };
    const noWhy = await counter.act(id, 'issues/PRODUCT_MISMATCH/override', { lineId: '1' });
    expect([noWhy.status, noWhy.body.code]).toEqual([422, 'OVERRIDE_REASON_REQUIRED']);
    const noAgreement = await counter.act(id, 'issues/PRODUCT_MISMATCH/override', {
      lineId: '1',
      intervention,
    });
    expect([noAgreement.status, noAgreement.body.code]).toEqual([422, 'PRESCRIBER_AGREEMENT_REQUIRED']);
    const agreement = { obtained: true, at: clock.now().toISOString(), channel: 'phone' };
    const done = await counter.act(id, 'issues/PRODUCT_MISMATCH/override', {
      lineId: '1',
      intervention: { ...intervention, prescriberAgreement: agreement },
    });
    expect(done.status).toBe(200);
    const record = await validated(id);
    expect(record.lines[0]).toMatchObject({
      interventions: [{ ...intervention, prescriberAgreement: agreement }],
      overrides: [
        {
          code: 'PRODUCT_MISMATCH',
          by: '10001234567',
          intervention: { ...intervention, prescriberAgreement: agreement },
        },
      ],
    });
  });

  it('renewal numbers: the complement of a partial delivery keeps its number', async () => {
    const { dispensationId: id } = await openDispensation(
      t,
      seed(
        { cis: '68416845', cip13: CIP.levothyrox30 },
        { quantity: { boxes: 2 }, durationDays: 60, renewals: 2 },
        daysAgo(30),
      ),
      [{ date: daysAgo(30), lines: [{ lineId: '1', quantity: 1 }] }],
    );
    const view = await scan(id, CIP.levothyrox30);
    expect([view.renewalNumber, view.lines[0].reconciliation.delivery]).toEqual([
      0,
      { renewalNumber: 0, complement: true },
    ]);
    const record = await validated(id);
    expect([record.renewalNumber, record.lines[0].delivery]).toEqual([
      0,
      { renewalNumber: 0, complement: true },
    ]);
  });

  it('listes I/II: a first delivery after 3 months, and a renewal before the last one runs out', async () => {
    const late = await openDispensation(
      t,
      seed(
        { cis: '64684319', cip13: CIP.antarene30 },
        { quantity: { boxes: 1 }, durationDays: 30 },
        daysAgo(100),
      ),
    );
    expect(blocking((await scan(late.dispensationId, CIP.antarene30)).lines[0])).toEqual([
      'PRESCRIPTION_EXPIRED',
    ]);
    const early = await openDispensation(
      t,
      seed(
        { cis: '68416845', cip13: CIP.levothyrox30 },
        { quantity: { boxes: 1 }, durationDays: 30, renewals: 2 },
        daysAgo(10),
      ),
      [{ date: daysAgo(10), lines: [{ lineId: '1', quantity: 1 }] }],
    );
    expect(blocking((await scan(early.dispensationId, CIP.levothyrox30)).lines[0])).toEqual([
      'RENEWAL_TOO_EARLY',
    ]);
  });

  it('messages are French, English when Accept-Language puts en first (issues and a refusal listing them)', async () => {
    const { dispensationId: id } = await openDispensation(
      t,
      seed({ cis: '69309629' }, { quantity: { boxes: 1 } }),
    );
    await counter.addPack(id, { scan: `]d2010${CIP.dolipraneGelule}17200131` });
    const fr = ((await counter.dispensation(id)) as unknown as View).lines[0].reconciliation.issues[0];
    expect(fr).toMatchObject({ code: 'PACK_EXPIRED', message: 'Boîte périmée depuis le 31/01/2020' });
    const en = ((await counter.dispensation(id, 'en-GB,en;q=0.9,fr;q=0.5')) as unknown as View).lines[0];
    expect(en.reconciliation.issues[0]).toMatchObject({
      code: 'PACK_EXPIRED',
      message: 'This pack expired on 2020-01-31',
    });
    const refused = await counter.validateOnce(id, 'en');
    expect((refused.body.issues as Issue[])[0].message).toBe('This pack expired on 2020-01-31');
    expect([refused.body.title, refused.body.detail]).toEqual([
      'The dispensation has blocking issues that are not overridden',
      '1 blocking issue(s) to resolve or override',
    ]);
    const refusedFr = await counter.validateOnce(id);
    expect((refusedFr.body.issues as Issue[])[0].message).toContain('Boîte périmée');
    expect([refusedFr.body.code, refusedFr.body.title, refusedFr.body.detail]).toEqual([
      'DISPENSATION_HAS_BLOCKING_ISSUES',
      'La dispensation comporte des alertes bloquantes non levées',
      'Une alerte bloquante reste à résoudre ou à lever',
    ]);
  });
});

describe("conditional dispensation on the pharmacy's own calendar (an overseas pharmacy)", () => {
  it("counts the TROD window in the pharmacy's zone, not Paris's", async () => {
    // Now, one of these zones is on another calendar day than Paris: Kiritimati (UTC+14) a day ahead, or
    // Pago Pago (UTC−11) a day behind. The prescription is dated so that Paris and the pharmacy disagree.
    const now = new Date();
    const paris = localDate(now, 'Europe/Paris');
    const ahead = localDate(now, 'Pacific/Kiritimati') !== paris;
    const timeZone = ahead ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    const here = localDate(now, timeZone);
    // Ahead: day 8 here (lapsed), day 7 in Paris. Behind: day 7 here (deliverable), day 8 in Paris.
    const createdAt = addDays(here, ahead ? -7 : -6);
    const t = await startSandboxedApp({ clock: new FixedClock(now), overrides: { pharmacy: { timeZone } } });
    try {
      const counter = counterOf(t);
      const trod = { ...EXAMPLE_SEED.lines[1], conditional: { test: 'trod-angine' as const } };
      const { dispensationId: id } = await openDispensation(
        t,
        { ...EXAMPLE_SEED, createdAt, lines: [trod] },
        [],
        counter,
      );
      await counter.act(id, 'lines/1/conditional', {
        test: 'trod-angine',
        result: 'positive',
        performedAt: now.toISOString(),
      });
      const view = (await counter.addPack(id, { scan: gs1Pack(CIP.amoxBgr14) })) as unknown as View;
      const reasons = view.lines[0].reconciliation.issues.map((i) => i.details?.reason);
      expect(reasons).toEqual(ahead ? ['test-out-of-window', 'prescription-lapsed'] : []);
    } finally {
      await t.close();
    }
  });
});
