import { CoreException } from '../errors/core.exception';
import { CORE_DETAILS } from '../errors/error-messages';

/**
 * Keys that would put patient identity in the audit trail (ARCHITECTURE.md: names, birth dates, NIR/INS
 * never leave the prescription). Compared case-insensitively, ignoring `_`, `-` and spaces, at any depth.
 * An audit entry names the patient only through its subject (prescription or dispensation id).
 */
export const FORBIDDEN_AUDIT_KEYS: readonly string[] = [
  'patient',
  'patientname',
  'lastname',
  'firstname',
  'firstnames',
  'birthname',
  'usedname',
  'nomnaissance',
  'prenom',
  'nom',
  'birthdate',
  'dateofbirth',
  'dob',
  'datenaissance',
  'birthplace',
  'nir',
  'ins',
  'insmatricule',
  'matricule',
  'nss',
  'socialsecuritynumber',
  'address',
  'phone',
  'email',
];

const FORBIDDEN = new Set(FORBIDDEN_AUDIT_KEYS);
const MAX_DEPTH = 8;

const normalise = (key: string): string => key.toLowerCase().replace(/[\s_-]/g, '');

/** The path of the first forbidden key in `data`, or undefined when the data is clean. */
export function findForbiddenAuditKey(data: unknown, path = '', depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `${path || '(root)'} (nested deeper than ${MAX_DEPTH})`;
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const found = findForbiddenAuditKey(data[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (data === null || typeof data !== 'object') return undefined;
  for (const [key, value] of Object.entries(data)) {
    const here = path ? `${path}.${key}` : key;
    if (FORBIDDEN.has(normalise(key))) return here;
    const found = findForbiddenAuditKey(value, here, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Throws AUDIT_ENTRY_REFUSED (a caller's bug) when the data carries a forbidden key. */
export function assertAuditDataClean(data: unknown): void {
  const key = findForbiddenAuditKey(data);
  if (key)
    throw new CoreException('AUDIT_ENTRY_REFUSED', CORE_DETAILS.AUDIT_ENTRY_REFUSED.forbiddenKey({ key }));
}
