import { ApiPropertyOptional } from '@nestjs/swagger';
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
  @ResponseField('The session of this turn (null only when the database was unreachable and no session was named)', {
    type: String,
    format: 'uuid',
    nullable: true,
  })
  sessionId: string | null;

  @ResponseField("The model's reply")
  reply: string;

  @ResponseField("The stored user message (null when the database was unreachable)", { type: MessageDto, nullable: true })
  userMessage: MessageDto | null;

  @ResponseField('The stored assistant message (null when the database was unreachable)', { type: MessageDto, nullable: true })
  assistantMessage: MessageDto | null;

  @ResponseField('Tokens and cost of the model call')
  usage: ChatUsageDto;

  @ApiPropertyOptional({ description: 'Set when the turn was answered with less than usual, e.g. without history' })
  warning?: string;
}
