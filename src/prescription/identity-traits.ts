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

export interface TraitMismatch {
  field:
    | 'patient.lastName'
    | 'patient.firstName'
    | 'patient.birthDate'
    | 'prescriber.rpps'
    | 'prescriber.am'
    | 'prescriber.finess';
}

export interface QrTraits {
  patient: { lastName: string; firstName: string; birthDate: string };
  prescriber: { rpps: string; am?: string; finess?: string };
}

/**
 * Anti-fraud check: the QR's patient traits and prescriber identifiers against the teleservice's copy.
 * Returns the fields that differ (never their values: they are patient data).
 */
export function compareQrTraits(qr: QrTraits, base: QrTraits): TraitMismatch[] {
  const out: TraitMismatch[] = [];
  if (normalizeTrait(qr.patient.lastName) !== normalizeTrait(base.patient.lastName))
    out.push({ field: 'patient.lastName' });
  if (!firstNamesMatch(qr.patient.firstName, base.patient.firstName))
    out.push({ field: 'patient.firstName' });
  if (qr.patient.birthDate !== base.patient.birthDate) out.push({ field: 'patient.birthDate' });
  if (qr.prescriber.rpps !== base.prescriber.rpps) out.push({ field: 'prescriber.rpps' });
  if (qr.prescriber.am !== undefined && qr.prescriber.am !== base.prescriber.am)
    out.push({ field: 'prescriber.am' });
  if (qr.prescriber.finess !== undefined && qr.prescriber.finess !== base.prescriber.finess) {
    out.push({ field: 'prescriber.finess' });
  }
  return out;
}
