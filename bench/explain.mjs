// `npm run explain`: the PostgreSQL plan of every statement the service sends (the list of
// test/support/statement-catalogue.ts, DDL aside), on a scratch database migrated with the
// service's migrations and seeded with 10,000 sessions x 50 messages, 250,000 llm_requests over
// four months, 20,000 visitors, 20,000 idempotency keys and 2,000 chat leases (half expired). Writes bench/results/explain.md, the
// evidence behind docs/deployment.md. Needs the local PostgreSQL (127.0.0.1:5432, user postgres);
// creates and drops the database continuum_explain.
//
// Each statement's WHERE, ORDER BY and LIMIT are the service's (copied from the repositories and
// from what TypeORM sends, as captured by test/distribution.e2e-spec.ts); select lists are cut
// short, which changes no access path. Statements the service sends as named prepared statements
// (Database.query) are shown with the generic plan PostgreSQL settles on for them; statements
// TypeORM sends unnamed are planned with their values each time, so they get a custom plan.
// Writes are explained inside a transaction that is rolled back.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { STATEMENTS } from './explain-statements.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = process.env.EXPLAIN_SERVER ?? 'postgresql://postgres@127.0.0.1:5432';
const DB_NAME = 'continuum_explain';
const SESSIONS = Number(process.env.EXPLAIN_SESSIONS ?? 10_000);
const MESSAGES_PER_SESSION = 50;
const OWNERS = SESSIONS / 5;

const { dataSourceOptions } = await import(join(ROOT, 'dist/src/common/database/data-source-options.js'));

async function main() {
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  const url = `${SERVER}/${DB_NAME}`;
  const db = new pg.Client({ connectionString: url });
  try {
    await migrate(url);
    await db.connect();
    const started = Date.now();
    await seed(db);
    console.log(`seeded in ${Math.round((Date.now() - started) / 1000)} s`);
    const values = await sampleValues(db);
    const sections = [];
    for (const statement of STATEMENTS) sections.push(await explain(db, statement, values));
    const report = await render(db, sections);
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'explain.md'), report);
    console.log(`${sections.length} plans written to bench/results/explain.md`);
  } finally {
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.end();
  }
}

