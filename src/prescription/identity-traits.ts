import { stripAccents } from '../core/text/fold';

/**
 * Identity traits compared the way the INS rules compare them: upper case, no diacritics, ligatures
 * spelt out, hyphen / apostrophe / space folded to one space, surrounding blanks trimmed.
 */
export function normalizeTrait(value: string): string {
  return stripAccents(value)
    .replace(/æ/gi, 'AE')
    .replace(/œ/gi, 'OE')
    .replace(/ß/g, 'SS')
    .toUpperCase()
    .replace(/[-'’‘`´\s]+/g, ' ')
    .trim();
}

/** True when two first-name fields share a first name (a card may list several: "JEAN PIERRE"). */
export function firstNamesMatch(a: string, b: string): boolean {
  const left = normalizeTrait(a);
  const right = normalizeTrait(b);
  if (left === right) return true;
  const names = new Set(left.split(' '));
  return (
    right.split(' ').some((n) => n.length > 0 && names.has(n)) &&
    (left.startsWith(right) || right.startsWith(left))
  );
}

/** The traits by which a person is matched to a prescription's patient. */
export interface PatientTraits {
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD digits, kept verbatim (partial and lunar dates included). */
  birthDate: string;
}

export type PatientTraitField = 'patient.lastName' | 'patient.firstName' | 'patient.birthDate';

/**
 * The one comparison of patient traits (the QR against the base, a card or an INS against the
 * prescription, the sandbox's own check): the last name and one of the first names as the INS rules
 * compare them, the birth date verbatim. Returns the fields that differ, never their values.
 */
export function comparePatientTraits(a: PatientTraits, b: PatientTraits): PatientTraitField[] {
  const out: PatientTraitField[] = [];
  if (normalizeTrait(a.lastName) !== normalizeTrait(b.lastName)) out.push('patient.lastName');
  if (!firstNamesMatch(a.firstName, b.firstName)) out.push('patient.firstName');
  if (a.birthDate !== b.birthDate) out.push('patient.birthDate');
  return out;
}

export interface TraitMismatch {
  field: PatientTraitField | 'prescriber.rpps' | 'prescriber.am' | 'prescriber.finess';
}

export interface QrTraits {
  patient: PatientTraits;
  prescriber: { rpps: string; am?: string; finess?: string };
}

/**
 * Anti-fraud check: the QR's patient traits and prescriber identifiers against the teleservice's copy.
 * Returns the fields that differ (never their values: they are patient data).
 */
export function compareQrTraits(qr: QrTraits, base: QrTraits): TraitMismatch[] {
  const out: TraitMismatch[] = comparePatientTraits(qr.patient, base.patient).map((field) => ({ field }));
  if (qr.prescriber.rpps !== base.prescriber.rpps) out.push({ field: 'prescriber.rpps' });
  if (qr.prescriber.am !== undefined && qr.prescriber.am !== base.prescriber.am)
    out.push({ field: 'prescriber.am' });
  if (qr.prescriber.finess !== undefined && qr.prescriber.finess !== base.prescriber.finess) {
    out.push({ field: 'prescriber.finess' });
  }
  return out;
}
