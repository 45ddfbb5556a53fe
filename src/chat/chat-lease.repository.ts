import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';

@Injectable()
export class ChatLeaseRepository {
  constructor(private readonly db: Database) {}

  /** Takes the session's lease if it is free or expired; false while another turn holds it. */
  async tryAcquire(sessionId: string, holder: string, ttlMs: number): Promise<boolean> {
    const taken = await this.db.affected(
      `INSERT INTO chat_leases (session_id, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3 / 1000.0))
       ON CONFLICT (session_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE chat_leases.expires_at < now()`,
      [sessionId, holder, ttlMs],
    );
    return taken === 1;
  }

  /** Pushes the expiry out; false if the lease was lost (expired and taken by another turn). */
  async renew(sessionId: string, holder: string, ttlMs: number): Promise<boolean> {
    const renewed = await this.db.affected(
      `UPDATE chat_leases SET expires_at = now() + make_interval(secs => $3 / 1000.0) WHERE session_id = $1 AND holder = $2`,
      [sessionId, holder, ttlMs],
    );
    return renewed === 1;
  }

  async release(sessionId: string, holder: string): Promise<void> {
    await this.db.affected(`DELETE FROM chat_leases WHERE session_id = $1 AND holder = $2`, [sessionId, holder]);
  }
}
