import type { ExecutionPayload } from '../../src/prescription/teleservice/teleservice.types';
import { EXAMPLE_EXECUTION } from '../fixtures/teleservice/examples';

/** One ledger entry of the sandbox (API.md § Teleservice sandbox). */
export interface LedgerEntry {
  sequence: number | null;
  kind: string;
  accepted: boolean;
  duplicate: boolean;
  conflict: boolean;
  fault?: string;
  error?: string;
  payload: unknown;
}

/** EXAMPLE_EXECUTION (lines 1–4 of EXAMPLE_SEED), made distinct per call by its lots. */
export function executionPayload(tag: string): ExecutionPayload {
  return {
    ...EXAMPLE_EXECUTION,
    lines: EXAMPLE_EXECUTION.lines.map((l) => ({
      ...l,
      products: l.products.map((p) => ({ ...p, lot: `${p.lot ?? 'L'}-${tag}`.slice(0, 20) })),
    })),
  };
}

export async function fetchLedger(sandboxUrl: string, prescriptionId: string): Promise<LedgerEntry[]> {
  const res = await fetch(`${sandboxUrl}/sandbox/prescriptions/${prescriptionId}`);
  if (res.status !== 200) throw new Error(`ledger of ${prescriptionId}: HTTP ${res.status}`);
  return ((await res.json()) as { ledger: LedgerEntry[] }).ledger;
}

/**
 * What the proof asks of one prescription's ledger, as a list of violations (empty when it holds): every
 * sequence 1..n accepted exactly once as a first arrival, in order, with the payload queued for it; every
 * other accepted arrival an idempotent replay of an earlier sequence; no conflict; refusals only for an
 * injected fault that answered without processing. `same` compares an arrival's payload with what was
 * expected for its sequence (the whole payload by default).
 */
export function ledgerViolations(
  entries: LedgerEntry[],
  expected: unknown[],
  same: (payload: unknown, expected: unknown) => boolean = sameJson,
): string[] {
  const out: string[] = [];
  const firsts = entries.filter((e) => e.accepted && !e.duplicate);
  const order = firsts.map((e) => e.sequence);
  const want = expected.map((_, i) => i + 1);
  if (JSON.stringify(order) !== JSON.stringify(want))
    out.push(`accepted order ${order.join(',')} ≠ ${want.join(',')}`);
  for (const e of firsts) {
    const payload = expected[(e.sequence ?? 0) - 1];
    if (payload !== undefined && !same(e.payload, payload))
      out.push(`sequence ${e.sequence}: another payload`);
  }
  for (const e of entries) {
    if (e.conflict) out.push(`sequence ${e.sequence}: conflict`);
    if (e.accepted && e.duplicate && !firsts.some((f) => f.sequence === e.sequence))
      out.push(`sequence ${e.sequence}: replay without a first arrival`);
    if (!e.accepted && !['http500', 'soap-fault'].includes(e.fault ?? ''))
      out.push(`sequence ${e.sequence}: refused (${e.error ?? e.fault ?? '?'})`);
  }
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
