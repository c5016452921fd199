import type { Speciality } from '../../medicines/medicines.types';
import { issue, Issue } from '../issue';
import type { LineFacts, PackFacts } from './reconciliation.types';

/**
 * How a pack answers a line:
 * - `exact`: the CIP13 or the CIS the line names; `device`: the code a device line names;
 * - `group`: another CIS of the same generic group; `dc`: a speciality answering the line's DC;
 * - `unverified`: nothing to compare with (a CIP13 the referential lacks, a device line with an LPP only);
 * - `other-group`: both in the répertoire, in different groups; `none`: anything else.
 */
export type Fit = 'exact' | 'device' | 'group' | 'dc' | 'unverified' | 'other-group' | 'none';

/** A line naming a speciality (CIS or CIP13), as opposed to a DC-only line. */
export function namesSpeciality(facts: LineFacts): boolean {
  return facts.line.product.cis !== undefined || facts.line.product.cip13 !== undefined;
}

function sharesGroup(a: Speciality, b: Speciality): boolean {
  const ids = new Set(a.genericGroups.map((g) => g.groupId));
  return b.genericGroups.some((g) => ids.has(g.groupId));
}

export function fitOf(pack: PackFacts, facts: LineFacts): Fit {
  const { line } = facts;
  const named = line.product;
  const code = pack.cip13 ?? pack.code;
  if (line.kind === 'magistral') return 'none';
  // Devices are matched by the code on the box, the BDPM has none of them (RULES.md, API.md).
  if (line.kind === 'device') return named.code ? (code === named.code ? 'device' : 'none') : 'unverified';
  if (pack.cip13 && named.cip13 === pack.cip13) return 'exact';
  const delivered = pack.product?.speciality;
  if (!delivered) return pack.cip13 ? 'unverified' : 'none';
  const prescribedCis = named.cis ?? facts.presentation?.cis;
  if (prescribedCis === delivered.cis) return 'exact';
  // Substitution only within a generic group of the répertoire (CSP L.5125-23).
  if (facts.speciality && sharesGroup(facts.speciality, delivered)) return 'group';
  // Matching by DC is for DC lines only: a line naming a speciality (which carries its DC too) is answered
  // by that speciality or its generic group, anything else is another product (RULES.md § Substitution).
  if (named.dc && !namesSpeciality(facts) && pack.dcMatches[line.lineId]) return 'dc';
  if (facts.speciality?.genericGroups.length && delivered.genericGroups.length) return 'other-group';
  return 'none';
}

/** Another speciality of the named one's generic group: a substitution, which MTE/EFG/CIF forbid. */
function isSubstitution(fit: Fit): boolean {
  return fit === 'group';
}

/** Forbidden: the line carries « non substituable » MTE, EFG or CIF (arrêté of 12 November 2019). */
export function isForbiddenSubstitution(fit: Fit, facts: LineFacts): boolean {
  return isSubstitution(fit) && facts.line.nonSubstitutable !== undefined;
}

/**
 * Rank of a line for a pack with no line given: exact product or device code, then an allowed generic,
 * then the DC, then a forbidden substitution (so that the refusal shows on the line); 0 is no fit.
 */
export function fitRank(fit: Fit, facts: LineFacts): number {
  if (isForbiddenSubstitution(fit, facts)) return 1;
  return { exact: 5, device: 5, group: 4, dc: 3, unverified: 0, 'other-group': 0, none: 0 }[fit];
}

/** The product issues of a pack on a line, and whether it is an allowed substitution. */
export function productIssues(
  fit: Fit,
  pack: PackFacts,
  facts: LineFacts,
): { issues: Issue[]; substitution: boolean } {
  const product = pack.product?.speciality.name ?? pack.cip13 ?? pack.code ?? '?';
  const packId = pack.packId;
  if (isForbiddenSubstitution(fit, facts)) {
    const mention = facts.line.nonSubstitutable!;
    return {
      issues: [issue('NS_SUBSTITUTION_FORBIDDEN', { product, mention, packId })],
      substitution: false,
    };
  }
  if (isSubstitution(fit)) return { issues: [], substitution: true };
  if (fit === 'other-group') {
    return { issues: [issue('NOT_SAME_GENERIC_GROUP', { product, packId })], substitution: false };
  }
  if (fit === 'none')
    return { issues: [issue('PRODUCT_MISMATCH', { product, packId })], substitution: false };
  if (fit === 'dc' && pack.dcMatches[facts.line.lineId] === 'implied') {
    const form = pack.product!.speciality.form;
    return { issues: [issue('FORM_IMPLIED', { product, form, packId })], substitution: false };
  }
  return { issues: [], substitution: false };
}
