import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalIntQuery } from '@/common/http/api-properties';

export class ListSessionsQuery {
  @OptionalIntQuery('Sessions per page', 1, 100, 20)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
