import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalIntQuery } from '@/common/http/api-properties';

/** `limit` and `cursor` of a newest-first keyset page. */
export class PageQuery {
  @OptionalIntQuery('Items per page', 1, 200, 50)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
