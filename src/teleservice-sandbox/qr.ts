import QRCode from 'qrcode';
import type { StoredSeed } from './sandbox.store';

/** The ON QR payload (version 2) as the paper copy carries it: ID, patient traits, prescriber ids. */
export function qrPayload(seed: StoredSeed): string {
  const prescriber: Record<string, string> = { RPPS: seed.prescriber.rpps };
  if (seed.prescriber.am) prescriber.AM = seed.prescriber.am;
  return JSON.stringify({
    S: { V: 2 },
    D: {
      ID: seed.prescriptionId,
      P: { N: seed.patient.lastName, P: seed.patient.firstName, D: seed.patient.birthDate },
      M: prescriber,
    },
  });
}

/** Base64 PNG of the QR code. */
export async function qrPng(payload: string): Promise<string> {
  const png = await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 4, scale: 4, type: 'png' });
  return png.toString('base64');
}
