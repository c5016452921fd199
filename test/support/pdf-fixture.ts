import PDFDocument from 'pdfkit';
import { dataMatrixModules, qrModules, symbolPicture, toPng } from './image-transforms';

/**
 * An A4 ordonnance as received through Mon espace santé: some text, the ON QR at 25 mm top right and the
 * INS DataMatrix at 20 mm beside it, embedded as PNG pictures (as an LGO's PDF generator does).
 */
export function ordonnancePdf(qrText: string, insText?: string, pages = 1): Promise<Buffer> {
  const mm = 72 / 25.4;
  const doc = new PDFDocument({ size: 'A4', margin: 40, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    doc.fontSize(16).text('ORDONNANCE', 40, 60);
    doc.fontSize(10).text('Dr TEST Médecin — RPPS 99900038441', 40, 90);
    for (let i = 0; i < 12; i++)
      doc.text(`Ligne ${i + 1} : AMOXICILLINE 1 g, 1 comprimé matin et soir, 6 jours`, 40, 300 + i * 18);
    if (p > 0) continue;
    doc.image(toPng(symbolPicture(qrModules(qrText), 8)), 150 * mm, 15 * mm, { width: 29 * mm });
    if (insText)
      doc.image(toPng(symbolPicture(dataMatrixModules(insText), 8, 2)), 120 * mm, 17 * mm, {
        width: 22 * mm,
      });
  }
  doc.end();
  return done;
}
