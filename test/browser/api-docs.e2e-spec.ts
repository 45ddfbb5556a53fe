import { Browser } from 'playwright-core';
import { describeInBrowser, launchChromium, screenshot } from '@test/support/browser';
import { startTestApp, TestApp } from '@test/support/test-app';

/** Swagger UI under the service's Content-Security-Policy: it renders, Authorize works, Try it out runs. */
describeInBrowser('Swagger UI in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp({ config: { adminApiKey: 'docs-admin-key-0123456789' } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders without a policy violation, and runs an admin route after Authorize, remembered across a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    try {
      await page.goto(`${t.url}/docs`);
      await page.locator('.swagger-ui .info .title', { hasText: 'Continuum' }).waitFor();
      await page.getByRole('button', { name: /Authorize/ }).first().click();
      const keyInput = page.locator('.auth-container', { hasText: 'admin-key' }).locator('input');
      await keyInput.fill('docs-admin-key-0123456789');
      await page.locator('.auth-container', { hasText: 'admin-key' }).getByRole('button', { name: 'Apply credentials' }).click();
      await page.getByRole('button', { name: 'Close' }).first().click();
      await screenshot(page, 'api-docs');

      await page.reload();
      const usage = page.locator('.opblock', { hasText: '/v1/admin/usage' }).first();
      await usage.locator('.opblock-summary').click();
      await usage.getByRole('button', { name: 'Try it out' }).click();
      await usage.getByRole('button', { name: 'Execute' }).click();
      await usage.locator('.live-responses-table .response-col_status', { hasText: '200' }).first().waitFor();
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
