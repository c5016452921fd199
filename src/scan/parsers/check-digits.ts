/** GS1 mod-10 check digit of the digits before it (weights 3,1,… from the right): GTIN, EAN-13, SSCC. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when an all-digit code ends with its GS1 mod-10 check digit. */
export function hasValidGs1CheckDigit(code: string): boolean {
  if (!/^\d{2,}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/**
 * Legacy CIP7 key: Σ digit × weight (2,3,4,5,6,7 on digits 1–6) mod 11. It holds for every presentation
 * of the BDPM snapshot declared before 2010 (5,680/5,680) but only for 46 % of later ones, since CIP7s
 * allocated with CIP13 carry no key: so it is informative only, never a reason to reject a code.
 */
export function cip7Key(first6: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (first6.charCodeAt(i) - 48) * (i + 2);
  return sum % 11;
}

/** CIP13 of a CIP7: `34009` + CIP7 + EAN-13 check digit (holds for all 20,903 BDPM presentations). */
export function cip7ToCip13(cip7: string): string {
  const body = `34009${cip7}`;
  return body + String(gs1CheckDigit(body));
}

/**
 * NIR / NIA key: 97 − (13-character number mod 97); Corsica's department `2A` counts as 19 and `2B` as 18.
 * Undefined when the 13 characters are not a NIR body.
 */
export function nirKey(first13: string): number | undefined {
  if (!/^\d{5}(\d{2}|2A|2B)\d{6}$/.test(first13)) return undefined;
  const numeric =
    first13.slice(0, 5) + first13.slice(5, 7).replace('2A', '19').replace('2B', '18') + first13.slice(7);
  return 97 - Number(BigInt(numeric) % 97n);
}

/** Luhn (mod 10, doubling every second digit from the right): RPPS numbers carry such a key. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
