import { LlmError } from './llm/llm-error';
import { LlmMessage, LlmUsage } from './llm/llm-provider';
import { ResilientLlm } from './llm/resilient-llm';

export interface ModelCallRequest {
  model: string;
  messages: LlmMessage[];
  maxTokens: number;
  signal: AbortSignal;
  onDelta: (text: string) => void;
}

/** What happened in one model call, success or not: everything the turn must store. */
export interface ModelCallOutcome {
  /** The text generated, complete or up to the failure. */
  text: string;
  usage: LlmUsage | null;
  reportedModel: string | null;
  /** Why the model stopped, as the provider said (`length`: it hit max_tokens). */
  finishReason: string | null;
  status: 'ok' | 'error' | 'truncated';
  error: LlmError | null;
  latencyMs: number;
  ttftMs: number | null;
  attempts: number;
}

/** Runs the call to its end and never throws: a failure is part of the outcome. */
export async function runModelCall(llm: ResilientLlm, request: ModelCallRequest): Promise<ModelCallOutcome> {
  const started = performance.now();
  const call = llm.stream({ model: request.model, messages: request.messages, maxTokens: request.maxTokens, signal: request.signal });
  let text = '';
  let usage: LlmUsage | null = null;
  let reportedModel: string | null = null;
  let finishReason: string | null = null;
  let error: LlmError | null = null;
  try {
    for await (const event of call) {
      if (event.type === 'delta') {
        text += event.text;
        request.onDelta(event.text);
      } else if (event.type === 'usage') usage = event.usage;
      else if (event.type === 'finish') finishReason = event.reason;
      else reportedModel = event.model;
    }
  } catch (failure) {
    error = failure instanceof LlmError ? failure : new LlmError('unavailable', 'model call failed');
  }
  const status = error === null ? 'ok' : error.kind === 'aborted' ? 'truncated' : 'error';
  const latencyMs = Math.round(performance.now() - started);
  return { text, usage, reportedModel, finishReason, status, error, latencyMs, ttftMs: call.timeToFirstTokenMs, attempts: call.attempts };
}
