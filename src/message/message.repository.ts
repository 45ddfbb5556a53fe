import { Injectable } from '@nestjs/common';
import { In, LessThan, MoreThan, Repository } from 'typeorm';
import { Database } from '@/common/database/database';
import { MessageEntity, MessageRole } from './message.entity';

export type MessageRow = Omit<MessageEntity, 'session'>;

export type ContextRow = Pick<MessageRow, 'id' | 'seq' | 'role' | 'content' | 'toolCalls' | 'toolCallId' | 'tokenCount'>;

export interface NewMessage {
  /** Chosen by the caller when it must be known before the message is stored (a streamed reply); else generated. */
  id?: string;
  role: MessageRole;
  content: string;
  metadata: Record<string, unknown>;
  toolsUsed: unknown[] | null;
  toolCalls: unknown[] | null;
  toolCallId: string | null;
  tokenCount: number | null;
  processingTimeMs: number | null;
  hasError: boolean;
  errorMessage: string | null;
}

/** A session and the seq of its newest message. */
export interface SessionLastSeq {
  id: string;
  lastSeq: number;
}

export interface SessionMessageCount {
  sessionId: string;
  count: number;
}

/** Above any seq: "before" this means the newest. */
const NO_SEQ_LIMIT = 2_147_483_647;

@Injectable()
export class MessageRepository {
  constructor(private readonly db: Database) {}

  private get messages(): Repository<MessageEntity> {
    return this.db.repository(MessageEntity);
  }

  /**
   * Stores the message at `seq` and, in the same statement, deletes the messages that fall
   * out of the newest `keep` (the cap).
   */
  async insertKeepingNewest(sessionId: string, seq: number, message: NewMessage, keep: number): Promise<MessageRow> {
    // Raw SQL: insert and prune in one statement (a data-modifying CTE), on every append.
    const { rows } = await this.db.query<MessageRow>(
      `WITH inserted AS (
         INSERT INTO messages (id, session_id, seq, role, content, metadata, tools_used, tool_calls, tool_call_id,
                               token_count, processing_time_ms, has_error, error_message)
         VALUES (COALESCE($14::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING ${this.db.selectList(MessageEntity)}
       ), pruned AS (
         DELETE FROM messages WHERE session_id = $1 AND seq <= $2 - $13
       )
       SELECT * FROM inserted`,
      [
        sessionId, seq, message.role, message.content, JSON.stringify(message.metadata), jsonOrNull(message.toolsUsed),
        jsonOrNull(message.toolCalls), message.toolCallId, message.tokenCount, message.processingTimeMs,
        message.hasError, message.errorMessage, keep, message.id ?? null,
      ],
    );
    return rows[0];
  }

  /** The newest `limit` messages older than seq `before` (all when null), newest first. */
  async listNewestBefore(sessionId: string, before: number | null, limit: number): Promise<MessageRow[]> {
    // Raw SQL: every history page reads here; find() cost more CPU than the whole request otherwise spends.
    const { rows } = await this.db.query<MessageRow>(
      `SELECT ${this.db.selectList(MessageEntity)} FROM messages WHERE session_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
      [sessionId, before ?? NO_SEQ_LIMIT, limit],
    );
    return rows;
  }

  /** The newest `limit` messages with only what a model context needs (no metadata), newest first. */
  listNewestForContext(sessionId: string, limit: number): Promise<ContextRow[]> {
    return this.messages.find({
      select: { id: true, seq: true, role: true, content: true, toolCalls: true, toolCallId: true, tokenCount: true },
      where: { sessionId },
      order: { seq: 'DESC' },
      take: limit,
    });
  }

  async deleteInSessions(sessionIds: string[]): Promise<number> {
    if (sessionIds.length === 0) return 0;
    return (await this.messages.delete({ sessionId: In(sessionIds) })).affected ?? 0;
  }

  /** The oldest `limit` messages newer than seq `after`, oldest first. */
  listOldestAfter(sessionId: string, after: number, limit: number): Promise<MessageRow[]> {
    return this.messages.find({ where: { sessionId, seq: MoreThan(after) }, order: { seq: 'ASC' }, take: limit });
  }

  /** Deletes, in each session, the messages that fall out of its newest `keep` (as an append does). */
  async deleteOutsideNewest(sessions: SessionLastSeq[], keep: number): Promise<number> {
    const { affected } = await this.db.query(
      `DELETE FROM messages m USING unnest($1::uuid[], $2::int[]) AS s(id, last_seq) WHERE m.session_id = s.id AND m.seq <= s.last_seq - $3`,
      [sessions.map((s) => s.id), sessions.map((s) => s.lastSeq), keep],
    );
    return affected;
  }

  /** How many messages each session holds (sessions without any are left out). */
  async countBySession(sessionIds: string[]): Promise<SessionMessageCount[]> {
    const { rows } = await this.db.query<SessionMessageCount>(
      `SELECT session_id AS "sessionId", count(*)::int AS count FROM messages WHERE session_id = ANY($1::uuid[]) GROUP BY session_id`,
      [sessionIds],
    );
    return rows;
  }
}

function jsonOrNull(value: unknown[] | null): string | null {
  return value === null ? null : JSON.stringify(value);
}