/** The service's own migrations, through the same DataSource options as `npm run migration:run`. */
async function migrate(url) {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

async function seed(db) {
  // Months of llm_requests back to three months ago, as the ledger-partitions job would have made them.
  await db.query(`DO $$ DECLARE m timestamp; BEGIN
    FOR m IN SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'UTC') - interval '3 months', date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month', interval '1 month') LOOP
      EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF llm_requests FOR VALUES FROM (%L) TO (%L)',
        'llm_requests_' || to_char(m, '"y"YYYY"m"MM'), m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC');
    END LOOP; END $$`);
  await db.query(
    `INSERT INTO sessions (owner_id, title, is_active, message_count, last_seq, created_at, last_activity_at)
     SELECT 'user:u' || (i % $2), 'conversation ' || i, i % 7 <> 0, $3, $3, now() - interval '40 days', now() - (i * 397 % 43200) * interval '1 minute'
     FROM generate_series(1, $1) i`,
    [SESSIONS, OWNERS, MESSAGES_PER_SESSION],
  );
  await db.query(
    `INSERT INTO messages (session_id, seq, role, content, token_count, created_at)
     SELECT s.id, g, CASE WHEN g % 2 = 1 THEN 'user' ELSE 'assistant' END, repeat('a few words of a message ', 4 + g % 16), 20 + g % 80,
            s.created_at + g * interval '1 minute'
     FROM sessions s CROSS JOIN generate_series(1, $1) g`,
    [MESSAGES_PER_SESSION],
  );
  await db.query(
    `INSERT INTO llm_requests (session_id, owner_id, provider, model, prompt_tokens, completion_tokens, total_tokens, usage_source,
                               unit_cost_prompt, unit_cost_completion, computed_cost, latency_ms, attempts, status, created_at)
     SELECT CASE WHEN g % 20 = 0 THEN NULL ELSE s.id END, s.owner_id, 'openai', CASE WHEN g % 3 = 0 THEN 'gpt-4o' ELSE 'gpt-4o-mini' END,
            900 + g, 120 + g, 1020 + 2 * g, 'provider', 0.15, 0.60, 0.0003, 800, 1, 'ok',
            now() - ((hashtext(s.id::text || g) & 2147483647) % (100 * 86400)) * interval '1 second'
     FROM sessions s CROSS JOIN generate_series(1, 25) g`,
  );
  await db.query(
    `INSERT INTO visitors (key_hash, last_seen_at) SELECT encode(sha256(i::text::bytea), 'hex'), now() - (i % 20160) * interval '1 minute'
     FROM generate_series(1, 20000) i`,
  );
  await db.query(
    `INSERT INTO idempotency_keys (owner_id, key, request_hash, session_id, response, created_at)
     SELECT s.owner_id, 'key-' || s.id || '-' || g, 'hash', s.id, '{}', now() - ((hashtext(s.id::text || g) & 2147483647) % 172800) * interval '1 second'
     FROM sessions s CROSS JOIN generate_series(1, 2) g`,
  );
  await db.query(
    `INSERT INTO chat_leases (session_id, holder, expires_at)
     SELECT id, gen_random_uuid(), now() + CASE WHEN row_number() OVER () % 2 = 0 THEN interval '1 minute' ELSE interval '-1 minute' END
     FROM sessions LIMIT 2000`,
  );
  await db.query(
    `INSERT INTO maintenance_runs (job, trigger, status, replica, started_at, finished_at)
     SELECT (ARRAY['session-cleanup', 'message-pruning', 'expired-records', 'ledger-partitions'])[1 + i % 4], 'schedule', 'ok', 'explain',
            now() - i * interval '6 hours', now() - i * interval '6 hours' + interval '1 minute'
     FROM generate_series(1, 1000) i`,
  );
  await db.query('VACUUM ANALYZE');
}

/** Real keys from the seeded data: a typical session and its owner, a visitor, an idempotency key. */
async function sampleValues(db) {
  const { rows: [session] } = await db.query(`SELECT id, owner_id FROM sessions WHERE is_active ORDER BY id OFFSET $1 LIMIT 1`, [Math.floor(SESSIONS / 2)]);
  const { rows: [cursor] } = await db.query(
    `SELECT to_char(last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, id FROM sessions WHERE owner_id = $1 ORDER BY last_activity_at DESC, id DESC OFFSET 1 LIMIT 1`,
    [session.owner_id],
  );
  const { rows: [key] } = await db.query(`SELECT key FROM idempotency_keys WHERE session_id = $1 LIMIT 1`, [session.id]);
  const { rows: [visitor] } = await db.query(`SELECT id, key_hash FROM visitors ORDER BY key_hash OFFSET 777 LIMIT 1`);
  const { rows: [lease] } = await db.query(`SELECT session_id, holder FROM chat_leases LIMIT 1`);
  const { rows: batch } = await db.query(`SELECT id, last_seq FROM sessions ORDER BY id LIMIT 500`);
  return { session, cursor, key: key.key, visitor, lease, batch };
}

async function explain(db, statement, values) {
  const params = statement.params(values);
  const mode = statement.prepared ? 'force_generic_plan' : 'force_custom_plan';
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL plan_cache_mode = ${mode}`);
    await db.query(`PREPARE explained AS ${statement.sql}`);
    const args = params.map((value) => literal(db, value)).join(', ');
    const { rows } = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE explained${args ? `(${args})` : ''}`);
    return { ...statement, plan: rows.map((row) => row['QUERY PLAN']).join('\n') };
  } finally {
    await db.query('ROLLBACK');
    await db.query('DEALLOCATE ALL');
  }
}

function literal(db, value) {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return db.escapeLiteral(`{${value.join(',')}}`);
  return db.escapeLiteral(String(value));
}

async function render(db, sections) {
  const { rows: [{ server_version: version }] } = await db.query('SHOW server_version');
  const { rows: counts } = await db.query(
    `SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM llm_requests) AS llm_requests,
            (SELECT count(*) FROM visitors) AS visitors, (SELECT count(*) FROM idempotency_keys) AS keys`,
  );
  const c = counts[0];
  const head = [
    '# Query plans (`npm run explain`)',
    '',
    `PostgreSQL ${version}; ${c.sessions} sessions (${OWNERS} owners), ${c.messages} messages, ${c.llm_requests} llm_requests (monthly partitions), ` +
      `${c.visitors} visitors, ${c.keys} idempotency keys; after VACUUM ANALYZE. EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF): actual rows, no timings. ` +
      'Generic plan: sent as a named prepared statement (what PostgreSQL settles on after five runs); custom: sent unnamed by TypeORM, planned with its values. ' +
      'Placement: where the statement would run on Citus (docs/deployment.md).',
    '',
  ];
  const body = sections.flatMap((s) => [
    `## ${s.name} (${s.placement}; ${s.prepared ? 'generic' : 'custom'} plan)`,
    '',
    s.route,
    '',
    '```sql',
    s.sql.replace(/\s+/g, ' ').trim(),
    '```',
    '```',
    s.plan,
    '```',
    '',
  ]);
  return [...head, ...body].join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
