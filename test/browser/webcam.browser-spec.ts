import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { EXAMPLE_SEED } from '../fixtures/teleservice/examples';
import {
  fakeWebcamArgs,
  launchChromium,
  loginThroughPage,
  openPage,
  screenshot,
  WatchedPage,
} from '../support/browser';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { TOKENS } from '../support/test-app';
import { foreignTextOn } from '../support/visible-text';
import { phoneAtWebcam, writeY4m } from '../support/webcam-frames';

jest.setTimeout(90_000);

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/**
 * The counter's webcam, faked by Chromium from a Y4M file made of a sandbox QR on a phone screen: the page
 * decodes the frames itself (@zxing/browser) and posts what it reads as a scan of its terminal.
 */
describe.each([
  ['a phone screen', false],
  ['a phone screen in dark mode (light on dark)', true],
])('counter webcam: %s', (_name, dark) => {
  let t: SandboxedApp;
  let browser: Browser;
  let w: WatchedPage;
  let dir: string;
  let prescriptionId: string;
  const scans: string[] = [];

  beforeAll(async () => {
    t = await startSandboxedApp();
    const seeded = await t.seed({ ...EXAMPLE_SEED, createdAt: today(), lines: [EXAMPLE_SEED.lines[0]] });
    prescriptionId = seeded.prescriptionId;
    dir = mkdtempSync(join(tmpdir(), 'comptoir-webcam-'));
    const y4m = join(dir, 'phone.y4m');
    writeY4m(
      y4m,
      [0, 1, 2].map((seed) => phoneAtWebcam(seeded.qr, { dark, seed })),
    );
    browser = await launchChromium(fakeWebcamArgs(y4m));
    w = await openPage(browser, ['/api/v1/terminals/counter-1/card']);
    await w.context.grantPermissions(['camera'], { origin: t.url });
    // No picture leaves the page: only what it reads, as JSON.
    w.page.on('request', (r) => {
      if (r.method() === 'POST') scans.push(`${r.url().replace(t.url, '')} ${r.headers()['content-type']}`);
    });
    await loginThroughPage(w.page, t.url, TOKENS.counter1);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the QR from the webcam and opens the prescription', async () => {
    await w.page.getByRole('button', { name: 'Lire avec la webcam' }).click();
    await w.page.locator('#webcam-video:not([hidden])').waitFor();
    await w.page.locator('#rx-id').filter({ hasText: prescriptionId }).waitFor({ timeout: 20_000 });
    await w.page.locator('#lines-body tr[data-line-id]').waitFor();
    await expect(w.page.locator('#webcam-status').textContent()).resolves.toBe(
      'Code lu à la webcam : envoyé.',
    );
    await screenshot(w.page, `webcam-${dark ? 'dark' : 'light'}`);
    expect(await foreignTextOn(w.page)).toEqual([]);
    expect(scans).toContain('/api/v1/scans application/json');
    expect(scans.filter((s) => !s.startsWith('/api/v1/scans ') && !s.startsWith('/api/v1/session '))).toEqual(
      [],
    );
  });

  it('stops the webcam', async () => {
    await w.page.getByRole('button', { name: 'Arrêter la webcam' }).click();
    await w.page.locator('#webcam-video[hidden]').waitFor({ state: 'attached' });
    expect(
      await w.page.evaluate(() => (document.getElementById('webcam-video') as HTMLVideoElement).srcObject),
    ).toBeNull();
    expect(w.problems()).toEqual([]);
  });
});
