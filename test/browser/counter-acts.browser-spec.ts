import type { Browser, Locator } from 'playwright-core';
import request from 'supertest';
import type { PrescriptionSeed } from '../../src/prescription/teleservice/teleservice.types';
import { CIP, DEVICE_CODE } from '../factories/dispensation.factory';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import {
  launchChromium,
  loginThroughPage,
  openPage,
  screenshot,
  scrollWidth,
  WatchedPage,
} from '../support/browser';
import { bearer, deliveredElsewhere, gs1Pack, ledgerOf } from '../support/dispense-flow';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';
import { foreignTextOn } from '../support/visible-text';

jest.setTimeout(90_000);

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const daysAgo = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() - n * 86_400_000),
  );
const seedOf = (lines: PrescriptionSeed['lines']): PrescriptionSeed => ({
  ...EXAMPLE_SEED,
  createdAt: today(),
  lines,
});
const [, AMOX_TROD, LEVOTHYROX, DEVICE_LINE] = EXAMPLE_SEED.lines;
const FOSFO_BU: PrescriptionSeed['lines'][number] = {
  kind: 'medication',
  product: { cis: '61334559', label: 'FOSFOMYCINE TEVA SANTE ADULTES 3 g, granulés en sachet' },
  posology: { text: '1 sachet en une prise' },
  quantity: { boxes: 1 },
  durationDays: 1,
  conditional: { test: 'bu-cystite' },
};
const FOSFO_TEVA = '3400939889405';
const MAGISTRAL: PrescriptionSeed['lines'][number] = {
  kind: 'magistral',
  product: { label: 'Vaseline salicylée 10 %, 100 g' },
  posology: { text: 'Application locale matin et soir' },
  quantity: { units: 1 },
  durationDays: 15,
};
/** A pack GS1 whose expiry (YYMMDD) is given: an expired box. */
const expiredPack = (cip13: string) => `]d2010${cip13}17240131` + `10LOTPERIME\x1d21SPERIME${process.pid}`;

