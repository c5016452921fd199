import { fold } from './fold';

/** Salt words written first ("CHLORHYDRATE DE X", "SULFATE DE MORPHINE"): the moiety follows them. */
const SALT_PREFIX =
  /^(?:(?:mono|di|tri|hemi|sesqui)?(?:chlorhydrate|bromhydrate|hydrogenosulfate|sulfate|fumarate|maleate|tartrate|hydrogenotartrate|bitartrate|citrate|succinate|besilate|mesilate|tosilate|acetate|propionate|dipropionate|valerate|butyrate|lactate|gluconate|phosphate|nitrate|oxalate|xinafoate|furoate|embonate|pamoate|malate|decanoate|enantate|palmitate|stearate)\s+d(?:e\s+|'\s*))/;

/** Salt, hydrate and form words written after the moiety ("LÉVOTHYROXINE SODIQUE", "AMOXICILLINE ANHYDRE"). */
const SALT_SUFFIX = new Set([
  'anhydre',
  'base',
  'sodique',
  'disodique',
  'potassique',
  'dipotassique',
  'calcique',
  'magnesique',
  'trometamol',
  'hydrate',
  'hydratee',
  'monohydrate',
  'monohydratee',
  'dihydrate',
  'dihydratee',
  'trihydrate',
  'trihydratee',
  'tetrahydrate',
  'tetrahydratee',
  'pentahydrate',
  'pentahydratee',
  'hexahydrate',
  'hexahydratee',
  'hemihydrate',
  'hemihydratee',
  'sesquihydrate',
  'sesquihydratee',
]);

/** Substance name folded: lower case, no accents, single spaces ("PARACÉTAMOL" → "paracetamol"). */
export function substanceKey(name: string): string {
  return fold(name);
}

/**
 * The active moiety of a substance name, for matching a DC written with or without its salt: drops a
 * parenthesised salt ("PIVMÉCILLINAM (CHLORHYDRATE DE)"), a leading salt ("SULFATE DE MORPHINE") and
 * trailing salt or hydrate words ("AMOXICILLINE TRIHYDRATÉE", "FOSFOMYCINE TROMÉTAMOL") → "morphine"…
 */
export function moietyKey(name: string): string {
  let key = fold(name)
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .trim();
  key = key.replace(SALT_PREFIX, '');
  const words = key.split(' ');
  while (words.length > 1 && SALT_SUFFIX.has(words[words.length - 1])) words.pop();
  return words.join(' ').trim();
}
