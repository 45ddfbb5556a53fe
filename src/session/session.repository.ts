import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';
import { SessionEntity } from './session.entity';

export type SessionRow = Omit<SessionEntity, 'ownerId'>;

export interface SessionFields {
  title?: string | null;
  contextData?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  isActive?: boolean;
}

/** The keyset position of a session in an owner's most-recently-active-first list. */
export interface ActivityPosition {
  lastActivityAt: string;
  id: string;
}

export interface SeqSlot {
  seq: number;
  messageCount: number;
}

const COLUMNS = `id, title, context_data AS "contextData", metadata, is_active AS "isActive",
  message_count AS "messageCount", last_seq AS "lastSeq", created_at AS "createdAt", last_activity_at AS "lastActivityAt"`;
/** Microsecond-exact text of last_activity_at, for cursors (a JS Date keeps only milliseconds). */
const POSITION = `to_char(last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "position"`;

@Injectable()
export class SessionRepository {
  constructor(private readonly db: Database) {}

  async create(ownerId: string, fields: SessionFields): Promise<SessionRow> {
    const row = await this.db.first<SessionRow>(
      `INSERT INTO sessions (owner_id, title, context_data, metadata) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [ownerId, fields.title ?? null, json(fields.contextData ?? {}), json(fields.metadata ?? {})],
    );
    return row!;
  }

  findOwned(ownerId: string, id: string): Promise<SessionRow | null> {
    return this.db.first(`SELECT ${COLUMNS} FROM sessions WHERE id = $1 AND owner_id = $2`, [id, ownerId]);
  }

  /** Locks the session row until the transaction ends: appends to one session queue here. */
  lockOwned(ownerId: string, id: string): Promise<SessionRow | null> {
    return this.db.first(`SELECT ${COLUMNS} FROM sessions WHERE id = $1 AND owner_id = $2 FOR UPDATE`, [id, ownerId]);
  }

  findMostRecentlyActive(ownerId: string): Promise<SessionRow | null> {
    return this.db.first(
      `SELECT ${COLUMNS} FROM sessions WHERE owner_id = $1 AND is_active
       ORDER BY last_activity_at DESC, id DESC LIMIT 1`,
      [ownerId],
    );
  }

  /** One page, most recently active first, starting after `after`; one extra row tells whether more follow. */
  listByOwner(ownerId: string, after: ActivityPosition | null, limit: number): Promise<(SessionRow & { position: string })[]> {
    const params: unknown[] = [ownerId, limit];
    let keyset = '';
    if (after) {
      params.push(after.lastActivityAt, after.id);
      keyset = `AND (last_activity_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    return this.db.rows(
      `SELECT ${COLUMNS}, ${POSITION} FROM sessions WHERE owner_id = $1 ${keyset}
       ORDER BY last_activity_at DESC, id DESC LIMIT $2`,
      params,
    );
  }

  async update(ownerId: string, id: string, fields: SessionFields): Promise<SessionRow | null> {
    const sets: string[] = [];
    const params: unknown[] = [id, ownerId];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (fields.title !== undefined) set('title', fields.title);
    if (fields.contextData !== undefined) set('context_data', json(fields.contextData));
    if (fields.metadata !== undefined) set('metadata', json(fields.metadata));
    if (fields.isActive !== undefined) set('is_active', fields.isActive);
    sets.push('last_activity_at = now()');
    return this.db.first(`UPDATE sessions SET ${sets.join(', ')} WHERE id = $1 AND owner_id = $2 RETURNING ${COLUMNS}`, params);
  }

  async deleteOwned(ownerId: string, id: string): Promise<boolean> {
    return (await this.db.affected(`DELETE FROM sessions WHERE id = $1 AND owner_id = $2`, [id, ownerId])) === 1;
  }

  /** Refreshes last_activity_at only when it is older than `staleSeconds`, so reads stay reads. */
  async touchIfStale(id: string, staleSeconds: number): Promise<void> {
    await this.db.affected(
      `UPDATE sessions SET last_activity_at = now() WHERE id = $1 AND last_activity_at < now() - make_interval(secs => $2)`,
      [id, staleSeconds],
    );
  }

  /**
   * Takes the next seq of the session for one new message. The UPDATE locks the row,
   * so concurrent appends to one session queue here and get 1, 2, 3, ... in order.
   */
  reserveNextSeq(ownerId: string, id: string, maxMessages: number): Promise<SeqSlot | null> {
    return this.db.first(
      `UPDATE sessions SET last_seq = last_seq + 1, message_count = LEAST(message_count + 1, $3), last_activity_at = now()
       WHERE id = $1 AND owner_id = $2 RETURNING last_seq AS seq, message_count AS "messageCount"`,
      [id, ownerId, maxMessages],
    );
  }

  transferOwner(fromOwnerId: string, toOwnerId: string): Promise<number> {
    return this.db.affected(`UPDATE sessions SET owner_id = $2 WHERE owner_id = $1`, [fromOwnerId, toOwnerId]);
  }

  /** Serialises "find or create" for one owner until the transaction ends. */
  async lockOwner(ownerId: string): Promise<void> {
    await this.db.rows(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [ownerId]);
  }
}

function json(value: unknown): string {
  return JSON.stringify(value);
}
