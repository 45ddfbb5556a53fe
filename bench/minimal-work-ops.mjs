// The least database work that gives the three benchmarked requests the service's guarantees,
// as the issue that set the targets defines it: named (prepared) statements, ownership
// checked in the same statement as the read, one round trip per read, no BEGIN/COMMIT
// around a single read. This is the "minimal-work floor"; ops.mjs is the service's own SQL.

const SESSION_COLUMNS = `id, title, context_data AS "contextData", metadata, is_active AS "isActive",
  message_count AS "messageCount", created_at AS "createdAt", last_activity_at AS "lastActivityAt"`;

const MESSAGE_COLUMNS = `id, session_id AS "sessionId", seq, role, content, metadata, tools_used AS "toolsUsed",
  tool_calls AS "toolCalls", tool_call_id AS "toolCallId", token_count AS "tokenCount",
  processing_time_ms AS "processingTimeMs", has_error AS "hasError", error_message AS "errorMessage", created_at AS "createdAt"`;

const SQL = {
  getSession: `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1 AND owner_id = $2`,
  history: `SELECT ${MESSAGE_COLUMNS} FROM messages
    WHERE session_id = $1 AND EXISTS (SELECT 1 FROM sessions WHERE id = $1 AND owner_id = $2)
    ORDER BY seq DESC LIMIT $3`,
  nextSeq: `UPDATE sessions SET last_seq = last_seq + 1, message_count = message_count + 1, last_activity_at = now()
    WHERE id = $1 AND owner_id = $2 RETURNING last_seq AS seq`,
  insert: `INSERT INTO messages (session_id, seq, role, content, metadata, tools_used, tool_calls, tool_call_id,
      token_count, processing_time_ms, has_error, error_message)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${MESSAGE_COLUMNS}`,
};

const prepared = (name, values) => ({ name: `minimal-work-${name}`, text: SQL[name], values });
const tokenCount = (dto) => Math.max(Math.ceil(dto.content.length / 4), dto.tokenCount ?? 0);
const jsonOrNull = (value) => (value == null ? null : JSON.stringify(value));

/** POST /v1/sessions/:id/messages: BEGIN, the next seq, the insert, COMMIT. Null: 404. */
export async function appendMessage(pool, ownerId, sessionId, dto) {
  const db = await pool.connect();
  try {
    await db.query('BEGIN');
    const slot = (await db.query(prepared('nextSeq', [sessionId, ownerId]))).rows[0];
    if (!slot) {
      await db.query('ROLLBACK');
      return null;
    }
    const { rows } = await db.query(
      prepared('insert', [
        sessionId, slot.seq, dto.role, dto.content, JSON.stringify(dto.metadata ?? {}), jsonOrNull(dto.toolsUsed),
        jsonOrNull(dto.toolCalls), dto.toolCallId ?? null, tokenCount(dto), dto.processingTimeMs ?? null,
        dto.hasError ?? false, dto.errorMessage ?? null,
      ]),
    );
    await db.query('COMMIT');
    return rows[0];
  } catch (error) {
    await db.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    db.release();
  }
}

/** GET /v1/sessions/:id/messages?limit=N: one statement. Null (no row: not the caller's session): 404. */
export async function listMessages(pool, ownerId, sessionId, limit) {
  const { rows } = await pool.query(prepared('history', [sessionId, ownerId, limit + 1]));
  if (rows.length === 0) return null;
  const page = rows.slice(0, limit).reverse();
  return { items: page, nextCursor: rows.length > limit ? String(page[0].seq) : null };
}

/** GET /v1/sessions/:id: one statement. Null: 404. */
export async function getSession(pool, ownerId, sessionId) {
  return (await pool.query(prepared('getSession', [sessionId, ownerId]))).rows[0] ?? null;
}
