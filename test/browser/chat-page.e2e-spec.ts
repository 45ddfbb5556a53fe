import { describeInBrowser, screenshot } from '@test/support/browser';
import { assistantMessages, ChatPageHarness, composer, fact, send, sessionItems, userMessages, waitForFact } from '@test/support/chat-page';
import { fail, Hold, reply } from '@test/support/fake-openai-server';

describeInBrowser('the chat page in Chromium', () => {
  let h: ChatPageHarness;
  beforeAll(async () => {
    h = await ChatPageHarness.start();
  }, 60_000);
  afterAll(async () => h?.close());

  it('streams a reply in, keeps both messages across a refresh and a service restart', async () => {
    const hold = new Hold();
    h.fake.enqueue(reply(['Nice to meet you, ', 'Ada. ', 'I will remember ', 'that you like sailing.'], { hold, holdAfterChunks: 2 }));
    const { context, page } = await h.open();
    try {
      await composer(page).fill('Hi, I am Ada and I like sailing.');
      await composer(page).press('Enter');
      const reply = assistantMessages(page).last();
      await reply.filter({ hasText: 'Nice to meet you, Ada.' }).waitFor();
      expect(await reply.textContent()).not.toContain('sailing');
      await page.getByRole('button', { name: 'Stop' }).waitFor();
      await page.locator('.status', { hasText: 'The assistant is replying…' }).waitFor();
      await screenshot(page, 'streaming');
      hold.release();
      await reply.filter({ hasText: 'that you like sailing.' }).waitFor();
      await waitForFact(page, 'Model calls', '1');
      expect(await fact(page, 'Cost')).toMatch(/^\$0\.\d+$/);
      const title = page.locator('#sessions [aria-current="page"]');
      await title.filter({ hasText: 'Hi, I am Ada and I like sailing.' }).waitFor();

      await page.reload();
      await expectConversation();
      await h.restart();
      await page.reload();
      await expectConversation();
      await waitForFact(page, 'Model calls', '1');
      await screenshot(page, 'conversation');
    } finally {
      hold.release();
      await context.close();
    }

    async function expectConversation(): Promise<void> {
      await assistantMessages(page).filter({ hasText: 'Nice to meet you, Ada. I will remember that you like sailing.' }).waitFor();
      expect(await userMessages(page).allTextContents()).toEqual(['YouHi, I am Ada and I like sailing.']);
    }
  });

  it('keeps what arrived when the visitor presses Stop, and says the reply was cut short', async () => {
    const hold = new Hold();
    h.fake.enqueue(reply(['The first half ', 'arrived. ', 'The second half never does.'], { hold, holdAfterChunks: 2 }));
    const { context, page } = await h.open();
    try {
      await composer(page).fill('Tell me a long story.');
      await composer(page).press('Enter');
      await assistantMessages(page).filter({ hasText: 'The first half arrived.' }).waitFor();
      await page.getByRole('button', { name: 'Stop' }).click();
      await page.getByRole('button', { name: 'Send' }).waitFor();
      expect(await h.fake.requests.at(-1)!.outcome).toBe('aborted');
      // The service stores the cut reply once it has seen the disconnect; then a reload shows it.
      const sessionId = await page.evaluate(() => new URLSearchParams(location.hash.slice(1)).get('session'));
      await until(async () => (await h.app.dataSource.query(`SELECT 1 FROM messages WHERE session_id = $1 AND role = 'assistant'`, [sessionId])).length > 0);
      await page.reload();
      const stored = assistantMessages(page).filter({ hasText: 'The first half arrived.' });
      await stored.filter({ hasText: 'The reply was cut short.' }).waitFor();
      expect(await stored.textContent()).not.toContain('second half');
      await waitForFact(page, 'Model calls', '1');
    } finally {
      hold.release();
      await context.close();
    }
  });

  it('starts a second conversation, switches back to the first, renames and deletes one', async () => {
    const { context, page } = await h.open();
    try {
      await send(page, 'First conversation here.');
      await page.getByRole('button', { name: 'New conversation', exact: true }).click();
      await page.getByText('No messages yet. Say hello below.').waitFor();
      await send(page, 'Second conversation here.');
      await page.getByRole('button', { name: 'Second conversation here.', exact: true }).waitFor();
      expect(await page.locator('#sessions .session-open').allTextContents()).toEqual(['Second conversation here.', 'First conversation here.']);

      await page.getByRole('button', { name: 'First conversation here.', exact: true }).click();
      await assistantMessages(page).filter({ hasText: 'Noted: “First conversation here.”' }).waitFor();
      expect(await userMessages(page).allTextContents()).toEqual(['YouFirst conversation here.']);

      await page.getByRole('button', { name: 'Rename “First conversation here.”' }).click();
      await page.getByLabel('Title').fill('Trip planning');
      await page.getByLabel('Title').press('Enter');
      await page.getByRole('button', { name: 'Trip planning', exact: true }).waitFor();

      await page.getByRole('button', { name: 'Delete “Second conversation here.”' }).click();
      await page.getByText('Delete “Second conversation here.” and all its messages?').waitFor();
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.locator('#sessions .session-open', { hasText: 'Second conversation here.' }).waitFor({ state: 'detached' });
      expect(await page.locator('#sessions .session-open').allTextContents()).toEqual(['Trip planning']);
      await page.reload();
      await page.locator('#sessions .session-open').first().waitFor();
      expect(await page.locator('#sessions .session-open').allTextContents()).toEqual(['Trip planning']);
    } finally {
      await context.close();
    }
  });

  it('shows the newest page first and brings older pages on scrolling up', async () => {
    const { context, page } = await h.open();
    try {
      await page.evaluate(async () => {
        const session = (await (await fetch('/v1/sessions/current')).json()) as { id: string };
        for (let i = 1; i <= 45; i++) {
          const body = JSON.stringify({ role: i % 2 ? 'user' : 'assistant', content: `Message number ${i}` });
          await fetch(`/v1/sessions/${session.id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        }
      });
      await page.reload();
      await page.getByText('Message number 45').waitFor();
      expect(await page.locator('li.message').count()).toBe(20);
      await page.locator('.messages').evaluate((list) => list.scrollTo(0, 0));
      await page.getByText('Message number 25', { exact: true }).waitFor();
      expect(await page.locator('li.message').count()).toBe(40);
      await page.getByRole('button', { name: 'Load older messages' }).waitFor();
      await page.locator('.messages').evaluate((list) => list.scrollTo(0, 0));
      await page.getByText('Message number 1', { exact: true }).waitFor();
      expect(await page.locator('li.message').count()).toBe(45);
      await page.getByRole('button', { name: 'Load older messages' }).waitFor({ state: 'detached' });
      expect(await page.locator('li.message .text').first().textContent()).toBe('Message number 1');
    } finally {
      await context.close();
    }
  });

  it('reads errors as sentences: a failed reply, and a refusal that gives the message back', async () => {
    const { context, page } = await h.open();
    try {
      h.fake.enqueue(fail(500, { message: 'upstream exploded' }));
      await composer(page).fill('This one fails.');
      await composer(page).press('Enter');
      const alert = page.getByRole('main').getByRole('alert');
      await alert.filter({ hasText: /^The model did not answer: .*The user message and the failure were saved\.$/ }).waitFor();
      expect(await alert.textContent()).not.toContain('{');
      await waitForFact(page, 'Model calls', '1');
      await screenshot(page, 'error');

      const sessionId = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('session');
      await page.evaluate((id) => fetch(`/v1/sessions/${id}`, { method: 'DELETE' }), sessionId);
      await composer(page).fill('Anyone there?');
      await composer(page).press('Enter');
      await page.getByRole('main').getByRole('alert').filter({ hasText: `Session ${sessionId} was not found.` }).waitFor();
      expect(await composer(page).inputValue()).toBe('Anyone there?');
      expect(await userMessages(page).allTextContents()).not.toContain('YouAnyone there?');
    } finally {
      await context.close();
    }
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
