/**
 * Euros as written in CIS_CIP_bdpm.txt → cents. The decimal separator is a comma, and thousands are also
 * separated by commas (README: `1,466,29` = 1466.29), so the last comma is the decimal one.
 * Undefined when the text is not a price.
 */
export function parseEuroCents(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.replace(/\s/g, '');
  const m = /^(\d{1,3}(?:,\d{3})*|\d+),(\d{1,2})$/.exec(t) ?? /^(\d+)$/.exec(t);
  if (!m) return undefined;
  const euros = Number(m[1].replace(/,/g, ''));
  const cents = m[2] === undefined ? 0 : Number(m[2].padEnd(2, '0'));
  return euros * 100 + cents;
}

/** Reimbursement rates: `65%`, `65 %`, several separated by `;` (README) → [65]. Undefined if malformed. */
export function parseRates(text: string | undefined): number[] | undefined {
  if (text === undefined) return [];
  const rates: number[] = [];
  for (const part of text.split(';')) {
    const m = /^\s*(\d{1,3})(?:[.,](\d+))?\s*%?\s*$/.exec(part);
    if (!m) return undefined;
    const rate = Number(`${m[1]}.${m[2] ?? '0'}`);
    if (rate > 100) return undefined;
    rates.push(rate);
  }
  return rates;
}

/**
 * `JJ/MM/AAAA` → `YYYY-MM-DD`. Impossible dates and years outside 1900–2100 (README: a typo 29/11/2924
 * in CIS_CIP_bdpm.txt) give `invalid`, so the importer can keep the row and report the value.
 */
export function parseFrenchDate(text: string | undefined): string | undefined | 'invalid' {
  if (text === undefined) return undefined;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!m) return 'invalid';
  const [, d, mo, y] = m;
  const year = Number(y);
  const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d)));
  if (year < 1900 || year > 2100 || date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1)
    return 'invalid';
  return `${y}-${mo}-${d}`;
}

/** `oui` / `non` / `inconnu` (agrément aux collectivités) → boolean, or undefined when unknown. */
export function parseOuiNon(text: string | undefined): boolean | undefined {
  const t = text?.toLowerCase();
  return t === 'oui' ? true : t === 'non' ? false : undefined;
}

/** GS1 mod-10 check digit (weights 3,1,… from the right), as on an EAN-13 / CIP13. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += (body.charCodeAt(body.length - 1 - i) - 48) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** A CIP13 is `34009` + CIP7 + EAN-13 check digit (README: true of every presentation). */
export function isValidCip13(cip13: string): boolean {
  return /^3400\d{9}$/.test(cip13) && gs1CheckDigit(cip13.slice(0, 12)) === Number(cip13[12]);
}
