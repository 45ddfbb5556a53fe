import { Injectable } from '@nestjs/common';
import { In, Repository } from 'typeorm';
import { Database } from '@/common/database/database';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export type StoredResponse = Pick<IdempotencyKeyEntity, 'requestHash' | 'response'>;

/** Keys older than this are forgotten: the same key then starts a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;

@Injectable()
export class IdempotencyKeyRepository {
  constructor(private readonly db: Database) {}

  private get keys(): Repository<IdempotencyKeyEntity> {
    return this.db.repository(IdempotencyKeyEntity);
  }

  /** The key's record unless it has expired (by the database's clock, as save() judges it). */
  findLive(ownerId: string, key: string): Promise<StoredResponse | null> {
    return this.keys
      .createQueryBuilder('k')
      .select(['k.requestHash', 'k.response'])
      .where({ ownerId, key })
      .andWhere('k.created_at > now() - make_interval(hours => :ttlHours)', { ttlHours: IDEMPOTENCY_TTL_HOURS })
      .getOne();
  }

  /**
   * Records the first response under the key (replacing an expired one). False when a
   * live record appeared meanwhile, from a concurrent request on another session.
   */
  async save(ownerId: string, key: string, sessionId: string, stored: StoredResponse): Promise<boolean> {
    // Raw SQL: an upsert that replaces only an expired row is beyond upsert()'s conflict options.
    const { affected } = await this.db.query(
      `INSERT INTO idempotency_keys (owner_id, key, request_hash, session_id, response) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (owner_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, session_id = EXCLUDED.session_id,
             response = EXCLUDED.response, created_at = now()
         WHERE idempotency_keys.created_at <= now() - make_interval(hours => $6)`,
      [ownerId, key, stored.requestHash, sessionId, JSON.stringify(stored.response), IDEMPOTENCY_TTL_HOURS],
    );
    return affected === 1;
  }

  /**
   * Deletes up to `limit` expired keys, the oldest first; expiry is judged by the DELETE
   * itself (a key reused meanwhile got a new created_at and stays).
   */
  async deleteExpiredBatch(limit: number): Promise<number> {
    const { affected } = await this.db.query(
      `DELETE FROM idempotency_keys WHERE (owner_id, key) IN (
         SELECT owner_id, key FROM idempotency_keys WHERE created_at <= now() - make_interval(hours => $1)
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ) AND created_at <= now() - make_interval(hours => $1)`,
      [IDEMPOTENCY_TTL_HOURS, limit],
    );
    return affected;
  }

  async deleteByOwners(ownerIds: string[]): Promise<number> {
    return (await this.keys.delete({ ownerId: In(ownerIds) })).affected ?? 0;
  }
}
