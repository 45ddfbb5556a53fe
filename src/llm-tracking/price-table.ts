import { Provider } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig, ConfigError } from '@/common/config/app-config';
import { ModelPrice, parsePriceFile } from './price-file';

/** The table shipped with the service; the build copies it next to this file. */
export const SHIPPED_PRICES_PATH = join(__dirname, 'model-prices.json');

/**
 * Model prices: the shipped table with MODEL_PRICES merged over it, checked once at boot.
 * A model is priced only by its exact name: an unknown one gets no price, never a guess.
 */
export class PriceTable {
  constructor(private readonly prices: ReadonlyMap<string, ModelPrice>) {}

  /**
   * Reads and checks the shipped table and MODEL_PRICES, which is either the table itself as
   * inline JSON (starting with `{`) or the path of a file holding it; a bad one throws a ConfigError.
   */
  static load(override: string | null, shippedPath: string = SHIPPED_PRICES_PATH): PriceTable {
    const prices = parsePriceFile(readJson(shippedPath, `shipped price table ${shippedPath}`), `shipped price table ${shippedPath}`);
    if (override) {
      const inline = override.trimStart().startsWith('{');
      const origin = inline ? 'MODEL_PRICES (inline JSON)' : `MODEL_PRICES file ${override}`;
      const table = inline ? parseJson(override, origin) : readJson(override, origin);
      for (const [model, price] of parsePriceFile(table, origin)) prices.set(model, price);
    }
    return new PriceTable(prices);
  }

  /** USD per million prompt and completion tokens, or null when the model has no price. */
  priceOf(model: string): ModelPrice | null {
    return this.prices.get(model) ?? null;
  }
}

export const priceTableProvider: Provider = {
  provide: PriceTable,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): PriceTable => PriceTable.load(config.modelPrices),
};

function readJson(path: string, origin: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${origin} cannot be read: ${(error as Error).message}`);
  }
  return parseJson(text, origin);
}

function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${origin} is not valid JSON: ${(error as Error).message}`);
  }
}
