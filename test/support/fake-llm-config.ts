import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@/common/config/app-config';
import { FAKE_MODEL, FakeOpenAiServer } from './fake-openai-server';

/** Config that points the app at a FakeOpenAiServer whose model has a price (so turns have a cost). */
export function fakeLlmConfig(fake: FakeOpenAiServer, overrides: Partial<AppConfig['llm']> = {}): Partial<AppConfig> {
  const defaults = loadConfig({});
  const prices = join(mkdtempSync(join(tmpdir(), 'continuum-prices-')), 'prices.json');
  writeFileSync(prices, JSON.stringify({ models: { [FAKE_MODEL]: { prompt: '0.15', completion: '0.60' } } }));
  return {
    llm: {
      provider: 'openai',
      baseUrl: fake.url,
      apiKey: 'sk-test-0000000000000000000000000000',
      model: FAKE_MODEL,
      models: [FAKE_MODEL],
      timeoutMs: 5_000,
      streamIdleMs: 10_000,
      maxRetries: 0,
      ...overrides,
    },
    chat: { ...defaults.chat, systemPrompt: 'You are the test assistant.', turnWaitMs: 5_000 },
    modelPrices: prices,
  };
}
