import { ScanException } from '../scan.exception';
import { SCAN_DETAILS } from '../error-messages';

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function lastDayOfMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** `YYYY-MM-DD` for a real calendar date, undefined otherwise. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > lastDayOfMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a `YYYY-MM-DD` string naming a real date. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

/**
 * Full year of a GS1 two-digit year, GS1 General Specifications 7.12: the century is chosen so that
 * the year falls within 49 years before to 50 years after the reference (current) year.
 */
export function gs1Year(yy: number, referenceYear: number): number {
  const diff = yy - (referenceYear % 100);
  const century = Math.floor(referenceYear / 100) * 100;
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/**
 * `YYMMDD` (or `YYYYMMDD`) GS1 date to `YYYY-MM-DD`; with `allowDay00`, day `00` is the last day of the
 * month (linter yymmd0). Undefined when the date does not exist.
 */
export function gs1DateToIso(digits: string, referenceYear: number, allowDay00: boolean): string | undefined {
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (!m) return undefined;
  const year = m[1].length === 4 ? Number(m[1]) : gs1Year(Number(m[1]), referenceYear);
  const month = Number(m[2]);
  let day = Number(m[3]);
  if (day === 0 && allowDay00 && month >= 1 && month <= 12) day = lastDayOfMonth(year, month);
  return isoDate(year, month, day);
}

/** AI (17) expiry `YYMMDD` to `YYYY-MM-DD` (day 00 = end of month); GS1_MALFORMED when invalid. */
export function expiryToIso(yymmdd: string, referenceYear: number): string {
  const iso = /^\d{6}$/.test(yymmdd) ? gs1DateToIso(yymmdd, referenceYear, true) : undefined;
  if (!iso) throw new ScanException('GS1_MALFORMED', SCAN_DETAILS.GS1_MALFORMED.expiry({ date: yymmdd }));
  return iso;
}
