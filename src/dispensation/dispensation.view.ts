import type { PrescriptionLineView, PrescriptionView } from '../prescription/prescription.view';
import type {
  ConditionalResult,
  Intervention,
  LineRenewal,
  NonDelivery,
  PrescriberInformed,
} from '../prescription/teleservice/teleservice.types';
import { lineActs, Recorded } from './acts/act-state';
import type { DispensationActEntity } from './dispensation-act.entity';
import type { DispensationPackEntity } from './dispensation-pack.entity';
import type { TranscriptionState } from './degraded/transcription';
import type { Closure, DispensationEntity } from './dispensation.entity';
import type { Issue } from './issue';
import type {
  LineReconciliation,
  ReconciliationResult,
  ReconciliationStatus,
} from './reconciliation/reconciliation.types';

export type { ReconciliationStatus };

/** API.md `Pack`: quantity in boxes. */
export interface PackView {
  packId: string;
  cip13?: string;
  code?: string;
  cis?: string;
  label: string;
  expiry?: string;
  lot?: string;
  serial?: string;
  quantity: number;
  /** Units handed over from a box cut to give the exact number (R.5132-33). */
  units?: number;
  /** Price of one box in cents, and the reimbursement rate in percent: what the execution carries. */
  unitPriceCents?: number;
  reimbursementRate?: number;
  /** `explicit` when the pharmacist named the line, `auto` when reconciliation chose it. */
  assignedBy?: 'explicit' | 'auto';
  scanId?: string;
  addedAt: string;
}

/** An item without a barcode delivered by hand on a line. */
export interface ManualDeliveryView {
  deliveryId: string;
  quantity: number;
  comment?: string;
  unitPriceCents?: number;
  reimbursementRate?: number;
  at: string;
}

export interface LineView {
  lineId: string;
  prescribed: PrescriptionLineView;
  packs: PackView[];
  manualDeliveries: ManualDeliveryView[];
  reconciliation: LineReconciliation;
  /** Acts in force on the line (cancelled ones left out), each with its `actId`, author and time. */
  interventions: Recorded<Intervention>[];
  conditional?: Recorded<ConditionalResult>;
  nonDelivery?: Recorded<NonDelivery>;
  renewal?: Recorded<LineRenewal>;
  patientRefusedGeneric?: boolean;
  mtePh?: boolean;
  prescriberInformed?: PrescriberInformed;
}

export interface DispensationView {
  id: string;
  prescriptionId: string;
  terminalId: string;
  status: DispensationEntity['status'];
  renewalNumber: number;
  operator: DispensationEntity['operator'];
  lines: LineView[];
  /** Packs that fit no line (their issues are on the dispensation); assign one with PATCH …/packs/:packId. */
  unassignedPacks: PackView[];
  issues: Issue[];
  /** API.md: opened without the teleservice (degraded mode), with where its transcription stands. */
  degraded?: true;
  transcription?: {
    state: TranscriptionState;
    createdAt: string;
    differences?: string[];
    comparedAt?: string;
    confirmed?: { by: string; at: string; comment?: string };
    lastTryAt?: string;
    lastError?: string;
  };
  /** Abandoned, cancelled or turned to paper: why, by whom, when. */
  closure?: Closure;
  createdAt: string;
  updatedAt: string;
}

/** The price and rate a row carries (null columns left out). */
export function priceOf(r: Pick<DispensationPackEntity, 'unitPriceCents' | 'reimbursementRate'>): {
  unitPriceCents?: number;
  reimbursementRate?: number;
} {
  const out: { unitPriceCents?: number; reimbursementRate?: number } = {};
  if (r.unitPriceCents !== null && r.unitPriceCents !== undefined) out.unitPriceCents = r.unitPriceCents;
  if (r.reimbursementRate !== null && r.reimbursementRate !== undefined)
    out.reimbursementRate = r.reimbursementRate;
  return out;
}

export function toPackView(r: DispensationPackEntity): PackView {
  const v: PackView = {
    packId: r.packId,
    label: r.label,
    quantity: r.quantity,
    addedAt: r.createdAt.toISOString(),
  };
  if (r.cip13) v.cip13 = r.cip13;
  if (r.code) v.code = r.code;
  if (r.cis) v.cis = r.cis;
  if (r.expiry) v.expiry = r.expiry;
  if (r.lot) v.lot = r.lot;
  if (r.serial) v.serial = r.serial;
  if (r.units !== null && r.units !== undefined) v.units = r.units;
  Object.assign(v, priceOf(r));
  if (r.assignedBy) v.assignedBy = r.assignedBy;
  if (r.scanId) v.scanId = r.scanId;
  return v;
}

function toManualView(r: DispensationPackEntity): ManualDeliveryView {
  const v: ManualDeliveryView = { deliveryId: r.packId, quantity: r.quantity, at: r.createdAt.toISOString() };
  if (r.comment) v.comment = r.comment;
  return Object.assign(v, priceOf(r));
}

const PENDING: LineReconciliation = {
  status: 'pending',
  expectedBoxes: null,
  dispensedBoxes: 0,
  remainingBoxes: null,
  substitution: false,
  issues: [],
};

/**
 * API.md's Dispensation, from the one reconciliation of its state: each line with its packs, its
 * reconciliation and its acts (interventions, conditional result, non-delivery, renewal, flags); the
 * issues of the whole dispensation. An open dispensation's renewal number is the reconciliation's; a
 * validated one keeps the number its execution carried.
 */
export function toDispensationView(
  d: DispensationEntity,
  p: PrescriptionView,
  rows: DispensationPackEntity[],
  result: ReconciliationResult,
  acts: readonly DispensationActEntity[],
): DispensationView {
  const lineIds = new Set(p.lines.map((l) => l.lineId));
  const on = (lineId: string, kind: DispensationPackEntity['kind']) =>
    rows.filter((r) => r.lineId === lineId && r.kind === kind);
  return {
    id: d.id,
    prescriptionId: d.prescriptionId,
    terminalId: d.terminalId,
    status: d.status,
    renewalNumber: d.status === 'open' ? result.renewalNumber : d.renewalNumber,
    operator: d.operator,
    lines: p.lines.map((line) => {
      const state = lineActs(acts, line.lineId);
      const v: LineView = {
        lineId: line.lineId,
        prescribed: line,
        packs: on(line.lineId, 'pack').map(toPackView),
        manualDeliveries: on(line.lineId, 'manual').map(toManualView),
        reconciliation: result.lines[line.lineId] ?? PENDING,
        interventions: state.interventions,
      };
      if (state.conditional) v.conditional = state.conditional;
      if (state.nonDelivery) v.nonDelivery = state.nonDelivery;
      if (state.renewal) v.renewal = state.renewal;
      if (state.flags.patientRefusedGeneric !== undefined)
        v.patientRefusedGeneric = state.flags.patientRefusedGeneric;
      if (state.flags.mtePh !== undefined) v.mtePh = state.flags.mtePh;
      if (state.flags.prescriberInformed) v.prescriberInformed = state.flags.prescriberInformed;
      return v;
    }),
    unassignedPacks: rows
      .filter((r) => r.kind === 'pack' && (r.lineId === null || !lineIds.has(r.lineId)))
      .map(toPackView),
    issues: result.issues,
    ...degradedView(d),
    ...(d.closure ? { closure: d.closure } : {}),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

function degradedView(d: DispensationEntity): Pick<DispensationView, 'degraded' | 'transcription'> {
  if (!d.degraded || !d.transcription) return {};
  const { lines: _lines, patient: _patient, prescriber: _prescriber, ...t } = d.transcription;
  return { degraded: true, transcription: t };
}
