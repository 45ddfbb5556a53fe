import { ResponseField } from '@/common/http/api-properties';
import { MESSAGE_ROLES, MessageRole } from '../message.entity';

export class MessageDto {
  @ResponseField('Message id', { format: 'uuid' })
  id: string;

  @ResponseField('The session it belongs to', { format: 'uuid' })
  sessionId: string;

  @ResponseField('Position in the session: 1, 2, 3, ... without gaps or duplicates')
  seq: number;

  @ResponseField('Who wrote it', { enum: MESSAGE_ROLES })
  role: MessageRole;

  @ResponseField('The text')
  content: string;

  @ResponseField('Client metadata (JSON object)', { type: 'object', additionalProperties: true })
  metadata: Record<string, unknown>;

  @ResponseField('Tools used', { type: 'array', items: {}, nullable: true })
  toolsUsed: unknown[] | null;

  @ResponseField('Tool calls (OpenAI format)', { type: 'array', items: { type: 'object' }, nullable: true })
  toolCalls: unknown[] | null;

  @ResponseField('The tool call this tool message answers', { type: String, nullable: true })
  toolCallId: string | null;

  @ResponseField('Tokens of the content', { type: Number, nullable: true })
  tokenCount: number | null;

  @ResponseField('How long producing it took (ms)', { type: Number, nullable: true })
  processingTimeMs: number | null;

  @ResponseField('True when producing it failed')
  hasError: boolean;

  @ResponseField('What failed', { type: String, nullable: true })
  errorMessage: string | null;

  @ResponseField('When it was stored', { format: 'date-time' })
  createdAt: Date;
}

/** Messages in chronological order. */
export class MessagePageDto {
  @ResponseField('Oldest first', { type: [MessageDto] })
  items: MessageDto[];

  @ResponseField('Without `after`: pass as `before` for the next older page. With `after`: pass as `after` for the next newer page. Null when there is none.', {
    type: String,
    nullable: true,
  })
  nextCursor: string | null;
}
