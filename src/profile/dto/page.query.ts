import { OptionalIntQuery, PageCursorQuery } from '@/common/http/api-properties';

/** `limit` and `cursor` of a newest-first keyset page. */
export class PageQuery {
  @OptionalIntQuery('Items per page', 1, 200, 50)
  limit?: number;

  @PageCursorQuery()
  cursor?: string;
}
