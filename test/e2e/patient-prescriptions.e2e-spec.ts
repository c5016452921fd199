import request from 'supertest';
import { comptoir } from '../support/api-request';
import { localDate } from '../../src/core/clock/calendar';
import { EventsService } from '../../src/core/events/events.service';
import { OutboxWriter } from '../../src/core/outbox/outbox.writer';
import { Database } from '../../src/core/database/database';
import { PrescriptionException } from '../../src/prescription/prescription.exception';
import { TeleservicePort } from '../../src/prescription/teleservice/teleservice.port';
import type {
  ExecutionPayload,
  PrescriptionSeed,
} from '../../src/prescription/teleservice/teleservice.types';
import { CIP } from '../factories/dispensation.factory';
import { EXAMPLE_EXECUTION, EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import {
  bearer,
  counterOf,
  deliveredElsewhere,
  executionRecord,
  gs1Pack,
  ledgerOf,
  paracetamolSeed,
} from '../support/dispense-flow';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

// API.md § Prescriptions (search, `patient-prescriptions` on a card) and § Executions (what an execution
// carries; the teleservice refuses one missing a mandatory field). Against the SOAP sandbox.

jest.setTimeout(60_000);

const GS = '\x1d';
const EVERY_EVENT = { principal: { pharmacyId: 'default', terminalId: '*', role: 'lgo' as const } };
const TODAY = localDate(new Date(), 'Europe/Paris');

/** A family of its own, so that other specs' prescriptions never show in its searches. */
const HOLDER = { lastName: 'RECHERCHE', firstName: 'PAUL', birthDate: '1971-03-04' };
const CHILD = { lastName: 'RECHERCHE', firstName: 'LINA', birthDate: '2010-09-08' };
const of = (patient: typeof HOLDER, extra: Partial<PrescriptionSeed> = {}): PrescriptionSeed => ({
  ...paracetamolSeed(),
  patient: { ...patient },
  ...extra,
});

describe("the patient's prescriptions and what their executions carry (sandbox over SOAP)", () => {
  let t: SandboxedApp;

  beforeAll(async () => {
    t = await startSandboxedApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('GET /api/v1/prescriptions searches the teleservice by the patient, with each status', async () => {
    const open = await t.seed(of(HOLDER));
    const cancelled = await t.seed(of(HOLDER));
    await request(t.sandbox.url)
      .post(`/sandbox/prescriptions/${cancelled.prescriptionId}/status`)
      .send({ status: 'cancelled' })
      .expect(200);
    const partly = await t.seed(of(HOLDER));
    await deliveredElsewhere(t, partly.prescriptionId, TODAY, [{ lineId: '1', quantity: 1 }]);
    await t.seed(of(CHILD));
    const res = await comptoir(t.url)
      .get(
        `/api/v1/prescriptions?lastName=${HOLDER.lastName}&firstName=${HOLDER.firstName}&birthDate=${HOLDER.birthDate}`,
      )
      .set(bearer())
      .expect(200);
    const found = (res.body.items as { prescriptionId: string; status: string; prescriber: object }[]).map(
      (i) => [i.prescriptionId, i.status],
    );
    expect(found.sort()).toEqual(
      [
        [open.prescriptionId, 'open'],
        [cancelled.prescriptionId, 'cancelled'],
        [partly.prescriptionId, 'partially-executed'],
      ].sort(),
    );
    expect(res.body.items[0]).toMatchObject({
      prescriber: { rpps: '99900038441' },
      createdAt: expect.any(String),
    });
    // By the INS of a qualified identity too (the example patient's); a name alone lists nobody's.
    const withIns = await t.seed(paracetamolSeed());
    const byIns = await comptoir(t.url)
      .get('/api/v1/prescriptions?ins=166022B12345678')
      .set(bearer())
      .expect(200);
    expect(byIns.body.items.map((i: { prescriptionId: string }) => i.prescriptionId)).toEqual([
      withIns.prescriptionId,
    ]);
    const vague = await comptoir(t.url)
      .get('/api/v1/prescriptions?lastName=RECHERCHE')
      .set(bearer())
      .expect(400);
    expect(vague.body.code).toBe('SEARCH_CRITERIA_MISSING');
    expect(
      (
        await comptoir(t.url)
          .get('/api/v1/prescriptions?birthDate=1971-3-4&lastName=X')
          .set(bearer())
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
  });

  it('a Carte Vitale read publishes patient-prescriptions: the open ones of the holder and the beneficiaries', async () => {
    const family = { ...HOLDER, lastName: 'FAMILLE' };
    const child = { ...CHILD, lastName: 'FAMILLE' };
    const mine = await t.seed(of(family));
    const theirs = await t.seed(of(child));
    const done = await t.seed(of(child));
    await deliveredElsewhere(t, done.prescriptionId, TODAY, [{ lineId: '1', quantity: 2 }]); // fully executed
    const events = t.app.get(EventsService);
    const from = (await events.since(0, EVERY_EVENT)).length;
    await comptoir(t.url)
      .post('/api/v1/devices/counter-1-card-reader/simulate')
      .set(bearer())
      .send({
        data: JSON.stringify({
          holder: { lastName: family.lastName, firstNames: [family.firstName], birthDate: family.birthDate },
          beneficiaries: [
            { lastName: child.lastName, firstNames: [child.firstName], birthDate: child.birthDate },
          ],
        }),
      })
      .expect(202);
    const listed = await until(
      async () =>
        (await events.since(0, EVERY_EVENT)).slice(from).find((e) => e.type === 'patient-prescriptions'),
      10_000,
    );
    expect(listed.terminalId).toBe('counter-1');
    const people = (
      listed.data as {
        people: { role: string; firstName: string; prescriptions: { prescriptionId: string }[] }[];
      }
    ).people;
    expect(people.map((p) => [p.role, p.firstName, p.prescriptions.map((x) => x.prescriptionId)])).toEqual([
      ['holder', family.firstName, [mine.prescriptionId]],
      ['beneficiary', child.firstName, [theirs.prescriptionId]],
    ]);
    await comptoir(t.url)
      .post('/api/v1/devices/counter-1-card-reader/simulate')
      .set(bearer())
      .send({ data: 'remove' })
      .expect(202);
  });

  it('the INS read from a DataMatrix and matched with the prescription travels with the execution', async () => {
    // The teleservice gives this patient no INS; the counter reads a qualified one from the patient's document.
    const noIns = of({ lastName: 'ESSAI', firstName: 'ALAIN', birthDate: '1966-02-23' });
    const counter = counterOf(t);
    const { qr, prescriptionId } = await t.seed(noIns);
    const id = await counter.open(qr);
    const matricule = '166026322000186'; // a NIR with its key, as an INS DataMatrix carries it
    const dm = `IS01${'0'.repeat(22)}${matricule}1.2.250.1.213.1.4.10ALAIN${GS}ESSAI${GS}M23-02-196663220`;
    const read = await counter.call('POST', '/api/v1/scans', { data: dm, terminalId: 'counter-1' });
    expect(read.body.sessionId).toBe(id);
    for (let i = 0; i < 2; i++) await counter.addPack(id, { scan: gs1Pack(CIP.dolipraneGelule) });
    const v = await counter.validateOnce(id);
    expect(v.status).toBe(200);
    const record = await executionRecord(t, v.body.executionId as string);
    expect(record).toMatchObject({
      patientIns: { matricule, oid: '1.2.250.1.213.1.4.10' },
      prescriber: { rpps: '99900038441', am: '991118019' },
      pharmacy: { finess: '990000011', am: '991234567' },
      pharmacist: { rpps: '10001234567', role: 'pharmacien' },
    });
    // Each box with the BDPM's public price and rate (DOLIPRANE 1000 mg: 2,18 €, 65 %).
    expect(record.lines[0].products.map((p) => [p.unitPriceCents, p.reimbursementRate])).toEqual([
      [218, 65],
      [218, 65],
    ]);
    await counter.executionIn(v.body.executionId as string, 'acknowledged');
    expect((await ledgerOf(t, prescriptionId))[0].payload).toMatchObject({ patientIns: { matricule } });
  });

  it('the teleservice refuses an execution missing a mandatory field; the outbox parks it with the fields named', async () => {
    const { prescriptionId } = await t.seed({ ...EXAMPLE_SEED, createdAt: TODAY });
    const incomplete: ExecutionPayload = {
      ...EXAMPLE_EXECUTION,
      prescriber: undefined,
      lines: [{ lineId: '1', products: [{ cip13: CIP.dolipraneGelule, quantity: 1 }] }],
    };
    const refused = await t.app
      .get(TeleservicePort)
      .recordExecution(prescriptionId, 1, incomplete)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PrescriptionException);
    expect([
      (refused as PrescriptionException).code,
      (refused as PrescriptionException).extra?.reason,
    ]).toEqual([
      'EXECUTION_INCOMPLETE',
      'prescriber.rpps,lines[0].products[0].unitPriceCents,lines[0].products[0].reimbursementRate',
    ]);
    const appended = await t.app.get(Database).transaction((m) =>
      t.app.get(OutboxWriter).append(m, {
        pharmacyId: 'default',
        prescriptionId,
        kind: 'execution',
        payload: incomplete as unknown as Record<string, unknown>,
      }),
    );
    const parked = await until(async () => {
      const res = await comptoir(t.url)
        .get(`/api/v1/executions/${appended.executionId}`)
        .set(bearer(TOKENS.backoffice));
      return res.body.status === 'parked' ? res.body : undefined;
    }, 10_000);
    expect(parked.lastError).toMatch(/^EXECUTION_INCOMPLETE: mandatory field\(s\) missing: prescriber\.rpps/);
    const ledger = await ledgerOf(t, prescriptionId);
    expect(ledger.map((e) => [e.sequence, e.accepted, e.error])).toEqual([
      [1, false, 'EXECUTION_INCOMPLETE'],
      [1, false, 'EXECUTION_INCOMPLETE'],
    ]);
  });
});
