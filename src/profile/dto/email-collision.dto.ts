import { ResponseField } from '@/common/http/api-properties';

/** An email found in the profiles of two owners. */
export class EmailCollisionDto {
  @ResponseField('Link id', { format: 'uuid' })
  id: string;

  @ResponseField('The email (lower-case)')
  email: string;

  @ResponseField('The owner that got the email last (`user:<sub>` or `visitor:<uuid>`)')
  ownerId: string;

  @ResponseField('The owner that already had it')
  otherOwnerId: string;

  @ResponseField('The session the new value came from; null when it was set through PATCH', { type: String, nullable: true, format: 'uuid' })
  sessionId: string | null;

  @ResponseField('The session the other owner’s value came from, if any', { type: String, nullable: true, format: 'uuid' })
  otherSessionId: string | null;

  @ResponseField('When the collision was noticed', { format: 'date-time' })
  createdAt: Date;
}

export class EmailCollisionPageDto {
  @ResponseField('Newest first', { type: [EmailCollisionDto] })
  items: EmailCollisionDto[];

  @ResponseField('Pass as `cursor` for the next page; null on the last page', { type: String, nullable: true })
  nextCursor: string | null;
}
