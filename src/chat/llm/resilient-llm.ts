import { LlmProvider, LlmRequest } from './llm-provider';
import { ResilienceSettings, ResilientLlmCall } from './resilient-llm-call';

export type { ResilienceSettings };

/**
 * Wraps a provider with the deadlines and retries of LlmSettings. Each `stream()` is a
 * ResilientLlmCall: iterate it for the events, then read `attempts` and
 * `timeToFirstTokenMs` (also after it threw) to record the call.
 */
export class ResilientLlm {
  constructor(
    private readonly provider: LlmProvider,
    private readonly settings: ResilienceSettings,
  ) {}

  /** The wrapped provider's name, recorded with every call. */
  get name(): string {
    return this.provider.name;
  }

  /** Nothing is sent until the call is iterated. */
  stream(request: LlmRequest): ResilientLlmCall {
    return new ResilientLlmCall(this.provider, this.settings, request);
  }
}
