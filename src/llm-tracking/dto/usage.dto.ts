import { ResponseField } from '@/common/http/api-properties';

/** Tokens and cost of a set of model calls. */
export class UsageTotalsDto {
  @ResponseField('Model calls recorded', { type: 'integer' })
  requests: number;

  @ResponseField('Prompt (input) tokens', { type: 'integer' })
  promptTokens: number;

  @ResponseField('Completion (output) tokens', { type: 'integer' })
  completionTokens: number;

  @ResponseField('Prompt plus completion tokens', { type: 'integer' })
  totalTokens: number;

  @ResponseField(
    'USD as an exact decimal string: the sum of the calls that had a price. Null when there were calls and none had a price; ' +
      'calls of a model without a price are left out and counted in unpricedRequests.',
    { type: String, nullable: true, example: '0.0005253' },
  )
  cost: string | null;

  @ResponseField('Calls of a model without a price: their tokens are counted, their cost is not in `cost`', { type: 'integer' })
  unpricedRequests: number;
}

/** One model's share of a session's usage. */
export class ModelUsageDto extends UsageTotalsDto {
  @ResponseField('Model name as sent to the provider')
  model: string;
}

/** What a session's model calls used and cost. */
export class SessionUsageDto {
  @ResponseField('Session id', { format: 'uuid' })
  sessionId: string;

  @ResponseField('All calls of the session', { type: UsageTotalsDto })
  totals: UsageTotalsDto;

  @ResponseField('Per model, by model name', { type: [ModelUsageDto] })
  byModel: ModelUsageDto[];
}
