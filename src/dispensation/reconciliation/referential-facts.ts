import type { MedicinesReferential } from '../../medicines/medicines-referential.port';
import { MedicinesException } from '../../medicines/medicines.exception';
import type { DcQuery, FormMatch, MedicineProduct, Presentation } from '../../medicines/medicines.types';
import { defaultTimeZone } from '../../core/clock/calendar';
import { moietyKey } from '../../medicines/domain/substance-name';
import type { PrescriptionLineView, PrescriptionView } from '../../prescription/prescription.view';
import type { Prescription, PrescriptionLine } from '../../prescription/teleservice/teleservice.types';
import type {
  KnownPrescription,
  LineFacts,
  ManualDeliveryFacts,
  PackFacts,
  ReconciliationInput,
} from './reconciliation.types';
import { treatmentEnd } from './treatment';

/** What the projection adds to the referential facts: acts, overrides, calendar, other issues. */
export type ProjectionContext = Partial<
  Pick<
    ReconciliationInput,
    'timeZone' | 'acts' | 'overrides' | 'dispensationIssues' | 'otherPrescriptions' | 'transcribed'
  >
>;

/** A pack as stored: codes and GS1 data, no referential fact yet. */
export type PackRecord = Omit<PackFacts, 'product' | 'dcMatches'>;

/**
 * What the pure rules need from the referential for one dispensation: the prescribed and delivered
 * products, their presentations, and how each delivered speciality answers each DC line. Look-ups only
 * (the referential is in memory); a DC line the referential cannot read answers nothing.
 */
export async function loadFacts(
  referential: MedicinesReferential,
  prescription: PrescriptionView,
  records: PackRecord[],
  manualDeliveries: ManualDeliveryFacts[],
  dispensingDate: string,
  context: ProjectionContext = {},
): Promise<ReconciliationInput> {
  const presentations: Record<string, Presentation[]> = {};
  const needPresentations = async (cis: string): Promise<void> => {
    presentations[cis] ??= await referential.findPresentations(cis);
  };
  const lines = await Promise.all(prescription.lines.map((line) => lineFacts(referential, line)));
  for (const f of lines) if (f.speciality) await needPresentations(f.speciality.cis);

  const products = new Map<string, MedicineProduct | undefined>();
  for (const r of records) {
    if (r.cip13 && !products.has(r.cip13)) products.set(r.cip13, await referential.findByCip13(r.cip13));
  }
  const dcLines = prescription.lines.filter((l) => l.kind === 'medication' && l.product.dc);
  const dcCache = new Map<string, FormMatch | undefined>();
  const packs: PackFacts[] = [];
  for (const r of records) {
    const product = r.cip13 ? products.get(r.cip13) : undefined;
    const dcMatches: Record<string, FormMatch> = {};
    if (product) {
      const cis = product.speciality.cis;
      await needPresentations(cis);
      // A pack on a line is judged against that line only; a pack to place is tried on every DC line.
      for (const line of dcLines.filter((l) => r.lineId === undefined || l.lineId === r.lineId)) {
        const key = `${line.lineId}\u0000${cis}`;
        if (!dcCache.has(key)) dcCache.set(key, await matchDc(referential, cis, line));
        const match = dcCache.get(key);
        if (match) dcMatches[line.lineId] = match;
      }
    }
    packs.push({ ...r, ...(product ? { product } : {}), dcMatches });
  }
  return {
    ...context,
    timeZone: context.timeZone ?? defaultTimeZone(),
    prescription,
    dispensingDate,
    lines,
    packs,
    manualDeliveries,
    presentations,
  };
}

/** Whether a speciality on the dispensation forbids overlapping prescriptions (the history is then read). */
export function needsHistory(input: ReconciliationInput): boolean {
  const forbids = (s?: { conditions: { overlapForbidden?: true } }) =>
    s?.conditions.overlapForbidden === true;
  return (
    input.lines.some((l) => forbids(l.speciality)) || input.packs.some((p) => forbids(p.product?.speciality))
  );
}

/** The patient's other prescriptions as « chevauchement interdit » compares them: moieties and treatment ends. */
export async function knownPrescriptions(
  referential: MedicinesReferential,
  prescriptions: Prescription[],
): Promise<KnownPrescription[]> {
  const out: KnownPrescription[] = [];
  for (const p of prescriptions) {
    const lines = [];
    for (const line of p.lines.filter((l) => l.kind === 'medication')) {
      lines.push({
        moieties: await moietiesOf(referential, line),
        treatmentEnd: treatmentEnd(p.createdAt, line),
      });
    }
    out.push({
      prescriptionId: p.prescriptionId,
      createdAt: p.createdAt,
      prescriberRpps: p.prescriber.rpps,
      lines,
    });
  }
  return out;
}

async function moietiesOf(referential: MedicinesReferential, line: PrescriptionLine): Promise<string[]> {
  const out = new Set<string>();
  const cis =
    line.product.cis ??
    (line.product.cip13 ? (await referential.findByCip13(line.product.cip13))?.speciality.cis : undefined);
  const speciality = cis ? await referential.findSpeciality(cis) : undefined;
  for (const s of speciality?.substances ?? []) out.add(moietyKey(s.name));
  if (line.product.dc) for (const part of line.product.dc.substance.split(/[/+]/)) out.add(moietyKey(part));
  return [...out].filter(Boolean);
}

async function lineFacts(referential: MedicinesReferential, line: PrescriptionLineView): Promise<LineFacts> {
  if (line.kind !== 'medication') return { line };
  const { cis, cip13 } = line.product;
  const presentation = cip13 ? (await referential.findByCip13(cip13))?.presentation : undefined;
  const prescribedCis = cis ?? presentation?.cis;
  const speciality = prescribedCis ? await referential.findSpeciality(prescribedCis) : undefined;
  return { line, ...(speciality ? { speciality } : {}), ...(presentation ? { presentation } : {}) };
}

async function matchDc(
  referential: MedicinesReferential,
  cis: string,
  line: PrescriptionLineView,
): Promise<FormMatch | undefined> {
  const dc = line.product.dc!;
  // Immediate-release oral solid forms count as one form (CSP L.5121-1 5° a)): a gélule answers « comprimé ».
  // Beyond that, Comptoir's own tolerance: a modified release every marketed answer has (FORM_IMPLIED).
  const query: DcQuery = { substance: dc.substance, formTolerance: 'implied' };
  if (dc.strength) query.strength = dc.strength;
  if (dc.form) query.form = dc.form;
  try {
    return await referential.matchDc(cis, query);
  } catch (err) {
    // A DC the referential cannot read matches nothing: the line shows a mismatch, the counter goes on.
    if (err instanceof MedicinesException && err.code === 'DC_QUERY_INVALID') return undefined;
    throw err;
  }
}
