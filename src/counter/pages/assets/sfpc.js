// The SFPC code tables (problem, intervention, outcome codes with their labels), fetched once per page.
let codes;
export const sfpcCodes = async () => (codes ??= await (await fetch('/assets/sfpc-codes.json')).json());

/** « 3 Substitution/échange », or the code alone before the tables are loaded. */
export function sfpcLabel(tables, list, code) {
  const found = tables?.[list]?.find((c) => c.code === code);
  return found ? `${code} ${found.label}` : code;
}
