import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@/common/config/app-config';
import { FAKE_MODEL, FakeOpenAiServer } from './fake-openai-server';

/** The key the chat tests give the provider; they check it never lands in storage. */
export const TEST_API_KEY = 'sk-test-4f9a1c2b3d4e5f60718293a4b5c6d7e8';

let pricePath: string | undefined;

/** A price file for the fake model (`unpriced-model` has none), written once per test process. */
function priceFile(): string {
  if (pricePath) return pricePath;
  const dir = mkdtempSync(join(tmpdir(), 'continuum-prices-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  pricePath = join(dir, 'prices.json');
  writeFileSync(pricePath, JSON.stringify({ models: { [FAKE_MODEL]: { prompt: '0.15', completion: '0.60' } } }));
  return pricePath;
}

/** An app config whose chat turns go to `fake` through the real OpenAI SDK. */
export function llmConfig(fake: FakeOpenAiServer, overrides: Partial<AppConfig['llm']> = {}): Partial<AppConfig> {
  const defaults = loadConfig({});
  return {
    llm: {
      provider: 'openai',
      baseUrl: fake.url,
      apiKey: TEST_API_KEY,
      model: FAKE_MODEL,
      models: [FAKE_MODEL, 'unpriced-model'],
      timeoutMs: 2_000,
      streamIdleMs: 2_000,
      maxRetries: 2,
      ...overrides,
    },
    chat: { ...defaults.chat, systemPrompt: 'You are the test assistant.', turnWaitMs: 5_000 },
    modelPrices: priceFile(),
  };
}
