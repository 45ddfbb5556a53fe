import { Injectable } from '@nestjs/common';
import { In, Repository } from 'typeorm';
import { columnValues, Database } from '@/common/database/database';
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

/** A session whose messages are being cut back to the cap. */
export interface OverCapSession {
  id: string;
  lastSeq: number;
}

export interface MessageCount {
  sessionId: string;
  count: number;
}

/** Microsecond-exact text of last_activity_at, for cursors (a JS Date keeps only milliseconds). */
const POSITION = `to_char(last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CREATED_POSITION = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

@Injectable()
export class SessionRepository {
  constructor(private readonly db: Database) {}

  private get sessions(): Repository<SessionEntity> {
    return this.db.repository(SessionEntity);
  }

  create(ownerId: string, fields: SessionFields): Promise<SessionRow> {
    return this.sessions.save(this.sessions.create({ ownerId, ...fields }));
  }

  async findOwned(ownerId: string, id: string): Promise<SessionRow | null> {
    // Raw SQL: the hottest read of all (every session route); find() cost a third of its CPU in the benchmark.
    const { rows } = await this.db.query<SessionRow>(`SELECT ${this.db.selectList(SessionEntity)} FROM sessions WHERE id = $1 AND owner_id = $2`, [id, ownerId]);
    return rows[0] ?? null;
  }

  /** Locks the session row until the transaction ends: appends to one session queue here. */
  lockOwned(ownerId: string, id: string): Promise<SessionRow | null> {
    return this.sessions.findOne({ where: { id, ownerId }, lock: { mode: 'pessimistic_write' } });
  }

  findMostRecentlyActive(ownerId: string): Promise<SessionRow | null> {
    return this.sessions.findOne({ where: { ownerId, isActive: true }, order: { lastActivityAt: 'DESC', id: 'DESC' } });
  }

  /** One page, most recently active first, starting after `after`; one extra row tells whether more follow. */
  async listByOwner(ownerId: string, after: ActivityPosition | null, limit: number): Promise<(SessionRow & { position: string })[]> {
    // Raw SQL: the row-value keyset and the microsecond cursor text are beyond find().
    const params: unknown[] = [ownerId, limit];
    let keyset = '';
    if (after) {
      params.push(after.lastActivityAt, after.id);
      keyset = `AND (last_activity_at, id) < ($3::timestamptz, $4::uuid)`;
    }
    const { rows } = await this.db.query<SessionRow & { position: string }>(
      `SELECT ${this.db.selectList(SessionEntity)}, ${POSITION} AS "position" FROM sessions WHERE owner_id = $1 ${keyset}
       ORDER BY last_activity_at DESC, id DESC LIMIT $2`,
      params,
    );
    return rows;
  }

  async update(ownerId: string, id: string, fields: SessionFields): Promise<SessionRow | null> {
    const { raw } = await this.sessions
      .createQueryBuilder()
      .update()
      .set(columnValues<SessionEntity>({ ...fields, lastActivityAt: () => 'now()' }))
      .where({ id, ownerId })
      .returning(this.db.selectList(SessionEntity))
      .execute();
    return (raw as SessionRow[])[0] ?? null;
  }

  async deleteOwned(ownerId: string, id: string): Promise<boolean> {
    return (await this.sessions.delete({ id, ownerId })).affected === 1;
  }

  /** Refreshes last_activity_at only when it is older than `staleSeconds`, so reads stay reads. */
  async touchIfStale(id: string, staleSeconds: number): Promise<void> {
    await this.sessions
      .createQueryBuilder()
      .update()
      .set({ lastActivityAt: () => 'now()' })
      .where('id = :id AND last_activity_at < now() - make_interval(secs => :staleSeconds)', { id, staleSeconds })
      .execute();
  }

  /**
   * Takes the next seq of the session for one new message. The UPDATE locks the row,
   * so concurrent appends to one session queue here and get 1, 2, 3, ... in order.
   */
  async reserveNextSeq(ownerId: string, id: string, maxMessages: number): Promise<SeqSlot | null> {
    // Raw SQL: one UPDATE ... RETURNING of computed values is the whole reservation.
    const { rows } = await this.db.query<SeqSlot>(
      `UPDATE sessions SET last_seq = last_seq + 1, message_count = LEAST(message_count + 1, $3), last_activity_at = now()
       WHERE id = $1 AND owner_id = $2 RETURNING last_seq AS seq, message_count AS "messageCount"`,
      [id, ownerId, maxMessages],
    );
    return rows[0] ?? null;
  }

  async transferOwner(fromOwnerId: string, toOwnerId: string): Promise<number> {
    return (await this.sessions.update({ ownerId: fromOwnerId }, { ownerId: toOwnerId })).affected ?? 0;
  }

  /** Every session of `fromOwnerId` becomes `toOwnerId`'s; the ids moved. */
  async transferOwnerReturningIds(fromOwnerId: string, toOwnerId: string): Promise<string[]> {
    const { raw } = await this.sessions.createQueryBuilder().update().set({ ownerId: toOwnerId }).where({ ownerId: fromOwnerId }).returning('id').execute();
    return (raw as { id: string }[]).map((row) => row.id);
  }

  /** Moves the listed sessions, those of them `fromOwnerId` still owns, to `toOwnerId`; how many moved. */
  async moveOwned(ids: string[], fromOwnerId: string, toOwnerId: string): Promise<number> {
    if (ids.length === 0) return 0;
    return (await this.sessions.update({ id: In(ids), ownerId: fromOwnerId }, { ownerId: toOwnerId })).affected ?? 0;
  }

  async idsOwnedBy(ownerIds: string[]): Promise<string[]> {
    return (await this.sessions.find({ select: { id: true }, where: { ownerId: In(ownerIds) } })).map((row) => row.id);
  }

  async existsForOwner(ownerId: string): Promise<boolean> {
    return this.sessions.exists({ where: { ownerId } });
  }

  /** Deletes the owners' sessions (their messages, idempotency keys and leases go with them). */
  async deleteOwnedBy(ownerIds: string[]): Promise<number> {
    return (await this.sessions.delete({ ownerId: In(ownerIds) })).affected ?? 0;
  }

  /** The owners' sessions oldest first, after `after`: an export's batches. */
  async listOldestFirst(ownerIds: string[], after: { at: string; id: string } | null, limit: number): Promise<(SessionRow & { position: string })[]> {
    // Raw SQL: the row-value keyset and the microsecond cursor text are beyond find().
    const { rows } = await this.db.query<SessionRow & { position: string }>(
      `SELECT ${this.db.selectList(SessionEntity)}, ${CREATED_POSITION} AS "position" FROM sessions WHERE owner_id = ANY($1::text[])
         AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
       ORDER BY created_at, id LIMIT $2`,
      [ownerIds, limit, after?.at ?? null, after?.id ?? null],
    );
    return rows;
  }

  /** Serialises "find or create" for one owner until the transaction ends. */
  async lockOwner(ownerId: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [ownerId]);
  }

  /**
   * Deletes up to `limit` sessions idle for `retentionDays` (the least recently active first);
   * their messages, idempotency keys and chat lease go with them (ON DELETE CASCADE), their
   * llm_requests lose only the session id (ON DELETE SET NULL). The cutoff is checked by the
   * DELETE itself, on each row as it stands when locked: a session touched meanwhile stays.
   * Sessions locked by a request in flight are skipped, never waited for.
   */
  async deleteInactiveBatch(retentionDays: number, limit: number): Promise<number> {
    const { affected } = await this.db.query(
      `DELETE FROM sessions WHERE id IN (
         SELECT id FROM sessions WHERE last_activity_at < now() - make_interval(days => $1)
         ORDER BY last_activity_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ) AND last_activity_at < now() - make_interval(days => $1)`,
      [retentionDays, limit],
    );
    return affected;
  }

  /**
   * Locks, until the transaction ends, the next `limit` sessions after `afterId` (in id order)
   * that hold more than `cap` messages. Appends to them wait meanwhile.
   */
  async lockOverCapBatch(afterId: string, cap: number, limit: number): Promise<OverCapSession[]> {
    const { rows } = await this.db.query<OverCapSession>(
      `SELECT id, last_seq AS "lastSeq" FROM sessions WHERE id > $1 AND message_count > $2 ORDER BY id LIMIT $3 FOR UPDATE`,
      [afterId, cap, limit],
    );
    return rows;
  }

  /** Sets message_count of each session to the count given. */
  async setMessageCounts(counts: MessageCount[]): Promise<void> {
    await this.db.query(
      `UPDATE sessions s SET message_count = c.count FROM unnest($1::uuid[], $2::int[]) AS c(id, count) WHERE s.id = c.id`,
      [counts.map((c) => c.sessionId), counts.map((c) => c.count)],
    );
  }
}
