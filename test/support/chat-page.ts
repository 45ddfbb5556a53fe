import { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { FakeBehaviour, FakeOpenAiServer, RecordedRequest, reply } from './fake-openai-server';
import { fakeLlmConfig } from './fake-llm-config';
import { createTestStore, startTestApp, TestApp, TestStore } from './test-app';

/**
 * The service with its built page, on a database that outlives a restart (a PGlite folder,
 * or a PostgreSQL database), a fake model that answers every message, and Chromium.
 */
export class ChatPageHarness {
  private constructor(
    readonly fake: FakeOpenAiServer,
    private readonly store: TestStore,
    public app: TestApp,
    readonly browser: Browser,
  ) {}

  static async start(): Promise<ChatPageHarness> {
    const fake = (await FakeOpenAiServer.start()).handle(echo);
    const store = await createTestStore({ persistent: true });
    const app = await startTestApp({ store, config: fakeLlmConfig(fake) });
    return new ChatPageHarness(fake, store, app, await launchChromium());
  }

  get url(): string {
    return this.app.url;
  }

  /** Stops the service and starts it again on the same port and the same data. */
  async restart(): Promise<void> {
    const port = Number(new URL(this.app.url).port);
    await this.app.close();
    this.app = await startTestApp({ store: this.store, config: fakeLlmConfig(this.fake), port });
  }

  /** A new browser profile (its own cookies: a new visitor) with the page open. */
  async open(options: BrowserContextOptions & { path?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    // Under jest's 30 s per test, so a missing element fails with Playwright's own message.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(this.url + (options.path ?? '/'));
    await composer(page).waitFor();
    return { context, page };
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.app.close();
    await this.store.dispose();
    await this.fake.close();
  }
}

/** The fake model's default: restates the user's last message, a few words at a time. */
function echo(request: RecordedRequest): FakeBehaviour {
  const last = [...(request.body.messages ?? [])].reverse().find((message) => message.role === 'user');
  return reply(`Noted: “${last?.content ?? ''}” I will remember it.`, { delayMs: 10 });
}

export const composer = (page: Page): Locator => page.getByLabel('Message', { exact: true });
export const userMessages = (page: Page): Locator => page.locator('li.message.user');
export const assistantMessages = (page: Page): Locator => page.locator('li.message.assistant');
export const sessionItems = (page: Page): Locator => page.locator('#sessions li.session');

/** Types a message and sends it with Enter, then waits until the reply is complete. */
export async function send(page: Page, text: string, reply?: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await assistantMessages(page).filter({ hasText: reply ?? `Noted: “${text}”` }).last().waitFor();
  await page.getByRole('button', { name: 'Send' }).waitFor();
}

/** The value of a row of the details panel (e.g. `Model calls`), once it is there. */
export async function fact(page: Page, label: string): Promise<string> {
  const row = page.locator('.facts div').filter({ has: page.locator('dt', { hasText: label }) });
  return (await row.locator('dd').textContent()) ?? '';
}

/** Waits until a row of the details panel shows `value`. */
export async function waitForFact(page: Page, label: string, value: string): Promise<void> {
  await page
    .locator('.facts div')
    .filter({ has: page.locator('dt', { hasText: label }) })
    .filter({ has: page.locator('dd', { hasText: new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&')}$`) }) })
    .waitFor();
}
