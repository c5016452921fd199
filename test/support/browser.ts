import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.COMPTOIR_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '../output/screenshots');
/** The counter screen the pages are designed for. */
export const COUNTER_VIEWPORT = { width: 1366, height: 768 };

/**
 * Debian's chromium, headless; no background traffic (the CI network is closed, and we run as root).
 * `extraArgs`: e.g. a fake webcam (`fakeWebcamArgs`).
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...extraArgs,
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Chromium's webcam replaced by a Y4M file played in a loop, permission granted without asking. */
export const fakeWebcamArgs = (y4m: string) => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${y4m}`,
];

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far, minus the HTTP statuses a test expects. */
  problems(): string[];
}

/**
 * A fresh context (its own cookies) at 1366×768, watching console errors and page errors. `expectedHttp`
 * lists URL fragments whose failed loads are part of the test (Chrome logs every 4xx as a console error).
 */
export async function openPage(browser: Browser, expectedHttp: string[] = []): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: COUNTER_VIEWPORT,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  const page = await context.newPage();
  const seen: string[] = [];
  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() !== 'error') return;
      const url = m.location().url;
      if (/Failed to load resource/.test(m.text()) && expectedHttp.some((f) => url.includes(f))) return;
      seen.push(`console: ${m.text()} (${url})`);
    });
    p.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  };
  watch(page);
  context.on('page', watch);
  return { page, context, problems: () => [...seen] };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Logs in through the `/` page and waits for the role's page to be ready. */
export async function loginThroughPage(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Jeton d'accès").fill(token);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/(counter|back-office)$/);
  await page.locator('body[data-ready="true"]').waitFor();
}

/** The page fits its width: no horizontal scroll at 1366 pixels. */
export const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
