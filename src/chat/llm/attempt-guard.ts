import { LlmError } from './llm-error';

/**
 * One attempt's AbortController, linked to the caller's signal, with the watchdog that
 * aborts it when the provider stays silent too long. Every wait on the provider goes
 * through `within`, which rejects the moment the attempt is aborted, even when the
 * provider is slow to notice its signal.
 */
export class AttemptGuard {
  private readonly controller = new AbortController();
  private readonly interrupted: Promise<never>;
  private readonly onCallerAbort = (): void => this.controller.abort(new LlmError('aborted', 'model call aborted by the caller'));

  constructor(private readonly callerSignal: AbortSignal) {
    this.interrupted = new Promise<never>((_, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(this.controller.signal.reason), { once: true });
    });
    this.interrupted.catch(() => undefined);
    if (callerSignal.aborted) this.onCallerAbort();
    else callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** The signal to hand the provider. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the attempt was aborted (timeout or caller), if it was. */
  get abortReason(): LlmError | undefined {
    return this.controller.signal.aborted ? (this.controller.signal.reason as LlmError) : undefined;
  }

  /** `work`, unless `ms` pass first (the attempt is aborted with a timeout) or the attempt is aborted. */
  async within<T>(work: Promise<T>, ms: number, timeoutMessage: string): Promise<T> {
    const onTimeout = (): void => this.controller.abort(new LlmError('timeout', timeoutMessage));
    if (ms <= 0) onTimeout();
    const timer = setTimeout(onTimeout, Math.max(ms, 0));
    try {
      return await Promise.race([work, this.interrupted]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the attempt: detaches from the caller's signal and aborts whatever still runs. */
  close(): void {
    this.callerSignal.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) this.controller.abort(new LlmError('aborted', 'model call ended'));
  }
}
