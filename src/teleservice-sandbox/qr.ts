import QRCode from 'qrcode';

/** Base64 PNG of the QR code. */
export async function qrPng(payload: string): Promise<string> {
  const png = await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 4, scale: 4, type: 'png' });
  return png.toString('base64');
}
