import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { decodeImage } from '../../scan/image/decode-image';
import type { DocumentModel, Row, Section } from './reconstitution.model';
import { renderReconstitution } from './reconstitution.renderer';
import { toWinAnsi } from '../../core/text/win-ansi';

jest.setTimeout(30_000);

const QR =
  '{"S":{"V":2},"D":{"ID":"202611200930000001","P":{"N":"ESSAI","P":"ALAIN","D":"1966-02-23"},"M":{"RPPS":"99900038441","AM":"991118019"}}}';

/** A model with `lines` line sections of a few rows each. */
function model(lines = 3): DocumentModel {
  const line = (i: number): Section => ({
    heading: `Ligne ${i} — Médicament (identifiant ${i})`,
    rows: [
      {
        label: 'Prescrit',
        text: `PRODUIT ${i} — CIP13 34009000000${String(i).padStart(2, '0')}`,
        style: 'bold',
      },
      {
        label: 'Posologie',
        text: '1 comprimé matin et soir pendant les repas, à avaler avec un verre d’eau',
      },
      { text: `Exécution n° 1 — renouvellement n° 0 — 22/11/2026`, indent: 1, style: 'bold' },
      { label: 'Délivré', text: `1 × PRODUIT ${i} — lot L${i} — péremption 31/12/2028`, indent: 2 },
    ] satisfies Row[],
  });
  return {
    info: {
      title: 'Reconstitution de l’ordonnance numérique 202611200930000001',
      subject: 'Reconstitution pour SCOR',
      author: 'Pharmacie de Test, FINESS 990000011',
      creator: 'Comptoir 0.1.0',
      creationDate: new Date('2026-11-22T09:00:05.000Z'),
    },
    header: { title: 'Reconstitution de l’ordonnance numérique', reference: 'N° 202611200930000001' },
    identity: {
      heading: 'Ordonnance numérique',
      rows: [{ label: 'N° ON', text: '202611200930000001', style: 'bold' }],
    },
    qr: { payload: QR, caption: '202611200930000001' },
    blocks: [
      {
        kind: 'columns',
        columns: [
          { heading: 'Prescripteur', rows: [{ label: 'Nom', text: 'Dr TRAL ADEMIS' }] },
          { heading: 'Patient', rows: [{ label: 'Nom', text: 'ÉLOÏSE Cœur-Françoise µ à è' }] },
        ],
      },
      ...Array.from({ length: lines }, (_, i) => ({ kind: 'section' as const, section: line(i + 1) })),
    ],
    footer: 'Reconstitution de l’ordonnance numérique 202611200930000001 : ne vaut pas original.',
  };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdftotext = (pdf: Buffer, page?: number) =>
  execFileSync('pdftotext', ['-layout', ...(page ? ['-f', `${page}`, '-l', `${page}`] : []), '-', '-'], {
    input: pdf,
  }).toString('utf8');

describe('renderReconstitution', () => {
  it('is an A4 PDF whose text keeps French accents (WinAnsi)', async () => {
    const pdf = await renderReconstitution(model());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString();
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/CreationDate:\s+Sun Nov 22 09:00:05 2026 UTC/);
    const text = pdftotext(pdf);
    for (const s of ['ÉLOÏSE Cœur-Françoise µ à è', 'Délivré', 'péremption', 'page 1/1']) {
      expect(text).toContain(s);
    }
  });

  it('gives identical bytes for the same model', async () => {
    const a = await renderReconstitution(model(30));
    const b = await renderReconstitution(model(30));
    expect(sha(a)).toBe(sha(b));
  });

  it('gives identical bytes in another Node process (no clock, no random, no process state)', async () => {
    const here = await renderReconstitution(model(30));
    const script = `
      const { renderReconstitution } = require(${JSON.stringify(join(__dirname, 'reconstitution.renderer.ts'))});
      const m = JSON.parse(process.env.MODEL);
      m.info.creationDate = new Date(m.info.creationDate);
      renderReconstitution(m).then((pdf) => process.stdout.write(pdf.toString('base64')));`;
    const other = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: join(__dirname, '../../..'),
      env: { ...process.env, TZ: 'Pacific/Auckland', MODEL: JSON.stringify(model(30)) },
      maxBuffer: 16 * 1024 * 1024,
    }).toString();
    expect(sha(Buffer.from(other, 'base64'))).toBe(sha(here));
  });

  it('lays many lines out over several pages, header, footer and "page x/y" on each, nothing lost', async () => {
    const pdf = await renderReconstitution(model(60));
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString())![1],
    );
    expect(pages).toBeGreaterThan(3);
    for (let p = 1; p <= pages; p++) {
      const text = pdftotext(pdf, p);
      expect(text).toContain('Reconstitution de l’ordonnance numérique');
      expect(text).toContain('N° 202611200930000001');
      expect(text).toContain('ne vaut pas original');
      expect(text).toContain(`page ${p}/${pages}`);
    }
    const all = pdftotext(pdf);
    for (let i = 1; i <= 60; i++) {
      expect(all).toContain(`Ligne ${i} — Médicament`);
      expect(all).toContain(`1 × PRODUIT ${i} — lot L${i}`);
    }
    // A line section is never split over two pages when it fits on one.
    for (let p = 1; p <= pages; p++) {
      const text = pdftotext(pdf, p);
      const headings = [...text.matchAll(/Ligne (\d+) — Médicament/g)].map((m) => m[1]);
      for (const n of headings) expect(text).toContain(`lot L${n} `);
    }
  });

  it('draws a QR code the project’s own decoder reads from a 200 dpi scan of page 1', async () => {
    const pdf = await renderReconstitution(model());
    const png = execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', '-'], { input: pdf });
    const codes = await decodeImage(png, 'image/png', { deadlineMs: 20_000 });
    expect(codes.map((c) => [c.format, c.text])).toEqual([['qr', QR]]);
  });
});

describe('toWinAnsi', () => {
  it.each([
    ['é è à ç œ Œ µ « » € ’ —', 'é è à ç œ Œ µ « » € ’ —'],
    ['Łukasz Ştefan', 'Lukasz Stefan'],
    ['≥ 2 → 3', '>= 2 -> 3'],
    ['王', '?'],
  ])('%s → %s', (input, expected) => {
    expect(toWinAnsi(input)).toBe(expected);
  });
});
