/**
 * Credentials that may sit inside free text (an error message a provider echoed, a prompt a
 * user pasted a key into): one place that knows their shapes, for whatever is logged or stored.
 */
export const REDACTED = '[REDACTED]';
/** Shorter configured secrets are not searched for: redacting "abc" everywhere would shred the text. */
export const MIN_SECRET_CHARS = 8;

/** Provider key formats and auth schemes that may sit inside free text. */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, `$1 ${REDACTED}`],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED], // OpenAI, Anthropic (sk-ant-), OpenRouter (sk-or-)
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, REDACTED], // JWTs
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED], // AWS access key ids
  [/\bAIza[0-9A-Za-z_-]{35}/g, REDACTED], // Google API keys
  [/\bgh[pousr]_[A-Za-z0-9]{36,}/g, REDACTED], // GitHub tokens
];

/** Redacts credentials inside one string (an error message, say), without cutting it. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= MIN_SECRET_CHARS) result = result.split(secret).join(REDACTED);
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
