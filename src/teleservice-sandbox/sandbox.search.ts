import type {
  Patient,
  PrescriptionSummary,
  SearchCriteria,
} from '../prescription/teleservice/teleservice.types';
import { normalizeName, prescriptionStatus } from './sandbox.rules';
import type { SandboxStore } from './sandbox.store';

/** At least one patient criterion or the prescriber: the teleservice never lists everything. */
export function hasCriterion(c: SearchCriteria): boolean {
  return !!(c.patientIns || c.patientNir || c.patientLastName || c.patientBirthDate || c.prescriberRpps);
}

/** The INS matricule is the NIR (13 characters and its key): a NIR matches on its first 13. */
const sameNir = (nir: string, matricule: string | undefined): boolean =>
  !!matricule && matricule.slice(0, 13) === nir.slice(0, 13);

function patientMatches(p: Patient, c: SearchCriteria): boolean {
  return (
    (!c.patientIns || p.ins?.matricule === c.patientIns) &&
    (!c.patientNir || sameNir(c.patientNir, p.ins?.matricule)) &&
    (!c.patientLastName || normalizeName(p.lastName) === normalizeName(c.patientLastName)) &&
    (!c.patientFirstName || normalizeName(p.firstName) === normalizeName(c.patientFirstName)) &&
    (!c.patientBirthDate || p.birthDate === c.patientBirthDate)
  );
}

/** `rechercherPrescriptions`, and the admin list filtered the same way: summaries in insertion order. */
export async function searchPrescriptions(
  store: SandboxStore,
  c: SearchCriteria,
  today: string,
): Promise<PrescriptionSummary[]> {
  const out: PrescriptionSummary[] = [];
  for (const { seed, status: set } of await store.listPrescriptions()) {
    const match =
      patientMatches(seed.patient, c) &&
      (!c.prescriberRpps || seed.prescriber.rpps === c.prescriberRpps) &&
      (!c.createdFrom || seed.createdAt >= c.createdFrom) &&
      (!c.createdTo || seed.createdAt <= c.createdTo);
    if (!match) continue;
    const status = prescriptionStatus(seed, await store.records(seed.prescriptionId), today, set);
    if (c.status && status !== c.status) continue;
    out.push({
      prescriptionId: seed.prescriptionId,
      createdAt: seed.createdAt,
      status,
      prescriberRpps: seed.prescriber.rpps,
      lineCount: seed.lines.length,
    });
    if (out.length >= (c.limit ?? 20)) break;
  }
  return out;
}
