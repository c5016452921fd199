import request from 'supertest';
import { comptoir } from '../support/api-request';
import { appSql } from '../support/database';
import { addDays, localDate } from '../../src/core/clock/calendar';
import { FixedClock } from '../../src/core/clock/clock';
import type { PrescriptionSeed } from '../../src/prescription/teleservice/teleservice.types';
import { CIP } from '../factories/dispensation.factory';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import type { CounterClient } from '../support/counter-client';
import {
  bearer,
  counterOf,
  deliveredElsewhere,
  gs1Pack,
  ledgerOf,
  openDispensation,
  paracetamolSeed,
} from '../support/dispense-flow';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';

// API.md § Prescriptions: a prescription fully executed, expired or cancelled at the teleservice opens its
// dispensation with a blocking issue that shows what was delivered, where and when (RULES.md: lifted on a
// line by an exceptional supplementary dispensation, never overridden). Through the public API, over SOAP.

jest.setTimeout(60_000);

interface Issue {
  code: string;
  severity: string;
  message: string;
  details?: Record<string, unknown>;
}
interface View {
  status: string;
  lines: { lineId: string; reconciliation: { status: string; issues: Issue[] } }[];
  issues: Issue[];
  closure?: Record<string, unknown>;
}

const clock = new FixedClock(new Date());
const TODAY = localDate(clock.now(), 'Europe/Paris');
const daysAgo = (n: number) => addDays(TODAY, -n);

/** LEVOTHYROX 30 days, 2 renewals (90 days of a chronic treatment), prescribed 95 days ago. */
const chronic = (): PrescriptionSeed => ({
  ...EXAMPLE_SEED,
  createdAt: daysAgo(95),
  lines: [
    {
      kind: 'medication',
      product: { cis: '68416845', cip13: CIP.levothyrox30 },
      posology: { text: '1 comprimé le matin', unitsPerDay: 1 },
      quantity: { boxes: 1 },
      durationDays: 30,
      renewals: 2,
    },
  ],
});

