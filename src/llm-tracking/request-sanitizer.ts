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

export const REDACTED = '[REDACTED]';
export const DEFAULT_MAX_STRING_CHARS = 2_000;
/** Shorter configured secrets are not searched for: redacting "abc" everywhere would shred the text. */
const MIN_SECRET_CHARS = 8;
const MAX_DEPTH = 32;

/** Words that make a key a credential wherever they appear in its name (split on case and punctuation). */
const SECRET_WORDS = new Set(['authorization', 'apikey', 'secret', 'secrets', 'password', 'passwd', 'cookie', 'credential', 'credentials']);
/** Provider key formats and auth schemes that may sit inside free text. */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, `$1 ${REDACTED}`],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED], // OpenAI, Anthropic (sk-ant-), OpenRouter (sk-or-)
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, REDACTED], // JWTs
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED], // AWS access key ids
  [/\bAIza[0-9A-Za-z_-]{35}/g, REDACTED], // Google API keys
  [/\bgh[pousr]_[A-Za-z0-9]{36,}/g, REDACTED], // GitHub tokens
];

interface Context {
  secrets: string[];
  maxChars: number;
}

/** A JSON-safe copy of `value` with credentials removed and long strings cut. */
export function sanitizeRequest(value: unknown, options: SanitizeOptions = {}): unknown {
  const secrets = [...new Set(options.secrets ?? [])].filter((secret) => secret.length >= MIN_SECRET_CHARS);
  return clean(value, { secrets, maxChars: options.maxStringChars ?? DEFAULT_MAX_STRING_CHARS }, 0);
}

/** Redacts credentials inside one string (an error message, say), without cutting it. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= MIN_SECRET_CHARS) result = result.split(secret).join(REDACTED);
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
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
