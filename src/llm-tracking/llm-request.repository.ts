import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';
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
  model: 'model',
  day: `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  owner: 'owner_id',
};

/** A group's cost is null when none of its calls had a price (sum over nothing but nulls). */
const AGGREGATES = `count(*)::int AS requests,
  coalesce(sum(prompt_tokens), 0)::bigint AS "promptTokens",
  coalesce(sum(completion_tokens), 0)::bigint AS "completionTokens",
  coalesce(sum(total_tokens), 0)::bigint AS "totalTokens",
  sum(computed_cost)::text AS cost,
  (count(*) FILTER (WHERE computed_cost IS NULL))::int AS "unpricedRequests"`;

@Injectable()
export class LlmRequestRepository {
  constructor(private readonly db: Database) {}

  async insert(row: NewLlmRequest): Promise<string> {
    const inserted = await this.db.first<{ id: string }>(
      `INSERT INTO llm_requests (session_id, owner_id, message_id, provider, model, request_body, response_body,
         prompt_tokens, completion_tokens, total_tokens, usage_source, unit_cost_prompt, unit_cost_completion,
         computed_cost, latency_ms, ttft_ms, attempts, status, error, context_manifest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::int, $9::int, $8::int + $9::int, $10, $11::numeric, $12::numeric,
         $13::numeric, $14, $15, $16, $17, $18, $19)
       RETURNING id`,
      [
        row.sessionId, row.ownerId, row.messageId, row.provider, row.model, JSON.stringify(row.requestBody),
        JSON.stringify(row.responseBody), row.promptTokens, row.completionTokens, row.usageSource,
        row.unitCostPrompt, row.unitCostCompletion, row.computedCost, row.latencyMs, row.ttftMs,
        row.attempts, row.status, row.error, JSON.stringify(row.contextManifest),
      ],
    );
    return inserted!.id;
  }

  /** The owner's total cost since 00:00 UTC today, as numeric text. */
  async sumOwnerCostSinceUtcMidnight(ownerId: string): Promise<string> {
    const row = await this.db.first<{ cost: string }>(
      `SELECT coalesce(sum(computed_cost), 0)::text AS cost FROM llm_requests
       WHERE owner_id = $1 AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
      [ownerId],
    );
    return row!.cost;
  }

  /** The session's usage per model, plus one totals row whose key is null (always present). */
  sessionUsageByModel(sessionId: string): Promise<UsageAggregateRow[]> {
    return this.db.rows(
      `SELECT model AS key, ${AGGREGATES} FROM llm_requests WHERE session_id = $1
       GROUP BY GROUPING SETS ((model), ()) ORDER BY grouping(model), model`,
      [sessionId],
    );
  }

  /** Usage of calls made in [from, to), one row per model, UTC day or owner. */
  usageGroupedBy(grouping: UsageGrouping, from: Date, to: Date): Promise<UsageAggregateRow[]> {
    const key = GROUP_KEYS[grouping];
    return this.db.rows(
      `SELECT ${key} AS key, ${AGGREGATES} FROM llm_requests WHERE created_at >= $1 AND created_at < $2
       GROUP BY 1 ORDER BY 1`,
      [from, to],
    );
  }
}
