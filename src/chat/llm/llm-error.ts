export type LlmErrorKind =
  /** No first token within LLM_TIMEOUT_MS, or silence over LLM_STREAM_IDLE_MS. */
  | 'timeout'
  /** 429 from the provider. */
  | 'rate-limited'
  /** 5xx, a broken connection or a malformed stream: worth a retry before the first token. */
  | 'unavailable'
  /** 4xx other than 429: retrying will not help. */
  | 'rejected'
  /** The caller aborted (client disconnected). */
  | 'aborted';

/** A failed model call, classified so the caller knows whether to retry and what to answer. */
export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly status?: number,
    /** From the provider's Retry-After header, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'unavailable';
  }
}