/** The counter page's acts, in a real browser, as a pharmacist would do them: the keyboard, then the screen. */
describe('counter page: every act without an override, nothing stale, French only', () => {
  let t: SandboxedApp;
  let browser: Browser;
  let w: WatchedPage;

  const simulate = (data: string) =>
    request(t.url)
      .post('/api/v1/devices/counter-1-scanner/simulate')
      .set(bearer())
      .send({ data })
      .expect(202);
  const page = () => w.page;
  const dialog = () => page().getByRole('dialog');
  const row = (text: string) => page().locator('#lines-body tr[data-line-id]').filter({ hasText: text });
  /** Opens a prescription with the simulated scanner and waits for its lines. */
  const scanPrescription = async (seed: PrescriptionSeed) => {
    const { qr, prescriptionId } = await t.seed(seed);
    await simulate(qr);
    await page().locator('#rx-id').filter({ hasText: prescriptionId }).waitFor();
    await page().locator('#lines-body tr[data-line-id]').first().waitFor();
    return prescriptionId;
  };
  /** Presses a button from the keyboard: focused, then Enter (as a person without a mouse would). */
  const press = async (button: Locator) => {
    await button.focus();
    await page().keyboard.press('Enter');
  };
  /** Each state reached: a screenshot, French only on screen, no sideways scroll at 1366 px. */
  const expectFrenchScreen = async (state: string) => {
    await screenshot(page(), `counter-acts-${state}`);
    expect({ state, foreign: await foreignTextOn(page()) }).toEqual({ state, foreign: [] });
    expect(await scrollWidth(page())).toBeLessThanOrEqual(1366);
  };
  const openMore = async (r: Locator) => {
    const more = r.locator('details.more');
    if (!(await more.evaluate((d) => (d as HTMLDetailsElement).open))) await press(more.locator('summary'));
  };

  beforeAll(async () => {
    t = await startSandboxedApp({
      overrides: { teleservice: { timeoutMs: 800, breaker: { failureThreshold: 1000, cooldownMs: 50 } } },
    });
    browser = await launchChromium();
    w = await openPage(browser, ['/api/v1/terminals/counter-1/card', '/validate', '/overrides']);
    await loginThroughPage(w.page, t.url, TOKENS.counter1);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the empty screen shows its hint and hides the prescription labels', async () => {
    await expect(page().locator('#rx-empty').isVisible()).resolves.toBe(true);
    await expect(page().locator('#rx-meta').isVisible()).resolves.toBe(false);
    await expectFrenchScreen('empty');
  });

  it('completes a TROD angine prescription without any override: the test result is an act of the page', async () => {
    const prescriptionId = await scanPrescription(seedOf([AMOX_TROD]));
    const line = row('AMOXICILLINE');
    await line.getByText('Si TROD angine positif, sous 7 jours').waitFor();
    await simulate(gs1Pack(CIP.amoxBgr14));
    const issue = line.locator('li.issue[data-code="CONDITION_NOT_MET"]');
    await issue.waitFor();
    // The fix sits beside the issue; no « Passer outre » is offered for a test to record.
    await expect(issue.getByRole('button', { name: /^Passer outre/ }).count()).resolves.toBe(0);
    await press(issue.getByRole('button', { name: /^Résultat du test/ }));
    await dialog().getByLabel('Résultat du test').selectOption('positive');
    await expectFrenchScreen('trod-dialog');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await line.locator('[data-act="conditional"]').filter({ hasText: 'TROD angine : positif' }).waitFor();
    await page().locator('#lines-body tr[data-line-status="matched"]').waitFor();
    await expect(line.locator('li.issue.blocking').count()).resolves.toBe(0);
    await expectFrenchScreen('trod-recorded');
    await press(page().locator('#validate'));
    await page().locator('#validate-result').filter({ hasText: 'Délivrance validée' }).waitFor();
    await page().locator('#disp-status[data-status="acknowledged"]').waitFor({ timeout: 20_000 });
    const [sent] = (await ledgerOf(t, prescriptionId)).filter((e) => e.accepted);
    expect(sent.payload.lines[0].conditional).toEqual(
      expect.objectContaining({ test: 'trod-angine', result: 'positive' }),
    );
    expect(sent.payload.lines[0].overrides ?? []).toEqual([]);
    expect(sent.payload.overrides ?? []).toEqual([]);
    await expectFrenchScreen('trod-validated');
  });

  it('a new prescription clears « Délivrance validée »; the BU records nitrites and leucocytes, and its act can be cancelled', async () => {
    await scanPrescription(seedOf([FOSFO_BU]));
    await expect(page().locator('#validate-result').textContent()).resolves.toBe('');
    const line = row('FOSFOMYCINE');
    await line.getByText('Si Bandelette urinaire (cystite) positif').waitFor();
    await simulate(gs1Pack(FOSFO_TEVA));
    await line.locator('li.issue[data-code="CONDITION_NOT_MET"]').waitFor();
    await press(line.getByRole('button', { name: /^Résultat du test/ }).first());
    await dialog().getByLabel('Nitrites').selectOption('positive');
    await dialog().getByLabel('Leucocytes').selectOption('negative');
    await dialog().getByLabel('Résultat du test').selectOption('positive');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    const act = line.locator('[data-act="conditional"]');
    await act.filter({ hasText: 'nitrites positif, leucocytes négatif' }).waitFor();
    await page().locator('#lines-body tr[data-line-status="matched"]').waitFor();
    // Cancelling the act brings the condition back.
    await press(act.getByRole('button', { name: /^Annuler le résultat du test/ }));
    await line.locator('li.issue[data-code="CONDITION_NOT_MET"]').waitFor();
    await expect(act.count()).resolves.toBe(0);
    await expectFrenchScreen('bu-cancelled');
  });

  it('completes a magistral preparation with a manual delivery, then validates', async () => {
    await scanPrescription(seedOf([MAGISTRAL]));
    const line = row('Vaseline salicylée');
    await expect(line.locator('td.num').textContent()).resolves.toContain('prescrit : 1 unité');
    await press(line.getByRole('button', { name: /^Délivrance manuelle/ }).first());
    await dialog().getByLabel('Quantité remise').fill('1');
    // A preparation has no referential price: the pharmacist gives it, and the execution carries it.
    await dialog().getByLabel('Prix unitaire (€, facultatif)').fill('12.40');
    await dialog().getByLabel('Taux de remboursement (%, facultatif)').fill('65');
    await dialog().getByLabel('Commentaire (facultatif)').fill('préparée au laboratoire');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await line.locator('[data-act="manual"]').filter({ hasText: 'Délivrance manuelle : 1' }).waitFor();
    await expectFrenchScreen('magistral');
    await press(page().locator('#validate'));
    await page().locator('#validate-result').filter({ hasText: 'Délivrance validée' }).waitFor();
  });

  it('a box without a referential price gets « Saisir le prix », and validates once priced', async () => {
    await scanPrescription(seedOf([DEVICE_LINE]));
    await simulate(DEVICE_CODE);
    const box = page()
      .locator('#packs li')
      .filter({ has: page().locator('[data-code="PRICE_UNKNOWN"]') });
    await box.waitFor();
    await expectFrenchScreen('price-unknown');
    const opener = box.getByRole('button', { name: /^Saisir le prix de la boîte/ });
    await press(opener);
    await dialog().getByLabel('Prix unitaire (€)').fill('8.95');
    await dialog().getByLabel('Taux de remboursement (%)').fill('60');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await page().locator('#packs [data-code="PRICE_UNKNOWN"]').waitFor({ state: 'detached' });
    await press(page().locator('#validate'));
    await page().locator('#validate-result').filter({ hasText: 'Délivrance validée' }).waitFor();
  });

  it('shows the box its issue concerns, with lot and serial, and « Retirer » beside an expired box', async () => {
    await scanPrescription(seedOf([LEVOTHYROX]));
    await simulate(expiredPack(CIP.levothyrox30));
    const box = page()
      .locator('#packs li')
      .filter({ has: page().locator('[data-code="PACK_EXPIRED"]') });
    await box.waitFor();
    await expect(box.textContent()).resolves.toMatch(/lot LOTPERIME · série SPERIME\d+ · exp\. 31\/01\/2024/);
    await expect(box.getByRole('button', { name: /^Passer outre/ }).count()).resolves.toBe(0);
    await expectFrenchScreen('expired-box');
    await press(box.getByRole('button', { name: /^Retirer la boîte/ }));
    await box.waitFor({ state: 'detached' });
  });

  it('refused validation says why, and the message goes once the cause is fixed', async () => {
    await press(page().locator('#validate'));
    const result = page().locator('#validate-result');
    await result.filter({ hasText: 'Validation refusée' }).waitFor();
    await expect(result.textContent()).resolves.toBe('Validation refusée : 1 alerte : Ligne non traitée.');
    await expectFrenchScreen('refused');
    await simulate(gs1Pack(CIP.levothyrox30));
    await page().locator('#lines-body tr[data-line-status="matched"]').waitFor();
    await until(async () => (await result.textContent()) === '', 5000);
  });

  it('sets the generic refusal and MTE-PH flags, and records and cancels a renewal act, from the keyboard', async () => {
    const line = row('LEVOTHYROX');
    await openMore(line);
    await line.getByLabel(/^Refus du générique/).focus();
    await page().keyboard.press('Space');
    await line
      .locator('[data-act="flag"]')
      .filter({ hasText: 'Refus du générique par le patient' })
      .waitFor();
    await openMore(line);
    await line.getByLabel(/^Non substituable MTE-PH/).focus();
    await page().keyboard.press('Space');
    await line.locator('[data-act="flag"]').filter({ hasText: 'Non substituable MTE-PH' }).waitFor();
    await openMore(line);
    await press(line.getByRole('button', { name: /^Prescripteur informé/ }));
    await dialog().getByLabel('Moyen').selectOption('secure-messaging');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await line.locator('[data-act="flag"]').filter({ hasText: 'Prescripteur informé' }).waitFor();
    await openMore(line);
    await press(line.getByRole('button', { name: /^Renouvellement/ }));
    await dialog().getByLabel('Acte').selectOption('correspondent-renewal');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    const renewal = line.locator('[data-act="renewal"]');
    await renewal.filter({ hasText: 'Renouvellement (pharmacien correspondant)' }).waitFor();
    await expectFrenchScreen('flags-renewal');
    await press(renewal.getByRole('button', { name: /^Annuler le renouvellement/ }));
    await renewal.waitFor({ state: 'detached' });
  });

  it('an intervention records the prescriber’s agreement as refused; focus returns to the button that opened it', async () => {
    const line = row('LEVOTHYROX');
    await openMore(line);
    const opener = line.getByRole('button', { name: /^Intervention/ });
    await press(opener);
    await dialog().getByLabel('Problème identifié').selectOption('3');
    await dialog().getByLabel('Intervention', { exact: true }).selectOption('7');
    await dialog().getByLabel('Accord du prescripteur').selectOption('refused');
    await dialog().getByLabel('Moyen de contact du prescripteur').selectOption('phone');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await line
      .locator('[data-act="intervention"]')
      .filter({ hasText: 'accord du prescripteur refusé (Téléphone)' })
      .waitFor();
    await dialog().waitFor({ state: 'hidden' });
    await until(
      async () => (await page().evaluate(() => document.activeElement?.textContent)) === 'Intervention',
      5000,
    );
    expect(
      await page().evaluate(() => [
        document.activeElement?.tagName,
        document.activeElement?.getAttribute('aria-label'),
      ]),
    ).toEqual(['BUTTON', expect.stringMatching(/^Intervention : LEVOTHYROX/)]);
    // Cancelled with Escape: focus back too.
    await press(line.getByRole('button', { name: /^Non-délivrance/ }));
    await page().keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    expect(await page().evaluate(() => document.activeElement?.textContent)).toBe('Non-délivrance');
  });

  it('assigns a box that fits no line to a line, and moves it back', async () => {
    await scanPrescription(seedOf([AMOX_TROD, EXAMPLE_SEED.lines[0]]));
    await simulate(gs1Pack(CIP.levothyrox30));
    const box = page().locator('#packs li').filter({ hasText: 'Hors ligne' });
    await box.locator('[data-code="PRODUCT_MISMATCH"]').waitFor();
    await expectFrenchScreen('box-off-line');
    await press(box.getByRole('button', { name: /^Affecter la boîte/ }));
    await dialog().getByLabel('Ligne de l’ordonnance').selectOption({ label: 'PARACETAMOL 1 g gélule' });
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    const onLine = page().locator('#packs li').filter({ hasText: 'Ligne : PARACETAMOL 1 g gélule' });
    await onLine.waitFor();
    // On the line it was given, the box is still the wrong product: its issue follows it.
    await expect(onLine.locator('[data-code="PRODUCT_MISMATCH"] .issue-label').textContent()).resolves.toBe(
      'Produit non conforme à la prescription',
    );
    await press(onLine.getByRole('button', { name: /^Retirer la boîte/ }));
    await onLine.waitFor({ state: 'detached' });
  });

  it('overrides with a reason and an intervention with the agreement obtained: the issue is no longer « Bloquant »', async () => {
    await scanPrescription(seedOf([LEVOTHYROX]));
    await simulate(gs1Pack(CIP.thyrofix30));
    const issue = page().locator('#packs li [data-code="NS_SUBSTITUTION_FORBIDDEN"]');
    await issue.waitFor();
    await expect(issue.locator('.sev').textContent()).resolves.toBe('Bloquant');
    await press(issue.getByRole('button', { name: /^Passer outre/ }));
    await dialog().getByLabel('Justification (tracée)').fill('Rupture du princeps, accord du médecin');
    await dialog().getByLabel('Motiver par une intervention pharmaceutique').check();
    await dialog().getByLabel('Problème identifié').selectOption('1');
    await dialog().getByLabel('Intervention', { exact: true }).selectOption('4');
    await dialog().getByLabel('Accord du prescripteur').selectOption('obtained');
    await dialog().getByLabel('Moyen de contact du prescripteur').selectOption('phone');
    await expectFrenchScreen('override-dialog');
    await dialog().getByRole('button', { name: 'Enregistrer' }).click();
    await issue.locator('.sev').filter({ hasText: 'Levée' }).waitFor();
    await expect(issue.textContent()).resolves.not.toContain('Bloquant');
    await expect(issue.textContent()).resolves.toContain('justification : Rupture du princeps');
    await row('LEVOTHYROX')
      .locator('[data-act="intervention"]')
      .filter({ hasText: 'accord du prescripteur obtenu (Téléphone)' })
      .waitFor();
    await expectFrenchScreen('overridden');
  });

  it('shows the renewal number, the history, and what another pharmacy delivered and when', async () => {
    const seed = seedOf([{ ...LEVOTHYROX, renewals: 2 }]);
    seed.createdAt = daysAgo(40);
    const { qr, prescriptionId } = await t.seed(seed);
    await deliveredElsewhere(t, prescriptionId, daysAgo(38), [{ lineId: '1', quantity: 1 }]);
    await simulate(qr);
    await page().locator('#rx-id').filter({ hasText: prescriptionId }).waitFor();
    await expect(page().locator('#rx-renewal').textContent()).resolves.toBe('Renouvellement n° 1');
    const [y, m, d] = daysAgo(38).split('-');
    await row('LEVOTHYROX')
      .getByText(`Délivré ailleurs : 1 boîte le ${d}/${m}/${y} (Pharmacie voisine)`)
      .waitFor();
    await page().locator('#rx-history-box summary').click();
    await expect(page().locator('#rx-history li').textContent()).resolves.toBe(
      `${d}/${m}/${y} — Pharmacie voisine — 1 boîte`,
    );
    await expectFrenchScreen('renewal-history');
  });

  it('an outage at retrieval names the prescription, and the previous patient’s lines are gone', async () => {
    await expect(page().locator('#lines-body tr').count()).resolves.toBeGreaterThan(0);
    const { prescriptionId } = await t.seed(seedOf([EXAMPLE_SEED.lines[0]]));
    await t.faults({ mode: 'http500', rate: 1 });
    try {
      await page().getByLabel("Numéro d'ordonnance ou code produit").fill(prescriptionId);
      await page().getByRole('button', { name: 'Envoyer' }).click();
      const banner = page().locator('#rx-banner[data-kind="error"]');
      await banner.waitFor();
      await expect(banner.textContent()).resolves.toBe(
        `Ordonnance ${prescriptionId} non récupérée : téléservice injoignable : réessayez dans un instant.`,
      );
      await expect(page().locator('#lines-body tr').count()).resolves.toBe(0);
      await expect(page().locator('#rx-meta').isVisible()).resolves.toBe(false);
      await expect(page().locator('#packs li').count()).resolves.toBe(0);
      await expectFrenchScreen('outage');
    } finally {
      await t.faults({ mode: 'none', rate: 0 });
    }
    // The teleservice back: the same number retrieved clears the banner.
    await page().getByLabel("Numéro d'ordonnance ou code produit").fill(prescriptionId);
    await page().getByRole('button', { name: 'Envoyer' }).click();
    await page().locator('#rx-id').filter({ hasText: prescriptionId }).waitFor();
    await expect(page().locator('#rx-banner').isVisible()).resolves.toBe(false);
  });

  it('at the scanner, a new prescription takes the previous patient’s lines off the screen while it is retrieved', async () => {
    await expect(page().locator('#lines-body tr').count()).resolves.toBeGreaterThan(0);
    const { qr, prescriptionId } = await t.seed(seedOf([EXAMPLE_SEED.lines[0]]));
    await t.faults({ mode: 'latency', rate: 1, latencyMs: 3000 });
    try {
      await simulate(qr);
      await page()
        .locator('#rx-banner')
        .filter({ hasText: `Récupération de l’ordonnance ${prescriptionId}` })
        .waitFor();
      await expect(page().locator('#lines-body tr').count()).resolves.toBe(0);
      await expectFrenchScreen('scanner-retrieving');
    } finally {
      await t.faults({ mode: 'none', rate: 0 });
    }
  });

  it('logged no console error and no page error', () => {
    expect(w.problems()).toEqual([]);
  });
});
