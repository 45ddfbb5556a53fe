import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';

export interface VisitorRow {
  id: string;
  userId: string | null;
  lastSeenAt: Date;
}

const COLUMNS = `id, user_id AS "userId", last_seen_at AS "lastSeenAt"`;

@Injectable()
export class VisitorRepository {
  constructor(private readonly db: Database) {}

  findByKeyHash(keyHash: string): Promise<VisitorRow | null> {
    return this.db.first(`SELECT ${COLUMNS} FROM visitors WHERE key_hash = $1`, [keyHash]);
  }

  async create(keyHash: string): Promise<VisitorRow> {
    const row = await this.db.first<VisitorRow>(`INSERT INTO visitors (key_hash) VALUES ($1) RETURNING ${COLUMNS}`, [keyHash]);
    return row!;
  }

  async markSeen(id: string): Promise<void> {
    await this.db.affected(`UPDATE visitors SET last_seen_at = now() WHERE id = $1`, [id]);
  }

  /** Records the user who claimed the visitor; false if another user got there first. */
  async claimForUser(id: string, userId: string): Promise<boolean> {
    const changed = await this.db.affected(
      `UPDATE visitors SET user_id = $2, last_seen_at = now() WHERE id = $1 AND user_id IS NULL`,
      [id, userId],
    );
    return changed === 1;
  }
}
