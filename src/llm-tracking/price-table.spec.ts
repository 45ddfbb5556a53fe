import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@/common/config/app-config';
import { PriceTable } from './price-table';

describe('PriceTable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-prices-'));
  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('ships prices as decimal strings for the common models, the offline one free', () => {
    const table = PriceTable.load(null);
    expect(table.priceOf('gpt-4o-mini')).toEqual({ prompt: '0.15', completion: '0.60' });
    expect(table.priceOf('anthropic/claude-sonnet-4')).toEqual({ prompt: '3.00', completion: '15.00' });
    expect(table.priceOf('continuum-offline')).toEqual({ prompt: '0', completion: '0' });
    for (const model of ['gpt-4o', 'gpt-4.1-nano', 'o3', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'deepseek/deepseek-chat']) {
      expect(table.priceOf(model)).not.toBeNull();
    }
  });

  it('has no price for an unknown model, nor for a near miss', () => {
    const table = PriceTable.load(null);
    expect(table.priceOf('my-private-model')).toBeNull();
    expect(table.priceOf('GPT-4O-MINI')).toBeNull();
    expect(table.priceOf('gpt-4o-2024-05-13')).toBeNull();
  });

  it('merges MODEL_PRICES over the shipped table', () => {
    const override = file('override.json', {
      note: 'negotiated',
      models: { 'gpt-4o-mini': { prompt: '0.1', completion: '0.5' }, 'my-model': { prompt: '1', completion: '2' } },
    });
    const table = PriceTable.load(override);
    expect(table.priceOf('gpt-4o-mini')).toEqual({ prompt: '0.1', completion: '0.5' });
    expect(table.priceOf('my-model')).toEqual({ prompt: '1', completion: '2' });
    expect(table.priceOf('gpt-4o')).toEqual({ prompt: '2.50', completion: '10.00' });
  });

  it('takes MODEL_PRICES as inline JSON too', () => {
    const table = PriceTable.load(' {"models": {"my-model": {"prompt": "1.5", "completion": "2"}}}');
    expect(table.priceOf('my-model')).toEqual({ prompt: '1.5', completion: '2' });
    expect(table.priceOf('gpt-4o-mini')).toEqual({ prompt: '0.15', completion: '0.60' });
    expect(() => PriceTable.load('{"models": {"m": {"prompt": 1}}}')).toThrow('MODEL_PRICES (inline JSON): models["m"].prompt');
    expect(() => PriceTable.load('{"models": ')).toThrow('MODEL_PRICES (inline JSON) is not valid JSON');
  });

  it.each([
    ['a missing file', null, /cannot be read/],
    ['invalid JSON', '{ "models": ', /is not valid JSON/],
    ['no models object', { prices: {} }, /unknown key "prices"/],
    ['a price given as a number', { models: { m: { prompt: 0.15, completion: '0.6' } } }, /models\["m"\]\.prompt must be a non-negative decimal string.*got 0\.15/],
    ['a negative price', { models: { m: { prompt: '-1', completion: '0.6' } } }, /models\["m"\]\.prompt/],
    ['a missing completion price', { models: { m: { prompt: '1' } } }, /models\["m"\]\.completion/],
    ['a misspelt field', { models: { m: { prompt: '1', completion: '2', input: '3' } } }, /unknown key "input"/],
    ['another currency', { currency: 'EUR', models: {} }, /currency must be "USD"/],
  ])('refuses %s with a message naming the file', (_, content, message) => {
    const path = content === null ? join(dir, 'absent.json') : file(`bad-${Math.random()}.json`, content);
    expect(() => PriceTable.load(path)).toThrow(ConfigError);
    expect(() => PriceTable.load(path)).toThrow(message);
    expect(() => PriceTable.load(path)).toThrow(`MODEL_PRICES file ${path}`);
  });
});
