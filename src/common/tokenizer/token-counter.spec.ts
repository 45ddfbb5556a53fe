import fc from 'fast-check';
import { loadConfig } from '@/common/config/app-config';
import { encodingForModel, TokenCounter } from './token-counter';

describe('encodingForModel', () => {
  it.each([
    ['gpt-4o-mini', 'o200k_base'],
    ['openai/gpt-4.1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['anthropic/claude-sonnet-4', 'o200k_base'],
    ['llama3.1:8b', 'o200k_base'],
  ])('%s counts with %s', (model, encoding) => {
    expect(encodingForModel(model)).toBe(encoding);
  });
});

describe('TokenCounter', () => {
  const counter = new TokenCounter(loadConfig({}));

  it('counts with a real tokenizer', () => {
    expect(counter.count('Hello world')).toBe(2);
    expect(counter.count('')).toBe(0);
    expect(counter.countMessage('hi', [{ id: 'c1' }])).toBeGreaterThan(counter.count('hi'));
  });

  it('stores counts in the default model’s encoding', () => {
    expect(new TokenCounter(loadConfig({ LLM_MODEL: 'gpt-4', LLM_API_KEY: 'k' })).storedEncoding).toBe('cl100k_base');
    expect(counter.storedEncoding).toBe('o200k_base');
  });

  it('truncates to at most the limit, with a marker, for any text and limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: 'grapheme' }), fc.integer({ min: 0, max: 400 }), (text, max) => {
        const cut = counter.truncate(text, max);
        expect(cut.tokens).toBeLessThanOrEqual(Math.max(max, 0));
        expect(cut.tokens).toBe(counter.count(cut.text));
        if (counter.count(text) <= max) expect(cut.text).toBe(text);
        else if (cut.text) expect(cut.text).toMatch(/truncated/);
      }),
      { numRuns: 200 },
    );
  });
});
