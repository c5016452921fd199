import { fold } from './fold';
import { moietyKey } from './substance-name';

/**
 * Active substances « à marge thérapeutique étroite » (MTE) for which the prescriber may exclude
 * substitution with the mention « non substituable (MTE) », and the pharmacist may choose « non
 * substituable MTE-PH » for a stabilised patient (RULES.md § Substitution).
 *
 * Sources:
 * - Arrêté du 12 novembre 2019 précisant, en application de l'article L. 5125-23 du code de la santé
 *   publique, les situations médicales dans lesquelles peut être exclue la substitution à la spécialité
 *   prescrite d'une spécialité du même groupe générique (JORF du 19 novembre 2019, in force on 1 January
 *   2020), annex: the first thirteen substances below (the three marked TFR are under a tarif forfaitaire
 *   de responsabilité). Reproduced in the CPAM 13 « Declic » of 18 December 2019
 *   (http://dgh.cpcam13.fr/Declic/Commun/Public/Declic_18_12_2019.php).
 * - Arrêté du 20 juillet 2022 modifiant l'arrêté du 12 novembre 2019: lacosamide and oxcarbazépine added
 *   (https://sabinendzengueamoaconsulting.fr/2022/07/29/, cited in ../shared/reference/domain-research.md §6.5).
 */
export const MTE_SUBSTANCES: readonly { name: string; since: string; tfr?: true }[] = [
  { name: 'lamotrigine', since: '2020-01-01' },
  { name: 'prégabaline', since: '2020-01-01' },
  { name: 'zonisamide', since: '2020-01-01' },
  { name: 'lévétiracétam', since: '2020-01-01' },
  { name: 'topiramate', since: '2020-01-01', tfr: true },
  { name: 'valproate de sodium', since: '2020-01-01', tfr: true },
  { name: 'lévothyroxine', since: '2020-01-01' },
  { name: 'mycophénolate mofétil', since: '2020-01-01', tfr: true },
  { name: 'buprénorphine', since: '2020-01-01' },
  { name: 'azathioprine', since: '2020-01-01' },
  { name: 'ciclosporine', since: '2020-01-01' },
  { name: 'évérolimus', since: '2020-01-01' },
  { name: 'mycophénolate sodique', since: '2020-01-01' },
  { name: 'lacosamide', since: '2022-07-20' },
  { name: 'oxcarbazépine', since: '2022-07-20' },
];

const KEYS = new Set(MTE_SUBSTANCES.map((s) => moietyKey(s.name)));

/** Whether a substance name (BDPM `CIS_COMPO`, or a DC line's) is on the MTE list, salt and accents aside. */
export function isMteSubstance(name: string): boolean {
  // « SODIUM (VALPROATE DE) » is how CIS_COMPO writes « VALPROATE DE SODIUM » in a few rows.
  const inverted = /^(\S+) \((.+ d(?:e|'))\)$/.exec(fold(name));
  return (
    KEYS.has(moietyKey(name)) || (inverted !== null && KEYS.has(moietyKey(`${inverted[2]} ${inverted[1]}`)))
  );
}

/** Whether a speciality has an active substance of the MTE list (its FT, or the SA behind it). */
export function hasMteSubstance(substances: readonly { name: string; salt?: { name: string } }[]): boolean {
  return substances.some(
    (s) => isMteSubstance(s.name) || (s.salt !== undefined && isMteSubstance(s.salt.name)),
  );
}
