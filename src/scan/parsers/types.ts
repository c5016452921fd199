import type { SymbologyId } from '../../../devices/scanner/aim';

export type { SymbologyId };

export interface PrescriptionQr {
  prescriptionId: string;
  qrVersion: number;
  patient: { lastName: string; firstName: string; birthDate: string };
  prescriber: { rpps: string; am?: string; finess?: string; replacementRpps?: string };
  /** Keys the parser does not know, by dotted path (`"D.M.SPE"`), kept as found. */
  extra?: Record<string, unknown>;
}

export interface PrescriptionId {
  prescriptionId: string;
}

export interface Pack {
  gtin: string;
  cip13?: string;
  acl13?: string;
  /** `YYYY-MM-DD`, from AI (17); day 00 is the last day of the month. */
  expiry?: string;
  lot?: string;
  serial?: string;
  /** Every element as read, AI → raw value. */
  ais: Record<string, string>;
}

export type ProductCodeType = 'cip13' | 'acl13' | 'ean13' | 'cip7';

export interface ProductCode {
  code: string;
  codeType: ProductCodeType;
  cip13?: string;
}

export interface Ins {
  matricule: string;
  oid: string;
  firstNames: string;
  birthName: string;
  sex: 'F' | 'M';
  /** `YYYY-MM-DD` (the DataMatrix carries `JJ-MM-AAAA`). */
  birthDate: string;
  birthPlace: string;
}

export interface Apcv {
  raw: string;
}

interface Scan<K extends string, P> {
  kind: K;
  parsed: P;
  /** Stable UPPER_SNAKE codes, see ScanWarning. */
  warnings: string[];
  symbology?: SymbologyId;
}

export type ParsedScan =
  | Scan<'prescription-qr', PrescriptionQr>
  | Scan<'prescription-id', PrescriptionId>
  | Scan<'pack', Pack>
  | Scan<'product-code', ProductCode>
  | Scan<'ins', Ins>
  | Scan<'apcv', Apcv>;

export type ScanKind = ParsedScan['kind'];

/** What a parser returns before parseScan adds the symbology (Omit applied to each member of the union). */
export type ParserResult = WithoutSymbology<ParsedScan>;
type WithoutSymbology<T> = T extends unknown ? Omit<T, 'symbology'> : never;

/**
 * Warnings a parse may carry (the scan is still accepted), each documented in docs/errors.md § Scan
 * warnings (a test checks it):
 * - QR_VERSION_UNSUPPORTED: the QR's `S.V` is not 2; its ID is used all the same.
 * - QR_CONTENT_UNREADABLE: an unknown QR version whose body is not the v2 layout: returned as a bare ID.
 * - RPPS_CHECK_DIGIT: an RPPS in the QR fails its Luhn key.
 * - GS1_SEPARATOR_INFERRED: FNC1 separators were missing; lot/serial boundaries were inferred.
 * - GTIN_WITHOUT_AI: 14 digits alone, read as a GTIN.
 * - INS_TEST_OID: INS with a test or demo OID (1.2.250.1.213.1.4.10 / .11).
 * - INS_NIR_MISMATCH: the NIR's sex or birth-year digits disagree with the INS fields.
 */
export const SCAN_WARNINGS = [
  'QR_VERSION_UNSUPPORTED',
  'QR_CONTENT_UNREADABLE',
  'RPPS_CHECK_DIGIT',
  'GS1_SEPARATOR_INFERRED',
  'GTIN_WITHOUT_AI',
  'INS_TEST_OID',
  'INS_NIR_MISMATCH',
] as const;
export type ScanWarning = (typeof SCAN_WARNINGS)[number];

export interface ParseOptions {
  /** Character(s) a scanner sends for FNC1 instead of GS (e.g. `~`, `|`, `^`); used for GS1 and INS. */
  fnc1Replacement?: string;
  /** Reference year for the GS1 two-digit-year century window; defaults to the current year. */
  referenceYear?: number;
  /** Prefixes that mark a Carte Vitale app QR; defaults to APCV_PREFIXES (see apcv.parser.ts). */
  apcvPrefixes?: readonly string[];
}
