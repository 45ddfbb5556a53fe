import { ResponseField } from '@/common/http/api-properties';
import { USAGE_GROUPINGS, UsageGrouping } from '../llm-request.repository';
import { UsageTotalsDto } from './usage.dto';

/** One group of an admin usage report. */
export class UsageRowDto extends UsageTotalsDto {
  @ResponseField('The model name, the UTC day (YYYY-MM-DD) or the owner id (`user:<sub>`, `visitor:<uuid>`), per groupBy')
  key: string;
}

/** Usage of every model call made in [from, to), grouped. */
export class AdminUsageDto {
  @ResponseField('Start of the period, included', { format: 'date-time' })
  from: string;

  @ResponseField('End of the period, excluded', { format: 'date-time' })
  to: string;

  @ResponseField('How rows are grouped', { enum: USAGE_GROUPINGS })
  groupBy: UsageGrouping;

  @ResponseField('One row per group, ordered by key', { type: [UsageRowDto] })
  rows: UsageRowDto[];
}
