import { ApiPropertyOptional } from '@nestjs/swagger';
import { ResponseField } from '@/common/http/api-properties';
import { MESSAGE_ROLES, MessageRole } from '@/message/message.entity';

export class ContextMessageDto {
  @ResponseField('Who speaks', { enum: MESSAGE_ROLES })
  role: MessageRole;

  @ResponseField('The text (shortened with a marker if it alone exceeded the budget)')
  content: string;

  @ApiPropertyOptional({ description: 'Tool calls of an assistant message', type: 'array', items: { type: 'object' } })
  toolCalls?: unknown[];

  @ApiPropertyOptional({ description: 'The call a tool message answers' })
  toolCallId?: string;

  @ApiPropertyOptional({ description: 'The stored message (absent for system prompt and memory)', format: 'uuid' })
  messageId?: string;

  @ApiPropertyOptional({ description: 'Its seq in the session' })
  seq?: number;
}

export class TierUseDto {
  @ResponseField('Tokens this tier may use')
  allocated: number;

  @ResponseField('Tokens it used (history may use what the other tiers left)')
  used: number;
}

export class ReserveDto {
  @ResponseField('Tokens kept free for the reply')
  allocated: number;
}

export class ContextTiersDto {
  @ResponseField('System prompt')
  system: TierUseDto;

  @ResponseField('Memory (what is known about the user)')
  memory: TierUseDto;

  @ResponseField('Conversation history')
  history: TierUseDto;

  @ResponseField('Reply reserve')
  reserve: ReserveDto;
}

export class ContextDto {
  @ResponseField('The model the context was counted for')
  model: string;

  @ResponseField('Its tokenizer', { enum: ['o200k_base', 'cl100k_base'] })
  encoding: string;

  @ResponseField('The total budget')
  budget: number;

  @ResponseField('Tokens of everything below, including the reply priming; never more than budget - reserve')
  totalTokens: number;

  @ResponseField('Tokens per tier')
  tiers: ContextTiersDto;

  @ResponseField('The messages to send, in order', { type: [ContextMessageDto] })
  messages: ContextMessageDto[];

  @ResponseField('Which stored messages and memory items went in', { type: 'object', additionalProperties: true })
  manifest: Record<string, unknown>;
}
