import { ResponseField } from '@/common/http/api-properties';
import { MessageDto } from '@/message/dto/message.dto';

export class ChatUsageDto {
  @ResponseField('The model that answered')
  model: string;

  @ResponseField('Prompt tokens')
  promptTokens: number;

  @ResponseField('Completion tokens')
  completionTokens: number;

  @ResponseField('promptTokens + completionTokens')
  totalTokens: number;

  @ResponseField('`provider` when the provider reported the tokens, `counted` when Continuum counted them', { enum: ['provider', 'counted'] })
  source: 'provider' | 'counted';

  @ResponseField('Cost in USD as an exact decimal string; null for a model without a price', { type: String, nullable: true })
  cost: string | null;

  @ResponseField('From the start of the model call to its last token (ms)')
  latencyMs: number;

  @ResponseField('From the start of the model call to its first token (ms)', { type: Number, nullable: true })
  timeToFirstTokenMs: number | null;
}

export class ChatResponseDto {
  @ResponseField('The session of this turn', { type: String, format: 'uuid' })
  sessionId: string;

  @ResponseField("The model's reply")
  reply: string;

  @ResponseField('The stored user message', { type: MessageDto })
  userMessage: MessageDto;

  @ResponseField('The stored assistant message', { type: MessageDto })
  assistantMessage: MessageDto;

  @ResponseField('Tokens and cost of the model call')
  usage: ChatUsageDto;
}
