import type { MedicinesReferential } from '../../medicines/medicines-referential.port';
import { MedicinesException } from '../../medicines/medicines.exception';
import type { DcQuery, FormMatch, MedicineProduct, Presentation } from '../../medicines/medicines.types';
import type { PrescriptionLineView, PrescriptionView } from '../../prescription/prescription.view';
import type { LineFacts, ManualDeliveryFacts, PackFacts, ReconciliationInput } from './reconciliation.types';

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
  return { prescription, dispensingDate, lines, packs, manualDeliveries, presentations };
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
  const query: DcQuery = { substance: dc.substance, formTolerance: 'oral-ir' };
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
