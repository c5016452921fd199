import { fold, frenchNumber, NUMBER } from './fold';

/**
 * What one box holds, read from its presentation label (CIS_CIP_bdpm.txt column 3).
 * - `units` counts what a posology counts: tablets, capsules, sachets, doses, or else the containers
 *   (ampoules, bottles, syringes, tubes) when their content is a liquid or a paste;
 * - `volume` is the total liquid or paste in the box (`2 flacon(s) de 100 ml` → 200 ml);
 * - `confidence`: `high` when the label reads cleanly, `low` when it was guessed (kits of several
 *   components, a bare `boîte de 30` with no form to name the unit), `none` when no count was found.
 */
export interface PackContent {
  units?: number;
  unit?: string;
  volume?: { amount: number; unit: 'ml' | 'g' };
  confidence: 'high' | 'low' | 'none';
}

/** Countable dose units: what "de N …" counts inside a blister, bottle or tube. Folded singular → shown. */
const DOSE_UNITS: Record<string, string> = {
  comprime: 'comprimé',
  gelule: 'gélule',
  capsule: 'capsule',
  pastille: 'pastille',
  suppositoire: 'suppositoire',
  ovule: 'ovule',
  lyophilisat: 'lyophilisat',
  dose: 'dose',
  'sachet-dose': 'sachet',
  sachet: 'sachet',
  film: 'film',
  gomme: 'gomme',
  dispositif: 'dispositif',
  patch: 'patch',
  timbre: 'timbre',
  implant: 'implant',
  'comprime effervescent': 'comprimé',
};

/** Containers counted as units when their content is a volume or a mass. */
const CONTAINERS: Record<string, string> = {
  ampoule: 'ampoule',
  flacon: 'flacon',
  seringue: 'seringue',
  stylo: 'stylo',
  cartouche: 'cartouche',
  'recipient unidose': 'récipient unidose',
  recipient: 'récipient',
  tube: 'tube',
  poche: 'poche',
  sachet: 'sachet',
  'sachet-dose': 'sachet',
  pot: 'pot',
  bouteille: 'bouteille',
  pilulier: 'pilulier',
  plaquette: 'plaquette',
  boite: 'boîte',
  etui: 'étui',
  inhalateur: 'inhalateur',
  dispositif: 'dispositif',
  'stylo prerempli': 'stylo',
};

const PLURAL = /\((?:e|s|es|x)\)|\(s\)/g;
const singular = (word: string): string =>
  word.replace(/(?<=[a-z])(?:es|s|x)$/, (s) => (s === 'es' ? 'e' : ''));

function noun(words: string, table: Record<string, string>): string | undefined {
  const w = words.split(' ').map(singular);
  return table[`${w[0]} ${w[1] ?? ''}`.trim()] ?? table[w[0]];
}

const COUNT_OF_UNITS = new RegExp(String.raw`\bde (${NUMBER})(?: ?[x×] ?(\d+))? ([a-z-]+(?: [a-z]+)?)`, 'g');
const LEADING = new RegExp(String.raw`^(${NUMBER}) ([a-z-]+(?: [a-z]+)?)`);
const SIZE = new RegExp(String.raw`\bde (${NUMBER}) ?(ml|l|g|mg)\b`);
const BARE_COUNT = new RegExp(String.raw`\bde (${NUMBER})$`);
const FIRST_WORD = /^[a-z-]+(?: [a-z]+)?/;
/** Labels naming more than one component: `… - 1 flacon(s) …`, `… + 1 ampoule(s) …`. */
const MULTI = /\s[-+]\s*\d|\bet \d|\s\+\s/;

/**
 * Reads a BDPM presentation label. `formHint` is the speciality's form (CIS_bdpm.txt column 3); it names
 * the unit of a bare count (`boîte de 30` of a `comprimé pelliculé` speciality → 30 comprimés).
 */
export function parsePackLabel(label: string, formHint?: string): PackContent {
  // Parenthesised details ("(PEHD)", "(7x12)", "(3 boîtes de 30)") never change the count.
  const text = fold(label)
    .replace(PLURAL, '')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+/g, ' ');
  const [first] = text.split(/\s[-+]\s(?=\d)/);
  const multi = MULTI.test(text);
  const lead = LEADING.exec(first);
  const leadCount = lead ? frenchNumber(lead[1]) : undefined;
  const leadContainer = lead ? noun(lead[2], CONTAINERS) : undefined;
  const confidence = multi ? 'low' : 'high';

  const inner = [...first.matchAll(COUNT_OF_UNITS)].find((m) => noun(m[3], DOSE_UNITS));
  const innerUnit = inner && noun(inner[3], DOSE_UNITS);
  if (inner && innerUnit) {
    // "3 plaquette(s) … de 10 comprimé(s)" = 30; "plaquette(s) … de 8 comprimé(s)" = 8; "de 30 x 1" = 30.
    const times = leadContainer && leadContainer !== innerUnit ? (leadCount ?? 1) : 1;
    const count = frenchNumber(inner[1]) * Number(inner[2] ?? 1);
    return { units: times * count, unit: innerUnit, confidence };
  }
  const leadUnit = lead ? (noun(lead[2], DOSE_UNITS) ?? leadContainer) : undefined;
  if (lead && leadUnit && leadCount !== undefined) {
    const size = SIZE.exec(first);
    const volume = size ? toVolume(frenchNumber(size[1]) * leadCount, size[2]) : undefined;
    return volume
      ? { units: leadCount, unit: leadUnit, volume, confidence }
      : { units: leadCount, unit: leadUnit, confidence };
  }
  const container = noun(FIRST_WORD.exec(first)?.[0] ?? '', CONTAINERS);
  const bare = container && BARE_COUNT.exec(first);
  if (bare) {
    // "boîte de 30", "plaquette(s) … de 90": the count is in the speciality's own unit.
    const unit = formHint ? unitOfForm(formHint) : undefined;
    return { units: frenchNumber(bare[1]), ...(unit ? { unit } : {}), confidence: unit ? confidence : 'low' };
  }
  const size = container && SIZE.exec(first);
  const volume = size ? toVolume(frenchNumber(size[1]), size[2]) : undefined;
  // "flacon(s) en verre de 150 ml", "poche(s) … de 1000 ml": one container of that size.
  if (container && volume) return { units: 1, unit: container, volume, confidence };
  return { confidence: 'none' };
}

function toVolume(amount: number, unit: string): PackContent['volume'] {
  if (unit === 'ml') return { amount, unit: 'ml' };
  if (unit === 'l') return { amount: amount * 1000, unit: 'ml' };
  if (unit === 'g') return { amount, unit: 'g' };
  return undefined;
}

/** The dose unit a speciality's form is counted in: `comprimé pelliculé sécable` → `comprimé`. */
export function unitOfForm(form: string): string | undefined {
  const f = fold(form).replace(PLURAL, '');
  if (/en gelule/.test(f)) return 'gélule';
  return noun(f, DOSE_UNITS);
}
