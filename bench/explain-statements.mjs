// The statements bench/explain.mjs explains: the service's WHERE, ORDER BY and LIMIT (from the
// repositories, and from what TypeORM sends as test/distribution.e2e-spec.ts captures it), with
// select lists cut short. `prepared`: sent by Database.query as a named prepared statement.
// `placement`: where it would run on Citus (test/support/statement-catalogue.ts).
const SESSION = `id, owner_id, title, message_count, last_seq, last_activity_at`;
const MESSAGE = `id, session_id, seq, role, content, metadata, token_count, created_at`;
const TYPEORM_SESSION = `"SessionEntity"."id", "SessionEntity"."title", "SessionEntity"."last_seq"`;
const TYPEORM_MESSAGE = `"MessageEntity"."id", "MessageEntity"."seq", "MessageEntity"."content"`;
const USAGE = `count(*)::int AS "requests", coalesce(sum("r"."total_tokens"), 0)::bigint AS "totalTokens", sum("r"."computed_cost")::text AS "cost"`;
const NO_SEQ_LIMIT = 2_147_483_647;
const CAP = 200;

const s = (v) => v.session;

export const STATEMENTS = [
  // sessions by id
  { name: 'session.findOwned', route: 'every route on one session (GET/PATCH/DELETE, messages, context, chat)', placement: 'session', prepared: true,
    sql: `SELECT ${SESSION} FROM sessions WHERE id = $1 AND owner_id = $2`, params: (v) => [s(v).id, s(v).owner_id] },
  { name: 'session.reserveNextSeq', route: 'POST /v1/sessions/:id/messages, each chat turn (twice)', placement: 'session', prepared: true,
    sql: `UPDATE sessions SET last_seq = last_seq + 1, message_count = LEAST(message_count + 1, $3), last_activity_at = now() WHERE id = $1 AND owner_id = $2 RETURNING last_seq AS seq, message_count AS "messageCount"`,
    params: (v) => [s(v).id, s(v).owner_id, CAP] },
  { name: 'session.lockOwned', route: 'an append with Idempotency-Key', placement: 'session', prepared: false,
    sql: `SELECT ${TYPEORM_SESSION} FROM "sessions" "SessionEntity" WHERE (("SessionEntity"."id" = $1) AND ("SessionEntity"."owner_id" = $2)) LIMIT 1 FOR UPDATE`,
    params: (v) => [s(v).id, s(v).owner_id] },
  { name: 'session.touchIfStale', route: 'reads of a session idle for over a minute', placement: 'session', prepared: false,
    sql: `UPDATE "sessions" SET "last_activity_at" = now() WHERE "id" = $1 AND "last_activity_at" < now() - make_interval(secs => $2)`, params: (v) => [s(v).id, 60] },
  { name: 'session.update', route: 'PATCH /v1/sessions/:id', placement: 'session', prepared: false,
    sql: `UPDATE "sessions" SET "title" = $1, "last_activity_at" = now() WHERE ("id" = $2 AND "owner_id" = $3) RETURNING "id"`, params: (v) => ['renamed', s(v).id, s(v).owner_id] },
  { name: 'session.deleteOwned', route: 'DELETE /v1/sessions/:id (messages, keys, lease by ON DELETE CASCADE)', placement: 'session', prepared: false,
    sql: `DELETE FROM "sessions" WHERE ("id" = $1 AND "owner_id" = $2)`, params: (v) => [s(v).id, s(v).owner_id] },
  { name: 'session.create', route: 'POST /v1/sessions, GET /v1/sessions/current without one', placement: 'session', prepared: false,
    sql: `INSERT INTO "sessions"("id", "owner_id", "title") VALUES (DEFAULT, $1, $2) RETURNING "id"`, params: (v) => [s(v).owner_id, 'new'] },
  // sessions by owner
  { name: 'session.listByOwner', route: 'GET /v1/sessions (first page)', placement: 'fan-out', prepared: true,
    sql: `SELECT ${SESSION} FROM sessions WHERE owner_id = $1 ORDER BY last_activity_at DESC, id DESC LIMIT $2`, params: (v) => [s(v).owner_id, 21] },
  { name: 'session.listByOwner (next page)', route: 'GET /v1/sessions?cursor=', placement: 'fan-out', prepared: true,
    sql: `SELECT ${SESSION} FROM sessions WHERE owner_id = $1 AND (last_activity_at, id) < ($3::timestamptz, $4::uuid) ORDER BY last_activity_at DESC, id DESC LIMIT $2`,
    params: (v) => [s(v).owner_id, 21, v.cursor.at, v.cursor.id] },
  { name: 'session.findMostRecentlyActive', route: 'GET /v1/sessions/current, a chat turn without sessionId', placement: 'fan-out', prepared: false,
    sql: `SELECT ${TYPEORM_SESSION} FROM "sessions" "SessionEntity" WHERE (("SessionEntity"."owner_id" = $1) AND ("SessionEntity"."is_active" = $2)) ORDER BY "SessionEntity"."last_activity_at" DESC, "SessionEntity"."id" DESC LIMIT 1`,
    params: (v) => [s(v).owner_id, true] },
  { name: 'session.transferOwner', route: 'a login that claims a visitor', placement: 'fan-out', prepared: false,
    sql: `UPDATE "sessions" SET "owner_id" = $1 WHERE "owner_id" = $2`, params: (v) => ['user:claimer', s(v).owner_id] },
  // messages and chat_leases by session_id
  { name: 'message.insertKeepingNewest', route: 'every append and both writes of a chat turn', placement: 'session', prepared: true,
    sql: `WITH inserted AS (
        INSERT INTO messages (id, session_id, seq, role, content, metadata, tools_used, tool_calls, tool_call_id, token_count, processing_time_ms, has_error, error_message)
        VALUES (COALESCE($14::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${MESSAGE}
      ), pruned AS (DELETE FROM messages WHERE session_id = $1 AND seq <= $2 - $13)
      SELECT * FROM inserted`,
    params: (v) => [s(v).id, 251, 'user', 'one more message', '{}', null, null, null, 5, null, false, null, CAP, null] },
  { name: 'message.listNewestBefore', route: 'GET /v1/sessions/:id/messages (newest page), ui-messages', placement: 'session', prepared: true,
    sql: `SELECT ${MESSAGE} FROM messages WHERE session_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`, params: (v) => [s(v).id, NO_SEQ_LIMIT, 51] },
  { name: 'message.listNewestBefore (older page)', route: 'GET /v1/sessions/:id/messages?before=', placement: 'session', prepared: true,
    sql: `SELECT ${MESSAGE} FROM messages WHERE session_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`, params: (v) => [s(v).id, 26, 51] },
  { name: 'message.listNewestForContext', route: 'GET /v1/sessions/:id/context, every chat turn', placement: 'session', prepared: false,
    sql: `SELECT ${TYPEORM_MESSAGE} FROM "messages" "MessageEntity" WHERE (("MessageEntity"."session_id" = $1)) ORDER BY "MessageEntity"."seq" DESC LIMIT 200`, params: (v) => [s(v).id] },
  { name: 'message.listOldestAfter', route: 'GET /v1/sessions/:id/messages?after= (polling)', placement: 'session', prepared: false,
    sql: `SELECT ${TYPEORM_MESSAGE} FROM "messages" "MessageEntity" WHERE (("MessageEntity"."session_id" = $1) AND ("MessageEntity"."seq" > $2)) ORDER BY "MessageEntity"."seq" ASC LIMIT 51`,
    params: (v) => [s(v).id, 40] },
  { name: 'lease.tryAcquire', route: 'each chat turn', placement: 'session', prepared: true,
    sql: `INSERT INTO chat_leases (session_id, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3 / 1000.0))
      ON CONFLICT (session_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at WHERE chat_leases.expires_at < now()`,
    params: (v) => [v.lease.session_id, '00000000-0000-4000-8000-000000000001', 120000] },
  { name: 'lease.renew', route: 'a running turn, every third of CHAT_LEASE_TTL_MS', placement: 'session', prepared: false,
    sql: `UPDATE "chat_leases" SET "expires_at" = now() + make_interval(secs => $1) WHERE ("session_id" = $2 AND "holder" = $3)`, params: (v) => [120, v.lease.session_id, v.lease.holder] },
  { name: 'lease.release', route: 'the end of each chat turn', placement: 'session', prepared: false,
    sql: `DELETE FROM "chat_leases" WHERE ("session_id" = $1 AND "holder" = $2)`, params: (v) => [v.lease.session_id, v.lease.holder] },
  // per-owner tables
  { name: 'idempotency.findLive', route: 'an append or chat turn with Idempotency-Key', placement: 'owner', prepared: false,
    sql: `SELECT "k"."request_hash", "k"."response" FROM "idempotency_keys" "k" WHERE ("k"."owner_id" = $1 AND "k"."key" = $2) AND "k"."created_at" > now() - make_interval(hours => $3)`,
    params: (v) => [s(v).owner_id, v.key, 24] },
  { name: 'idempotency.save', route: 'the same, once the response is known', placement: 'owner', prepared: true,
    sql: `INSERT INTO idempotency_keys (owner_id, key, request_hash, session_id, response) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (owner_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, session_id = EXCLUDED.session_id, response = EXCLUDED.response, created_at = now()
      WHERE idempotency_keys.created_at <= now() - make_interval(hours => $6)`,
    params: (v) => [s(v).owner_id, 'new-key', 'hash', s(v).id, '{}', 24] },
  { name: 'usage.insert', route: 'the end of each chat turn', placement: 'owner', prepared: false,
    sql: `INSERT INTO "llm_requests"("session_id", "owner_id", "provider", "model", "prompt_tokens", "completion_tokens", "total_tokens", "usage_source", "latency_ms", "attempts", "status")
      VALUES ($1, $2, 'openai', 'gpt-4o-mini', 10, 5, 15, 'provider', 100, 1, 'ok') RETURNING "id", "created_at"`,
    params: (v) => [s(v).id, s(v).owner_id] },
  { name: 'usage.sumOwnerCostSinceUtcMidnight', route: 'each chat turn when DAILY_COST_LIMIT_USD is set', placement: 'owner', prepared: false,
    sql: `SELECT coalesce(sum("r"."computed_cost"), 0)::text AS "cost" FROM "llm_requests" "r" WHERE "r"."owner_id" = $1 AND "r"."created_at" >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
    params: (v) => [s(v).owner_id] },
  { name: 'usage.sessionUsageByModel', route: 'GET /v1/sessions/:id/usage', placement: 'owner (after adding owner_id)', prepared: false,
    sql: `SELECT "r"."model" AS "key", ${USAGE} FROM "llm_requests" "r" WHERE "r"."session_id" = $1 GROUP BY GROUPING SETS (("r"."model"), ()) ORDER BY grouping("r"."model") ASC, "r"."model" ASC`,
    params: (v) => [s(v).id] },
  { name: 'usage.usageGroupedBy', route: 'GET /v1/admin/usage (30 days, by model)', placement: 'fan-out', prepared: false,
    sql: `SELECT "r"."model" AS "key", ${USAGE} FROM "llm_requests" "r" WHERE "r"."created_at" >= $1 AND "r"."created_at" < $2 GROUP BY 1 ORDER BY 1 ASC`,
    params: () => [new Date(Date.now() - 30 * 86_400_000).toISOString(), new Date().toISOString()] },
  // coordinator tables
  { name: 'visitor.findByKeyHash', route: 'every request with a visitor cookie', placement: 'coordinator', prepared: false,
    sql: `SELECT "VisitorEntity"."id", "VisitorEntity"."user_id", "VisitorEntity"."last_seen_at" FROM "visitors" "VisitorEntity" WHERE (("VisitorEntity"."key_hash" = $1)) LIMIT 1`,
    params: (v) => [v.visitor.key_hash] },
  { name: 'visitor.claimForUser', route: 'a login that claims a visitor', placement: 'coordinator', prepared: false,
    sql: `UPDATE "visitors" SET "user_id" = $1, "last_seen_at" = now() WHERE ("id" = $2 AND "user_id" IS NULL)`, params: (v) => ['someone', v.visitor.id] },
  { name: 'runs.listNewest', route: 'GET /v1/admin/maintenance/runs', placement: 'coordinator', prepared: true,
    sql: `SELECT id, job, status, started_at FROM maintenance_runs ORDER BY started_at DESC, id DESC LIMIT $1`, params: () => [21] },
  // maintenance batches
  { name: 'session.deleteInactiveBatch', route: 'session-cleanup, one batch', placement: 'fan-out', prepared: true,
    sql: `DELETE FROM sessions WHERE id IN (
        SELECT id FROM sessions WHERE last_activity_at < now() - make_interval(days => $1) ORDER BY last_activity_at LIMIT $2 FOR UPDATE SKIP LOCKED
      ) AND last_activity_at < now() - make_interval(days => $1)`,
    params: () => [28, 500] },
  { name: 'session.lockOverCapBatch', route: 'message-pruning, one batch', placement: 'fan-out', prepared: true,
    sql: `SELECT id, last_seq AS "lastSeq" FROM sessions WHERE id > $1 AND message_count > $2 ORDER BY id LIMIT $3 FOR UPDATE`,
    params: () => ['00000000-0000-0000-0000-000000000000', 40, 500] },
  { name: 'message.deleteOutsideNewest', route: 'message-pruning, one batch (500 sessions)', placement: 'fan-out', prepared: true,
    sql: `DELETE FROM messages m USING unnest($1::uuid[], $2::int[]) AS s(id, last_seq) WHERE m.session_id = s.id AND m.seq <= s.last_seq - $3`,
    params: (v) => [v.batch.map((b) => b.id), v.batch.map((b) => b.last_seq), 40] },
  { name: 'message.countBySession', route: 'message-pruning, one batch (500 sessions)', placement: 'fan-out', prepared: true,
    sql: `SELECT session_id AS "sessionId", count(*)::int AS count FROM messages WHERE session_id = ANY($1::uuid[]) GROUP BY session_id`,
    params: (v) => [v.batch.map((b) => b.id)] },
  { name: 'idempotency.deleteExpiredBatch', route: 'expired-records, one batch', placement: 'fan-out', prepared: true,
    sql: `DELETE FROM idempotency_keys WHERE (owner_id, key) IN (
        SELECT owner_id, key FROM idempotency_keys WHERE created_at <= now() - make_interval(hours => $1) ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED
      ) AND created_at <= now() - make_interval(hours => $1)`,
    params: () => [24, 500] },
  { name: 'visitor.deleteExpiredBatch', route: 'expired-records, one batch', placement: 'fan-out', prepared: true,
    sql: `DELETE FROM visitors v WHERE v.id IN (
        SELECT x.id FROM visitors x WHERE x.last_seen_at < now() - make_interval(days => $1)
          AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.owner_id = $2::text || x.id::text)
        ORDER BY x.last_seen_at LIMIT $3 FOR UPDATE SKIP LOCKED
      ) AND v.last_seen_at < now() - make_interval(days => $1) AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.owner_id = $2::text || v.id::text)`,
    params: () => [7, 'visitor:', 500] },
  { name: 'lease.deleteExpiredBatch', route: 'expired-records, one batch', placement: 'fan-out', prepared: true,
    sql: `DELETE FROM chat_leases WHERE session_id IN (SELECT session_id FROM chat_leases WHERE expires_at < now() LIMIT $1 FOR UPDATE SKIP LOCKED) AND expires_at < now()`,
    params: () => [500] },
];
