import { ScanException } from '../scan.exception';
import { assertScanSize } from './limits';
import type { PrescriptionId } from './types';
import { SCAN_DETAILS } from '../error-messages';

/** The ID's own format, in a QR or alone: 10–40 ASCII letters and digits (e.g. 18 digits YYYYMMDDhhmmss+4). */
export const PRESCRIPTION_ID_FORMAT = /^[A-Za-z0-9]{10,40}$/;

/**
 * True when `data` alone is a prescription ID: the ID format, at least one digit (a bare word is not an
 * ID), and not a shape that is a product code first — 13 digits (EAN-13/CIP13), 14 digits starting `0`
 * (a GTIN) or `01` + 14 digits + more (a concatenated GS1 string). 7 digits (CIP7) are too short anyway.
 */
export function isPrescriptionId(data: string): boolean {
  return (
    PRESCRIPTION_ID_FORMAT.test(data) &&
    /\d/.test(data) &&
    !/^\d{13}$/.test(data) &&
    !/^0\d{13}$/.test(data) &&
    !/^01\d{14}/.test(data)
  );
}

/** An ID typed or scanned alone (the number printed under the QR). UNKNOWN_CODE when it is not one. */
export function parsePrescriptionId(data: string): PrescriptionId {
  assertScanSize(data);
  if (!isPrescriptionId(data))
    throw new ScanException('UNKNOWN_CODE', SCAN_DETAILS.UNKNOWN_CODE.notPrescriptionId());
  return { prescriptionId: data };
}
