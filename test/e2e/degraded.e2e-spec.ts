import { FixedClock } from '../../src/core/clock/clock';
import { EventsService } from '../../src/core/events/events.service';
import type { PrescriptionSeed } from '../../src/prescription/teleservice/teleservice.types';
import { CIP } from '../factories/dispensation.factory';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import type { CounterClient } from '../support/counter-client';
import { counterOf, gs1Pack, ledgerOf, paracetamolSeed } from '../support/dispense-flow';
import { startSandboxedApp, SandboxedApp } from '../support/sandbox-app';
import { until } from '../support/until';

// API.md § Dispensations, degraded mode: the teleservice cannot be reached at the scan, the QR still opens a
// dispensation from its identity data; the pharmacist transcribes the paper, dispenses and validates; the
// execution is held until the prescription is retrieved and compared. Against the SOAP sandbox, whose
// faults make it unreachable; the app and the sandbox share one clock, moved by hand for the window.

jest.setTimeout(60_000);

interface Issue {
  code: string;
  severity: string;
  details?: Record<string, unknown>;
}
interface View {
  status: string;
  degraded?: boolean;
  transcription?: { state: string; differences?: string[]; confirmed?: { by: string; comment?: string } };
  closure?: Record<string, unknown>;
  lines: { lineId: string; reconciliation: { status: string; issues: Issue[] } }[];
  issues: Issue[];
}

const clock = new FixedClock(new Date());
const EVERY_EVENT = { principal: { pharmacyId: 'default', terminalId: '*', role: 'lgo' as const } };

/** The paper of paracetamolSeed's line, as the pharmacist types it (`boxes` as read). */
const paperLine = (boxes = 2) => ({
  kind: 'medication',
  product: { cis: '69309629', label: 'PARACETAMOL 1 g gélule' },
  posology: { text: '1 gélule matin et soir', unitsPerDay: 2 },
  quantity: { boxes },
  durationDays: 30,
});

