/**
 * AIM symbology identifiers (ISO/IEC 15424): `]` + code character + modifier, sent by a scanner in
 * front of the data when configured to. Only the families a pharmacy counter meets are named.
 */
export type Symbology =
  | 'qr'
  | 'gs1-qr'
  | 'datamatrix'
  | 'gs1-datamatrix'
  | 'code128'
  | 'gs1-128'
  | 'ean13'
  | 'ean8'
  | 'gs1-databar'
  | 'code39'
  | 'itf'
  | 'pdf417'
  | 'other';

export interface SymbologyId {
  /** The identifier as sent, e.g. `]d2`. */
  id: string;
  symbology: Symbology;
  /** True when the symbology carries GS1 element strings (FNC1 in first position). */
  gs1: boolean;
}

const AIM = /^\](?<code>[A-Za-z])(?<modifier>[0-9A-Za-z])/;

function classify(code: string, modifier: string): { symbology: Symbology; gs1: boolean } {
  switch (code) {
    case 'Q':
      // Q1 = model 1, Q2..Q6 = model 2 variants; Q3 and Q4 are FNC1 (GS1) modes.
      return modifier === '3' || modifier === '4'
        ? { symbology: 'gs1-qr', gs1: true }
        : { symbology: 'qr', gs1: false };
    case 'd':
      // d2 and d5 are FNC1 in first position (GS1 DataMatrix).
      return modifier === '2' || modifier === '5'
        ? { symbology: 'gs1-datamatrix', gs1: true }
        : { symbology: 'datamatrix', gs1: false };
    case 'C':
      return modifier === '1' ? { symbology: 'gs1-128', gs1: true } : { symbology: 'code128', gs1: false };
    case 'E':
      return modifier === '4' ? { symbology: 'ean8', gs1: false } : { symbology: 'ean13', gs1: false };
    case 'e':
      return { symbology: 'gs1-databar', gs1: true };
    case 'A':
      return { symbology: 'code39', gs1: false };
    case 'I':
      return { symbology: 'itf', gs1: false };
    case 'L':
      return { symbology: 'pdf417', gs1: false };
    default:
      return { symbology: 'other', gs1: false };
  }
}

/** Splits a leading AIM symbology identifier off scanned data; returns the data untouched when none. */
export function splitSymbology(data: string): { symbology?: SymbologyId; data: string } {
  const m = AIM.exec(data);
  if (!m?.groups) return { data };
  const { code, modifier } = m.groups;
  return { symbology: { id: m[0], ...classify(code, modifier) }, data: data.slice(3) };
}
