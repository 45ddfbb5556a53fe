import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';

export interface StoredResponse {
  requestHash: string;
  response: Record<string, unknown>;
}

/** Keys older than this are forgotten: the same key then starts a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;

@Injectable()
export class IdempotencyKeyRepository {
  constructor(private readonly db: Database) {}

  findLive(ownerId: string, key: string): Promise<StoredResponse | null> {
    return this.db.first(
      `SELECT request_hash AS "requestHash", response FROM idempotency_keys
       WHERE owner_id = $1 AND key = $2 AND created_at > now() - make_interval(hours => $3)`,
      [ownerId, key, IDEMPOTENCY_TTL_HOURS],
    );
  }

  /**
   * Records the first response under the key (replacing an expired one). False when a
   * live record appeared meanwhile, from a concurrent request on another session.
   */
  async save(ownerId: string, key: string, sessionId: string, stored: StoredResponse): Promise<boolean> {
    const changed = await this.db.affected(
      `INSERT INTO idempotency_keys (owner_id, key, request_hash, session_id, response) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (owner_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, session_id = EXCLUDED.session_id,
             response = EXCLUDED.response, created_at = now()
         WHERE idempotency_keys.created_at <= now() - make_interval(hours => $6)`,
      [ownerId, key, stored.requestHash, sessionId, JSON.stringify(stored.response), IDEMPOTENCY_TTL_HOURS],
    );
    return changed === 1;
  }
}
