import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Block, DocumentModel, Row, Section } from './reconstitution.model';
import { toWinAnsi } from '../../core/text/win-ansi';

/** A4 in points; margins of 15 mm; header and footer bands repeated on every page. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = 42;
const HEADER = 34;
const FOOTER = 40;
const TOP = MARGIN + HEADER;
const BOTTOM = PAGE.height - MARGIN - FOOTER;
const WIDTH = PAGE.width - 2 * MARGIN;
const GAP = 14;

const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;
const SIZE = { title: 13, heading: 10.5, body: 9, small: 7.5 } as const;
const LINE_GAP = 1.5;
const LABEL_WIDTH = { full: 118, half: 86 } as const;
const INDENT = 12;

/** 6 pixels per module at 200 dpi (0.76 mm), 3 at 100 dpi: sharp edges on the SCOR scan grid. */
export const QR_MODULE = 2.16;
const QR_PIXEL = 0.36; // one pixel at 200 dpi, in points
const QR_QUIET = 4;
const QR_MAX = 150; // about 53 mm, beside the identity block
const QR_MODULE_MIN = 5 * QR_PIXEL; // 5 pixels at 200 dpi, whatever the payload's length

type Doc = PDFKit.PDFDocument;

/**
 * Lays a DocumentModel out on A4 pages with the standard Helvetica fonts and draws the QR code as vector
 * rectangles. Deterministic: no clock, no random, metadata dates and the file ID from the model only.
 */
