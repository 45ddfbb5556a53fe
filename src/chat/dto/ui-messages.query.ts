import { OptionalIntQuery } from '@/common/http/api-properties';
import { DEFAULT_MESSAGE_PAGE, MAX_MESSAGE_PAGE } from '@/message/dto/list-messages.query';

export class UiMessagesQuery {
  @OptionalIntQuery('Messages per page', 1, MAX_MESSAGE_PAGE, DEFAULT_MESSAGE_PAGE)
  limit?: number;

  @OptionalIntQuery('Only messages older than this seq (a nextCursor)', 1, 2_147_483_647)
  before?: number;
}
