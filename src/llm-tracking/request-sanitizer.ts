import { MIN_SECRET_CHARS, REDACTED, redactSecrets } from '@/common/security/redact-secrets';

export { REDACTED, redactSecrets };
/**
 * What is kept of a request sent to a model provider (and of anything else stored with
 * it): never a credential. Keys that name one are dropped at any depth, strings that look
 * like one are redacted, and long strings are cut so one prompt cannot bloat the table.
 */
export interface SanitizeOptions {
  /** Exact values to redact wherever they appear, such as the configured LLM_API_KEY. */
  secrets?: readonly string[];
  /** Longer strings keep this many characters and a marker saying how many were cut. */
  maxStringChars?: number;
}

export const DEFAULT_MAX_STRING_CHARS = 2_000;
const MAX_DEPTH = 32;

/** Words that make a key a credential wherever they appear in its name (split on case and punctuation). */
const SECRET_WORDS = new Set(['authorization', 'apikey', 'secret', 'secrets', 'password', 'passwd', 'cookie', 'credential', 'credentials']);

interface Context {
  secrets: string[];
  maxChars: number;
}

/** A JSON-safe copy of `value` with credentials removed and long strings cut. */
export function sanitizeRequest(value: unknown, options: SanitizeOptions = {}): unknown {
  const secrets = [...new Set(options.secrets ?? [])].filter((secret) => secret.length >= MIN_SECRET_CHARS);
  return clean(value, { secrets, maxChars: options.maxStringChars ?? DEFAULT_MAX_STRING_CHARS }, 0);
}


/** True for keys such as Authorization, api_key, x-api-key, clientSecret, password, access_token. */
export function isSecretKey(key: string): boolean {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  if (words.some((word, i) => ['api', 'private', 'access'].includes(word) && words[i + 1] === 'key')) return true;
  // "token" names a credential as the last word (access_token, x-auth-token), not in max_tokens or token_count.
  return words[words.length - 1] === 'token';
}

function clean(value: unknown, context: Context, depth: number): unknown {
  if (typeof value === 'string') return cleanString(value, context);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => clean(item, context, depth + 1) ?? null);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return cleanObject(value as Record<string, unknown>, context, depth);
}

function cleanObject(object: Record<string, unknown>, context: Context, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    if (isSecretKey(key)) continue;
    const cleaned = clean(item, context, depth + 1);
    if (cleaned !== undefined) result[wellFormed(redactSecrets(key, context.secrets))] = cleaned;
  }
  return result;
}

function cleanString(text: string, context: Context): string {
  const redacted = redactSecrets(text, context.secrets);
  if (redacted.length <= context.maxChars) return wellFormed(redacted);
  const cut = redacted.length - context.maxChars;
  return wellFormed(redacted.slice(0, context.maxChars)) + `…[truncated ${cut} chars]`;
}

/** PostgreSQL refuses \u0000 and lone surrogates in jsonb; neither should fail a chat turn. */
function wellFormed(text: string): string {
  return text.replace(/\u0000/g, '\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
