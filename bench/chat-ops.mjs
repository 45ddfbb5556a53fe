// The raw-pg floor of POST /v1/chat with the offline model: the statements Continuum sends
// to PostgreSQL for one turn, in the same transactions, copied from src/chat (chat.service.ts,
// session-lease.service.ts, chat-lease.repository.ts, turn-completion.service.ts), the
// message/session repositories and llm-request.repository.ts. Traced with log_statement = 'all'
// (bench/README.md, "Keeping the floors honest"). Keep in sync when those files change.
//
// One turn (a user with a bearer token, an existing session, DAILY_COST_LIMIT_USD unset):
//   findOwned                                                     the session lookup (a read: no BEGIN)
//   INSERT INTO chat_leases ... ON CONFLICT ... WHERE expired     the lease (autocommit)
//   BEGIN; reserveNextSeq; insertKeepingNewest (user);            transaction 1
//          findOwned; the history read (limit 200);
//          the owner's profile (the memory block); COMMIT
//   (the model call: no connection held)
//   BEGIN; reserveNextSeq; insertKeepingNewest (assistant);       transaction 2
//          INSERT INTO llm_requests ... RETURNING id; COMMIT
//   DELETE FROM chat_leases WHERE session_id AND holder           the release (autocommit)
// Statements go out prepared, as the service sends its raw SQL (Database.query); TypeORM's own
// statements (the history read, the llm_requests insert) go out unnamed in the service.
// The history read is the one the build uses (context.mjs historyReadOf). Builds before
// commit 1129ae9 also sent an empty BEGIN; COMMIT first (IdentityService.identify opening a
// transaction for a bearer-only caller); the floor never did: it is no database work.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SQL } from './ops.mjs';

export const CHAT_SQL = {
  takeLease: `INSERT INTO chat_leases (session_id, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3 / 1000.0))
       ON CONFLICT (session_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE chat_leases.expires_at < now()`,
  releaseLease: `DELETE FROM chat_leases WHERE session_id = $1 AND holder = $2`,
  profileOfOwner: `SELECT * FROM profiles WHERE owner_id = $1`,
  insertLlmRequest: `INSERT INTO llm_requests (session_id, owner_id, message_id, provider, model, request_body, response_body,
         prompt_tokens, completion_tokens, total_tokens, usage_source, unit_cost_prompt, unit_cost_completion,
         computed_cost, latency_ms, ttft_ms, attempts, status, error, context_manifest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::int, $9::int, $8::int + $9::int, $10, $11::numeric, $12::numeric,
         $13::numeric, $14, $15, $16, $17, $18, $19)
       RETURNING id`,
};

const READ_TOUCH_AFTER_SECONDS = 60; // session.service.ts
const FIRST_POLL_MS = 25; // session-lease.service.ts
const MAX_POLL_MS = 250;

/** Database.inTransaction: BEGIN ... COMMIT on one pooled client (every transaction here writes first). */
async function inTransaction(pool, work) {
  const db = await pool.connect();
  let broken;
  try {
    await db.query('BEGIN');
    const result = await work(db);
    await db.query('COMMIT');
    return result;
  } catch (error) {
    broken = await db.query('ROLLBACK').then(() => undefined, (e) => e);
    throw error;
  } finally {
    db.release(broken);
  }
}

const names = new Map();
const prepared = (sql, values) => ({ name: names.get(sql) ?? (names.set(sql, `chat-${names.size}`), names.get(sql)), text: sql, values });
const first = async (db, sql, params) => (await db.query(prepared(sql, params))).rows[0] ?? null;

/** SessionService.getOwned: findOwned, plus the touch when last_activity_at is over a minute old. */
async function getOwned(db, ownerId, id) {
  const row = await first(db, SQL.findOwned, [id, ownerId]);
  if (!row) throw new Error(`session ${id} not found (404)`);
  if ((Date.now() - row.lastActivityAt.getTime()) / 1000 > READ_TOUCH_AFTER_SECONDS) await db.query(SQL.touchIfStale, [row.id, READ_TOUCH_AFTER_SECONDS]);
  return row;
}

/** MessageService.append without Idempotency-Key: reserveNextSeq, then insertKeepingNewest. */
async function append(db, ownerId, sessionId, message, cap) {
  const slot = await first(db, SQL.reserveNextSeq, [sessionId, ownerId, cap]);
  if (!slot) throw new Error(`session ${sessionId} not found (404)`);
  const json = (value) => (value == null ? null : JSON.stringify(value));
  return first(db, SQL.insertKeepingNewest, [
    sessionId, slot.seq, message.role, message.content, JSON.stringify(message.metadata ?? {}), json(message.toolsUsed),
    json(message.toolCalls), message.toolCallId ?? null, message.tokenCount, message.processingTimeMs ?? null,
    message.hasError ?? false, message.errorMessage ?? null, cap, message.id ?? null,
  ]);
}

