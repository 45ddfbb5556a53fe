import { LlmCallStatus, UsageSource } from './llm-request.entity';

export type { LlmCallStatus, UsageSource };

/** One model call as the chat module hands it over, stored by `LlmTrackingService.record`. */
export interface LlmCallRecord {
  sessionId: string;
  /** The session's owner at call time (`user:<sub>` or `visitor:<uuid>`): per-owner reports and the daily cap. */
  ownerId: string;
  /** The assistant message the call produced, if one was stored. */
  messageId: string | null;
  /** `openai`, `offline`, ...: the provider's name. */
  provider: string;
  model: string;
  /** The request as sent, raw: it is sanitized (no keys or auth headers, long strings cut) before it is stored. */
  requestBody: unknown;
  /** Response metadata only (provider id, finish reason, model reported, ...), never the generated text. */
  responseMeta: Record<string, unknown>;
  promptTokens: number;
  completionTokens: number;
  /** `provider` when the provider reported the usage, `counted` when Continuum counted the tokens itself. */
  usageSource: UsageSource;
  latencyMs: number;
  /** Time to the first token; null when none arrived. */
  ttftMs: number | null;
  /** Attempts made, retries included. */
  attempts: number;
  status: LlmCallStatus;
  error: string | null;
  /** What went into the prompt: message ids and seq range, memory items, tokens per tier. */
  contextManifest: Record<string, unknown>;
}

/** What `record` stored: the row id, the exact cost and the prices it used. */
export interface RecordedCall {
  id: string;
  /** USD as a decimal string (exact), or null when the model has no price. */
  cost: string | null;
  /** USD per million prompt tokens used for `cost`, as a decimal string; null when unpriced. */
  unitCostPrompt: string | null;
  /** USD per million completion tokens used for `cost`, as a decimal string; null when unpriced. */
  unitCostCompletion: string | null;
}
