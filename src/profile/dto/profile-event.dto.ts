import { ResponseField } from '@/common/http/api-properties';
import { CHANGE_SOURCES, ChangeSource } from '../profile-event.entity';

const VALUE = { nullable: true, oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

/** One change of one profile field. */
export class ProfileEventDto {
  @ResponseField('Event id', { format: 'uuid' })
  id: string;

  @ResponseField('The field, as GET /v1/profile names it (`email`, `preferences.language`, ...)')
  field: string;

  @ResponseField('The value before (null: none; a list for products and services)', VALUE)
  oldValue: string | string[] | null;

  @ResponseField('The value after (null: cleared)', VALUE)
  newValue: string | string[] | null;

  @ResponseField('extracted from a message, manual (PATCH), merge (a login or an admin merge) or revert (of a merge)', { enum: CHANGE_SOURCES })
  source: ChangeSource;

  @ResponseField('The session of the message, for extracted changes', { type: String, nullable: true, format: 'uuid' })
  sessionId: string | null;

  @ResponseField('The message, for extracted changes', { type: String, nullable: true, format: 'uuid' })
  messageId: string | null;

  @ResponseField('When', { format: 'date-time' })
  createdAt: Date;
}

export class ProfileEventPageDto {
  @ResponseField('Newest first', { type: [ProfileEventDto] })
  items: ProfileEventDto[];

  @ResponseField('Pass as `cursor` for the next (older) page; null on the last page', { type: String, nullable: true })
  nextCursor: string | null;
}