const toLlmMessage = (m) => {
  const result = { role: m.role, content: m.content };
  if (m.toolCalls) result.tool_calls = m.toolCalls;
  if (m.toolCallId) result.tool_call_id = m.toolCallId;
  return result;
};

/**
 * The floor's chat turn, given the built service's pure pieces (bench/context.mjs loadService):
 * the context is assembled with the service's own assembleContext and the reply composed by the
 * offline model's composeOfflineReply, so every statement carries the same data as the
 * service's. What the floor skips is application CPU that is not SQL: no tokenizer (the
 * system prompt's count is memoized; the reply's token count is estimated from its length),
 * no sanitizer (nothing in this data is a secret or longer than its 2,000-character cut).
 */
export function chatFloor(service) {
  const { config } = service;
  const cap = config.maxMessagesPerSession;
  const model = config.llm.model;
  const allocation = service.budgets.allocate();
  const systemPrompt = config.chat.systemPrompt;
  const leaseTtlMs = config.chat.leaseTtlMs;
  const counted = new Map();
  const measure = {
    count: (text) => counted.get(text) ?? (counted.set(text, service.measure.count(text)), counted.get(text)),
    truncate: service.measure.truncate,
  };
  const userTokens = new Map();

  return async function chatTurn(pool, session, message) {
    if (!userTokens.has(message)) userTokens.set(message, service.tokens.countMessage(message, null));
    // The session lookup (ChatService.prepare): a read, on a pooled connection without BEGIN.
    const lookup = await pool.connect();
    try {
      await getOwned(lookup, session.ownerId, session.id);
    } finally {
      lookup.release();
    }
    // The lease (SessionLeaseService.acquire): polls while another turn holds it.
    const holder = randomUUID();
    for (let pause = FIRST_POLL_MS; (await pool.query(prepared(CHAT_SQL.takeLease, [session.id, holder, leaseTtlMs]))).rowCount !== 1; pause = Math.min(pause * 2, MAX_POLL_MS)) {
      await sleep(pause);
    }
    try {
      // Transaction 1: the user message, then the context (ContextService.buildContext).
      const { userMessage, history } = await inTransaction(pool, async (db) => {
        const userMessage = await append(db, session.ownerId, session.id, { role: 'user', content: message, tokenCount: userTokens.get(message) }, cap);
        await getOwned(db, session.ownerId, session.id);
        const rows = (await db.query(service.historyRead.sql, service.historyRead.params(session.id, cap))).rows;
        // ProfileMemorySource.memoryFor (the seeded owners have no profile: the block is empty).
        await db.query(CHAT_SQL.profileOfOwner, [session.ownerId]);
        // MessageService.historyForContext: a message stored without a count is counted here.
        const history = rows.reverse().map((row) => ({ ...row, tokenCount: row.tokenCount ?? service.tokens.countMessage(row.content, row.toolCalls) }));
        return { userMessage, history };
      });
      const context = service.assembleContext({ allocation, systemPrompt, memory: [], history, measure });
      // The model call (the offline model's answer).
      const started = performance.now();
      const messages = context.messages.map(toLlmMessage);
      const reply = service.composeOfflineReply(messages);
      const latencyMs = Math.round(performance.now() - started);
      const completionTokens = Math.ceil(reply.length / 4);
      // Transaction 2: the assistant message and its llm_requests row (TurnCompletion.store).
      await inTransaction(pool, async (db) => {
        const assistant = await append(db, session.ownerId, session.id, {
          role: 'assistant', content: reply, toolsUsed: [], tokenCount: completionTokens, processingTimeMs: latencyMs, hasError: false, metadata: { model },
        }, cap);
        await db.query(CHAT_SQL.insertLlmRequest, [
          session.id, session.ownerId, assistant.id, 'offline', model,
          JSON.stringify({ model, messages, max_tokens: context.tiers.reserve.allocated, stream: true, stream_options: { include_usage: true } }),
          JSON.stringify({ model, finishReason: 'stop' }), context.totalTokens, completionTokens, 'provider', '0', '0', '0',
          latencyMs, latencyMs, 1, 'ok', null,
          JSON.stringify({ ...context.manifest, tiers: context.tiers, encoding: service.encoding }),
        ]);
      });
      return userMessage;
    } finally {
      // The release (TurnCompletion: finally lease.release()).
      await pool.query(CHAT_SQL.releaseLease, [session.id, holder]);
    }
  };
}
