/**
 * How long a provider asked us to wait, from `retry-after-ms` (OpenAI's own, more precise)
 * or `Retry-After` (delay in seconds or an HTTP date). Undefined when neither parses.
 */
export function parseRetryAfterMs(headers: Pick<Headers, 'get'> | undefined, now: number = Date.now()): number | undefined {
  const milliseconds = parseDelay(headers?.get('retry-after-ms'), 1);
  if (milliseconds !== undefined) return milliseconds;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  return parseDelay(value, 1000) ?? parseHttpDate(value, now);
}

function parseDelay(value: string | null | undefined, unitMs: number): number | undefined {
  if (!value || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Math.round(Number(value) * unitMs);
}

function parseHttpDate(value: string, now: number): number | undefined {
  // Every HTTP date format starts with the day's name; Date.parse alone would take "-1" for a year.
  const at = /^[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
