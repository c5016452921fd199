import type { Browser } from 'playwright-core';
import request from 'supertest';
import { CIP } from '../factories/dispensation.factory';
import {
  launchChromium,
  loginThroughPage,
  openPage,
  screenshot,
  scrollWidth,
  WatchedPage,
} from '../support/browser';
import { bearer, gs1Pack, paracetamolSeed } from '../support/dispense-flow';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { STAFF, TOKENS } from '../support/test-app';
import { foreignTextOn } from '../support/visible-text';

jest.setTimeout(60_000);

/** The counter page in a real browser: what a scan on the (simulated) scanner does to the screen. */
describe('counter page (/counter) in chromium', () => {
  let t: SandboxedApp;
  let browser: Browser;
  let w: WatchedPage;

  const simulate = (device: string, data: string) =>
    request(t.url).post(`/api/v1/devices/${device}/simulate`).set(bearer()).send({ data }).expect(202);

  beforeAll(async () => {
    t = await startSandboxedApp();
    browser = await launchChromium();
    // No card in the reader yet: the page's first GET …/card is a 404 on purpose.
    w = await openPage(browser, ['/api/v1/terminals/counter-1/card']);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses a wrong token on the login page', async () => {
    const { page, context } = await openPage(browser, ['/api/v1/session']);
    await page.goto(`${t.url}/`);
    await page.getByLabel("Jeton d'accès").fill('not-a-token');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Jeton refusé.' }).textContent()).resolves.toBe(
      'Jeton refusé.',
    );
    expect(page.url()).toBe(`${t.url}/`);
    expect(await foreignTextOn(page)).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('logs in with the counter token: an HttpOnly, SameSite=Strict session cookie', async () => {
    await loginThroughPage(w.page, t.url, TOKENS.counter1);
    expect(w.page.url()).toBe(`${t.url}/counter`);
    const cookies = await w.context.cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'comptoir_session', httpOnly: true, sameSite: 'Strict', path: '/' }),
    ]);
    expect(cookies[0].value).not.toContain(TOKENS.counter1);
    await expect(w.page.locator('#terminal').textContent()).resolves.toBe('Poste counter-1');
    await w.page.locator('#live[data-kind="ok"]').waitFor();
  });

  it('a counter session gets 403 on back-office API calls', async () => {
    // The context's request API carries the page's cookie (and no console to pollute).
    const res = await w.context.request.get(`${t.url}/api/v1/audit/verify`);
    expect([res.status(), (await res.json()).code]).toEqual([403, 'FORBIDDEN']);
  });

  it('shows the prescription scanned on the simulated scanner, live', async () => {
    const { qr, prescriptionId } = await t.seed(paracetamolSeed());
    await simulate('counter-1-scanner', qr);
    const line = w.page.locator('#lines-body tr[data-line-id]');
    await line.first().waitFor();
    await expect(line.count()).resolves.toBe(1);
    await expect(line.first().getAttribute('data-line-status')).resolves.toBe('pending');
    await expect(w.page.locator('#rx-id').textContent()).resolves.toBe(prescriptionId);
    await expect(w.page.locator('#rx-prescriber').textContent()).resolves.toContain('RPPS');
    await expect(w.page.locator('#disp-status').textContent()).resolves.toBe('En cours');
    await expect(w.page.locator('#last-scan').getAttribute('aria-live')).resolves.toBe('polite');
    await screenshot(w.page, 'counter-1-prescription');
    expect(await foreignTextOn(w.page)).toEqual([]);
  });

  it('two pack scans complete the line', async () => {
    await simulate('counter-1-scanner', gs1Pack(CIP.dolipraneGelule));
    await w.page.locator('#packs li').first().waitFor();
    await simulate('counter-1-scanner', gs1Pack(CIP.dolipraneGelule));
    await w.page.locator('#lines-body tr[data-line-status="matched"]').waitFor();
    await expect(w.page.locator('#packs li').count()).resolves.toBe(2);
    await expect(w.page.locator('#lines-body .badge').textContent()).resolves.toBe('Complète');
    await expect(w.page.locator('#lines-body td.num').textContent()).resolves.toBe('2 / 2');
    await screenshot(w.page, 'counter-2-packs');
    expect(await foreignTextOn(w.page)).toEqual([]);
  });

  it('removing a pack and scanning it again goes through the page', async () => {
    await w.page
      .getByRole('button', { name: /^Retirer la boîte/ })
      .first()
      .click();
    await w.page.locator('#lines-body tr[data-line-status="partial"]').waitFor();
    await expect(w.page.locator('#lines-body td.num').textContent()).resolves.toBe('1 / 2');
    await simulate('counter-1-scanner', gs1Pack(CIP.dolipraneGelule));
    await w.page.locator('#lines-body tr[data-line-status="matched"]').waitFor();
    await expect(w.page.locator('#lines-body td.num').textContent()).resolves.toBe('2 / 2');
  });

  it('shows the card holder when the simulated card is inserted', async () => {
    await simulate('counter-1-card-reader', 'demo');
    await w.page.locator('#holder-name').waitFor();
    await expect(w.page.locator('#holder-name').textContent()).resolves.toMatch(/^ESSAI /);
    await screenshot(w.page, 'counter-3-card');
    expect(await foreignTextOn(w.page)).toEqual([]);
  });

  it('records an SFPC intervention through the dialog', async () => {
    await w.page.getByText('Autres actes').click();
    await w.page.getByRole('button', { name: /^Intervention : / }).click();
    const dialog = w.page.getByRole('dialog');
    await dialog.getByLabel('Problème identifié').selectOption('3');
    await dialog.getByLabel('Intervention', { exact: true }).selectOption('7');
    await dialog.getByLabel('Commentaire (facultatif)').fill('posologie vérifiée');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    const recorded = w.page.locator('#lines-body [data-act="intervention"]');
    await recorded.filter({ hasText: 'posologie vérifiée' }).waitFor();
    await expect(recorded.textContent()).resolves.toMatch(/^Intervention : 3 .+ → 7 .+ — posologie vérifiée/);
    // The line can show the act (its event) a moment before the dialog closes on the answer: wait, then
    // check it did close (waitFor throws if it stays open).
    await dialog.waitFor({ state: 'hidden' });
    await expect(dialog.isVisible()).resolves.toBe(false);
  });

  it('fits a 1366×768 screen without horizontal scrolling', async () => {
    expect(w.page.viewportSize()).toEqual({ width: 1366, height: 768 });
    expect(await scrollWidth(w.page)).toBeLessThanOrEqual(1366);
    const box = await w.page.locator('#validate').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
  });

  it('validates from the keyboard only: Tab reaches the button, Enter activates it', async () => {
    // From the top of the page, as someone without a mouse would start.
    await w.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let focused = '';
    for (let i = 0; i < 40 && focused !== 'validate'; i++) {
      await w.page.keyboard.press('Tab');
      focused = await w.page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('validate');
    await w.page.keyboard.press('Enter');
    await w.page.locator('#validate-result').filter({ hasText: 'Délivrance validée' }).waitFor();
    await w.page
      .locator('#disp-status[data-status="acknowledged"], #disp-status[data-status="validated"]')
      .waitFor();
    await expect(w.page.locator('#validate').isDisabled()).resolves.toBe(true);
    await w.page.locator('#disp-status[data-status="acknowledged"]').waitFor({ timeout: 15_000 });
    await screenshot(w.page, 'counter-4-validated');
    expect(await foreignTextOn(w.page)).toEqual([]);
  });

  it('logged no console error and no page error', () => {
    expect(w.problems()).toEqual([]);
  });

  it('offers the override of a blocking issue to a pharmacien only (counter-2: préparateur), who takes the terminal with their code', async () => {
    // The wrong code's 403 is part of the test.
    const w2 = await openPage(browser, [
      '/api/v1/terminals/counter-2/card',
      '/api/v1/terminals/counter-2/operator',
    ]);
    await loginThroughPage(w2.page, t.url, TOKENS.counter2);
    await expect(w2.page.locator('#operator').textContent()).resolves.toContain('préparateur');
    const { qr } = await t.seed(paracetamolSeed());
    const scan = (data: string) =>
      request(t.url)
        .post('/api/v1/devices/counter-2-scanner/simulate')
        .set(bearer(TOKENS.counter2))
        .send({ data })
        .expect(202);
    await scan(qr);
    await w2.page.locator('#lines-body tr[data-line-id]').waitFor();
    for (let i = 0; i < 3; i++) await scan(gs1Pack(CIP.dolipraneGelule));
    const override = w2.page.getByRole('button', {
      name: /^Passer outre : Quantité supérieure à la prescription/,
    });
    await override.waitFor();
    await expect(override.isDisabled()).resolves.toBe(true);
    await expect(override.getAttribute('aria-label')).resolves.toContain('réservé au pharmacien');
    await screenshot(w2.page, 'counter-5-preparateur-blocking');
    expect(await foreignTextOn(w2.page)).toEqual([]);

    // The pharmacien takes the terminal: picked from the staff, proven by the personal code.
    await w2.page.getByRole('button', { name: "Changer d'opérateur" }).click();
    const dialog = w2.page.getByRole('dialog', { name: 'Opérateur du poste' });
    await dialog.getByLabel('Personne', { exact: true }).selectOption(STAFF.pharmacien.rpps);
    await dialog.getByLabel('Code personnel').fill('999999');
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Code personnel incorrect.' }).waitFor();
    await expect(dialog.getByLabel('Code personnel').inputValue()).resolves.toBe('');
    await expect(w2.page.locator('#operator').textContent()).resolves.toContain('préparateur');
    await dialog.getByLabel('Code personnel').fill(STAFF.pharmacien.code);
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await w2.page.locator('#operator').filter({ hasText: 'PHARMACIEN TEST — pharmacien' }).waitFor();
    // Focus is back on the button that opened the dialog.
    expect(await w2.page.evaluate(() => document.activeElement?.id)).toBe('change-operator');
    await expect(override.isDisabled()).resolves.toBe(false);
    await screenshot(w2.page, 'counter-6-pharmacien-took-over');
    expect(await foreignTextOn(w2.page)).toEqual([]);
    expect(w2.problems()).toEqual([]);
    await w2.context.close();
  });
});
