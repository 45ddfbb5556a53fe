/**
 * Every SQL statement the service sends through its pool, by shape, with where it would run
 * if the schema were distributed on Citus as docs/deployment.md proposes (per-session tables
 * by session id, per-owner tables by owner id, small tables on the coordinator). The
 * distribution test checks that every statement it captures is one of these, and that the
 * statements on per-session tables really name their session. Keep docs/deployment.md's
 * table of queries in step with this list.
 */
export type Placement =
  /** Filters (or inserts) by one session id: one shard. */
  | 'session'
  /** Filters (or inserts) by one owner id, on a table distributed by owner: one shard. */
  | 'owner'
  /** Reaches every shard of a distributed table; `note` says why that is accepted or how to avoid it. */
  | 'fan-out'
  /** A local table on the coordinator (visitors, maintenance_runs, the catalog), or no table at all. */
  | 'coordinator';

export interface CatalogueEntry {
  name: string;
  sql: RegExp;
  placement: Placement;
  note?: string;
  /** The change the statement needs before it runs where `placement` says (docs/deployment.md lists them). */
  change?: string;
  /** Why the distribution test does not send it (it is then not required to be seen). */
  notDriven?: string;
  /** A table of a module that may not be merged yet: the entry is required only where the table exists. */
  requires?: string;
}

const ANY = '.*';
const rx = (...parts: string[]): RegExp => new RegExp(`^${parts.join('')}$`, 's');

