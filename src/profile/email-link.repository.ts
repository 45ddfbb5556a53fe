import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';
import { KeysetPosition, positionOf } from '@/common/database/keyset-cursor';
import { EmailHolder } from './profile.repository';

export interface EmailLinkRow {
  id: string;
  email: string;
  ownerId: string;
  otherOwnerId: string;
  sessionId: string | null;
  otherSessionId: string | null;
  createdAt: Date;
  position: string;
}

const COLUMNS = `id, email, owner_id AS "ownerId", other_owner_id AS "otherOwnerId", session_id AS "sessionId",
  other_session_id AS "otherSessionId", created_at AS "createdAt", ${positionOf('created_at')} AS "position"`;

// Raw SQL: a multi-row insert that skips pairs already recorded, and keyset pages.
@Injectable()
export class EmailLinkRepository {
  constructor(private readonly db: Database) {}

  /** Records that `ownerId` now has the email `holders` have; returns only the links new to the table. */
  async insertNew(email: string, ownerId: string, sessionId: string | null, holders: EmailHolder[]): Promise<{ id: string; otherOwnerId: string }[]> {
    const { rows } = await this.db.query<{ id: string; otherOwnerId: string }>(
      `INSERT INTO email_links (email, owner_id, session_id, other_owner_id, other_session_id)
       SELECT $1, $2, $3, h.owner_id, h.session_id FROM unnest($4::text[], $5::uuid[]) AS h(owner_id, session_id)
       ON CONFLICT (email, owner_id, other_owner_id) DO NOTHING
       RETURNING id, other_owner_id AS "otherOwnerId"`,
      [email, ownerId, sessionId, holders.map((h) => h.ownerId), holders.map((h) => h.sessionId)],
    );
    return rows;
  }

  /** Newest first, after `after` in that order. */
  async listNewestFirst(after: KeysetPosition | null, limit: number): Promise<EmailLinkRow[]> {
    const { rows } = after
      ? await this.db.query<EmailLinkRow>(
          `SELECT ${COLUMNS} FROM email_links WHERE (created_at, id) < ($2::timestamptz, $3::uuid) ORDER BY created_at DESC, id DESC LIMIT $1`,
          [limit, after.at, after.id],
        )
      : await this.db.query<EmailLinkRow>(`SELECT ${COLUMNS} FROM email_links ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]);
    return rows;
  }

  /** Deletes the links with any of these owners on either side. */
  async deleteMentioning(ownerIds: string[]): Promise<number> {
    const { affected } = await this.db.query(
      `DELETE FROM email_links WHERE owner_id = ANY($1::text[]) OR other_owner_id = ANY($1::text[])`,
      [ownerIds],
    );
    return affected;
  }
}
