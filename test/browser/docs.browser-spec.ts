import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/** /api/docs is served under a Content-Security-Policy (docs/security.md): Swagger UI must still work. */
describe('the OpenAPI page (/api/docs) in chromium, under its CSP', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders the operations with no CSP violation nor any other console error', async () => {
    const w = await openPage(browser);
    const response = await w.page.goto(`${t.url}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await w.page.locator('.opblock-summary-path').first().waitFor();
    await expect(
      w.page.locator('.opblock-summary-path', { hasText: '/api/v1/staff' }).count(),
    ).resolves.toBeGreaterThan(0);
    expect(w.problems()).toEqual([]);
    await w.context.close();
  });
});
