import { ApiPropertyOptional } from '@nestjs/swagger';
import { ResponseField } from '@/common/http/api-properties';
import { ChatUsageDto } from './chat-response.dto';

/**
 * What Continuum tells about a message in a UI message's `metadata`: from the history
 * route, and merged from a stream's `start` and `finish` chunks.
 */
export class UiMessageMetadataDto {
  @ResponseField('The session', { format: 'uuid' })
  sessionId: string;

  @ApiPropertyOptional({ description: 'Position in the session (absent until a streamed reply is stored)' })
  seq?: number;

  @ApiPropertyOptional({ description: 'When it was stored', format: 'date-time' })
  createdAt?: string;

  @ApiPropertyOptional({ description: 'The model that wrote a reply' })
  model?: string;

  @ApiPropertyOptional({ description: "Why the model stopped, as the provider said (`length`: it hit the reply's token limit)" })
  finishReason?: string;

  @ApiPropertyOptional({ description: 'The reply was cut short (the client went away, or it was longer than MAX_CONTENT_CHARS)' })
  truncated?: boolean;

  @ApiPropertyOptional({ description: 'Producing the message failed: why' })
  error?: string;

  @ApiPropertyOptional({ description: 'The stored user message of a streamed turn', format: 'uuid' })
  userMessageId?: string;

  @ApiPropertyOptional({ description: 'Tokens and cost of a streamed turn', type: ChatUsageDto })
  usage?: ChatUsageDto;

  @ApiPropertyOptional({ description: 'Set when the turn was answered with less than usual, e.g. without history' })
  warning?: string;
}

/** A stored message in the AI SDK's UIMessage shape, ready for useChat's `messages`. */
export class UiMessageDto {
  @ResponseField('The stored message id', { format: 'uuid' })
  id: string;

  @ResponseField('`tool` messages are shown as the assistant’s', { enum: ['system', 'user', 'assistant'] })
  role: 'system' | 'user' | 'assistant';

  @ResponseField('`{type: "text", text, state: "done"}`; tool calls and results as `data-tool-calls` / `data-tool-result` parts', {
    type: 'array',
    items: { type: 'object' },
  })
  parts: UiMessagePart[];

  @ResponseField("Continuum's metadata (and the message's own, stored metadata)", { type: UiMessageMetadataDto })
  metadata: UiMessageMetadataDto & Record<string, unknown>;
}

export type UiMessagePart =
  | { type: 'text'; text: string; state: 'done' }
  | { type: 'data-tool-calls'; data: { toolCalls: unknown[] } }
  | { type: 'data-tool-result'; data: { toolCallId: string | null; content: string } };

/** UI messages oldest first, like the messages route. */
export class UiMessagePageDto {
  @ResponseField('Oldest first', { type: [UiMessageDto] })
  items: UiMessageDto[];

  @ResponseField('Pass as `before` for the next older page; null when there is none', { type: String, nullable: true })
  nextCursor: string | null;
}
