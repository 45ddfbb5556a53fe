import { ResponseField } from '@/common/http/api-properties';

/** What an erasure removed, by kind. */
export class ErasureReceiptDto {
  @ResponseField('The owner erased (`user:<sub>` or `visitor:<uuid>`)')
  ownerId: string;

  @ResponseField('Every owner id covered: the owner, the visitors a user claimed at logins, the visitors merged into it', { type: [String] })
  ownerIds: string[];

  @ResponseField('When', { format: 'date-time' })
  erasedAt: string;

  @ResponseField('Sessions deleted')
  sessions: number;

  @ResponseField('Messages deleted')
  messages: number;

  @ResponseField('Idempotency keys (and the responses kept under them) deleted')
  idempotencyKeys: number;

  @ResponseField('Profiles deleted')
  profiles: number;

  @ResponseField('Profile events deleted')
  profileEvents: number;

  @ResponseField('Email links deleted (either side)')
  emailLinks: number;

  @ResponseField('Profile merges deleted (either side)')
  merges: number;

  @ResponseField('Visitor records deleted (their cookies now start from nothing)')
  visitors: number;

  @ResponseField('Model calls kept for accounting without owner, session, message, prompts, replies, manifest or error')
  llmRequestsAnonymized: number;
}
