import { Injectable } from '@nestjs/common';
import { ProblemException } from '@/common/errors/problem.exception';
import { CreateSessionDto } from './dto/create-session.dto';
import { ListSessionsQuery } from './dto/list-sessions.query';
import { SessionDto, SessionPageDto } from './dto/session.dto';
import { UpdateSessionDto } from './dto/update-session.dto';
import { Owner } from './owner';
import { decodeSessionCursor, encodeSessionCursor } from './session-cursor';
import { mapSession } from './session.mapper';
import { MessageCount, OverCapSession, SeqSlot, SessionRepository } from './session.repository';

/** A read older than this refreshes last_activity_at; fresher reads write nothing. */
const READ_TOUCH_AFTER_SECONDS = 60;
const DEFAULT_PAGE_SIZE = 20;

@Injectable()
export class SessionService {
  constructor(private readonly sessions: SessionRepository) {}

  async create(owner: Owner, dto: CreateSessionDto): Promise<SessionDto> {
    return mapSession(await this.sessions.create(owner.id, dto));
  }

  async list(owner: Owner, query: ListSessionsQuery): Promise<SessionPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeSessionCursor(query.cursor) : null;
    const rows = await this.sessions.listByOwner(owner.id, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit ? encodeSessionCursor({ lastActivityAt: last.position, id: last.id }) : null;
    return { items: page.map(mapSession), nextCursor };
  }

  /** The owner's most recently active open session, created when there is none. */
  async resumeCurrent(owner: Owner): Promise<SessionDto> {
    const existing = await this.sessions.findMostRecentlyActive(owner.id);
    if (existing) return this.touched(existing);
    await this.sessions.lockOwner(owner.id);
    const created = (await this.sessions.findMostRecentlyActive(owner.id)) ?? (await this.sessions.create(owner.id, {}));
    return mapSession(created);
  }

  /**
   * The owner's session, 404 if it does not exist or belongs to someone else.
   * Refreshes last_activity_at when it is more than a minute old.
   */
  async getOwned(owner: Owner, id: string): Promise<SessionDto> {
    return this.touched(await this.findOrThrow(owner, id));
  }

  /** Sets the fields the request names; one that names none changes nothing (not even the activity time). */
  async update(owner: Owner, id: string, dto: UpdateSessionDto): Promise<SessionDto> {
    if (Object.values(dto).every((value) => value === undefined)) return mapSession(await this.findOrThrow(owner, id));
    const row = await this.sessions.update(owner.id, id, dto);
    if (!row) throw sessionNotFound(id);
    return mapSession(row);
  }

  async remove(owner: Owner, id: string): Promise<void> {
    if (!(await this.sessions.deleteOwned(owner.id, id))) throw sessionNotFound(id);
  }

  /** For appends with an idempotency key: holds the session's row lock until the transaction ends. */
  async lockOwned(owner: Owner, id: string): Promise<void> {
    if (!(await this.sessions.lockOwned(owner.id, id))) throw sessionNotFound(id);
  }

  /**
   * Reserves the seq for one new message (locking the session row until the transaction
   * ends) and counts it, never beyond `maxMessages`: the caller prunes the oldest.
   */
  async reserveNextSeq(owner: Owner, id: string, maxMessages: number): Promise<SeqSlot> {
    const slot = await this.sessions.reserveNextSeq(owner.id, id, maxMessages);
    if (!slot) throw sessionNotFound(id);
    return slot;
  }

  /**
   * One batch of the session-cleanup job: deletes up to `limit` sessions idle for
   * `retentionDays`, with their messages, idempotency keys and lease (their llm_requests
   * keep their cost without the session). The cutoff is judged inside the DELETE, so a
   * session that becomes active meanwhile is never deleted. Returns the sessions deleted.
   */
  deleteInactiveBatch(retentionDays: number, limit: number): Promise<number> {
    return this.sessions.deleteInactiveBatch(retentionDays, limit);
  }

  /**
   * For message pruning: locks (until the transaction ends) up to `limit` sessions after
   * `afterId`, in id order, holding more than `cap` messages.
   */
  lockOverCapBatch(afterId: string, cap: number, limit: number): Promise<OverCapSession[]> {
    return this.sessions.lockOverCapBatch(afterId, cap, limit);
  }

  /** For message pruning: the sessions' true message counts, once their oldest messages are gone. */
  setMessageCounts(counts: MessageCount[]): Promise<void> {
    return this.sessions.setMessageCounts(counts);
  }

  /** An admin merge: every session of `fromOwnerId` becomes `intoOwnerId`'s. The ids moved. */
  transferAllOwnedBy(fromOwnerId: string, intoOwnerId: string): Promise<string[]> {
    return this.sessions.transferOwnerReturningIds(fromOwnerId, intoOwnerId);
  }

  /** A merge's revert: the listed sessions that `currentOwnerId` still owns go back to `toOwnerId`. How many moved. */
  moveBack(sessionIds: string[], currentOwnerId: string, toOwnerId: string): Promise<number> {
    return this.sessions.moveOwned(sessionIds, currentOwnerId, toOwnerId);
  }

  /** True when the owner has at least one session. */
  hasSessions(ownerId: string): Promise<boolean> {
    return this.sessions.existsForOwner(ownerId);
  }

  /** The ids of every session of these owners (an erasure reads them before deleting). */
  idsOwnedBy(ownerIds: string[]): Promise<string[]> {
    return this.sessions.idsOwnedBy(ownerIds);
  }

  /**
   * Erasure: deletes every session of these owners; their messages, idempotency keys and
   * leases go with them (ON DELETE CASCADE), llm_requests keep their row with session_id null.
   */
  deleteAllOwnedBy(ownerIds: string[]): Promise<number> {
    return this.sessions.deleteOwnedBy(ownerIds);
  }

  /** A batch of an export: these owners' sessions, oldest first, after `after` (a previous batch's last `position`). */
  async exportBatch(ownerIds: string[], after: { at: string; id: string } | null, limit: number): Promise<(SessionDto & { position: string })[]> {
    const rows = await this.sessions.listOldestFirst(ownerIds, after, limit);
    return rows.map((row) => ({ ...mapSession(row), position: row.position }));
  }

  private async findOrThrow(owner: Owner, id: string) {
    const row = await this.sessions.findOwned(owner.id, id);
    if (!row) throw sessionNotFound(id);
    return row;
  }

  private async touched(row: Parameters<typeof mapSession>[0]): Promise<SessionDto> {
    const ageSeconds = (Date.now() - row.lastActivityAt.getTime()) / 1000;
    if (ageSeconds > READ_TOUCH_AFTER_SECONDS) {
      await this.sessions.touchIfStale(row.id, READ_TOUCH_AFTER_SECONDS);
      row = { ...row, lastActivityAt: new Date() };
    }
    return mapSession(row);
  }
}

export function sessionNotFound(id: string): ProblemException {
  return ProblemException.notFound(`Session ${id} was not found.`);
}
