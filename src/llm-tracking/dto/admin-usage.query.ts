import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { USAGE_GROUPINGS, UsageGrouping } from '../llm-request.repository';

export const USAGE_FORMATS = ['json', 'csv'] as const;
export type UsageFormat = (typeof USAGE_FORMATS)[number];

export class AdminUsageQuery {
  @ApiPropertyOptional({
    description: 'Start (included): a date (00:00 UTC of that day) or a date-time (UTC unless it has an offset). Default: 30 days before `to`.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({
    description: 'End: a date includes that whole UTC day; a date-time is excluded. Default: now.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date or date-time' })
  to?: string;

  @ApiPropertyOptional({ description: 'One row per model, UTC day or owner', enum: USAGE_GROUPINGS, default: 'model' })
  @IsOptional()
  @IsIn(USAGE_GROUPINGS)
  groupBy?: UsageGrouping;

  @ApiPropertyOptional({ description: 'json, or csv (text/csv with a header line)', enum: USAGE_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(USAGE_FORMATS)
  format?: UsageFormat;
}
