import PDFDocument from 'pdfkit';
import { frenchDate } from '../../core/i18n/messages';
import { toWinAnsi } from '../../core/text/win-ansi';
import type { OctReport } from './oct-report';

const MARGIN = 48;
const euros = (cents: number | undefined): string =>
  cents === undefined ? '—' : `${(cents / 100).toFixed(2).replace('.', ',')} €`;

/**
 * The execution report as a one-document A4 PDF in French (standard Helvetica, WinAnsi text), for an
 * insurer that takes documents. Deterministic: its dates come from the report, nothing from the clock.
 */
export function renderOctReport(report: OctReport): Promise<Buffer> {
  const at = new Date(report.acknowledgement.receivedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: true,
    info: {
      Title: toWinAnsi(`Compte rendu d'exécution ${report.prescriptionId} n° ${report.executionSequence}`),
      Author: toWinAnsi(report.pharmacy.name || `FINESS ${report.pharmacy.finess ?? ''}`),
      Producer: 'Comptoir (PDFKit)',
      CreationDate: at,
      ModDate: at,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = (s: string, size = 9, bold = false) =>
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .text(toWinAnsi(s));
  const p = report.patient;
  const pr = report.prescriber;
  text("Compte rendu d'exécution d'ordonnance numérique", 13, true);
  text('Continuité de service OCT — transmis par le logiciel de la pharmacie', 8);
  doc.moveDown();
  text(`Ordonnance ${report.prescriptionId} — exécution n° ${report.executionSequence}`, 10, true);
  text(`Délivrée le ${frenchDate(report.dispensingDate)}, renouvellement n° ${report.renewalNumber}`);
  text(`Accusé du téléservice ${report.acknowledgement.id} du ${report.acknowledgement.receivedAt}`);
  doc.moveDown();
  text('Patient', 10, true);
  text(
    `${p.lastName} ${p.firstName}, né(e) le ${frenchDate(p.birthDate)}${p.ins ? `, INS ${p.ins.matricule}` : ''}`,
  );
  text('Prescripteur', 10, true);
  text(`RPPS ${pr.rpps}${pr.am ? `, AM ${pr.am}` : ''}${pr.finess ? `, FINESS ${pr.finess}` : ''}`);
  text('Pharmacie', 10, true);
  const ph = report.pharmacy;
  text(
    `${ph.name ?? ''} FINESS ${ph.finess ?? '—'}, AM ${ph.am ?? '—'}; pharmacien RPPS ${report.pharmacist.rpps}`,
  );
  doc.moveDown();
  text('Lignes', 10, true);
  for (const l of report.lines) {
    text(`Ligne ${l.lineId} : ${l.prescribed.label ?? l.prescribed.cis ?? l.prescribed.lpp ?? ''}`, 9, true);
    if (l.nonDelivery) text(`  non délivrée (${l.nonDelivery})`);
    for (const x of l.products) {
      const code = x.cip13 ? `CIP13 ${x.cip13}` : `code ${x.code ?? '—'}`;
      text(
        `  ${code} ${x.label ?? ''} × ${x.quantity} — ${euros(x.unitPriceCents)} l'unité, ` +
          `${x.reimbursementRate ?? '—'} % — montant ${euros(x.amountCents)}, part AMO ${euros(x.amoCents)}`,
      );
    }
  }
  doc.moveDown();
  const t = report.totals;
  text(
    `Total ${euros(t.amountCents)} — part AMO ${euros(t.amoCents)} — reste ${euros(t.remainingCents)}`,
    10,
    true,
  );
  doc.end();
  return done;
}
