import type { Browser } from 'playwright-core';
import {
  launchChromium,
  loginThroughPage,
  openPage,
  screenshot,
  scrollWidth,
  WatchedPage,
} from '../support/browser';
import { dispenseToInvoiced } from '../support/dispense-flow';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';

jest.setTimeout(60_000);

const FSE = 'FSE0099001';

/** The back-office page in a real browser: a rejection file imported, worked on, its PDF opened. */
describe('back-office page (/back-office) in chromium', () => {
  let t: SandboxedApp;
  let browser: Browser;
  let w: WatchedPage;
  let prescriptionId: string;

  beforeAll(async () => {
    t = await startSandboxedApp();
    ({ prescriptionId } = await dispenseToInvoiced(t, { fseNumber: FSE, billingNumber: 'F-2026-0042' }));
    browser = await launchChromium();
    w = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs in with the back-office token and shows the dashboard', async () => {
    await loginThroughPage(w.page, t.url, TOKENS.backoffice);
    expect(w.page.url()).toBe(`${t.url}/back-office`);
    const [cookie] = await w.context.cookies();
    expect(cookie).toEqual(
      expect.objectContaining({ name: 'comptoir_session', httpOnly: true, sameSite: 'Strict' }),
    );
    await expect(w.page.locator('[data-count="invoiced"] dd').textContent()).resolves.toBe('1');
    await expect(w.page.locator('#chart svg polyline').count()).resolves.toBe(5);
    await expect(w.page.locator('#rejections-empty').textContent()).resolves.toBe('Aucun rejet.');
  });

  it('imports a CSV of rejections through the file input, with the report of unmatched lines', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const csv =
      'fseNumber;rejectionCode;label;date;amountCents\n' +
      `${FSE};R042;Taux de prise en charge erroné;${today};216\n` +
      `FSE0000404;R001;Assuré inconnu;${today};100\n`;
    await w.page.getByLabel(/Fichier CSV des rejets/).setInputFiles({
      name: 'rejets.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await w.page.getByRole('button', { name: 'Importer' }).click();
    const report = w.page.locator('#import-report');
    await report.getByText('1 importée(s)').waitFor();
    await expect(report.textContent()).resolves.toContain('Ligne 3 : FSE FSE0000404 (FSE_UNKNOWN)');
    const row = w.page.locator(`#rejections-body tr[data-fse="${FSE}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('R042 — Taux de prise en charge erroné');
    await expect(row.locator('.badge').getAttribute('data-status')).resolves.toBe('new');
    await w.page.locator('[data-count="rejected"] dd').filter({ hasText: '1' }).waitFor();
    await screenshot(w.page, 'back-office-1-imported');
  });

  it('moves the rejection to in-progress with a comment', async () => {
    const row = w.page.locator(`#rejections-body tr[data-fse="${FSE}"]`);
    await row.getByLabel(`Nouveau statut du rejet ${FSE}`).selectOption('in-progress');
    await row.getByLabel(`Commentaire du rejet ${FSE}`).fill('exécution renvoyée');
    await row.getByRole('button', { name: `Enregistrer le statut du rejet ${FSE}` }).click();
    // The list shows "new" by default: the rejection leaves it; the "all" filter shows it moved.
    await w.page.locator(`#rejections-body tr[data-fse="${FSE}"]`).waitFor({ state: 'detached' });
    await w.page.getByLabel('Statut', { exact: true }).selectOption('');
    await w.page.getByRole('button', { name: 'Afficher' }).click();
    const moved = w.page.locator(`#rejections-body tr[data-fse="${FSE}"] .badge[data-status="in-progress"]`);
    await moved.waitFor();
    await expect(
      w.page.locator(`#rejections-body tr[data-fse="${FSE}"] input[id^="comment-"]`).inputValue(),
    ).resolves.toBe('exécution renvoyée');
  });

  it('opens the reconstituted prescription PDF in a new tab', async () => {
    const link = w.page.getByRole('link', { name: new RegExp(`Ordonnance reconstituée ${prescriptionId}`) });
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    const [response] = await Promise.all([
      w.context.waitForEvent('response', (r) => r.url().includes('/reconstitution.pdf')),
      link.click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
    // The tab shows it in chromium's viewer; the bytes, fetched with the page's cookie, are a PDF.
    const pdf = await w.context.request.get(response.url());
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const p of w.context.pages().slice(1)) await p.close();
  });

  it('fits a 1366×768 screen without horizontal scrolling', async () => {
    expect(await scrollWidth(w.page)).toBeLessThanOrEqual(1366);
    await screenshot(w.page, 'back-office-2-worked');
  });

  it('logs out back to the login page', async () => {
    await w.page.getByRole('button', { name: 'Se déconnecter' }).click();
    await w.page.waitForURL(`${t.url}/`);
    expect(await w.context.cookies()).toEqual([]);
  });

  it('logged no console error and no page error', () => {
    expect(w.problems()).toEqual([]);
  });
});
