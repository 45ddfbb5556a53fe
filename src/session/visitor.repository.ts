import { Injectable } from '@nestjs/common';
import { In, IsNull, Repository } from 'typeorm';
import { Database } from '@/common/database/database';
import { VisitorEntity } from './visitor.entity';

export type VisitorRow = Pick<VisitorEntity, 'id' | 'userId' | 'lastSeenAt'>;

@Injectable()
export class VisitorRepository {
  constructor(private readonly db: Database) {}

  private get visitors(): Repository<VisitorEntity> {
    return this.db.repository(VisitorEntity);
  }

  findByKeyHash(keyHash: string): Promise<VisitorRow | null> {
    return this.visitors.findOne({ select: { id: true, userId: true, lastSeenAt: true }, where: { keyHash } });
  }

  create(keyHash: string): Promise<VisitorRow> {
    return this.visitors.save(this.visitors.create({ keyHash }));
  }

  async markSeen(id: string): Promise<void> {
    await this.visitors.update({ id }, { lastSeenAt: () => 'now()' });
  }

  /** Records the user who claimed the visitor; false if another user got there first. */
  async claimForUser(id: string, userId: string): Promise<boolean> {
    const { affected } = await this.visitors.update({ id, userId: IsNull() }, { userId, lastSeenAt: () => 'now()' });
    return affected === 1;
  }

  /**
   * Deletes up to `limit` visitors not seen for `maxAgeDays` (their cookie, issued with that
   * lifetime, has expired) that own no session; both conditions are checked by the DELETE
   * itself. `ownerPrefix` makes a visitor id a sessions.owner_id. Returns the ids deleted.
   */
  async deleteExpiredBatch(maxAgeDays: number, ownerPrefix: string, limit: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `DELETE FROM visitors v WHERE v.id IN (
         SELECT x.id FROM visitors x
         WHERE x.last_seen_at < now() - make_interval(days => $1)
           AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.owner_id = $2::text || x.id::text)
         ORDER BY x.last_seen_at LIMIT $3 FOR UPDATE SKIP LOCKED
       ) AND v.last_seen_at < now() - make_interval(days => $1)
         AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.owner_id = $2::text || v.id::text)
       RETURNING v.id`,
      [maxAgeDays, ownerPrefix, limit],
    );
    return rows.map((row) => row.id);
  }

  findById(id: string): Promise<VisitorRow | null> {
    return this.visitors.findOne({ select: { id: true, userId: true, lastSeenAt: true }, where: { id } });
  }

  async idsClaimedBy(userId: string): Promise<string[]> {
    return (await this.visitors.find({ select: { id: true }, where: { userId } })).map((row) => row.id);
  }

  async deleteByIds(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return (await this.visitors.delete({ id: In(ids) })).affected ?? 0;
  }
}