export function renderReconstitution(model: DocumentModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0, // we break pages ourselves; pdfkit's own break would split our blocks
    bufferPages: true,
    compress: true,
    info: {
      Title: toWinAnsi(model.info.title),
      Subject: toWinAnsi(model.info.subject),
      Author: toWinAnsi(model.info.author),
      Creator: toWinAnsi(model.info.creator),
      Producer: 'Comptoir (PDFKit)',
      CreationDate: model.info.creationDate,
      ModDate: model.info.creationDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  new Layout(doc).render(model);
  doc.end();
  return done;
}

class Layout {
  private y = TOP;

  constructor(private readonly doc: Doc) {}

  render(model: DocumentModel): void {
    const qrSide = this.drawQr(model.qr.payload, model.qr.caption);
    const identityWidth = WIDTH - qrSide - GAP;
    const identityEnd = this.section(model.identity, MARGIN, this.y, identityWidth, LABEL_WIDTH.half, true);
    this.y = Math.max(identityEnd, TOP + qrSide + 14) + GAP;
    for (const block of model.blocks) this.block(block);
    this.decorate(model);
  }

  private block(block: Block): void {
    if (block.kind === 'columns') {
      const width = (WIDTH - GAP) / 2;
      const height = Math.max(...block.columns.map((s) => this.sectionHeight(s, width, LABEL_WIDTH.half)));
      this.ensure(height);
      const ends = block.columns.map((s, i) =>
        this.section(s, MARGIN + i * (width + GAP), this.y, width, LABEL_WIDTH.half, true),
      );
      this.y = Math.max(...ends) + GAP;
      return;
    }
    this.section(block.section, MARGIN, this.y, WIDTH, LABEL_WIDTH.full, false);
    this.y += GAP;
  }

  /** Draws a section; `fixed` ones were measured to fit, the others break between rows. Returns its end. */
  private section(
    s: Section,
    x: number,
    y: number,
    width: number,
    labelWidth: number,
    fixed: boolean,
  ): number {
    const doc = this.doc;
    const headingHeight = this.measure(s.heading, width, FONT.bold, SIZE.heading) + 5;
    if (!fixed) {
      // Whole on one page when it can be; else at least the heading with its first row.
      const whole = this.sectionHeight(s, width, labelWidth);
      const first = s.rows[0] ? this.rowHeight(s.rows[0], width, labelWidth) : 0;
      this.ensure(whole <= BOTTOM - TOP ? whole : headingHeight + first);
      y = this.y;
    }
    this.text(s.heading, x, y, width, FONT.bold, SIZE.heading);
    doc
      .moveTo(x, y + headingHeight - 3)
      .lineTo(x + width, y + headingHeight - 3)
      .lineWidth(0.5)
      .strokeColor('#555555')
      .stroke();
    y += headingHeight;
    for (const row of s.rows) {
      const h = this.rowHeight(row, width, labelWidth);
      if (!fixed) {
        this.y = y;
        this.ensure(h);
        y = this.y;
      }
      this.row(row, x, y, width, labelWidth);
      y += h;
    }
    if (!fixed) this.y = y;
    return y;
  }

  private row(row: Row, x: number, y: number, width: number, labelWidth: number): void {
    const indent = (row.indent ?? 0) * INDENT;
    const font = row.style === 'bold' ? FONT.bold : FONT.regular;
    const color = row.style === 'muted' ? '#444444' : 'black';
    if (!row.label) {
      this.text(row.text, x + indent, y, width - indent, font, SIZE.body, color);
      return;
    }
    this.text(row.label, x + indent, y, labelWidth - 4, FONT.bold, SIZE.body, '#222222');
    this.text(row.text, x + indent + labelWidth, y, width - indent - labelWidth, font, SIZE.body, color);
  }

  private rowHeight(row: Row, width: number, labelWidth: number): number {
    const indent = (row.indent ?? 0) * INDENT;
    const font = row.style === 'bold' ? FONT.bold : FONT.regular;
    if (!row.label) return this.measure(row.text, width - indent, font, SIZE.body) + 2;
    return (
      Math.max(
        this.measure(row.label, labelWidth - 4, FONT.bold, SIZE.body),
        this.measure(row.text, width - indent - labelWidth, font, SIZE.body),
      ) + 2
    );
  }

  private sectionHeight(s: Section, width: number, labelWidth: number): number {
    const heading = this.measure(s.heading, width, FONT.bold, SIZE.heading) + 5;
    return s.rows.reduce((h, r) => h + this.rowHeight(r, width, labelWidth), heading);
  }

  private ensure(height: number): void {
    if (this.y + height <= BOTTOM) return;
    this.doc.addPage();
    this.y = TOP;
  }

  private measure(text: string, width: number, font: string, size: number): number {
    return this.doc.font(font).fontSize(size).heightOfString(toWinAnsi(text), { width, lineGap: LINE_GAP });
  }

  private text(
    s: string,
    x: number,
    y: number,
    width: number,
    font: string,
    size: number,
    color = 'black',
  ): void {
    this.doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(toWinAnsi(s), x, y, { width, lineGap: LINE_GAP });
  }

  /** The ON QR code, top right of page 1, its quiet zone included, with the ON number under it. */
  private drawQr(payload: string, caption: string): number {
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    const fit = Math.floor(QR_MAX / (n + 2 * QR_QUIET) / QR_PIXEL) * QR_PIXEL;
    const module = Math.max(QR_MODULE_MIN, Math.min(QR_MODULE, fit));
    const side = (n + 2 * QR_QUIET) * module;
    const snap = (v: number) => Math.round(v / QR_PIXEL) * QR_PIXEL;
    const x0 = snap(MARGIN + WIDTH - side);
    const y0 = snap(TOP);
    const doc = this.doc;
    doc.rect(x0, y0, side, side).fill('white');
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        if (!modules.get(r, c)) continue;
        let run = 1;
        while (c + run < n && modules.get(r, c + run)) run++;
        doc.rect(x0 + (QR_QUIET + c) * module, y0 + (QR_QUIET + r) * module, run * module, module);
        c += run - 1;
      }
    }
    doc.fill('black');
    this.text(caption, x0, y0 + side + 1, side, FONT.bold, SIZE.body);
    return side;
  }

  /** Header and footer on every page, now that the page count is known. */
  private decorate(model: DocumentModel): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      this.text(model.header.title, MARGIN, MARGIN, WIDTH * 0.65, FONT.bold, SIZE.title);
      const ref = toWinAnsi(model.header.reference);
      this.doc
        .font(FONT.bold)
        .fontSize(SIZE.heading)
        .text(ref, MARGIN + WIDTH * 0.65, MARGIN + 2, { width: WIDTH * 0.35, align: 'right' });
      this.doc
        .moveTo(MARGIN, MARGIN + HEADER - 10)
        .lineTo(MARGIN + WIDTH, MARGIN + HEADER - 10)
        .lineWidth(1)
        .strokeColor('black')
        .stroke();
      const y = PAGE.height - MARGIN - FOOTER + 8;
      this.doc
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + WIDTH, y)
        .lineWidth(0.5)
        .stroke();
      this.text(model.footer, MARGIN, y + 5, WIDTH - 70, FONT.regular, SIZE.small);
      this.doc
        .font(FONT.bold)
        .fontSize(SIZE.small)
        .text(`page ${i - start + 1}/${count}`, MARGIN + WIDTH - 60, y + 5, { width: 60, align: 'right' });
    }
  }
}
