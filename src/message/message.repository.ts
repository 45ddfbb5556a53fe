import { Injectable } from '@nestjs/common';
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

const COLUMNS = `id, session_id AS "sessionId", seq, role, content, metadata, tools_used AS "toolsUsed",
  tool_calls AS "toolCalls", tool_call_id AS "toolCallId", token_count AS "tokenCount",
  processing_time_ms AS "processingTimeMs", has_error AS "hasError", error_message AS "errorMessage", created_at AS "createdAt"`;

@Injectable()
export class MessageRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores the message at `seq` and, in the same statement, deletes the messages that
   * fall out of the newest `keep` (the cap).
   */
  async insertKeepingNewest(sessionId: string, seq: number, message: NewMessage, keep: number): Promise<MessageRow> {
    const row = await this.db.first<MessageRow>(
      `WITH inserted AS (
         INSERT INTO messages (id, session_id, seq, role, content, metadata, tools_used, tool_calls, tool_call_id,
                               token_count, processing_time_ms, has_error, error_message)
         VALUES (COALESCE($14::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING ${COLUMNS}
       ), pruned AS (
         DELETE FROM messages WHERE session_id = $1 AND seq <= $2 - $13
       )
       SELECT * FROM inserted`,
      [
        sessionId,
        seq,
        message.role,
        message.content,
        JSON.stringify(message.metadata),
        jsonOrNull(message.toolsUsed),
        jsonOrNull(message.toolCalls),
        message.toolCallId,
        message.tokenCount,
        message.processingTimeMs,
        message.hasError,
        message.errorMessage,
        keep,
        message.id ?? null,
      ],
    );
    return row!;
  }

  /** The newest `limit` messages older than seq `before` (all when null), newest first. */
  listNewestBefore(sessionId: string, before: number | null, limit: number): Promise<MessageRow[]> {
    return this.db.rows(
      `SELECT ${COLUMNS} FROM messages WHERE session_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
      [sessionId, before ?? 2_147_483_647, limit],
    );
  }

  /** The newest `limit` messages with only what a model context needs (no metadata), newest first. */
  listNewestForContext(sessionId: string, limit: number): Promise<ContextRow[]> {
    return this.db.rows(
      `SELECT id, seq, role, content, tool_calls AS "toolCalls", tool_call_id AS "toolCallId", token_count AS "tokenCount"
       FROM messages WHERE session_id = $1 ORDER BY seq DESC LIMIT $2`,
      [sessionId, limit],
    );
  }

  /** The oldest `limit` messages newer than seq `after`, oldest first. */
  listOldestAfter(sessionId: string, after: number, limit: number): Promise<MessageRow[]> {
    return this.db.rows(
      `SELECT ${COLUMNS} FROM messages WHERE session_id = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3`,
      [sessionId, after, limit],
    );
  }
}

function jsonOrNull(value: unknown[] | null): string | null {
  return value === null ? null : JSON.stringify(value);
}
