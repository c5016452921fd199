import type {
  Acknowledgement,
  ExecutionPayload,
  PharmacyRef,
  Prescription,
} from '../../prescription/teleservice/teleservice.types';

/**
 * The execution report for complementary insurers (« continuité de service OCT »). Their format is not
 * public: this is Comptoir's own, versioned (`format`, `version`), with what a complementary insurer needs
 * to pay its share (docs/execution.md § OCT reports lists the assumptions).
 */
export const OCT_REPORT_FORMAT = 'comptoir-oct-report';
export const OCT_REPORT_VERSION = 1;

export interface OctReportProduct {
  cip13?: string;
  code?: string;
  label?: string;
  quantity: number;
  unitPriceCents?: number;
  reimbursementRate?: number;
  /** quantity × unit price. */
  amountCents?: number;
  /** The compulsory scheme's share (AMO): amount × rate, rounded to the cent. */
  amoCents?: number;
  lot?: string;
  expiry?: string;
  serial?: string;
}

export interface OctReportLine {
  lineId: string;
  prescribed: { label?: string; cis?: string; cip13?: string; lpp?: string; ald?: boolean };
  products: OctReportProduct[];
  substituted?: boolean;
  nonDelivery?: string;
  renewalNumber?: number;
}

export interface OctReport {
  format: typeof OCT_REPORT_FORMAT;
  version: typeof OCT_REPORT_VERSION;
  /** The execution's id at Comptoir: the key a receiver deduplicates on (a report may arrive twice). */
  reportId: string;
  prescriptionId: string;
  executionSequence: number;
  acknowledgement: { id: string; receivedAt: string };
  dispensingDate: string;
  renewalNumber: number;
  pharmacy: PharmacyRef;
  pharmacist: { rpps: string; role: string };
  prescriber: { rpps: string; am?: string; finess?: string; lastName?: string; firstName?: string };
  patient: {
    lastName: string;
    firstName: string;
    birthDate: string;
    ins?: { matricule: string; oid: string };
  };
  lines: OctReportLine[];
  /** Sums over the products: what was invoiced, what the AMO pays, and the rest (what an OCT may cover). */
  totals: { amountCents: number; amoCents: number; remainingCents: number };
}

export interface OctReportInput {
  executionId: string;
  prescriptionId: string;
  sequence: number;
  payload: ExecutionPayload;
  ack: Pick<Acknowledgement, 'acknowledgementId' | 'receivedAt'>;
  prescription: Pick<Prescription, 'patient' | 'prescriber' | 'lines'>;
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The report of one acknowledged execution: its payload, its receipt and the prescription it executes. */
export function buildOctReport(input: OctReportInput): OctReport {
  const { payload: e, prescription: p } = input;
  const totals = { amountCents: 0, amoCents: 0, remainingCents: 0 };
  const lines = e.lines.map((l): OctReportLine => {
    const prescribed = p.lines.find((x) => x.lineId === l.lineId);
    const products = l.products.map((x): OctReportProduct => {
      const amountCents = x.unitPriceCents === undefined ? undefined : x.unitPriceCents * x.quantity;
      const amoCents =
        amountCents === undefined || x.reimbursementRate === undefined
          ? undefined
          : Math.round((amountCents * x.reimbursementRate) / 100);
      totals.amountCents += amountCents ?? 0;
      totals.amoCents += amoCents ?? 0;
      return defined({
        cip13: x.cip13,
        code: x.code,
        label: x.label,
        quantity: x.quantity,
        unitPriceCents: x.unitPriceCents,
        reimbursementRate: x.reimbursementRate,
        amountCents,
        amoCents,
        lot: x.lot,
        expiry: x.expiry,
        serial: x.serial,
      });
    });
    return defined({
      lineId: l.lineId,
      prescribed: defined({
        label: prescribed?.product.label,
        cis: prescribed?.product.cis,
        cip13: prescribed?.product.cip13,
        lpp: prescribed?.product.lpp,
        ald: prescribed?.ald,
      }),
      products,
      substituted: l.substitution?.substituted,
      nonDelivery: l.nonDelivery?.reason,
      renewalNumber: l.delivery?.renewalNumber,
    });
  });
  totals.remainingCents = totals.amountCents - totals.amoCents;
  const ins = e.patientIns ?? p.patient.ins;
  return {
    format: OCT_REPORT_FORMAT,
    version: OCT_REPORT_VERSION,
    reportId: input.executionId,
    prescriptionId: input.prescriptionId,
    executionSequence: input.sequence,
    acknowledgement: { id: input.ack.acknowledgementId, receivedAt: input.ack.receivedAt },
    dispensingDate: e.dispensingDate,
    renewalNumber: e.renewalNumber,
    pharmacy: e.pharmacy ?? {},
    pharmacist: { rpps: e.pharmacist.rpps, role: e.pharmacist.role },
    prescriber: defined({
      rpps: e.prescriber?.rpps ?? p.prescriber.rpps,
      am: e.prescriber?.am ?? p.prescriber.am,
      finess: e.prescriber?.finess ?? p.prescriber.finess,
      lastName: p.prescriber.lastName,
      firstName: p.prescriber.firstName,
    }),
    patient: defined({
      lastName: p.patient.lastName,
      firstName: p.patient.firstName,
      birthDate: p.patient.birthDate,
      ins: ins ? { matricule: ins.matricule, oid: ins.oid } : undefined,
    }),
    lines,
    totals,
  };
}
