import type { PrescriptionLineView, PrescriptionView } from '../prescription/prescription.view';
import type { DispensationEntity } from './dispensation.entity';
import type { Issue } from './issue';

export type ReconciliationStatus =
  'pending' | 'matched' | 'substituted' | 'partial' | 'over' | 'mismatch' | 'not-delivered' | 'blocked';

export interface LineView {
  lineId: string;
  prescribed: PrescriptionLineView;
  packs: unknown[];
  manualDeliveries: unknown[];
  reconciliation: {
    status: ReconciliationStatus;
    expectedBoxes: number | null;
    dispensedBoxes: number;
    remainingBoxes: number | null;
    substitution: boolean;
    issues: Issue[];
  };
  interventions: unknown[];
}

export interface DispensationView {
  id: string;
  prescriptionId: string;
  terminalId: string;
  status: DispensationEntity['status'];
  renewalNumber: number;
  operator: DispensationEntity['operator'];
  lines: LineView[];
  issues: Issue[];
  createdAt: string;
  updatedAt: string;
}

/**
 * API.md's Dispensation. Packs and reconciliation come with the reconciliation stage (issue 4): until then
 * each line is `pending` with the boxes the prescription states, when it states them.
 */
export function toDispensationView(d: DispensationEntity, p: PrescriptionView): DispensationView {
  return {
    id: d.id,
    prescriptionId: d.prescriptionId,
    terminalId: d.terminalId,
    status: d.status,
    renewalNumber: d.renewalNumber,
    operator: d.operator,
    lines: p.lines.map((line) => {
      const expected = line.quantity?.boxes ?? null;
      return {
        lineId: line.lineId,
        prescribed: line,
        packs: [],
        manualDeliveries: [],
        reconciliation: {
          status: 'pending',
          expectedBoxes: expected,
          dispensedBoxes: 0,
          remainingBoxes: expected,
          substitution: false,
          issues: [],
        },
        interventions: [],
      };
    }),
    issues: d.issues,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
