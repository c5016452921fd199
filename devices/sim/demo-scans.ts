import { GS } from '../scanner/framing';

export interface DemoScan {
  aim: string;
  data: string;
}

// The CIP13 is a real BDPM presentation; lot, serial and prescription are made up (QR shape: reference §3.1).
export const DEMO_SCANS = {
  /** A medicine pack: GS1 DataMatrix with GTIN, expiry, lot, then GS before the serial. */
  gs1DataMatrix: { aim: ']d2', data: `010340094949729417271231` + `10LOT4521A${GS}21SN8F3K2Q9X1` },
  /** The ON prescription QR code (a JSON document, long enough to need several HID POS reports). */
  prescriptionQr: {
    aim: ']Q1',
    data: JSON.stringify({
      S: { V: 2 },
      D: {
        ID: '202106180921110040',
        P: { N: 'TEST', P: 'PATIENT', D: '01011980' },
        M: { RPPS: '10001234567', AM: '751234567' },
      },
    }),
  },
  /** The same pack's CIP13 as a plain EAN-13. */
  ean13: { aim: ']E0', data: '3400949497294' },
} as const satisfies Record<string, DemoScan>;