describe('degraded mode: the counter goes on when the teleservice does not answer', () => {
  let t: SandboxedApp;
  let counter: CounterClient;

  beforeAll(async () => {
    t = await startSandboxedApp({
      clock,
      sandboxClock: clock,
      overrides: {
        teleservice: {
          timeoutMs: 400,
          breaker: { failureThreshold: 1000, cooldownMs: 50 },
          degradedCheckMs: 50,
          degradedWindowHours: 72,
        },
        execution: { pollMs: 20, backoffMs: { min: 10, max: 100 } },
      },
    });
    counter = counterOf(t);
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(async () => t.faults({ mode: 'none', rate: 0 }));

  const down = () => t.faults({ mode: 'http500', rate: 1 });
  const up = () => t.faults({ mode: 'none', rate: 0 });
  const view = async (id: string) => (await counter.dispensation(id)) as unknown as View;
  const execution = async (id: string) =>
    (await counter.call('GET', `/api/v1/executions/${id}`)).body as { status: string; sequence: number };

  /** The QR scanned while the teleservice answers 500: a degraded dispensation opens from its data. */
  const openDegraded = async (seed: PrescriptionSeed) => {
    const { prescriptionId, qr } = await t.seed(seed);
    await down();
    const scanned = await counter.call('POST', '/api/v1/scans', { data: qr, terminalId: 'counter-1' });
    expect(scanned.status).toBe(201);
    expect(scanned.body.retrieval).toEqual({ status: 'unavailable', code: 'TELESERVICE_UNAVAILABLE' });
    const id = scanned.body.sessionId as string;
    expect(id).toEqual(expect.any(String));
    return { prescriptionId, id, qr };
  };

  /** Transcribes, dispenses two boxes and validates while the teleservice is down: the execution is held. */
  const dispenseDegraded = async (seed: PrescriptionSeed, boxes: number) => {
    const { prescriptionId, id } = await openDegraded(seed);
    const transcribed = await counter.act(id, 'lines', { lines: [paperLine(boxes)] });
    expect(transcribed.status).toBe(201);
    for (let i = 0; i < 2; i++) await counter.addPack(id, { scan: gs1Pack(CIP.dolipraneGelule) });
    const validated = await counter.validateOnce(id);
    expect(validated.status).toBe(200);
    const executionId = validated.body.executionId as string;
    expect(await execution(executionId)).toMatchObject({ status: 'held', sequence: 1 });
    return { prescriptionId, id, executionId };
  };

  it('an outage at the scan, then recovery with an equal transcription: the held execution is sent', async () => {
    const { prescriptionId, id, executionId } = await dispenseDegraded(paracetamolSeed(), 2);
    const v = await view(id);
    expect([v.status, v.degraded, v.transcription?.state]).toEqual(['validated', true, 'pending']);
    expect(v.lines.map((l) => [l.lineId, l.reconciliation.status])).toEqual([['1', 'matched']]);
    const failed = (await t.app.get(EventsService).since(0, EVERY_EVENT)).filter(
      (e) =>
        e.type === 'retrieval-failed' &&
        (e.data as { prescriptionId: string }).prescriptionId === prescriptionId,
    );
    expect(failed.map((e) => [e.terminalId, (e.data as { status: string }).status])).toEqual([
      ['counter-1', 'unavailable'],
    ]);
    // Held: nothing reached the teleservice while the transcription was not compared.
    expect(await ledgerOf(t, prescriptionId)).toEqual([]);

    await up();
    await counter.executionIn(executionId, 'acknowledged');
    expect((await view(id)).transcription).toMatchObject({ state: 'equal', differences: [] });
    const ledger = await ledgerOf(t, prescriptionId);
    expect(ledger.map((e) => [e.sequence, e.accepted])).toEqual([[1, true]]);
    expect(ledger[0].payload.lines[0].products).toHaveLength(2);
  });

  it('recovery with a transcription that differs: TRANSCRIPTION_DIFFERS until confirmed, then sent', async () => {
    const { id, executionId } = await dispenseDegraded(paracetamolSeed(), 3);
    await up();
    await until(async () => (await view(id)).transcription?.state === 'differs', 10_000);
    const v = await view(id);
    expect(v.issues).toEqual([
      expect.objectContaining({
        code: 'TRANSCRIPTION_DIFFERS',
        severity: 'blocking',
        details: { differences: ['1.quantity.boxes: 3 ≠ 2'] },
      }),
    ]);
    expect((await execution(executionId)).status).toBe('held');

    const confirmed = await counter.act(id, 'transcription/confirm', { comment: 'Le papier dit 3 boîtes' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      issues: [],
      transcription: {
        state: 'confirmed',
        confirmed: { by: '10001234567', comment: 'Le papier dit 3 boîtes' },
      },
    });
    await counter.executionIn(executionId, 'acknowledged');
    const again = await counter.act(id, 'transcription/confirm', {});
    expect([again.status, again.body.code]).toEqual([409, 'TRANSCRIPTION_NOT_DIFFERENT']);
  });

  it('the window passing: the dispensation becomes paper, its execution is cancelled unsent and its number filled', async () => {
    const { prescriptionId, id, executionId } = await dispenseDegraded(paracetamolSeed(), 2);
    clock.advance(73 * 3_600_000);
    try {
      await until(async () => (await view(id)).status === 'paper', 10_000);
      expect((await view(id)).closure).toMatchObject({ status: 'paper' });
      expect((await execution(executionId)).status).toBe('cancelled');
      const calls = (await counter.call('GET', `/api/v1/executions?prescriptionId=${prescriptionId}`)).body
        .items as { kind: string; sequence: number; status: string; cancels?: number }[];
      const filler = calls.find((c) => c.kind === 'cancellation')!;
      expect(filler).toMatchObject({ sequence: 1, cancels: 1, status: 'queued' });
      // Once the teleservice answers, the number is recorded as cancelled: no gap, no execution. (Time
      // moves on: the backoff of the attempts made while it was down falls due.)
      await up();
      clock.advance(10 * 60_000);
      await until(async () => (await ledgerOf(t, prescriptionId)).some((e) => e.accepted), 10_000);
      expect(
        (await ledgerOf(t, prescriptionId)).filter((e) => e.accepted).map((e) => [e.sequence, e.payload]),
      ).toEqual([[1, { executionSequence: 1, motif: expect.stringContaining('papier') }]]);
    } finally {
      clock.set(new Date());
    }
  });

  it('a paper transcription of a product that needs a secure prescription asks for securePaperConfirmed', async () => {
    const stilnox: PrescriptionSeed = {
      ...EXAMPLE_SEED,
      createdAt: paracetamolSeed().createdAt,
      lines: [
        {
          kind: 'medication',
          product: { cis: '63179285' },
          posology: { text: '1 le soir', unitsPerDay: 1 },
          durationDays: 28,
        },
      ],
    };
    const { id } = await openDegraded(stilnox);
    await counter.act(id, 'lines', {
      lines: [
        {
          kind: 'medication',
          product: { cis: '63179285' },
          posology: { text: '1 le soir', unitsPerDay: 1 },
          durationDays: 28,
        },
      ],
    });
    const scanned = (await counter.addPack(id, { scan: gs1Pack(CIP.stilnox14) })) as unknown as View;
    expect(scanned.lines[0].reconciliation.issues).toContainEqual(
      expect.objectContaining({ code: 'SECURE_PRESCRIPTION_REQUIRED', severity: 'blocking' }),
    );
    const override = await counter.act(id, 'issues/SECURE_PRESCRIPTION_REQUIRED/override', {
      lineId: '1',
      reason: 'vu au comptoir',
    });
    expect([override.status, override.body.code]).toEqual([422, 'ISSUE_NOT_OVERRIDABLE']);
    const confirmed = await counter.act(
      id,
      'lines/1',
      { securePaperConfirmed: true, securePaperReason: 'téléservice indisponible' },
      'PATCH',
    );
    expect(
      (confirmed.body as unknown as View).lines[0].reconciliation.issues.map((i) => i.code),
    ).not.toContain('SECURE_PRESCRIPTION_REQUIRED');
  });

  it('lines are transcribed only on a degraded dispensation; one left without lines becomes a normal one once retrieved', async () => {
    const normal = await counter.open((await t.seed(paracetamolSeed())).qr);
    const refused = await counter.act(normal, 'lines', { lines: [paperLine()] });
    expect([refused.status, refused.body.code]).toEqual([409, 'TRANSCRIPTION_NOT_ALLOWED']);

    const { id, qr } = await openDegraded(paracetamolSeed());
    const unnamed = await counter.act(id, 'lines', {
      lines: [{ kind: 'device', product: { label: 'x' }, posology: { text: 'x' } }],
    });
    expect([unnamed.status, unnamed.body.code]).toEqual([422, 'TRANSCRIPTION_LINE_INVALID']);
    // A line typed by mistake is removed again.
    const typed = await counter.act(id, 'lines', { lines: [paperLine()] });
    expect(typed.status).toBe(201);
    const removed = await counter.call('DELETE', `/api/v1/dispensations/${id}/lines/1`);
    expect([removed.status, (removed.body.lines as unknown[]).length]).toEqual([200, 0]);
    expect((await counter.validateOnce(id)).body.code).toBe('TRANSCRIPTION_EMPTY');
    await up();
    const rescanned = await counter.call('POST', '/api/v1/scans', { data: qr, terminalId: 'counter-1' });
    expect(rescanned.body).toMatchObject({ retrieval: { status: 'retrieved' }, sessionId: id });
    const v = await view(id);
    expect([v.degraded, v.lines.map((l) => l.lineId)]).toEqual([undefined, ['1']]);
  });
});
