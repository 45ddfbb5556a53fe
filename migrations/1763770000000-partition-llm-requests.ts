import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * llm_requests' columns and checks as 1763769700000 made them, the same in both directions.
 * The checks are named: names PostgreSQL would choose must not clash with those of the table
 * being replaced, and would then differ from the entity's.
 */
const COLUMNS = `
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  session_id uuid,
  owner_id text NOT NULL,
  message_id uuid,
  provider text NOT NULL,
  model text NOT NULL,
  request_body jsonb NOT NULL DEFAULT '{}',
  response_body jsonb NOT NULL DEFAULT '{}',
  prompt_tokens integer NOT NULL CONSTRAINT llm_requests_prompt_tokens_check CHECK (prompt_tokens >= 0),
  completion_tokens integer NOT NULL CONSTRAINT llm_requests_completion_tokens_check CHECK (completion_tokens >= 0),
  total_tokens integer NOT NULL CONSTRAINT llm_requests_total_tokens_check CHECK (total_tokens >= 0),
  usage_source text NOT NULL CONSTRAINT llm_requests_usage_source_check CHECK (usage_source IN ('provider', 'counted')),
  unit_cost_prompt numeric CONSTRAINT llm_requests_unit_cost_prompt_check CHECK (unit_cost_prompt >= 0),
  unit_cost_completion numeric CONSTRAINT llm_requests_unit_cost_completion_check CHECK (unit_cost_completion >= 0),
  computed_cost numeric CONSTRAINT llm_requests_computed_cost_check CHECK (computed_cost >= 0),
  latency_ms integer NOT NULL CONSTRAINT llm_requests_latency_ms_check CHECK (latency_ms >= 0),
  ttft_ms integer CONSTRAINT llm_requests_ttft_ms_check CHECK (ttft_ms >= 0),
  attempts integer NOT NULL CONSTRAINT llm_requests_attempts_check CHECK (attempts >= 0),
  status text NOT NULL CONSTRAINT llm_requests_status_check CHECK (status IN ('ok', 'error', 'truncated')),
  error text,
  context_manifest jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT fk_llm_requests_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE SET NULL`;

const COLUMN_LIST = `id, session_id, owner_id, message_id, provider, model, request_body, response_body, prompt_tokens,
  completion_tokens, total_tokens, usage_source, unit_cost_prompt, unit_cost_completion, computed_cost, latency_ms,
  ttft_ms, attempts, status, error, context_manifest, created_at`;

const INDEXES = ['idx_llm_requests_session_created', 'idx_llm_requests_created', 'idx_llm_requests_owner_created'];

/**
 * llm_requests becomes a table partitioned by month of created_at (UTC), so that old months
 * are retired by dropping whole partitions (the ledger-partitions job), never by DELETE. The
 * primary key must hold the partition key: (id, created_at). Every existing row is copied:
 * one partition per month from the oldest row's month to two months ahead, and a DEFAULT
 * partition that takes any row no month partition covers, so an insert never fails for lack
 * of a partition. Partition names (`llm_requests_yYYYYmMM`) are the job's; TypeORM does not
 * model partitions and never sees them (its schema builder reads only the entities' tables).
 *
 * The copy runs in the migration's transaction: on a large table it takes as long as
 * rewriting it, with llm_requests locked meanwhile.
 */
export class PartitionLlmRequests1763770000000 implements MigrationInterface {
  name = 'PartitionLlmRequests1763770000000';

  async up(db: QueryRunner): Promise<void> {
    await setAside(db, 'llm_requests_unpartitioned');
    await db.query(`CREATE TABLE llm_requests (${COLUMNS}) PARTITION BY RANGE (created_at)`);
    await db.query(`
      DO $$
      DECLARE
        this_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
        oldest timestamp := date_trunc('month', (SELECT min(created_at) FROM llm_requests_unpartitioned) AT TIME ZONE 'UTC');
        month timestamp;
      BEGIN
        FOR month IN SELECT generate_series(least(oldest, this_month), this_month + interval '2 months', interval '1 month') LOOP
          EXECUTE format('CREATE TABLE %I PARTITION OF llm_requests FOR VALUES FROM (%L) TO (%L)',
            'llm_requests_' || to_char(month, '"y"YYYY"m"MM'), month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC');
        END LOOP;
      END $$`);
    await db.query(`CREATE TABLE llm_requests_default PARTITION OF llm_requests DEFAULT`);
    await db.query(`INSERT INTO llm_requests (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM llm_requests_unpartitioned`);
    await db.query(`DROP TABLE llm_requests_unpartitioned`);
    await db.query(`ALTER TABLE llm_requests ADD CONSTRAINT llm_requests_pkey PRIMARY KEY (id, created_at)`);
    await createIndexes(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await setAside(db, 'llm_requests_partitioned');
    await db.query(`CREATE TABLE llm_requests (${COLUMNS}, CONSTRAINT llm_requests_pkey PRIMARY KEY (id))`);
    await db.query(`INSERT INTO llm_requests (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM llm_requests_partitioned`);
    await db.query(`DROP TABLE llm_requests_partitioned`);
    await createIndexes(db);
  }
}

/** Renames the current table and frees the names its indexes hold, for the new table to take. */
async function setAside(db: QueryRunner, name: string): Promise<void> {
  await db.query(`ALTER TABLE llm_requests RENAME TO ${name}`);
  await db.query(`ALTER TABLE ${name} RENAME CONSTRAINT llm_requests_pkey TO ${name}_pkey`);
  for (const index of INDEXES) await db.query(`DROP INDEX ${index}`);
}

async function createIndexes(db: QueryRunner): Promise<void> {
  await db.query(`CREATE INDEX idx_llm_requests_session_created ON llm_requests (session_id, created_at)`);
  await db.query(`CREATE INDEX idx_llm_requests_created ON llm_requests (created_at)`);
  await db.query(`CREATE INDEX idx_llm_requests_owner_created ON llm_requests (owner_id, created_at)`);
}