describe('prescription status at the scan (sandbox over SOAP)', () => {
  let t: SandboxedApp;
  let counter: CounterClient;

  beforeAll(async () => {
    t = await startSandboxedApp({ clock });
    counter = counterOf(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const view = async (id: string) => (await counter.dispensation(id)) as unknown as View;
  const setStatus = (prescriptionId: string, status: string) =>
    request(t.sandbox.url)
      .post(`/sandbox/prescriptions/${prescriptionId}/status`)
      .send({ status })
      .expect(200);
  const prescription = async (id: string) =>
    (await comptoir(t.url).get(`/api/v1/prescriptions/${id}`).set(bearer()).expect(200)).body;

  it('fully executed elsewhere: blocking from the scan with what was delivered where and when, then an exceptional dispensation on it', async () => {
    const months = [95, 65, 35].map((n) => ({ date: daysAgo(n), lines: [{ lineId: '1', quantity: 1 }] }));
    const { prescriptionId, dispensationId: id } = await openDispensation(t, chronic(), months);
    const p = await prescription(prescriptionId);
    expect([p.status, p.treatmentEnd]).toEqual(['fully-executed', daysAgo(5)]);

    const opened = (await view(id)).lines[0].reconciliation.issues;
    expect(opened).toEqual([
      expect.objectContaining({
        code: 'PRESCRIPTION_FULLY_EXECUTED',
        severity: 'blocking',
        details: expect.objectContaining({
          source: 'teleservice',
          deliveries: months.map((m) => `${m.date}|1|Pharmacie voisine`),
        }),
      }),
    ]);
    // French by default: the three deliveries with their day and their pharmacy.
    const [y, m, d] = daysAgo(35).split('-');
    expect(opened[0].message).toContain(`1 boîte le ${d}/${m}/${y} à Pharmacie voisine`);

    await counter.addPack(id, { scan: gs1Pack(CIP.levothyrox30) });
    const refused = await counter.validateOnce(id);
    expect([refused.status, (refused.body.issues as Issue[]).map((i) => i.code)]).toEqual([
      409,
      ['PRESCRIPTION_FULLY_EXECUTED', 'QUANTITY_EXCEEDS_PRESCRIPTION'],
    ]);
    const override = await counter.act(id, 'issues/PRESCRIPTION_FULLY_EXECUTED/override', {
      lineId: '1',
      reason: 'le patient insiste',
    });
    expect([override.status, override.body.code]).toEqual([422, 'ISSUE_NOT_OVERRIDABLE']);

    // R.5123-2-1: the treatment ended 5 days ago; the exceptional act lifts the issue on its line.
    const act = await counter.act(id, 'lines/1/renewal', { kind: 'exceptional-dispensation' });
    expect(act.status).toBe(201);
    expect((act.body as unknown as View).lines[0].reconciliation).toMatchObject({
      status: 'matched',
      issues: [],
    });
    await counter.act(
      id,
      'lines/1',
      { prescriberInformed: { at: clock.now().toISOString(), channel: 'secure-messaging' } },
      'PATCH',
    );
    const validated = await counter.validateOnce(id);
    expect(validated.status).toBe(200);
    await counter.executionIn(validated.body.executionId as string, 'acknowledged');
    // The teleservice records it beyond the prescribed deliveries.
    expect((await ledgerOf(t, prescriptionId)).map((e) => [e.sequence, e.accepted])).toEqual([[1, true]]);
  });

  it('expired at the teleservice: PRESCRIPTION_EXPIRED on every line from the scan, with the treatment end', async () => {
    const seed = paracetamolSeed();
    const { prescriptionId, qr } = await t.seed(seed);
    await setStatus(prescriptionId, 'expired');
    const id = await counter.open(qr);
    const issues = (await view(id)).lines[0].reconciliation.issues;
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'PRESCRIPTION_EXPIRED',
        details: expect.objectContaining({
          source: 'teleservice',
          treatmentEnd: addDays(seed.createdAt!, 30),
        }),
      }),
    ]);
    expect((await prescription(prescriptionId)).status).toBe('expired');
    await counter.addPack(id, { scan: gs1Pack(CIP.dolipraneGelule) });
    expect((await counter.validateOnce(id)).status).toBe(409);
  });

  it('cancelled by its prescriber: PRESCRIPTION_CANCELLED; the customer leaves, the dispensation is abandoned and its box released', async () => {
    const { prescriptionId, qr } = await t.seed(paracetamolSeed());
    await deliveredElsewhere(t, prescriptionId, daysAgo(1), [{ lineId: '1', quantity: 1 }]);
    await setStatus(prescriptionId, 'cancelled');
    const id = await counter.open(qr);
    expect((await view(id)).lines[0].reconciliation.issues).toEqual([
      expect.objectContaining({
        code: 'PRESCRIPTION_CANCELLED',
        details: expect.objectContaining({ deliveries: [`${daysAgo(1)}|1|Pharmacie voisine`] }),
      }),
    ]);
    const box = gs1Pack(CIP.dolipraneGelule);
    await counter.addPack(id, { scan: box });
    const refused = await counter.validateOnce(id);
    expect((refused.body.issues as Issue[]).map((i) => i.code)).toEqual(['PRESCRIPTION_CANCELLED']);

    const abandoned = await counter.act(id, 'abandon', { reason: 'Le patient est reparti' });
    expect(abandoned.status).toBe(200);
    expect(abandoned.body).toMatchObject({
      status: 'abandoned',
      closure: { status: 'abandoned', reason: 'Le patient est reparti', by: '10001234567' },
    });
    expect((await counter.act(id, 'abandon', { reason: 'encore' })).body.code).toBe('DISPENSATION_CLOSED');
    expect((await counter.validateOnce(id)).body.code).toBe('DISPENSATION_CLOSED');
    // Its box was released: scanned for another prescription, it is not « already scanned ».
    const other = await openDispensation(t, paracetamolSeed());
    const taken = (await counter.addPack(other.dispensationId, { scan: box })) as unknown as View;
    expect(taken.lines[0].reconciliation.issues.map((i) => i.code)).not.toContain('SERIAL_ALREADY_SCANNED');
    const actions = await appSql<{ action: string }>(
      t.app,
      `SELECT "action" FROM "audit_entries" WHERE "subjectId" = ? ORDER BY "seq"`,
      [id],
    );
    expect(actions.map((a) => a.action)).toContain('dispensation.abandoned');
  });
});
