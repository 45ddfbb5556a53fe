import { OptionalIntQuery, PageCursorQuery } from '@/common/http/api-properties';

export class ListSessionsQuery {
  @OptionalIntQuery('Sessions per page', 1, 100, 20)
  limit?: number;

  @PageCursorQuery()
  cursor?: string;
}
