import { describeInBrowser, screenshot } from '@test/support/browser';
import { assistantMessages, ChatPageHarness, composer, send, sessionItems, userMessages } from '@test/support/chat-page';
import { focusRingVisible, lowContrastTexts, overflowsSideways, unlabelledControls } from './page-checks';
import { userToken } from '@test/support/tokens';

const PROFILE = {
  customerName: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+442071234567',
  addressStreet: '12 St James Sq',
  addressCity: 'London',
  addressState: 'LDN',
  addressZip: 'SW1Y 4JH',
  productsOfInterest: ['sailboats', 'charts'],
  servicesOfInterest: [],
  preferences: { contactChannel: 'email', language: 'English' },
  provenance: {},
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describeInBrowser('visitors, users and screens', () => {
  let h: ChatPageHarness;
  beforeAll(async () => {
    h = await ChatPageHarness.start();
  }, 60_000);
  afterAll(async () => h?.close());

  it('never shows one visitor the conversations of another, not even by its address', async () => {
    const alice = await h.open();
    const bob = await h.open();
    try {
      await send(alice.page, 'Alice’s secret plan.');
      await send(bob.page, 'Bob says hello.');
      const aliceSession = await alice.page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('session'));

      await bob.page.goto(`${h.url}/#session=${aliceSession}`);
      await bob.page.reload();
      await assistantMessages(bob.page).filter({ hasText: 'Bob says hello.' }).waitFor();
      expect(await bob.page.locator('body').textContent()).not.toContain('Alice');
      expect(await sessionItems(bob.page).allTextContents()).toEqual([expect.stringContaining('Bob says hello.')]);
      expect(await bob.page.evaluate((id) => fetch(`/v1/sessions/${id}/ui-messages`).then((r) => r.status), aliceSession)).toBe(404);
      await alice.page.reload();
      await sessionItems(alice.page).first().waitFor();
      expect(await sessionItems(alice.page).allTextContents()).toEqual([expect.stringContaining('Alice’s secret plan.')]);
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });

  it('keeps the conversation when the host page signs the visitor in with a bearer token', async () => {
    const { context, page } = await h.open();
    try {
      await send(page, 'I chatted before signing in.');
      expect(await page.getByTestId('identity').textContent()).toBe('Anonymous visitor');
      const token = await userToken('ada');
      await page.evaluate((bearer) => window.continuum!.signIn(bearer), token);
      await page.getByRole('status').filter({ hasText: 'Signed in as ada. The conversations you had as a visitor are now in your account.' }).waitFor();
      expect(await page.getByTestId('identity').textContent()).toBe('Signed in as ada');
      await assistantMessages(page).filter({ hasText: 'I chatted before signing in.' }).waitFor();
      await send(page, 'And now signed in.');
      await screenshot(page, 'signed-in');

      // Elsewhere, with only the token (no visitor cookie), the same user sees the whole conversation.
      const elsewhere = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
      await elsewhere.addInitScript((bearer) => Object.assign(window, { continuumConfig: { token: bearer } }), token);
      const other = await elsewhere.newPage();
      await other.goto(h.url);
      await assistantMessages(other).filter({ hasText: 'And now signed in.' }).waitFor();
      expect(await userMessages(other).allTextContents()).toEqual(['YouI chatted before signing in.', 'YouAnd now signed in.']);
      await elsewhere.close();
    } finally {
      await context.close();
    }
  });

  it('shows what the service knows about the customer once GET /v1/profile answers, and hides it on 404', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      // The route is answered here, both ways, so both states of the page are tested whatever the service knows.
      const missing = await context.newPage();
      await missing.route('**/v1/profile', (route) =>
        route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ status: 404, detail: 'Cannot GET /v1/profile' }) }),
      );
      await missing.goto(h.url);
      await missing.getByRole('heading', { name: 'Usage' }).waitFor();
      expect(await missing.getByTestId('customer').count()).toBe(0);
      expect(await missing.getByRole('complementary').getByRole('alert').count()).toBe(0);

      const known = await context.newPage();
      await known.route('**/v1/profile', (route) => route.fulfill({ json: PROFILE }));
      await known.goto(h.url);
      const customer = known.getByTestId('customer');
      await customer.getByText('Ada Lovelace').waitFor();
      expect(await customer.locator('.facts div').allTextContents()).toEqual([
        'NameAda Lovelace',
        'Emailada@example.com',
        'Phone+442071234567',
        'Address12 St James Sq, London, LDN, SW1Y 4JH',
        'Products of interestsailboats, charts',
        'Preferred channelemail',
        'LanguageEnglish',
      ]);
      await screenshot(known, 'customer');
    } finally {
      await context.close();
    }
  });

  it('works on a phone-sized screen: no sideways scrolling, the list behind a button', async () => {
    const { context, page } = await h.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      await send(page, 'Hello from a phone.');
      expect(await overflowsSideways(page)).toBe(false);
      expect(await page.locator('#sessions').isVisible()).toBe(false);
      await screenshot(page, 'phone');
      await page.getByRole('button', { name: 'Conversations' }).click();
      await page.locator('#sessions').waitFor({ state: 'visible' });
      await screenshot(page, 'phone-conversations');
      await page.getByRole('button', { name: 'New conversation', exact: true }).click();
      await page.getByText('No messages yet. Say hello below.').waitFor();
      expect(await page.locator('#sessions').isVisible()).toBe(false);
      expect(await overflowsSideways(page)).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('is usable from the keyboard, labelled, with visible focus and readable contrast', async () => {
    const { context, page } = await h.open();
    try {
      await send(page, 'Checking accessibility.');
      expect(await unlabelledControls(page)).toEqual([]);
      expect(await lowContrastTexts(page)).toEqual([]);

      await page.reload();
      await assistantMessages(page).first().waitFor();
      const reached: string[] = [];
      for (let i = 0; i < 12 && !reached.includes('composer-input'); i++) {
        await page.keyboard.press('Tab');
        reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || ''));
        expect([reached.at(-1), await focusRingVisible(page)]).toEqual([reached.at(-1), true]);
      }
      expect(reached).toEqual(expect.arrayContaining(['New conversation', 'composer-input']));
      await page.keyboard.type('Typed without a mouse.');
      await page.keyboard.press('Enter');
      await assistantMessages(page).filter({ hasText: 'Noted: “Typed without a mouse.”' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
