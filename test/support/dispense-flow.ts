import request from 'supertest';
import { comptoir } from './api-request';
import type { ExecutionPayload, PharmacyRef } from '../../src/prescription/teleservice/teleservice.types';
import { CounterClient } from './counter-client';
import type { PrescriptionSeed } from '../../src/prescription/teleservice/teleservice.types';
import { CIP } from '../factories/dispensation.factory';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import type { SandboxedApp } from './sandbox-app';
import { TOKENS } from './test-app';
import { until } from './until';
import { appSql } from './database';

const GS = '\x1d';
let serials = 0;

/** A GS1 DataMatrix of one French pack (CIP13, expiry, lot, a serial unique in this process). */
export const gs1Pack = (cip13: string, lot = 'LOT1') =>
  `]d2010${cip13}17301231` + `10${lot}${GS}21S${process.pid}x${++serials}`;

export const bearer = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });

/** One paracétamol line of 2 boxes (two Doliprane 1000 mg gélule boxes match it), created today. */
export const paracetamolSeed = (): PrescriptionSeed => ({
  ...EXAMPLE_SEED,
  createdAt: new Date().toISOString().slice(0, 10),
  lines: [EXAMPLE_SEED.lines[0]],
});

export interface Dispensed {
  prescriptionId: string;
  qr: string;
  dispensationId: string;
  executionId: string;
}

/**
 * Seed → scan the QR on counter-1 → scan two Doliprane packs → validate, all over the public API.
 * The prescription's line is the paracetamolSeed one unless `seed` says otherwise (then `packs` too).
 */
export async function dispenseAndValidate(
  t: SandboxedApp,
  options: { seed?: PrescriptionSeed; packs?: string[] } = {},
): Promise<Dispensed> {
  const { qr, prescriptionId } = await t.seed(options.seed ?? paracetamolSeed());
  const opened = await comptoir(t.url)
    .post('/api/v1/scans')
    .set(bearer())
    .send({ data: qr, terminalId: 'counter-1' });
  if (opened.status !== 201 || !opened.body.sessionId) {
    throw new Error(`scan of the QR: ${opened.status} ${JSON.stringify(opened.body)}`);
  }
  const dispensationId = opened.body.sessionId as string;
  for (const pack of options.packs ?? [gs1Pack(CIP.dolipraneGelule), gs1Pack(CIP.dolipraneGelule)]) {
    await comptoir(t.url)
      .post('/api/v1/scans')
      .set(bearer())
      .send({ data: pack, terminalId: 'counter-1' })
      .expect(201);
  }
  const v = await comptoir(t.url)
    .post(`/api/v1/dispensations/${dispensationId}/validate`)
    .set(bearer())
    .send({});
  if (v.status !== 200) throw new Error(`validate: ${v.status} ${JSON.stringify(v.body)}`);
  return { prescriptionId, qr, dispensationId, executionId: v.body.executionId as string };
}

export const dispensationStatus = async (t: SandboxedApp, id: string) =>
  (await comptoir(t.url).get(`/api/v1/dispensations/${id}`).set(bearer())).body.status as string;

/** dispenseAndValidate, then waits for the acknowledgement and invoices under `fseNumber`. */
export async function dispenseToInvoiced(
  t: SandboxedApp,
  invoice: { fseNumber: string; billingNumber?: string; invoicedAt?: string; amountCents?: number },
  options: { seed?: PrescriptionSeed; packs?: string[] } = {},
): Promise<Dispensed & { invoiceId: string }> {
  const d = await dispenseAndValidate(t, options);
  await until(async () => (await dispensationStatus(t, d.dispensationId)) === 'acknowledged', 15_000);
  const inv = await comptoir(t.url)
    .post(`/api/v1/dispensations/${d.dispensationId}/invoice`)
    .set(bearer())
    .send({ invoicedAt: new Date().toISOString(), amountCents: 216, ...invoice });
  if (inv.status !== 202) throw new Error(`invoice: ${inv.status} ${JSON.stringify(inv.body)}`);
  return { ...d, invoiceId: inv.body.invoiceId as string };
}

/** counter-1 over the public API, the way the counter page drives it (a CounterClient on this app). */
export const counterOf = (t: SandboxedApp, token = TOKENS.counter1, terminal = 'counter-1') =>
  new CounterClient(t.url, token, terminal, 15_000);

/** Another pharmacy's delivery recorded by the teleservice (`POST /sandbox/prescriptions/:id/executions`). */
export async function deliveredElsewhere(
  t: SandboxedApp,
  prescriptionId: string,
  date: string,
  lines: { lineId: string; quantity: number }[],
  pharmacy: PharmacyRef = { finess: '990000029', name: 'Pharmacie voisine' },
): Promise<void> {
  await request(t.sandbox.url)
    .post(`/sandbox/prescriptions/${prescriptionId}/executions`)
    .send({ pharmacy, lines, date })
    .expect(201);
}

/**
 * Seeds a prescription (with the deliveries other pharmacies already made), scans its QR on the counter
 * and returns the open dispensation's id.
 */
export async function openDispensation(
  t: SandboxedApp,
  seed: PrescriptionSeed,
  elsewhere: { date: string; lines: { lineId: string; quantity: number }[] }[] = [],
  counter = counterOf(t),
): Promise<{ prescriptionId: string; qr: string; dispensationId: string }> {
  const { qr, prescriptionId } = await t.seed(seed);
  for (const e of elsewhere) await deliveredElsewhere(t, prescriptionId, e.date, e.lines);
  return { prescriptionId, qr, dispensationId: await counter.open(qr) };
}

/** The execution record Comptoir appended to its outbox (what it will send, and what the wire does not carry yet). */
export async function executionRecord(t: SandboxedApp, executionId: string): Promise<ExecutionPayload> {
  const [row] = await appSql<{ payload: string }>(
    t.app,
    `SELECT "payload" FROM "outbox_executions" WHERE "id" = ?`,
    [executionId],
  );
  return JSON.parse(row.payload) as ExecutionPayload;
}

/** The sandbox's ledger of a prescription: every execution-kind call it received. */
export async function ledgerOf(t: SandboxedApp, prescriptionId: string) {
  const res = await request(t.sandbox.url).get(`/sandbox/prescriptions/${prescriptionId}`).expect(200);
  return res.body.ledger as {
    sequence: number;
    accepted: boolean;
    error?: string;
    fault?: string;
    payload: ExecutionPayload;
  }[];
}
