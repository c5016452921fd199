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
  dispenseAndValidate,
  dispenseToInvoiced,
  gs1Pack,
  ledgerOf,
  openDispensation,
} from '../support/dispense-flow';
import { QUICK_RETRIES, startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { STAFF, TOKENS } from '../support/test-app';

// API.md § Executions and invoicing: cancelling an execution. An acknowledged one N is cancelled by the
// next number M (`cancels: N`) and its dispensation becomes `cancelled`; after invoicing only a pharmacien
// may; a parked one never recorded is replaced by a cancellation of its own number, so the sequence keeps
// no gap. Against the SOAP sandbox, whose ledger shows every call.

jest.setTimeout(60_000);

interface Call {
  executionId: string;
  kind: string;
  sequence: number;
  status: string;
  cancels?: number;
  lastError?: string;
}

const clock = new FixedClock(new Date());
const TODAY = localDate(clock.now(), 'Europe/Paris');
const daysAgo = (n: number) => addDays(TODAY, -n);

describe('cancelling executions (sandbox over SOAP)', () => {
  let t: SandboxedApp;
  let counter: CounterClient;

  beforeAll(async () => {
    t = await startSandboxedApp({ clock, overrides: QUICK_RETRIES });
    counter = counterOf(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const calls = async (prescriptionId: string) =>
    (await counter.call('GET', `/api/v1/executions?prescriptionId=${prescriptionId}`)).body.items as Call[];
  const dispensation = async (id: string) => counter.dispensation(id);
  const cancel = (executionId: string, reason: string, token = TOKENS.counter1) =>
    comptoir(t.url).post(`/api/v1/executions/${executionId}/cancel`).set(bearer(token)).send({ reason });
  const setOperator = (rpps: string) =>
    comptoir(t.url)
      .put('/api/v1/terminals/counter-1/operator')
      .set(bearer(TOKENS.lgo))
      .send({ rpps })
      .expect(200);

  it('after acknowledgement: cancelled by the next number, the dispensation cancelled, the prescription dispensable again', async () => {
    const d = await dispenseAndValidate(t);
    await counter.executionIn(d.executionId, 'acknowledged');
    const answer = await cancel(d.executionId, 'Erreur de saisie du lot').expect(200);
    const again = await cancel(d.executionId, 'Erreur de saisie du lot').expect(200);
    expect(again.body.cancellation).toBe(answer.body.cancellation); // idempotent: one cancellation
    await counter.executionIn(answer.body.cancellation as string, 'acknowledged');
    expect((await calls(d.prescriptionId)).map((c) => [c.sequence, c.kind, c.status, c.cancels])).toEqual([
      [1, 'execution', 'acknowledged', undefined],
      [2, 'cancellation', 'acknowledged', 1],
    ]);
    expect(await dispensation(d.dispensationId)).toMatchObject({
      status: 'cancelled',
      closure: {
        status: 'cancelled',
        reason: 'Erreur de saisie du lot',
        cancellationId: answer.body.cancellation,
      },
    });
    const ledger = await ledgerOf(t, d.prescriptionId);
    expect(ledger.map((e) => [e.sequence, e.accepted])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(ledger[1].payload).toEqual({ executionSequence: 1, motif: 'Erreur de saisie du lot' });
    // Dispensed again: the teleservice no longer counts the cancelled boxes, two are due again.
    const reopened = await counter.open(d.qr);
    expect(reopened).not.toBe(d.dispensationId);
    const view = (await dispensation(reopened)) as { lines: { reconciliation: { expectedBoxes: number } }[] };
    expect(view.lines[0].reconciliation.expectedBoxes).toBe(2);
    // What is not cancellable: a cancellation itself, an unknown call.
    expect((await cancel(answer.body.cancellation as string, 'x').expect(409)).body.code).toBe(
      'EXECUTION_NOT_CANCELLABLE',
    );
    expect((await cancel('nope', 'x').expect(404)).body.code).toBe('EXECUTION_NOT_FOUND');
  });

  it('after invoicing: a préparateur is refused, a pharmacien cancels, audited', async () => {
    const d = await dispenseToInvoiced(t, { fseNumber: `FSE${Date.now()}` });
    await setOperator(STAFF.preparateur.rpps);
    try {
      const refused = await cancel(d.executionId, 'Facture annulée').expect(403);
      expect(refused.body.code).toBe('CANCELLATION_NOT_ALLOWED');
    } finally {
      await setOperator(STAFF.pharmacien.rpps);
    }
    const answer = await cancel(d.executionId, 'Facture annulée').expect(200);
    await counter.executionIn(answer.body.cancellation as string, 'acknowledged');
    expect((await dispensation(d.dispensationId)).status).toBe('cancelled');
    // Behind the execution (1) and its post-invoice update (2): the cancellation is 3.
    expect((await calls(d.prescriptionId)).map((c) => [c.sequence, c.kind, c.cancels])).toEqual([
      [1, 'execution', undefined],
      [2, 'post-invoice', undefined],
      [3, 'cancellation', 1],
    ]);
    const audit = await appSql<{ actorRpps: string; actorRole: string }>(
      t.app,
      `SELECT "actorRpps", "actorRole" FROM "audit_entries" WHERE "action" = 'execution.cancelled' AND "subjectId" = ?`,
      [d.executionId],
    );
    expect(audit).toEqual([{ actorRpps: STAFF.pharmacien.rpps, actorRole: 'pharmacien' }]);
  });

  it('a parked execution never recorded is replaced by a cancellation of its own number: no gap', async () => {
    // LEVOTHYROX, 3 deliveries of 30 days, two made elsewhere; the third is validated here while the
    // teleservice fails, and another pharmacy delivers it meanwhile: ours is refused (fully executed).
    const seed: PrescriptionSeed = {
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
    };
    const months = [95, 65].map((n) => ({ date: daysAgo(n), lines: [{ lineId: '1', quantity: 1 }] }));
    const { prescriptionId, qr, dispensationId } = await openDispensation(t, seed, months);
    await counter.addPack(dispensationId, { scan: gs1Pack(CIP.levothyrox30) });
    await t.faults({ mode: 'http500', rate: 1 });
    const validated = await counter.validateOnce(dispensationId);
    expect(validated.status).toBe(200);
    await deliveredElsewhere(t, prescriptionId, daysAgo(35), [{ lineId: '1', quantity: 1 }]);
    await t.faults({ mode: 'none', rate: 0 });
    clock.advance(60_000); // the backoff of the attempts made while it failed falls due
    const parked = (await counter.executionIn(
      validated.body.executionId as string,
      'parked',
    )) as unknown as Call;
    expect(parked.lastError).toMatch(/^PRESCRIPTION_FULLY_EXECUTED/);

    const answer = await cancel(parked.executionId, 'Délivrée ailleurs entre-temps').expect(200);
    await counter.executionIn(answer.body.cancellation as string, 'acknowledged');
    expect((await calls(prescriptionId)).map((c) => [c.sequence, c.kind, c.status, c.cancels])).toEqual([
      [1, 'execution', 'cancelled', undefined],
      [1, 'cancellation', 'acknowledged', 1],
    ]);
    expect((await dispensation(dispensationId)).status).toBe('cancelled');

    // The next call takes number 2 and is accepted: the teleservice recorded 1 as cancelled. (An exceptional
    // dispensation: the treatment ended 5 days ago.)
    const next = await counter.open(qr);
    await counter.act(next, 'lines/1/renewal', { kind: 'exceptional-dispensation' });
    await counter.addPack(next, { scan: gs1Pack(CIP.levothyrox30) });
    const second = await counter.validateOnce(next);
    expect([second.status, second.body.sequence, JSON.stringify(second.body.issues ?? [])]).toEqual([
      200,
      2,
      '[]',
    ]);
    await counter.executionIn(second.body.executionId as string, 'acknowledged');
    const accepted = (await ledgerOf(t, prescriptionId)).filter((e) => e.accepted);
    expect(
      accepted.map((e) => [e.sequence, 'executionSequence' in e.payload ? 'cancellation' : 'execution']),
    ).toEqual([
      [1, 'cancellation'],
      [2, 'execution'],
    ]);
  });
});
