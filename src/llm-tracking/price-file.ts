import { ConfigError } from '@/common/config/app-config';

/** USD per million tokens, as decimal strings so no price ever passes through a float. */
export interface ModelPrice {
  prompt: string;
  completion: string;
}

/** Decimal prices: up to 9 digits before the point and 12 after. */
const PRICE = /^\d{1,9}(\.\d{1,12})?$/;
const DESCRIPTIVE_KEYS = new Set(['note', 'source', 'asOf', 'currency', 'unit']);

/**
 * Checks a parsed price file (`{ note?, source?, asOf?, currency?, unit?, models: { [model]: {prompt, completion} } }`)
 * and returns its prices; anything else throws a ConfigError that names the file and the entry.
 */
export function parsePriceFile(content: unknown, origin: string): Map<string, ModelPrice> {
  const fail = (what: string): never => {
    throw new ConfigError(`${origin}: ${what}`);
  };
  if (!isObject(content)) fail('must be a JSON object with a "models" object');
  const file = content as Record<string, unknown>;
  for (const key of Object.keys(file)) {
    if (key !== 'models' && !DESCRIPTIVE_KEYS.has(key)) fail(`unknown key "${key}" (expected models, ${[...DESCRIPTIVE_KEYS].join(', ')})`);
  }
  if (file.currency !== undefined && file.currency !== 'USD') fail(`currency must be "USD", got ${JSON.stringify(file.currency)}`);
  if (!isObject(file.models)) fail('"models" must be an object of { "<model>": { "prompt": "0.15", "completion": "0.60" } }');
  const prices = new Map<string, ModelPrice>();
  for (const [model, entry] of Object.entries(file.models as Record<string, unknown>)) {
    prices.set(model, parseEntry(entry, (what) => fail(`models["${model}"]${what}`)));
  }
  return prices;
}

function parseEntry(entry: unknown, fail: (what: string) => never): ModelPrice {
  if (!isObject(entry)) fail(' must be an object with "prompt" and "completion"');
  const fields = entry as Record<string, unknown>;
  const extra = Object.keys(fields).filter((key) => key !== 'prompt' && key !== 'completion');
  if (extra.length) fail(` has unknown key "${extra[0]}" (expected prompt and completion)`);
  return { prompt: priceField(fields.prompt, '.prompt', fail), completion: priceField(fields.completion, '.completion', fail) };
}

function priceField(value: unknown, name: string, fail: (what: string) => never): string {
  if (typeof value === 'string' && PRICE.test(value)) return value;
  return fail(`${name} must be a non-negative decimal string of USD per million tokens, such as "0.15"; got ${JSON.stringify(value)}`);
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
