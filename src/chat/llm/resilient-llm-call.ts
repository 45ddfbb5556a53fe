import { setTimeout as sleep } from 'node:timers/promises';
import { LlmSettings } from '@/common/config/app-config';
import { AttemptGuard } from './attempt-guard';
import { LlmError } from './llm-error';
import { LlmEvent, LlmProvider, LlmRequest } from './llm-provider';
import { retryDelayMs } from './retry-policy';

/** The LlmSettings that shape a call: first-token deadline, idle limit, retries. */
export type ResilienceSettings = Pick<LlmSettings, 'timeoutMs' | 'streamIdleMs' | 'maxRetries'>;

type Events = AsyncIterator<LlmEvent>;

/**
 * One model call with deadlines and retries:
 * - the first delta must arrive within `timeoutMs` of the start, retries and backoff included;
 * - after it, no gap between events may exceed `streamIdleMs`;
 * - rate-limited and unavailable errors are retried up to `maxRetries` times, but only
 *   before the first delta: once text reached the caller, a failure is final;
 * - a caller abort ends everything at once with LlmError('aborted').
 * Events before the first delta (the model) are held back and released with it, so the
 * caller sees the events of exactly one attempt. Every failure is an LlmError.
 */
export class ResilientLlmCall implements AsyncIterable<LlmEvent> {
  private attemptCount = 0;
  private firstTokenMs: number | null = null;
  private startedAt = 0;
  private iterated = false;

  constructor(
    private readonly provider: LlmProvider,
    private readonly settings: ResilienceSettings,
    private readonly request: LlmRequest,
  ) {}

  /** Attempts made so far: 1 + retries. */
  get attempts(): number {
    return this.attemptCount;
  }

  /** Milliseconds from the start of the call (retries included) to the first delta; null before it. */
  get timeToFirstTokenMs(): number | null {
    return this.firstTokenMs;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<LlmEvent> {
    if (this.iterated) throw new Error('a ResilientLlmCall can be iterated only once');
    this.iterated = true;
    this.startedAt = performance.now();
    for (;;) {
      try {
        return yield* this.attempt();
      } catch (error) {
        const delay = this.retryDelay(error as LlmError);
        if (delay === null) throw error;
        await this.pause(delay);
      }
    }
  }

  private async *attempt(): AsyncGenerator<LlmEvent> {
    this.attemptCount++;
    const guard = new AttemptGuard(this.request.signal);
    const held: LlmEvent[] = [];
    let events: Events | undefined;
    try {
      events = this.provider.stream({ ...this.request, signal: guard.signal })[Symbol.asyncIterator]();
      for (let next = await this.nextEvent(events, guard); !next.done; next = await this.nextEvent(events, guard)) {
        if (this.firstTokenMs === null && next.value.type !== 'delta') held.push(next.value);
        else yield* this.release(held.splice(0), next.value);
      }
      yield* held;
    } catch (error) {
      throw guard.abortReason ?? asLlmError(error);
    } finally {
      guard.close();
      events?.return?.().catch(() => undefined);
    }
  }

  private *release(held: LlmEvent[], event: LlmEvent): Generator<LlmEvent> {
    this.firstTokenMs ??= Math.round(performance.now() - this.startedAt);
    yield* held;
    yield event;
  }

  private nextEvent(events: Events, guard: AttemptGuard): Promise<IteratorResult<LlmEvent>> {
    if (this.firstTokenMs !== null) {
      return guard.within(events.next(), this.settings.streamIdleMs, `model silent for more than ${this.settings.streamIdleMs} ms`);
    }
    const remaining = this.startedAt + this.settings.timeoutMs - performance.now();
    return guard.within(events.next(), remaining, `no first token within ${this.settings.timeoutMs} ms`);
  }

  private retryDelay(error: LlmError): number | null {
    if (this.firstTokenMs !== null) return null;
    const remaining = this.startedAt + this.settings.timeoutMs - performance.now();
    return retryDelayMs(error, this.attemptCount, this.settings.maxRetries, remaining);
  }

  private async pause(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.request.signal });
    } catch {
      throw new LlmError('aborted', 'model call aborted by the caller');
    }
  }
}

/** Providers throw LlmError; anything else is a provider bug, treated like an outage. */
function asLlmError(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  return new LlmError('unavailable', `model provider failed: ${error instanceof Error ? error.name : 'unknown error'}`);
}
