import { OptionalIntQuery } from '@/common/http/api-properties';

export const DEFAULT_MESSAGE_PAGE = 50;
export const MAX_MESSAGE_PAGE = 200;

export class ListMessagesQuery {
  @OptionalIntQuery('Messages per page', 1, MAX_MESSAGE_PAGE, DEFAULT_MESSAGE_PAGE)
  limit?: number;

  @OptionalIntQuery('Only messages older than this seq (a nextCursor)', 1, 2_147_483_647)
  before?: number;

  @OptionalIntQuery('Only messages newer than this seq, oldest first (for polling)', 0, 2_147_483_647)
  after?: number;
}
