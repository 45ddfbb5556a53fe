import { Injectable } from '@nestjs/common';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { columnValues, Database } from '@/common/database/database';
import { LlmRequestEntity } from './llm-request.entity';
import { LlmCallRecord } from './llm-call';

/** One call as stored: the chat module's record, sanitized, with the prices and cost it came to. */
export interface NewLlmRequest extends Omit<LlmCallRecord, 'responseMeta' | 'contextManifest'> {
  contextManifest: unknown;
  responseBody: unknown;
  unitCostPrompt: string | null;
  unitCostCompletion: string | null;
  computedCost: string | null;
}

/** Aggregates as PostgreSQL returns them: bigint sums and the numeric cost as text. */
export interface UsageAggregateRow {
  key: string | null;
  requests: number;
  promptTokens: string;
  completionTokens: string;
  totalTokens: string;
  cost: string | null;
  unpricedRequests: number;
}

export const USAGE_GROUPINGS = ['model', 'day', 'owner'] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];

const GROUP_KEYS: Record<UsageGrouping, string> = {
  model: 'r.model',
  day: `to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  owner: 'r.owner_id',
};

@Injectable()
export class LlmRequestRepository {
  constructor(private readonly db: Database) {}

  private get requests(): Repository<LlmRequestEntity> {
    return this.db.repository(LlmRequestEntity);
  }

  async insert(row: NewLlmRequest): Promise<string> {
    const { identifiers } = await this.requests.insert(columnValues<LlmRequestEntity>({ ...row, totalTokens: row.promptTokens + row.completionTokens }));
    return identifiers[0].id as string;
  }

  /** The owner's total cost since 00:00 UTC today, as numeric text. */
  async sumOwnerCostSinceUtcMidnight(ownerId: string): Promise<string> {
    const row = await this.requests
      .createQueryBuilder('r')
      .select('coalesce(sum(r.computed_cost), 0)::text', 'cost')
      .where({ ownerId })
      .andWhere(`r.created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`)
      .getRawOne<{ cost: string }>();
    return row!.cost;
  }

  /** The session's usage per model, plus one totals row whose key is null (always present). */
  sessionUsageByModel(sessionId: string): Promise<UsageAggregateRow[]> {
    return this.aggregate('r.model')
      .where({ sessionId })
      .groupBy('GROUPING SETS ((r.model), ())')
      .orderBy('grouping(r.model)')
      .addOrderBy('r.model')
      .getRawMany<UsageAggregateRow>();
  }

  /** Usage of calls made in [from, to), one row per model, UTC day or owner. */
  usageGroupedBy(grouping: UsageGrouping, from: Date, to: Date): Promise<UsageAggregateRow[]> {
    return this.aggregate(GROUP_KEYS[grouping])
      .where('r.created_at >= :from AND r.created_at < :to', { from, to })
      .groupBy('1')
      .orderBy('1')
      .getRawMany<UsageAggregateRow>();
  }

  /**
   * Erasure: the calls of these owners or sessions keep their tokens and cost for accounting,
   * and lose everything that says whose they were or what was said.
   */
  async anonymize(ownerIds: string[], sessionIds: string[], anonymousOwner: string): Promise<number> {
    const { affected } = await this.requests
      .createQueryBuilder()
      .update()
      .set(columnValues<LlmRequestEntity>({ ownerId: anonymousOwner, sessionId: null, messageId: null, requestBody: {}, responseBody: {}, contextManifest: {}, error: null }))
      .where('owner_id = ANY(:ownerIds) OR session_id = ANY(:sessionIds)', { ownerIds, sessionIds })
      .execute();
    return affected ?? 0;
  }

  /** The owners' calls, oldest first, after `after`: an export's batches. */
  async listOldestFirst(ownerIds: string[], after: { at: string; id: string } | null, limit: number): Promise<(LlmRequestEntity & { position: string })[]> {
    // Raw SQL: the row-value keyset and the microsecond cursor text are beyond find().
    const { rows } = await this.db.query<LlmRequestEntity & { position: string }>(
      `SELECT ${this.db.selectList(LlmRequestEntity)}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "position"
       FROM llm_requests WHERE owner_id = ANY($1::text[]) AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
       ORDER BY created_at, id LIMIT $2`,
      [ownerIds, limit, after?.at ?? null, after?.id ?? null],
    );
    return rows;
  }

  /** A group's cost is null when none of its calls had a price (sum over nothing but nulls). */
  private aggregate(key: string): SelectQueryBuilder<LlmRequestEntity> {
    return this.requests
      .createQueryBuilder('r')
      .select(key, 'key')
      .addSelect('count(*)::int', 'requests')
      .addSelect('coalesce(sum(r.prompt_tokens), 0)::bigint', 'promptTokens')
      .addSelect('coalesce(sum(r.completion_tokens), 0)::bigint', 'completionTokens')
      .addSelect('coalesce(sum(r.total_tokens), 0)::bigint', 'totalTokens')
      .addSelect('sum(r.computed_cost)::text', 'cost')
      .addSelect('(count(*) FILTER (WHERE r.computed_cost IS NULL))::int', 'unpricedRequests');
  }
}
