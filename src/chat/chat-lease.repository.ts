import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { Database } from '@/common/database/database';
import { ChatLeaseEntity } from './chat-lease.entity';

@Injectable()
export class ChatLeaseRepository {
  constructor(private readonly db: Database) {}

  private get leases(): Repository<ChatLeaseEntity> {
    return this.db.repository(ChatLeaseEntity);
  }

  /** Takes the session's lease if it is free or expired; false while another turn holds it. */
  async tryAcquire(sessionId: string, holder: string, ttlMs: number): Promise<boolean> {
    // Raw SQL: taking over only an expired lease needs a conditional upsert.
    const { affected } = await this.db.query(
      `INSERT INTO chat_leases (session_id, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3 / 1000.0))
       ON CONFLICT (session_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE chat_leases.expires_at < now()`,
      [sessionId, holder, ttlMs],
    );
    return affected === 1;
  }

  /** Pushes the expiry out; false if the lease was lost (expired and taken by another turn). */
  async renew(sessionId: string, holder: string, ttlMs: number): Promise<boolean> {
    const { affected } = await this.leases
      .createQueryBuilder()
      .update()
      .set({ expiresAt: () => 'now() + make_interval(secs => :ttlSeconds)' })
      .where({ sessionId, holder })
      .setParameter('ttlSeconds', ttlMs / 1000)
      .execute();
    return affected === 1;
  }

  async release(sessionId: string, holder: string): Promise<void> {
    await this.leases.delete({ sessionId, holder });
  }

  /** Deletes up to `limit` expired leases; expiry is judged by the DELETE itself (a lease taken over meanwhile stays). */
  async deleteExpiredBatch(limit: number): Promise<number> {
    const { affected } = await this.db.query(
      `DELETE FROM chat_leases WHERE session_id IN (
         SELECT session_id FROM chat_leases WHERE expires_at < now() LIMIT $1 FOR UPDATE SKIP LOCKED
       ) AND expires_at < now()`,
      [limit],
    );
    return affected;
  }
}
