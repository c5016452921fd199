import { VitaleError } from './vitale-error';

/**
 * How a birth date relates to the calendar. French identity data keeps dates that are not calendar dates:
 * `partial` has 00 as month and/or day (unknown), `lunar` has digits that name no real day (31/02, month 13+),
 * as registered for people whose exact birth date is unknown. Both are kept verbatim, never "corrected".
 */
export type BirthDateKind = 'calendar' | 'partial' | 'lunar';

/** One person on the card: the holder (assuré) or a beneficiary (ayant droit). */
export interface Person {
  /** NIR as the card stores it (13 characters, or 15 with the key); 2A/2B for Corsica. */
  nir?: string;
  lastName: string;
  /** Not in the public Vitale 2 layout: only the SESAM-Vitale port (group 104) supplies it. */
  birthName?: string;
  /** The card holds one first-name field; it is given as one element, not split on spaces. */
  firstNames: string[];
  /** `YYYY-MM-DD` with the card's digits verbatim, whatever `birthDateKind` says. */
  birthDate: string;
  birthDateKind: BirthDateKind;
  /** Rang de naissance (twins): not in the public layout; only the SESAM-Vitale port (group 104) supplies it. */
  rank?: number;
}

/** What one Carte Vitale read gives. */
export interface CardHolderRecord {
  cardType: 'vitale2';
  /** Opaque card identifier from EF PAN (2F02), as hex; its encoding is not public. */
  serial?: string;
  /** Start of validity of the card (tag 66/80), YYYY-MM-DD. */
  validFrom?: string;
  holder: Person;
  beneficiaries: Person[];
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Reads an AAAAMMJJ date (8 ASCII digits) into `YYYY-MM-DD` and its kind. */
export function parseCardDate(ascii: string): { date: string; kind: BirthDateKind } {
  if (!/^\d{8}$/.test(ascii)) {
    throw new VitaleError('BAD_CARD_DATA', `date is not 8 digits (AAAAMMJJ): ${ascii.length} character(s)`);
  }
  const [y, m, d] = [ascii.slice(0, 4), ascii.slice(4, 6), ascii.slice(6, 8)];
  const date = `${y}-${m}-${d}`;
  if (m === '00' || d === '00') return { date, kind: 'partial' };
  return { date, kind: isCalendarDate(Number(y), Number(m), Number(d)) ? 'calendar' : 'lunar' };
}

/** Back to AAAAMMJJ (the simulator's encoder). */
export const formatCardDate = (date: string): string => date.replace(/-/g, '');

const NIR = /^[1-8][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}(?:[0-9]{2})?$/;

/** The NIR key of a 13-character NIR: 97 − (NIR mod 97), Corsica's 2A and 2B counted as 19 and 18. */
export function nirKey(nir13: string): string {
  const digits = nir13.toUpperCase().replace('2A', '19').replace('2B', '18');
  return String(97n - (BigInt(digits) % 97n)).padStart(2, '0');
}

/** Checks an NIR's shape and, when 15 characters long, its key. */
export function checkNir(raw: string): string {
  const nir = raw.replace(/\s+/g, '').toUpperCase();
  if (!NIR.test(nir))
    throw new VitaleError('BAD_CARD_DATA', `NIR has an unexpected shape (${nir.length} characters)`);
  if (nir.length === 15 && nirKey(nir.slice(0, 13)) !== nir.slice(13)) {
    throw new VitaleError('BAD_CARD_DATA', 'NIR key does not match');
  }
  return nir;
}
