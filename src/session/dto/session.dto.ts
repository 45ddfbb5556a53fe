import { ResponseField } from '@/common/http/api-properties';

/** A conversation as the API shows it. */
export class SessionDto {
  @ResponseField('Session id', { format: 'uuid' })
  id: string;

  @ResponseField('Title shown in the frontend, if any', { type: String, nullable: true })
  title: string | null;

  @ResponseField('Application context for this conversation (JSON object)', { type: 'object', additionalProperties: true })
  contextData: Record<string, unknown>;

  @ResponseField('Free-form metadata (JSON object)', { type: 'object', additionalProperties: true })
  metadata: Record<string, unknown>;

  @ResponseField('False once the conversation was closed')
  isActive: boolean;

  @ResponseField('Messages currently kept (at most MAX_MESSAGES_PER_SESSION)')
  messageCount: number;

  @ResponseField('When the session was created', { format: 'date-time' })
  createdAt: Date;

  @ResponseField('Last append or update (reads refresh it at most once a minute)', { format: 'date-time' })
  lastActivityAt: Date;
}

/** One page of sessions, most recently active first. */
export class SessionPageDto {
  @ResponseField('The sessions of this page', { type: [SessionDto] })
  items: SessionDto[];

  @ResponseField('Pass as `cursor` for the next page; null on the last page', { type: String, nullable: true })
  nextCursor: string | null;
}
