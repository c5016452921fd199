import { issue, Issue } from '../issue';
import type { PackFacts } from './reconciliation.types';

/** Notices that still stand: a shortage, a supply tension or a stop of marketing (not a restoration). */
const STANDING = new Set(['shortage', 'tension', 'discontinued']);

/** The key of one unique identifier: product code + serial (Règlement délégué (UE) 2016/161). */
export function serialKey(pack: PackFacts): string | undefined {
  const product = pack.cip13 ?? pack.code;
  return pack.serial && product ? `${product}\u0000${pack.serial}` : undefined;
}

/** Packs whose product code and serial were already scanned earlier in this dispensation. */
export function duplicateSerials(packs: PackFacts[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const pack of packs) {
    const key = serialKey(pack);
    if (!key) continue;
    if (seen.has(key)) duplicates.add(pack.packId);
    else seen.add(key);
  }
  return duplicates;
}

/** What is wrong with a box whatever line it is on: expiry, serial, availability notice. */
export function packIssues(pack: PackFacts, dispensingDate: string, duplicates: Set<string>): Issue[] {
  const out: Issue[] = [];
  const packId = pack.packId;
  // GS1 AI 17 (expiry, day 00 = end of month, resolved by the parser): usable through that day.
  if (pack.expiry && pack.expiry < dispensingDate)
    out.push(issue('PACK_EXPIRED', { packId, expiry: pack.expiry }));
  // FMD: a unique identifier is decommissioned once, when dispensed (Règlement délégué (UE) 2016/161).
  if (duplicates.has(pack.packId) || pack.serialSeenElsewhere) {
    const where = duplicates.has(pack.packId) ? 'here' : 'elsewhere';
    out.push(issue('SERIAL_ALREADY_SCANNED', { packId, serial: pack.serial!, where }));
  }
  // ANSM availability notices (CIS_CIP_Dispo_Spec.txt): the pharmacist sees them, nothing more.
  const notice = pack.product?.presentation.availability.find((n) => STANDING.has(n.status));
  if (notice) {
    out.push(
      issue('PRODUCT_UNAVAILABLE_NOTICE', {
        packId,
        label: notice.label,
        status: notice.status,
        link: notice.link,
      }),
    );
  }
  return out;
}

/** A medicine code the referential lacks: a warning, the pharmacist says which line it answers. */
export function notInReferential(pack: PackFacts, assigned: boolean): Issue {
  return issue('PRODUCT_NOT_IN_REFERENTIAL', { packId: pack.packId, cip13: pack.cip13!, assigned });
}
