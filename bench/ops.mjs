// The SQL Continuum sends to PostgreSQL for the three benchmarked requests, copied from
// src/session/session.repository.ts, src/message/message.repository.ts and the services
// that call them, sent as the service sends it: prepared, and reads before BEGIN (a request
// that only reads sends no BEGIN/COMMIT; see RequestQueryRunner). Used by the
// framework-only floor and by the raw pg floor, so both do exactly the service's database
// work. Keep in sync when those files change.

const SESSION_COLUMNS = `id, owner_id AS "ownerId", title, context_data AS "contextData", metadata, is_active AS "isActive",
  message_count AS "messageCount", last_seq AS "lastSeq", created_at AS "createdAt", last_activity_at AS "lastActivityAt"`;

const MESSAGE_COLUMNS = `id, session_id AS "sessionId", seq, role, content, metadata, tools_used AS "toolsUsed",
  tool_calls AS "toolCalls", tool_call_id AS "toolCallId", token_count AS "tokenCount",
  processing_time_ms AS "processingTimeMs", has_error AS "hasError", error_message AS "errorMessage", created_at AS "createdAt"`;

export const SQL = {
  findOwned: `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1 AND owner_id = $2`,
  touchIfStale: `UPDATE sessions SET last_activity_at = now() WHERE id = $1 AND last_activity_at < now() - make_interval(secs => $2)`,
  reserveNextSeq: `UPDATE sessions SET last_seq = last_seq + 1, message_count = LEAST(message_count + 1, $3), last_activity_at = now()
       WHERE id = $1 AND owner_id = $2 RETURNING last_seq AS seq, message_count AS "messageCount"`,
  insertKeepingNewest: `WITH inserted AS (
         INSERT INTO messages (id, session_id, seq, role, content, metadata, tools_used, tool_calls, tool_call_id,
                               token_count, processing_time_ms, has_error, error_message)
         VALUES (COALESCE($14::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING ${MESSAGE_COLUMNS}
       ), pruned AS (
         DELETE FROM messages WHERE session_id = $1 AND seq <= $2 - $13
       )
       SELECT * FROM inserted`,
  listNewestBefore: `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE session_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
};

const MAX_MESSAGES_PER_SESSION = 200; // the service's default MAX_MESSAGES_PER_SESSION
const READ_TOUCH_AFTER_SECONDS = 60; // session.service.ts
const NO_BEFORE = 2_147_483_647; // message.repository.ts listNewestBefore

/** A request's connection, as the service's RequestQueryRunner: `begin()` before the first write. */
async function onConnection(pool, work) {
  const db = await pool.connect();
  let begun = false;
  const begin = async () => {
    if (!begun) await db.query('BEGIN');
    begun = true;
  };
  try {
    const result = await work(db, begin);
    if (begun) await db.query('COMMIT');
    return result;
  } catch (error) {
    if (begun) await db.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    db.release();
  }
}

const NAMES = Object.fromEntries(Object.keys(SQL).map((key) => [key, `service-${key}`]));
const run = (db, key, values) => db.query({ name: NAMES[key], text: SQL[key], values });

/**
 * The service stores a token count with every message, counted with gpt-tokenizer (MessageService.toNewMessage).
 * That is application work, not SQL: the floors send an integer of the same size, estimated from the length.
 */
const tokenCount = (dto) => Math.max(Math.ceil(dto.content.length / 4), dto.tokenCount ?? 0);

const first = async (db, key, params) => (await run(db, key, params)).rows[0] ?? null;
const jsonOrNull = (value) => (value == null ? null : JSON.stringify(value));

/** SessionService.getOwned: the ownership SELECT, plus a touch when last_activity_at is over a minute old. */
async function findOwnedTouched(db, begin, ownerId, id) {
  const row = await first(db, 'findOwned', [id, ownerId]);
  if (!row) return null;
  if ((Date.now() - row.lastActivityAt.getTime()) / 1000 > READ_TOUCH_AFTER_SECONDS) {
    await begin();
    await run(db, 'touchIfStale', [row.id, READ_TOUCH_AFTER_SECONDS]);
    row.lastActivityAt = new Date();
  }
  return row;
}

/** POST /v1/sessions/:id/messages without Idempotency-Key (MessageService.store). Null: 404. */
export const appendMessage = (pool, ownerId, sessionId, dto) =>
  onConnection(pool, async (db, begin) => {
    await begin();
    const slot = await first(db, 'reserveNextSeq', [sessionId, ownerId, MAX_MESSAGES_PER_SESSION]);
    if (!slot) return null;
    const row = await first(db, 'insertKeepingNewest', [
      sessionId, slot.seq, dto.role, dto.content, JSON.stringify(dto.metadata ?? {}), jsonOrNull(dto.toolsUsed),
      jsonOrNull(dto.toolCalls), dto.toolCallId ?? null, tokenCount(dto), dto.processingTimeMs ?? null,
      dto.hasError ?? false, dto.errorMessage ?? null, MAX_MESSAGES_PER_SESSION, null,
    ]);
    return mapMessage(row);
  });

/** GET /v1/sessions/:id/messages?limit=N (MessageService.list, newest page). Null: 404. */
export const listMessages = (pool, ownerId, sessionId, limit) =>
  onConnection(pool, async (db, begin) => {
    if (!(await findOwnedTouched(db, begin, ownerId, sessionId))) return null;
    const rows = (await run(db, 'listNewestBefore', [sessionId, NO_BEFORE, limit + 1])).rows;
    const page = rows.slice(0, limit).reverse();
    return { items: page.map(mapMessage), nextCursor: rows.length > limit ? String(page[0].seq) : null };
  });

/** GET /v1/sessions/:id (SessionService.getOwned). Null: 404. */
export const getSession = (pool, ownerId, sessionId) =>
  onConnection(pool, async (db, begin) => {
    const row = await findOwnedTouched(db, begin, ownerId, sessionId);
    return row && mapSession(row);
  });

// The API's JSON shapes (session.mapper.ts, message.mapper.ts).
const mapSession = (r) => ({
  id: r.id, title: r.title, contextData: r.contextData, metadata: r.metadata, isActive: r.isActive,
  messageCount: r.messageCount, createdAt: r.createdAt, lastActivityAt: r.lastActivityAt,
});

const mapMessage = (r) => ({
  id: r.id, sessionId: r.sessionId, seq: r.seq, role: r.role, content: r.content, metadata: r.metadata,
  toolsUsed: r.toolsUsed, toolCalls: r.toolCalls, toolCallId: r.toolCallId, tokenCount: r.tokenCount,
  processingTimeMs: r.processingTimeMs, hasError: r.hasError, errorMessage: r.errorMessage, createdAt: r.createdAt,
});
