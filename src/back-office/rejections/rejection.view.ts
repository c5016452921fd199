import type { OutboxExecutionEntity } from '../../core/outbox/outbox-execution.entity';
import type { DispensationActEntity } from '../../dispensation/dispensation-act.entity';
import type { DispensationPackEntity } from '../../dispensation/dispensation-pack.entity';
import type { DispensationEntity } from '../../dispensation/dispensation.entity';
import type { InvoiceEntity } from '../../invoicing/invoice.entity';
import type { Prescription } from '../../prescription/teleservice/teleservice.types';
import type { RejectionResponse } from './dto/rejections.dto';
import type { InvoiceRejectionEntity } from './invoice-rejection.entity';
import { suggestAction } from './suggested-action';

type OutboxRow = Pick<OutboxExecutionEntity, 'id' | 'kind' | 'status' | 'sequence' | 'acknowledgedAt'>;

const iso = (d: Date | string): string => new Date(d).toISOString();

/** API item of a rejection; `executionIds` and `suggestedAction` are derived from the outbox rows now. */
export function toRejectionResponse(
  r: InvoiceRejectionEntity,
  rows: readonly OutboxRow[],
): RejectionResponse {
  const ordered = [...rows].sort((a, b) => a.sequence - b.sequence);
  return {
    rejectionId: r.id,
    prescriptionId: r.prescriptionId,
    dispensationId: r.dispensationId,
    invoiceId: r.invoiceId,
    executionIds: ordered.map((x) => x.id),
    fseNumber: r.fseNumber,
    billingNumber: r.billingNumber,
    invoiceDate: r.invoiceDate,
    rejectionCode: r.rejectionCode,
    label: r.label,
    amountCents: r.amountCents,
    receivedAt: iso(r.receivedAt),
    suggestedAction: suggestAction(r, ordered),
    status: r.status,
    comment: r.comment,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export interface RejectionLinks {
  dispensation: DispensationEntity | null;
  invoice: InvoiceEntity | null;
  executions: OutboxRow[];
  acts: DispensationActEntity[];
  packs: DispensationPackEntity[];
  /** The prescription as last retrieved: the back office sees the patient's name and the lines. */
  prescription: Prescription | null;
}

/** One rejection with what the back office needs to act on it (docs/back-office.md § Detail). */
export function toRejectionDetail(r: InvoiceRejectionEntity, links: RejectionLinks) {
  const d = links.dispensation;
  const p = links.prescription;
  const live = links.acts.filter((a) => !a.cancelledAt);
  return {
    ...toRejectionResponse(r, links.executions),
    dispensation: d && {
      id: d.id,
      status: d.status,
      terminalId: d.terminalId,
      renewalNumber: d.renewalNumber,
      operator: d.operator ? { rpps: d.operator.rpps, role: d.operator.role } : null,
    },
    invoice: links.invoice && {
      invoiceId: links.invoice.id,
      fseNumber: links.invoice.fseNumber,
      billingNumber: links.invoice.billingNumber,
      invoicedAt: iso(links.invoice.invoicedAt),
      amountCents: links.invoice.amountCents,
      overridden: links.invoice.override !== null,
    },
    executions: [...links.executions]
      .sort((a, b) => a.sequence - b.sequence)
      .map((x) => ({
        executionId: x.id,
        sequence: x.sequence,
        kind: x.kind,
        status: x.status,
        acknowledgedAt: x.acknowledgedAt ? iso(x.acknowledgedAt) : null,
      })),
    patient: p && {
      lastName: p.patient.lastName,
      firstName: p.patient.firstName,
      birthDate: p.patient.birthDate,
    },
    lines: (p?.lines ?? []).map((l) => ({ lineId: l.lineId, kind: l.kind, label: lineLabel(l) })),
    interventions: live
      .filter((a) => a.type === 'intervention')
      .map((a) => ({ actId: a.id, lineId: a.lineId, ...a.body, by: a.by, at: iso(a.at) })),
    overrides: live
      .filter((a) => a.type === 'override')
      .map((a) => {
        const body = a.body as { code: string; reason: string; interventionId?: string };
        return {
          actId: a.id,
          lineId: a.lineId,
          code: body.code,
          reason: body.reason,
          by: a.by,
          at: iso(a.at),
        };
      }),
    acts: live
      .filter((a) => a.type !== 'intervention' && a.type !== 'override')
      .map((a) => ({ actId: a.id, type: a.type, lineId: a.lineId, by: a.by, at: iso(a.at) })),
    packs: [...links.packs]
      .sort((a, b) => a.seq - b.seq)
      .map((p) => ({
        packId: p.packId,
        kind: p.kind,
        lineId: p.lineId,
        cip13: p.cip13,
        code: p.code,
        cis: p.cis,
        label: p.label,
        expiry: p.expiry,
        lot: p.lot,
        serial: p.serial,
        quantity: p.quantity,
        scanId: p.scanId,
      })),
    reconstitutionUrl: `/api/v1/prescriptions/${encodeURIComponent(r.prescriptionId)}/reconstitution.pdf`,
  };
}

function lineLabel(l: Prescription['lines'][number]): string {
  const p = l.product;
  if (p.label) return p.label;
  if (p.dc) return [p.dc.substance, p.dc.strength, p.dc.form].filter(Boolean).join(' ');
  return p.cip13 ?? p.cis ?? p.lpp ?? p.code ?? `Ligne ${l.lineId}`;
}

export type RejectionDetail = ReturnType<typeof toRejectionDetail>;