export const STATEMENT_CATALOGUE: CatalogueEntry[] = [
  // Transaction control and the per-owner lock: no table.
  { name: 'BEGIN / COMMIT / ROLLBACK', sql: /^(BEGIN|COMMIT|ROLLBACK)$/, placement: 'coordinator' },
  { name: 'session.lockOwner', sql: rx('SELECT pg_advisory_xact_lock\\(hashtextextended\\(\\$1, 0\\)\\)'), placement: 'coordinator', note: 'an advisory lock, held on the node the service is connected to' },
  { name: 'health.ready', sql: /^SELECT 1$/, placement: 'coordinator' },

  // sessions, by its id (the session's shard).
  { name: 'session.findOwned', sql: rx('SELECT ', ANY, ' FROM sessions WHERE id = \\$1 AND owner_id = \\$2'), placement: 'session' },
  { name: 'session.lockOwned', sql: rx('SELECT ', ANY, ' FROM "sessions" "SessionEntity" WHERE \\(\\("SessionEntity"."id" = \\$1\\) AND \\("SessionEntity"."owner_id" = \\$2\\)\\) LIMIT 1 FOR UPDATE'), placement: 'session' },
  { name: 'session.reserveNextSeq', sql: rx('UPDATE sessions SET last_seq = last_seq \\+ 1, ', ANY, ' WHERE id = \\$1 AND owner_id = \\$2 RETURNING ', ANY), placement: 'session' },
  { name: 'session.update', sql: rx('UPDATE "sessions" SET ', ANY, ' WHERE \\("id" = \\$\\d+ AND "owner_id" = \\$\\d+\\) RETURNING ', ANY), placement: 'session' },
  { name: 'session.touchIfStale', sql: rx('UPDATE "sessions" SET "last_activity_at" = now\\(\\) WHERE "id" = \\$1 AND "last_activity_at" < ', ANY), placement: 'session' },
  { name: 'session.deleteOwned', sql: rx('DELETE FROM "sessions" WHERE \\("id" = \\$1 AND "owner_id" = \\$2\\)'), placement: 'session' },
  { name: 'session.create', sql: rx('INSERT INTO "sessions"\\("id", ', ANY, ' VALUES \\(DEFAULT, \\$1, ', ANY), placement: 'session', change: 'the id comes from the column default: generate it in the service (randomUUID) so the INSERT names its shard' },

  // sessions, by owner: every shard of sessions.
  { name: 'session.listByOwner', sql: rx('SELECT ', ANY, ' FROM sessions WHERE owner_id = \\$1 (AND \\(last_activity_at, id\\) < \\(\\$3::timestamptz, \\$4::uuid\\) )?ORDER BY last_activity_at DESC, id DESC LIMIT \\$2'), placement: 'fan-out', note: 'GET /v1/sessions: an index probe per shard; avoided with the owner_sessions table' },
  { name: 'session.findMostRecentlyActive', sql: rx('SELECT ', ANY, ' FROM "sessions" "SessionEntity" WHERE \\(\\("SessionEntity"."owner_id" = \\$1\\) AND \\("SessionEntity"."is_active" = \\$2\\)\\) ORDER BY ', ANY, ' LIMIT 1'), placement: 'fan-out', note: 'GET /v1/sessions/current and a chat without sessionId; avoided with the owner_sessions table' },
  { name: 'session.transferOwner', sql: rx('UPDATE "sessions" SET "owner_id" = \\$1 WHERE "owner_id" = \\$2'), placement: 'fan-out', note: 'once per login that claims a visitor; a multi-shard UPDATE, accepted (or by session ids from owner_sessions)' },

  // messages and chat_leases, by session_id (co-located with the session).
  { name: 'message.insertKeepingNewest', sql: rx('WITH inserted AS \\( INSERT INTO messages \\(id, session_id, ', ANY, '\\), pruned AS \\( DELETE FROM messages WHERE session_id = \\$1 AND seq <= \\$2 - \\$13 \\) SELECT \\* FROM inserted'), placement: 'session' },
  { name: 'message.listNewestBefore', sql: rx('SELECT ', ANY, ' FROM messages WHERE session_id = \\$1 AND seq < \\$2 ORDER BY seq DESC LIMIT \\$3'), placement: 'session' },
  { name: 'message.listNewestForContext', sql: rx('SELECT ', ANY, ' FROM "messages" "MessageEntity" WHERE \\(\\("MessageEntity"."session_id" = \\$1\\)\\) ORDER BY "MessageEntity_seq" DESC LIMIT \\d+'), placement: 'session' },
  { name: 'message.listOldestAfter', sql: rx('SELECT ', ANY, ' FROM "messages" "MessageEntity" WHERE \\(\\("MessageEntity"."session_id" = \\$1\\) AND \\("MessageEntity"."seq" > \\$2\\)\\) ORDER BY "MessageEntity"."seq" ASC LIMIT \\d+'), placement: 'session' },
  { name: 'lease.tryAcquire', sql: rx('INSERT INTO chat_leases \\(session_id, holder, expires_at\\) VALUES \\(\\$1, ', ANY, ' ON CONFLICT \\(session_id\\) DO UPDATE ', ANY), placement: 'session' },
  { name: 'lease.renew', sql: rx('UPDATE "chat_leases" SET "expires_at" = ', ANY, ' WHERE \\("session_id" = \\$2 AND "holder" = \\$3\\)'), placement: 'session' },
  { name: 'lease.release', sql: rx('DELETE FROM "chat_leases" WHERE \\("session_id" = \\$1 AND "holder" = \\$2\\)'), placement: 'session' },

  // Per-owner tables: idempotency_keys and llm_requests, distributed by owner_id.
  { name: 'idempotency.findLive', sql: rx('SELECT ', ANY, ' FROM "idempotency_keys" "k" WHERE \\("k"."owner_id" = \\$1 AND "k"."key" = \\$2\\) AND ', ANY), placement: 'owner' },
  { name: 'idempotency.save', sql: rx('INSERT INTO idempotency_keys \\(owner_id, key, request_hash, session_id, response\\) VALUES \\(\\$1, ', ANY, ' ON CONFLICT \\(owner_id, key\\) DO UPDATE ', ANY), placement: 'owner' },
  { name: 'usage.insert', sql: rx('INSERT INTO "llm_requests"\\("id", "session_id", "owner_id", ', ANY), placement: 'owner' },
  { name: 'usage.sumOwnerCostSinceUtcMidnight', sql: rx('SELECT coalesce\\(sum\\("r"."computed_cost"\\), 0\\)::text AS "cost" FROM "llm_requests" "r" WHERE "r"."owner_id" = \\$1 AND ', ANY), placement: 'owner' },
  { name: 'usage.sessionUsageByModel', sql: rx('SELECT "r"."model" AS "key", ', ANY, ' FROM "llm_requests" "r" WHERE "r"."session_id" = \\$1 GROUP BY GROUPING SETS ', ANY), placement: 'owner', change: 'filters by session_id alone: add "AND owner_id = $2" (the route knows the owner)' },
  { name: 'usage.usageGroupedBy', sql: rx('SELECT ', ANY, ' FROM "llm_requests" "r" WHERE "r"."created_at" >= \\$1 AND "r"."created_at" < \\$2 GROUP BY 1 ORDER BY 1 ASC'), placement: 'fan-out', note: 'admin usage report: accepted (admin only, a time range, partial aggregates per shard)' },

  // visitors and maintenance_runs: local tables on the coordinator.
  { name: 'visitor.findByKeyHash', sql: rx('SELECT ', ANY, ' FROM "visitors" "VisitorEntity" WHERE \\(\\("VisitorEntity"."key_hash" = \\$1\\)\\) LIMIT 1'), placement: 'coordinator' },
  { name: 'visitor.create', sql: rx('INSERT INTO "visitors"\\(', ANY), placement: 'coordinator' },
  { name: 'visitor.markSeen', sql: rx('UPDATE "visitors" SET "last_seen_at" = now\\(\\) WHERE "id" = \\$1'), placement: 'coordinator' },
  { name: 'visitor.claimForUser', sql: rx('UPDATE "visitors" SET "user_id" = \\$1, ', ANY, ' WHERE \\("id" = \\$2 AND "user_id" IS NULL\\)'), placement: 'coordinator' },
  { name: 'runs.insertRunning / insertSkipped', sql: rx('INSERT INTO maintenance_runs \\(job, trigger, status, replica', ANY), placement: 'coordinator' },
  { name: 'runs.finish', sql: rx('UPDATE maintenance_runs SET status = \\$2, ', ANY, ' WHERE id = \\$1 RETURNING ', ANY), placement: 'coordinator' },
  { name: 'runs.failAllRunning', sql: rx("UPDATE maintenance_runs SET status = 'failed', ", ANY, " WHERE job = \\$1 AND status = 'running'"), placement: 'coordinator' },
  { name: 'runs.listNewest', sql: rx('SELECT ', ANY, ' FROM maintenance_runs ', ANY, 'ORDER BY started_at DESC, id DESC LIMIT \\$1'), placement: 'coordinator' },

  // Maintenance batches: every shard, by design (a nightly job, batched, rested).
  { name: 'session.deleteInactiveBatch', sql: rx('DELETE FROM sessions WHERE id IN \\( SELECT id FROM sessions WHERE last_activity_at < ', ANY, 'FOR UPDATE SKIP LOCKED \\) AND ', ANY), placement: 'fan-out', note: 'maintenance; multi-shard FOR UPDATE is not supported by Citus: run it per shard' },
  { name: 'session.lockOverCapBatch', sql: rx('SELECT id, last_seq AS "lastSeq" FROM sessions WHERE id > \\$1 AND message_count > \\$2 ORDER BY id LIMIT \\$3 FOR UPDATE'), placement: 'fan-out', note: 'maintenance; as above' },
  { name: 'session.setMessageCounts', sql: rx('UPDATE sessions s SET message_count = c.count FROM unnest\\(\\$1::uuid\\[\\], \\$2::int\\[\\]\\) AS c\\(id, count\\) WHERE s.id = c.id'), placement: 'fan-out', note: 'maintenance: the batch\'s sessions, by id' },
  { name: 'message.deleteOutsideNewest', sql: rx('DELETE FROM messages m USING unnest\\(\\$1::uuid\\[\\], \\$2::int\\[\\]\\) AS s\\(id, last_seq\\) WHERE m.session_id = s.id AND ', ANY), placement: 'fan-out', note: 'maintenance: the batch\'s sessions, by session_id' },
  { name: 'message.countBySession', sql: rx('SELECT session_id AS "sessionId", count\\(\\*\\)::int AS count FROM messages WHERE session_id = ANY\\(\\$1::uuid\\[\\]\\) GROUP BY session_id'), placement: 'fan-out', note: 'maintenance: the batch\'s sessions, by session_id' },
  { name: 'idempotency.deleteExpiredBatch', sql: rx('DELETE FROM idempotency_keys WHERE \\(owner_id, key\\) IN \\( SELECT ', ANY, 'FOR UPDATE SKIP LOCKED \\) AND ', ANY), placement: 'fan-out', note: 'maintenance; per shard' },
  { name: 'lease.deleteExpiredBatch', sql: rx('DELETE FROM chat_leases WHERE session_id IN \\( SELECT session_id FROM chat_leases WHERE expires_at < now\\(\\) ', ANY), placement: 'fan-out', note: 'maintenance; per shard' },
  { name: 'visitor.deleteExpiredBatch', sql: rx('DELETE FROM visitors v WHERE v.id IN \\( ', ANY, 'NOT EXISTS \\(SELECT 1 FROM sessions s WHERE s.owner_id = ', ANY), placement: 'fan-out', note: 'maintenance; joins the coordinator\'s visitors to distributed sessions: split in two statements' },

  // The profile module's statements that the flows of the distribution test send (profiles by owner).
  { name: 'profile.findByOwner', sql: rx('SELECT ', ANY, ' FROM profiles WHERE owner_id = \\$1'), placement: 'owner', requires: 'profiles' },
  { name: 'profile.lockByOwners', sql: rx('SELECT ', ANY, ' FROM profiles WHERE owner_id = ANY\\(\\$1::text\\[\\]\\) ORDER BY owner_id FOR UPDATE'), placement: 'fan-out', requires: 'profiles', note: 'a login claim locks the visitor\'s and the user\'s profiles: two shards, where Citus takes no FOR UPDATE; lock them one by one, in owner order' },

  // Ledger partitions: catalog reads and DDL, run by the maintenance job.
  { name: 'ledger.listPartitionNames', sql: rx('SELECT c.relname AS name FROM pg_inherits i ', ANY), placement: 'coordinator' },
  { name: 'ledger.listMonthsInDefault', sql: rx('SELECT DISTINCT date_trunc\\(', ANY, ' FROM llm_requests_default'), placement: 'fan-out', note: 'maintenance' },
  { name: 'ledger.lockTimeout', sql: rx("SET LOCAL lock_timeout = '5s'"), placement: 'coordinator' },
  { name: 'ledger.createMonthPartition', sql: rx('(CREATE TABLE "llm_requests_y\\d{4}m\\d{2}" \\(LIKE |WITH moved AS \\(DELETE FROM llm_requests_default |ALTER TABLE llm_requests ATTACH PARTITION )', ANY), placement: 'coordinator', note: 'DDL, propagated by Citus; or Citus\'s create_time_partitions()' },
  { name: 'ledger.countRows', sql: rx('SELECT count\\(\\*\\)::int AS count FROM "llm_requests_y\\d{4}m\\d{2}"'), placement: 'fan-out', note: 'maintenance' },
  { name: 'ledger.dropMonthPartition', sql: rx('(ALTER TABLE llm_requests DETACH PARTITION |DROP TABLE )"llm_requests_y\\d{4}m\\d{2}"'), placement: 'coordinator', note: 'DDL; or Citus\'s drop_old_time_partitions()' },
];

/** The entry a statement matches, or undefined; a statement matching two entries is reported by the test. */
export function entriesMatching(sql: string): CatalogueEntry[] {
  return STATEMENT_CATALOGUE.filter((entry) => entry.sql.test(sql));
}
