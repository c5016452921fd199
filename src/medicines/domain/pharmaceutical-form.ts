import { fold } from './fold';

/**
 * How a product's form answers a prescribed form; `undefined` means not compatible. `implied` is Comptoir's
 * own tolerance (RULES.md § Substitution): a modified-release form answering a plain line because every
 * marketed presentation of that substance and strength has it (pantoprazole 40 mg: all gastro-résistants).
 */
export type FormMatch = 'same' | 'variant' | 'oral-ir' | 'implied';

/** The loosest {@link FormMatch} a caller accepts, in order of looseness. */
export const FORM_TOLERANCE: FormMatch[] = ['same', 'variant', 'oral-ir', 'implied'];

export interface FormKey {
  /** Head of the form: `comprime`, `gelule`, `solution buvable`, `poudre pour suspension buvable`… */
  family: string;
  /** `ir` (immediate), `lp` (prolonged), `lm` (modified), `gr` (gastro-resistant): never interchangeable. */
  release: 'ir' | 'lp' | 'lm' | 'gr';
  /** How the unit is taken, when it matters to the patient: dispersible, effervescent, à croquer… */
  use: string[];
}

/** Coating and scoring do not change how a tablet is taken: `comprimé pelliculé sécable` = `comprimé`. */
const NEUTRAL =
  /\b(?:pellicules?|enrobes?|secables?|quadrisecables?|dures?|molles?|nus?|en (?:sachet-dose|sachet|flacon|recipient unidose|ampoule|tube)s?)\b/g;
/** Ways of taking a unit that keep its family but that a patient notices (a `variant`). */
const USE =
  /\b(?:orodispersibles?|dispersibles?|effervescents?|a croquer|a sucer|buccogingivale?s?|en gouttes)\b/g;
const RELEASE: [RegExp, FormKey['release']][] = [
  [/liberation prolongee|\bl\.?p\.?\b/, 'lp'],
  [/liberation modifiee/, 'lm'],
  [/gastro-?resistante?s?/, 'gr'],
];
/** Solid oral dose forms that CSP L.5121-1 5° a) treats as one form when immediate-release. */
const ORAL_SOLID = new Set(['comprime', 'gelule', 'capsule', 'lyophilisat']);

/** Forms already read: the BDPM has 367 distinct ones, and a DC search compares hundreds per query. */
const KEYS = new Map<string, FormKey>();

/** Reads a BDPM or prescribed form (`comprimé effervescent(e) sécable`, `gélule gastro-résistant(e)`). */
export function formKey(form: string): FormKey {
  let key = KEYS.get(form);
  if (!key) {
    key = Object.freeze(readForm(form));
    if (KEYS.size < 10_000) KEYS.set(form, key);
  }
  return key;
}

function readForm(form: string): FormKey {
  let t = fold(form)
    .replace(/\((?:e|s|es|se|x)\)/g, '')
    .replace(/ et .*$/, '');
  const release = RELEASE.find(([re]) => re.test(t))?.[1] ?? 'ir';
  for (const [re] of RELEASE) t = t.replace(re, ' ');
  const use = [...t.matchAll(USE)].map((m) => m[0].replace(/s$/, '')).sort();
  t = t.replace(USE, ' ').replace(NEUTRAL, ' ');
  // "microgranules à libération prolongée en gélule" is a capsule for the patient.
  const inCapsule = /\ben gelules?\b/.test(t);
  t = t
    .replace(/\b(?:a|en|ou)\s*$/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let family = inCapsule
    ? 'gelule'
    : t
        .replace(/\b(\w+?)s\b/g, '$1')
        .replace(/\b(?:a|en)$/, '')
        .trim();
  if (/^(comprime|gelule|capsule|lyophilisat|suppositoire|ovule|pastille)\b/.test(family))
    family = family.split(' ')[0];
  return { family, release, use };
}

/**
 * Whether a product form can answer a prescribed form (DC line). The rule:
 * - release must be the same (LP, modified, gastro-resistant never answer an immediate form, nor each other);
 * - `same`: same family once coating and scoring are ignored (`comprimé` ↔ `comprimé pelliculé sécable`);
 * - `variant`: same family, different way of taking it (`comprimé` ↔ `comprimé effervescent`, dispersible…);
 * - `oral-ir`: two immediate-release solid oral forms (`comprimé` ↔ `gélule`): CSP L.5121-1 5° a) counts
 *   them as one pharmaceutical form for the répertoire des génériques.
 */
export function matchForm(prescribed: string, product: string): FormMatch | undefined {
  const a = formKey(prescribed);
  const b = formKey(product);
  if (a.release !== b.release) return undefined;
  if (a.family === b.family) return a.use.join() === b.use.join() ? 'same' : 'variant';
  if (a.release === 'ir' && ORAL_SOLID.has(a.family) && ORAL_SOLID.has(b.family)) return 'oral-ir';
  return undefined;
}

/**
 * The release a product form adds to a plain (immediate-release) prescribed form it otherwise answers
 * (`comprimé` ← `comprimé gastro-résistant`: `gr`); undefined when the forms differ in more than that.
 */
export function addedRelease(prescribed: string, product: string): FormKey['release'] | undefined {
  const a = formKey(prescribed);
  const b = formKey(product);
  if (a.release !== 'ir' || b.release === 'ir') return undefined;
  const sameShape = a.family === b.family || (ORAL_SOLID.has(a.family) && ORAL_SOLID.has(b.family));
  return sameShape ? b.release : undefined;
}

/** True when `match` is within `tolerance` (`variant` accepts `same` and `variant`). */
export function withinTolerance(match: FormMatch | undefined, tolerance: FormMatch): boolean {
  return match !== undefined && FORM_TOLERANCE.indexOf(match) <= FORM_TOLERANCE.indexOf(tolerance);
}
