import { ModelPrice } from './price-file';

/**
 * Exact decimal arithmetic on non-negative decimal strings, through bigint: money never
 * passes through a float. A value is `units × 10^-scale`.
 */
interface Fixed {
  units: bigint;
  scale: number;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const PER_MILLION_SCALE = 6;

/** USD of one call: (prompt × prompt price + completion × completion price) / 1,000,000, exact. */
export function callCostUsd(promptTokens: number, completionTokens: number, price: ModelPrice): string {
  const prompt = parse(price.prompt);
  const completion = parse(price.completion);
  const scale = Math.max(prompt.scale, completion.scale);
  const units = BigInt(promptTokens) * rescale(prompt, scale) + BigInt(completionTokens) * rescale(completion, scale);
  return format({ units, scale: scale + PER_MILLION_SCALE });
}

/** The canonical text of a decimal (such as PostgreSQL's numeric output): no trailing zeros. */
export function normalizeDecimal(value: string): string {
  return format(parse(value));
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compareDecimal(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  const scale = Math.max(left.scale, right.scale);
  const difference = rescale(left, scale) - rescale(right, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

function parse(value: string): Fixed {
  if (!DECIMAL.test(value)) throw new Error(`not a non-negative decimal: "${value}"`);
  const [whole, fraction = ''] = value.split('.');
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

function rescale(value: Fixed, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function format({ units, scale }: Fixed): string {
  const digits = units.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
