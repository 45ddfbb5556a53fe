import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { redactSecrets } from '@/common/security/redact-secrets';
import { LlmError } from './llm-error';
import { parseRetryAfterMs } from './retry-after';

const MAX_DETAIL_CHARS = 300;

/**
 * Classifies whatever the SDK threw. `secret` (the API key) is scrubbed from every message:
 * some providers echo the key, or part of it, in their 401 text.
 */
export function toLlmError(error: unknown, signal: AbortSignal, secret: string | null): LlmError {
  if (error instanceof LlmError) return error;
  if (signal.aborted || error instanceof APIUserAbortError) return new LlmError('aborted', 'model call aborted');
  if (error instanceof APIConnectionError) return new LlmError('unavailable', `model provider unreachable: ${detail(error, secret)}`);
  if (error instanceof APIError && error.status !== undefined) return fromStatus(error, error.status, secret);
  // An error event inside the stream, a broken connection mid-body or a chunk that is not JSON.
  return new LlmError('unavailable', `model stream failed: ${detail(error, secret)}`);
}

function fromStatus(error: APIError, status: number, secret: string | null): LlmError {
  const message = `model provider answered ${status}: ${detail(error, secret)}`;
  if (status === 429) return new LlmError('rate-limited', message, status, parseRetryAfterMs(error.headers));
  if (status >= 500) return new LlmError('unavailable', message, status);
  return new LlmError('rejected', message, status);
}

function detail(error: unknown, secret: string | null): string {
  const text = providerMessage(error) ?? (error instanceof Error ? error.message : String(error));
  return redactSecrets(text, secret ? [secret] : []).slice(0, MAX_DETAIL_CHARS);
}

/** The provider's own words from the error body; the SDK's message repeats the status before them. */
function providerMessage(error: unknown): string | undefined {
  if (!(error instanceof APIError)) return undefined;
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : undefined;
}
