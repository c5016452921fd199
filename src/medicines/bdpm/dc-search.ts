import { addedRelease, FormMatch, matchForm, withinTolerance } from '../domain/pharmaceutical-form';
import { parseQuantity, parseStrength, sameStrength, Strength } from '../domain/strength';
import { moietyKey } from '../domain/substance-name';
import { MedicinesException } from '../medicines.exception';
import type { DcQuery } from '../medicines.types';
import type { DcCandidate, ReferentialCache } from './referential-cache';
import { MEDICINES_DETAILS as D } from '../error-messages';

/** One component of a DC line: the moiety and, when given, its strength. */
export interface DcComponent {
  moiety: string;
  strength?: Strength;
}

/**
 * Reads a DC line. Several substances are joined by `/` or `+`; their strengths then come one per
 * substance (`1 g/125 mg`), while a single substance's `250 mg/5 ml` is a concentration.
 */
export function parseDcQuery(query: DcQuery): DcComponent[] {
  const names = query.substance
    .split(/[/+]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new MedicinesException('DC_QUERY_INVALID', D.DC_QUERY_INVALID.noSubstance());
  const moieties = names.map(moietyKey);
  if (!query.strength) return moieties.map((moiety) => ({ moiety }));
  if (names.length === 1) {
    const strength = parseStrength(query.strength);
    if (!strength)
      throw new MedicinesException(
        'DC_QUERY_INVALID',
        D.DC_QUERY_INVALID.strength({ strength: query.strength }),
      );
    return [{ moiety: moieties[0], strength }];
  }
  const parts = query.strength.split('/').map((s) => parseQuantity(s));
  if (parts.length !== names.length || parts.some((p) => !p)) {
    throw new MedicinesException(
      'DC_QUERY_INVALID',
      D.DC_QUERY_INVALID.amounts({ strength: query.strength, substances: names.length }),
    );
  }
  return moieties.map((moiety, i) => ({ moiety, strength: parts[i] }));
}

function linkAnswers(link: DcCandidate[], c: DcComponent): boolean {
  return link.some(
    (cand) =>
      cand.moiety === c.moiety && (!c.strength || cand.strengths.some((s) => sameStrength(s, c.strength!))),
  );
}

/**
 * How a speciality answers parsed DC components: every component must be answered by one of its links
 * (the FT or the SA of a link), and, unless `allowOtherSubstances`, it has no other active link.
 */
export async function matchSpeciality(
  cache: ReferentialCache,
  cis: string,
  components: DcComponent[],
  query: DcQuery,
): Promise<FormMatch | undefined> {
  const speciality = await cache.speciality(cis);
  if (!speciality) return undefined;
  const links = await cache.dcCandidates(cis);
  if (!components.every((c) => links.some((link) => linkAnswers(link, c)))) return undefined;
  if (!query.allowOtherSubstances) {
    // Every link must be one of the named substances (a kit's several elements repeat the same ones).
    const wanted = new Set(components.map((c) => c.moiety));
    if (links.some((link) => !link.some((cand) => wanted.has(cand.moiety)))) return undefined;
  }
  if (!query.form) return 'same';
  const match = matchForm(query.form, speciality.form);
  if (withinTolerance(match, query.formTolerance ?? 'variant')) return match;
  if (query.formTolerance !== 'implied') return undefined;
  const release = addedRelease(query.form, speciality.form);
  return release && (await onlyRelease(cache, components, query)) === release ? 'implied' : undefined;
}

/** Per cache (one referential version) and DC line: the one release every marketed answer has, if any. */
const ONLY_RELEASE = new WeakMap<ReferentialCache, Map<string, string | null>>();

/**
 * The release shared by every marketed speciality of the line's substance(s) and strength(s) whose form
 * answers the line's but for its release (pantoprazole 40 mg « comprimé »: every one is gastro-résistant);
 * null when some are immediate-release or they differ.
 */
async function onlyRelease(
  cache: ReferentialCache,
  components: DcComponent[],
  query: DcQuery,
): Promise<string | null> {
  let byQuery = ONLY_RELEASE.get(cache);
  if (!byQuery) ONLY_RELEASE.set(cache, (byQuery = new Map()));
  const key = JSON.stringify([query.substance, query.strength, query.form]);
  const known = byQuery.get(key);
  if (known !== undefined) return known;
  const releases = new Set<string>();
  for (const cis of await candidateCis(cache, components)) {
    const s = await cache.speciality(cis);
    if (!s?.marketed) continue;
    if (!(await matchSpeciality(cache, cis, components, { ...query, form: undefined }))) continue;
    if (matchForm(query.form!, s.form)) releases.add('ir');
    else {
      const release = addedRelease(query.form!, s.form);
      if (release) releases.add(release);
    }
  }
  const only = releases.size === 1 && !releases.has('ir') ? [...releases][0] : null;
  if (byQuery.size < 1000) byQuery.set(key, only);
  return only;
}

/** The CIS whose composition names every component's moiety: the candidates to check in full. */
export async function candidateCis(cache: ReferentialCache, components: DcComponent[]): Promise<string[]> {
  const sets = await Promise.all(components.map(async (c) => new Set(await cache.cisWithMoiety(c.moiety))));
  const [first, ...rest] = sets.sort((a, b) => a.size - b.size);
  return [...first].filter((cis) => rest.every((s) => s.has(cis))).sort();
}
