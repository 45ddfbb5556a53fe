/**
 * The one thing Continuum needs from a model: given a prompt, stream text back and say
 * how many tokens it took. Implementations speak the OpenAI chat-completions wire format
 * (OpenAI, OpenRouter, Ollama, vLLM, llama.cpp) or answer offline for development.
 */
export interface LlmMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Assistant tool calls, OpenAI format, passed through as stored. */
  tool_calls?: unknown[];
  /** For role tool: the call it answers. */
  tool_call_id?: string;
}

export interface LlmRequest {
  model: string;
  messages: LlmMessage[];
  /** Upper bound for the reply, from the token budget's reserve. */
  maxTokens?: number;
  /** Aborts the call (client gone, timeout). */
  signal: AbortSignal;
}

/** Token counts as the provider reported them. */
export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export type LlmEvent =
  | { type: 'delta'; text: string }
  /** Sent at most once, usually last; a provider that reports no usage never sends it. */
  | { type: 'usage'; usage: LlmUsage }
  /** The model the provider says answered, when it reports one. */
  | { type: 'model'; model: string }
  /** Why the model stopped (`stop`, `length`, `tool_calls`, ...), when the provider says. */
  | { type: 'finish'; reason: string };

export interface LlmProvider {
  /** `openai` or `offline`: recorded with every call. */
  readonly name: string;
  /**
   * One attempt, no retries: the events of one completion. Throws LlmError on failure,
   * before or during the stream.
   */
  stream(request: LlmRequest): AsyncIterable<LlmEvent>;
}

export const LLM_PROVIDER = Symbol('LLM_PROVIDER');
