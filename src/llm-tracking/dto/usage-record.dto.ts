import { ResponseField } from '@/common/http/api-properties';

/** One model call of the caller's, as a data-access export shows it. */
export class UsageRecordDto {
  @ResponseField('Call id', { format: 'uuid' })
  id: string;

  @ResponseField('The session (null once it was deleted)', { type: String, nullable: true, format: 'uuid' })
  sessionId: string | null;

  @ResponseField('The assistant message it produced', { type: String, nullable: true, format: 'uuid' })
  messageId: string | null;

  @ResponseField('Provider name')
  provider: string;

  @ResponseField('Model name as sent')
  model: string;

  @ResponseField('The request as sent, sanitized (no keys or auth headers; long strings cut): the caller’s own prompts', { type: 'object', additionalProperties: true })
  requestBody: unknown;

  @ResponseField('Response metadata (never the generated text: that is the assistant message)', { type: 'object', additionalProperties: true })
  responseBody: Record<string, unknown>;

  @ResponseField('Prompt tokens')
  promptTokens: number;

  @ResponseField('Completion tokens')
  completionTokens: number;

  @ResponseField('Prompt plus completion tokens')
  totalTokens: number;

  @ResponseField('USD, exact decimal string; null for a model without a price', { type: String, nullable: true })
  cost: string | null;

  @ResponseField('ok, error or truncated')
  status: string;

  @ResponseField('What failed', { type: String, nullable: true })
  error: string | null;

  @ResponseField('Latency in ms')
  latencyMs: number;

  @ResponseField('What went into the prompt: message ids, memory items, tokens per tier', { type: 'object', additionalProperties: true })
  contextManifest: Record<string, unknown>;

  @ResponseField('When', { format: 'date-time' })
  createdAt: Date;
}
