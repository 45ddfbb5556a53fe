import { LlmError } from './llm-error';

/** Waits before the first and second retry when the provider did not say how long. */
export const BACKOFF_MS = [250, 1_000] as const;
/** The longest Retry-After we wait for; a provider asking for more is refused for this call. */
export const MAX_RETRY_WAIT_MS = 10_000;

/**
 * How long to wait before attempt `attemptsMade + 1`, or null when `error` is final.
 * Retrying sooner than the provider asked would only be refused again, and waiting past
 * the first-token deadline would only end in a timeout: in both cases the caller gets the
 * provider's error (with its retryAfterMs) at once instead.
 */
export function retryDelayMs(error: LlmError, attemptsMade: number, maxRetries: number, remainingBudgetMs: number): number | null {
  if (!error.retryable || attemptsMade > maxRetries) return null;
  const wait = error.retryAfterMs ?? BACKOFF_MS[Math.min(attemptsMade, BACKOFF_MS.length) - 1];
  if (wait > MAX_RETRY_WAIT_MS || wait >= remainingBudgetMs) return null;
  return wait;
}
