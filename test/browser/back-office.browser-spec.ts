import type { Browser } from 'playwright-core';
import request from 'supertest';
import { TeleservicePort } from '../../src/prescription/teleservice/teleservice.port';
import { CIP } from '../factories/dispensation.factory';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import {
  launchChromium,
  loginThroughPage,
  openPage,
  screenshot,
  scrollWidth,
  WatchedPage,
} from '../support/browser';
import { bearer, dispensationStatus, gs1Pack } from '../support/dispense-flow';
import { executionPayload } from '../support/outbox-ledger';
import { QUICK_RETRIES, SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';
import { foreignTextOn } from '../support/visible-text';

jest.setTimeout(90_000);

const FSE = 'FSE0099001';
const FSE_PARKED = 'FSE0099002';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** The back-office page in a real browser: rejections worked on and followed up, the dashboard, French only. */
describe('back-office page (/back-office) in chromium', () => {
  let t: SandboxedApp;
  let browser: Browser;
  let w: WatchedPage;
  let prescriptionId: string;
  const api = () => request(t.url);
  const page = () => w.page;

  /** Scans the QR and the packs on counter-1, overriding what `override` names; answers the dispensation id. */
  const open = async (seed: typeof EXAMPLE_SEED, packs: string[]) => {
    const { qr, prescriptionId: id } = await t.seed({ ...seed, createdAt: today() });
    const opened = await api()
      .post('/api/v1/scans')
      .set(bearer())
      .send({ data: qr, terminalId: 'counter-1' });
    for (const pack of packs)
      await api()
        .post('/api/v1/scans')
        .set(bearer())
        .send({ data: pack, terminalId: 'counter-1' })
        .expect(201);
    return { prescriptionId: id, dispensationId: opened.body.sessionId as string };
  };
  const invoice = (dispensationId: string, fseNumber: string, override?: string) =>
    api()
      .post(`/api/v1/dispensations/${dispensationId}/invoice`)
      .set(bearer())
      .send({
        fseNumber,
        billingNumber: 'F-2026-0042',
        invoicedAt: new Date().toISOString(),
        amountCents: 216,
        ...(override ? { override: { reason: override } } : {}),
      })
      .expect(202);
  const expectFrenchScreen = async (state: string) => {
    await screenshot(page(), `back-office-${state}`);
    expect({ state, foreign: await foreignTextOn(page()) }).toEqual({ state, foreign: [] });
    expect(await scrollWidth(page())).toBeLessThanOrEqual(1366);
  };

  beforeAll(async () => {
    t = await startSandboxedApp({ overrides: QUICK_RETRIES });
    // A levothyrox line served with its generic: overridden with the prescriber's agreement, then invoiced.
    const main = await open({ ...EXAMPLE_SEED, lines: [EXAMPLE_SEED.lines[2]] }, [gs1Pack(CIP.thyrofix30)]);
    prescriptionId = main.prescriptionId;
    await api()
      .post(`/api/v1/dispensations/${main.dispensationId}/issues/NS_SUBSTITUTION_FORBIDDEN/override`)
      .set(bearer())
      .send({
        lineId: '1',
        reason: 'Rupture du princeps',
        intervention: {
          problemCode: '1',
          interventionCode: '4',
          prescriberAgreement: { obtained: true, at: new Date().toISOString(), channel: 'phone' },
        },
      })
      .expect(200);
    await api()
      .post(`/api/v1/dispensations/${main.dispensationId}/validate`)
      .set(bearer())
      .send({})
      .expect(200);
    await until(async () => (await dispensationStatus(t, main.dispensationId)) === 'acknowledged', 15_000);
    await invoice(main.dispensationId, FSE);
    // A paracetamol line left open on the counter: in dispensation.
    await open({ ...EXAMPLE_SEED, lines: [EXAMPLE_SEED.lines[0]] }, []);
    // Parked: the teleservice already holds sequence 1 with another payload; invoiced anyway, then rejected.
    const parked = await open({ ...EXAMPLE_SEED, lines: [EXAMPLE_SEED.lines[0]] }, [
      gs1Pack(CIP.dolipraneGelule),
      gs1Pack(CIP.dolipraneGelule),
    ]);
    const elsewhere = executionPayload('elsewhere');
    elsewhere.lines = elsewhere.lines.filter((l) => l.lineId === '1');
    await t.app.get(TeleservicePort).recordExecution(parked.prescriptionId, 1, elsewhere);
    const v = await api()
      .post(`/api/v1/dispensations/${parked.dispensationId}/validate`)
      .set(bearer())
      .send({});
    const bo = bearer(TOKENS.backoffice);
    await until(
      async () =>
        (await api().get(`/api/v1/executions/${v.body.executionId}`).set(bo)).body.status === 'parked',
      15_000,
    );
    await invoice(parked.dispensationId, FSE_PARKED, 'Téléservice en panne');
    await api()
      .post('/api/v1/invoice-rejections')
      .set(bo)
      .send({ fseNumber: FSE_PARKED, rejectionCode: 'R-5', label: 'EXECUTION ABSENTE', receivedAt: today() })
      .expect(201);
    browser = await launchChromium();
    w = await openPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs in and shows the dashboard: its counters are the sums of its chart, each series in its own style', async () => {
    await loginThroughPage(page(), t.url, TOKENS.backoffice);
    expect(page().url()).toBe(`${t.url}/back-office`);
    const [cookie] = await w.context.cookies();
    expect(cookie).toEqual(
      expect.objectContaining({ name: 'comptoir_session', httpOnly: true, sameSite: 'Strict' }),
    );
    const counts = Object.fromEntries(
      await page()
        .locator('#counts [data-count]')
        .evaluateAll((divs) =>
          divs.map((d) => [d.getAttribute('data-count'), Number(d.querySelector('dd')?.textContent)]),
        ),
    );
    // The rejected prescription whose execution is parked counts as parked (docs/back-office.md).
    expect(counts).toMatchObject({ invoiced: 1, 'in-dispensation': 1, parked: 1, rejected: 0 });
    const bars = await page()
      .locator('#chart rect.series')
      .evaluateAll((rects) =>
        rects.map((r) => ({
          series: r.getAttribute('data-series')!,
          value: Number(r.getAttribute('data-value')),
          colour: getComputedStyle(document.querySelector(`#hatch-${r.getAttribute('data-series')} rect`)!)
            .fill,
        })),
      );
    const sums: Record<string, number> = Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));
    for (const b of bars) sums[b.series] += b.value;
    expect(sums).toEqual(counts);
    // Every series its own colour (and hatching on every other one), in the chart and in the legend.
    const colours = new Map(bars.map((b) => [b.series, b.colour]));
    expect(new Set(colours.values()).size).toBe(colours.size);
    expect(colours.size).toBeGreaterThanOrEqual(3);
    const legend = await page()
      .locator('#legend li')
      .evaluateAll((items) => items.map((li) => getComputedStyle(li, '::before').backgroundColor));
    expect(new Set(legend).size).toBe(7);
    await expectFrenchScreen('1-dashboard');
  });

  it('exports the list as CSV and links each prescription', async () => {
    const href = await page().locator('#export-csv').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/dashboard\/items\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    const csv = await w.context.request.get(`${t.url}${href}`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain(`${prescriptionId};Facturée;invoiced;`);
    await page().locator('#items-box summary').click();
    const link = page().locator(`#items-body tr[data-prescription-id="${prescriptionId}"] a`);
    await expect(link.getAttribute('href')).resolves.toBe(
      `/api/v1/prescriptions/${prescriptionId}/reconstitution.pdf`,
    );
    await expectFrenchScreen('2-list');
  });

  it('imports a CSV: errors in French, naming the column as the file writes it', async () => {
    const csv =
      'N° FSE;Code rejet;Libellé;Date rejet;Montant\n' +
      `${FSE};R042;Taux de prise en charge erroné;${today()};2,16\n` +
      `FSE0000404;R001;Assuré inconnu;${today()};1,00\n` +
      `${FSE};R043;Date fausse;31/02/2026;1,00\n`;
    await page()
      .getByLabel(/Fichier CSV des rejets/)
      .setInputFiles({
        name: 'rejets.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
    await page().getByRole('button', { name: 'Importer' }).click();
    const report = page().locator('#import-report');
    await report.getByText('1 importée(s)').waitFor();
    await expect(report.textContent()).resolves.toContain(
      'Ligne 3 : FSE FSE0000404 — Aucune facture ne correspond à ce numéro de FSE.',
    );
    await expect(report.textContent()).resolves.toContain(
      "Ligne 4 : « Date rejet » : « 31/02/2026 » n'est pas une date AAAA-MM-JJ ou JJ/MM/AAAA, ni un instant ISO 8601",
    );
    const row = page().locator(`#rejections-body tr[data-fse="${FSE}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('R042 — Taux de prise en charge erroné');
    await page().locator('[data-count="rejected"] dd').filter({ hasText: '1' }).waitFor();
    await expectFrenchScreen('3-imported');
  });

  it('a status change is confirmed, and the row stays in view with its new status', async () => {
    const row = page().locator(`#rejections-body tr[data-fse="${FSE}"]`);
    await row.getByLabel(`Nouveau statut du rejet ${FSE}`).selectOption('in-progress');
    await row.getByLabel(`Commentaire du rejet ${FSE}`).fill('exécution renvoyée');
    await row.getByRole('button', { name: `Enregistrer le statut du rejet ${FSE}` }).click();
    await page()
      .locator('#rejections-status')
      .filter({ hasText: `Rejet ${FSE} : statut « En cours » enregistré.` })
      .waitFor();
    const moved = page().locator(`#rejections-body tr[data-fse="${FSE}"]`);
    await expect(moved.locator('.badge').getAttribute('data-status')).resolves.toBe('in-progress');
    await expect(moved.locator('input[id^="comment-"]').inputValue()).resolves.toBe('exécution renvoyée');
    expect(
      await moved.evaluate((tr) => {
        const r = tr.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }),
    ).toBe(true);
    expect(await page().evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Enregistrer le statut du rejet ${FSE}`,
    );
    await expectFrenchScreen('4-status-changed');
  });

  it('opens the detail of a rejection: patient, boxes, interventions, overrides, executions; focus returns', async () => {
    const opener = page().getByRole('button', { name: `Détail du rejet ${FSE}` });
    await opener.focus();
    await page().keyboard.press('Enter');
    const dialog = page().getByRole('dialog', { name: `Rejet de la FSE ${FSE}` });
    await dialog.waitFor();
    await expect(dialog.locator('#detail-patient').textContent()).resolves.toBe(
      'ESSAI ALAIN, né(e) le 23/02/1966',
    );
    await expect(dialog.textContent()).resolves.toMatch(
      /THYROFIX .+ — lot LOT1 · série S\d+x\d+ · exp\. 31\/12\/2030 \(LEVOTHYROX/,
    );
    await expect(dialog.textContent()).resolves.toContain(
      'LEVOTHYROX 100 microgrammes, comprimé sécable : 1 ',
    );
    await expect(dialog.textContent()).resolves.toContain(
      'Substitution interdite (non substituable) (LEVOTHYROX 100 microgrammes, comprimé sécable) : Rupture du princeps',
    );
    await expect(dialog.textContent()).resolves.toContain('Exécution n° 1 : Accusé de réception reçu');
    await expectFrenchScreen('5-detail');
    await page().keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page().evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Détail du rejet ${FSE}`,
    );
  });

  it('carries out the suggested action: a parked execution retried, then cancelled, from the detail', async () => {
    const row = page().locator(`#rejections-body tr[data-fse="${FSE_PARKED}"]`);
    await row.getByText('Renvoyer l’exécution').waitFor();
    await row.getByRole('button', { name: `Voir les envois du rejet ${FSE_PARKED}` }).click();
    const dialog = page().getByRole('dialog', { name: `Rejet de la FSE ${FSE_PARKED}` });
    await dialog.getByText('Exécution n° 1 : Bloquée (erreur)').waitFor();
    await dialog.getByRole('button', { name: 'Relancer l’envoi n° 1' }).click();
    await dialog.locator('#detail-status').filter({ hasText: 'Envoi n° 1 relancé.' }).waitFor();
    // The teleservice still holds another payload under that number: the call parks again, and the
    // open detail follows it live (execution-parked).
    await dialog.getByRole('button', { name: 'Annuler l’envoi n° 1' }).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Annuler l’envoi n° 1' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Indiquez le motif d’annulation.' }).waitFor();
    await dialog.getByLabel('Motif d’annulation').fill('Délivrance jamais faite chez nous');
    await dialog.getByRole('button', { name: 'Annuler l’envoi n° 1' }).click();
    await dialog.locator('#detail-status').filter({ hasText: 'Envoi n° 1 annulé.' }).waitFor();
    await expectFrenchScreen('6-cancelled');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
  });

  it('opens the reconstituted prescription PDF in a new tab', async () => {
    await page().getByLabel('Statut', { exact: true }).selectOption('');
    await page().getByRole('button', { name: 'Afficher' }).click();
    const link = page()
      .locator('#rejections')
      .getByRole('link', { name: new RegExp(`Ordonnance reconstituée ${prescriptionId}`) })
      .first();
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

  it('logs out back to the login page', async () => {
    await page().getByRole('button', { name: 'Se déconnecter' }).click();
    await page().waitForURL(`${t.url}/`);
    expect(await w.context.cookies()).toEqual([]);
  });

  it('logged no console error and no page error', () => {
    expect(w.problems()).toEqual([]);
  });
});
