import type { PrescriptionView } from '../prescription/prescription.view';
import type {
  DeliveredProduct,
  ExecutingPharmacist,
  ExecutionLine,
  ExecutionOverride,
  ExecutionPayload,
  Intervention,
  PatientIns,
  PharmacyRef,
} from '../prescription/teleservice/teleservice.types';
import type { DispensationView, LineView } from './dispensation.view';
import type { Issue } from './issue';

/** The execution record appended to the outbox: the teleservice payload (with the patient's qualified INS). */
export type ExecutionRecord = ExecutionPayload;

export interface ExecutionRecordInput {
  view: DispensationView;
  prescription: PrescriptionView;
  pharmacist: ExecutingPharmacist;
  pharmacy: PharmacyRef;
  /** The pharmacy's calendar day (Europe/Paris by default). */
  dispensingDate: string;
  /** A qualified INS read at the counter and matched with the prescription, when the teleservice gave none. */
  patientIns?: PatientIns;
}

const strip = <T extends object>(recorded: T): Omit<T, 'actId' | 'by' | 'at'> => {
  const { actId: _a, by: _b, at: _c, ...rest } = recorded as T & { actId: unknown; by: unknown; at: unknown };
  return rest;
};

function products(line: LineView): DeliveredProduct[] {
  const packs = line.packs.map((k) => {
    const p: DeliveredProduct = { quantity: k.quantity, label: k.label };
    if (k.cip13) p.cip13 = k.cip13;
    if (k.code) p.code = k.code;
    if (k.cis) p.cis = k.cis;
    if (k.lot) p.lot = k.lot;
    if (k.expiry) p.expiry = k.expiry;
    if (k.serial) p.serial = k.serial;
    if (k.units !== undefined) p.units = k.units;
    if (k.unitPriceCents !== undefined) p.unitPriceCents = k.unitPriceCents;
    if (k.reimbursementRate !== undefined) p.reimbursementRate = k.reimbursementRate;
    return p;
  });
  const label = line.prescribed.product.label ?? line.prescribed.product.code ?? 'manual delivery';
  const manual = line.manualDeliveries.map((m): DeliveredProduct => {
    const p: DeliveredProduct = { quantity: m.quantity, label };
    if (line.prescribed.product.code) p.code = line.prescribed.product.code;
    if (m.unitPriceCents !== undefined) p.unitPriceCents = m.unitPriceCents;
    if (m.reimbursementRate !== undefined) p.reimbursementRate = m.reimbursementRate;
    return p;
  });
  return [...packs, ...manual];
}

/** Every overridden issue, with its why: the reason, and the intervention when one was given. */
function overridesOf(
  issues: Issue[] = [],
  interventions: LineView['interventions'] = [],
): ExecutionOverride[] {
  return issues
    .filter((i) => i.overridden)
    .map((i) => {
      const { by, reason, at, interventionId } = i.overridden!;
      const o: ExecutionOverride = { code: i.code, reason, by, at };
      const intervention = interventions.find((x) => x.actId === interventionId);
      if (intervention) o.intervention = strip(intervention) as Intervention;
      return o;
    });
}

/** One line of the execution: what was delivered, and every act on it ("en face de chaque ligne"). */
function executionLine(line: LineView): ExecutionLine {
  const out: ExecutionLine = { lineId: line.lineId, products: products(line) };
  const flagged = line.patientRefusedGeneric !== undefined || line.mtePh !== undefined;
  if (out.products.length || flagged) {
    out.substitution = { substituted: line.reconciliation.substitution };
    if (line.patientRefusedGeneric) out.substitution.patientRefusedGeneric = true;
    if (line.mtePh) out.substitution.mtePh = true;
  }
  if (line.interventions.length) out.interventions = line.interventions.map(strip);
  if (line.conditional) out.conditional = strip(line.conditional);
  if (line.renewal) {
    const { kind, posology, comment, mention, durationDays, amIntervention } = line.renewal;
    out.renewal = { kind };
    if (posology) out.renewal.posology = posology;
    if (comment) out.renewal.comment = comment;
    if (mention) out.renewal.mention = mention;
    if (durationDays) out.renewal.durationDays = durationDays;
    // R.5123-2-1: recorded as the intervention the Assurance Maladie asks for, the mention with it.
    if (amIntervention) out.renewal.amIntervention = amIntervention;
    if (mention) out.comment = mention;
  }
  if (line.nonDelivery && !out.products.length) out.nonDelivery = strip(line.nonDelivery);
  const delivery = line.reconciliation.delivery;
  if (delivery && out.products.length) out.delivery = { ...delivery };
  const overrides = overridesOf(line.reconciliation.issues, line.interventions);
  if (overrides.length) out.overrides = overrides;
  if (line.prescriberInformed) out.prescriberInformed = { ...line.prescriberInformed };
  return out;
}

/** The execution record of a validated dispensation (docs/acts.md § Execution record). */
export function buildExecutionRecord(input: ExecutionRecordInput): ExecutionRecord {
  const { view, prescription: p } = input;
  const record: ExecutionRecord = {
    dispensingDate: input.dispensingDate,
    renewalNumber: view.renewalNumber,
    pharmacist: { rpps: input.pharmacist.rpps, role: input.pharmacist.role },
    pharmacy: input.pharmacy,
    // Consent (or opposition) to the prescriber seeing execution data, as the prescription carried it.
    consentExecutionView: p.consentExecutionView,
    lines: view.lines.map(executionLine),
  };
  // « INS : transmission … si qualifié »: the teleservice's, else the one read at the counter and matched.
  const ins = p.patient.ins ?? input.patientIns;
  if (ins) record.patientIns = { matricule: ins.matricule, oid: ins.oid };
  // « Obligation de transmission du RPPS du prescripteur », with the AM number or FINESS of the practice.
  record.prescriber = { rpps: p.prescriber.rpps };
  if (p.prescriber.am) record.prescriber.am = p.prescriber.am;
  if (p.prescriber.finess) record.prescriber.finess = p.prescriber.finess;
  const overrides = overridesOf(view.issues);
  if (overrides.length) record.overrides = overrides;
  return record;
}
