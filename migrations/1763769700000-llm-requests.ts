import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * llm_requests: one row per model call, with its sanitized request, token usage and cost
 * (DESIGN.md, data model). message_id has no foreign key: the cap prunes messages, and
 * the record of what a call cost must outlive them.
 */
export class LlmRequests1763769700000 implements MigrationInterface {
  name = 'LlmRequests1763769700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE llm_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid,
        owner_id text NOT NULL,
        message_id uuid,
        provider text NOT NULL,
        model text NOT NULL,
        request_body jsonb NOT NULL DEFAULT '{}',
        response_body jsonb NOT NULL DEFAULT '{}',
        prompt_tokens integer NOT NULL CHECK (prompt_tokens >= 0),
        completion_tokens integer NOT NULL CHECK (completion_tokens >= 0),
        total_tokens integer NOT NULL CHECK (total_tokens >= 0),
        usage_source text NOT NULL CHECK (usage_source IN ('provider', 'counted')),
        unit_cost_prompt numeric CHECK (unit_cost_prompt >= 0),
        unit_cost_completion numeric CHECK (unit_cost_completion >= 0),
        computed_cost numeric CHECK (computed_cost >= 0),
        latency_ms integer NOT NULL CHECK (latency_ms >= 0),
        ttft_ms integer CHECK (ttft_ms >= 0),
        attempts integer NOT NULL CHECK (attempts >= 0),
        status text NOT NULL CHECK (status IN ('ok', 'error', 'truncated')),
        error text,
        context_manifest jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_llm_requests_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE INDEX idx_llm_requests_session_created ON llm_requests (session_id, created_at)`);
    await db.query(`CREATE INDEX idx_llm_requests_created ON llm_requests (created_at)`);
    await db.query(`CREATE INDEX idx_llm_requests_owner_created ON llm_requests (owner_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE llm_requests`);
  }
}
