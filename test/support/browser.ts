import { mkdirSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium (apt package chromium); .ci/run installs it. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * The flags a closed network needs: without the background-networking ones Chromium keeps
 * trying to reach Google's services. Playwright adds --headless itself.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * `describe` when Chromium is installed. Without it the tests are skipped, loudly, on a
 * developer's machine, and fail under CI=true, where a skip would hide a missing install.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) return describe(name, body);
  const missing = `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium; .ci/run does it)`;
  if (process.env.CI) {
    describe(name, () => it('needs Chromium', () => fail(missing)));
    return;
  }
  console.warn(`${missing}: skipping "${name}"`);
  describe.skip(name, body);
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * Where screenshots go: docs/screenshots when SCREENSHOTS_DIR says so (npm run screenshots),
 * else a temporary folder, so an ordinary test run leaves the committed pictures alone.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = process.env.SCREENSHOTS_DIR ?? join(tmpdir(), 'continuum-screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}
