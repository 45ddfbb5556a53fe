import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OptionalIntQuery, PageCursorQuery } from '@/common/http/api-properties';
import { JOB_NAMES, JobName } from '../maintenance-job';

export class ListRunsQuery {
  @ApiPropertyOptional({ description: "Only this job's runs", enum: JOB_NAMES })
  @IsOptional()
  @IsIn(JOB_NAMES)
  job?: JobName;

  @OptionalIntQuery('Runs per page', 1, 100, 20)
  limit?: number;

  @PageCursorQuery()
  cursor?: string;
}
