import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';
import { KeysetPosition, positionOf } from '@/common/database/keyset-cursor';
import { ChangeSource } from './profile-event.entity';
import { FieldChange, FieldValue } from './profile-state';

export interface ProfileEventRow {
  id: string;
  ownerId: string;
  field: string;
  oldValue: FieldValue;
  newValue: FieldValue;
  source: ChangeSource;
  sessionId: string | null;
  messageId: string | null;
  createdAt: Date;
  /** The keyset position (created_at with microseconds). */
  position: string;
}

/** Who made a set of changes, and from which message if any. */
export interface ChangeOrigin {
  source: ChangeSource;
  sessionId: string | null;
  messageId: string | null;
}

const COLUMNS = `id, owner_id AS "ownerId", field, old_value AS "oldValue", new_value AS "newValue", source,
  session_id AS "sessionId", message_id AS "messageId", created_at AS "createdAt", ${positionOf('created_at')} AS "position"`;

// Raw SQL: a multi-row insert from arrays and keyset pages with a microsecond cursor.
@Injectable()
export class ProfileEventRepository {
  constructor(private readonly db: Database) {}

  /** One row per change, in one statement. */
  async insertMany(ownerId: string, changes: FieldChange[], origin: ChangeOrigin): Promise<void> {
    await this.db.query(
      `INSERT INTO profile_events (owner_id, field, old_value, new_value, source, session_id, message_id)
       SELECT $1, e.field, e.old_value, e.new_value, $5, $6, $7 FROM unnest($2::text[], $3::jsonb[], $4::jsonb[]) AS e(field, old_value, new_value)`,
      [ownerId, changes.map((c) => c.field), changes.map((c) => json(c.oldValue)), changes.map((c) => json(c.newValue)), origin.source, origin.sessionId, origin.messageId],
    );
  }

  /** The owner's events, newest first, after `after` in that order; `limit` rows. */
  async listNewestFirst(ownerId: string, after: KeysetPosition | null, limit: number): Promise<ProfileEventRow[]> {
    const { rows } = after
      ? await this.db.query<ProfileEventRow>(
          `SELECT ${COLUMNS} FROM profile_events WHERE owner_id = $1 AND (created_at, id) < ($3::timestamptz, $4::uuid)
           ORDER BY created_at DESC, id DESC LIMIT $2`,
          [ownerId, limit, after.at, after.id],
        )
      : await this.db.query<ProfileEventRow>(`SELECT ${COLUMNS} FROM profile_events WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [
          ownerId,
          limit,
        ]);
    return rows;
  }

  /** The events of several owners, oldest first, after `after`: an export's batches. */
  async listOldestFirst(ownerIds: string[], after: KeysetPosition | null, limit: number): Promise<ProfileEventRow[]> {
    const { rows } = await this.db.query<ProfileEventRow>(
      `SELECT ${COLUMNS} FROM profile_events WHERE owner_id = ANY($1::text[])
         AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
       ORDER BY created_at, id LIMIT $2`,
      [ownerIds, limit, after?.at ?? null, after?.id ?? null],
    );
    return rows;
  }

  /** A login claim: the visitor's history becomes the user's. */
  async reassignOwner(fromOwnerId: string, toOwnerId: string): Promise<void> {
    await this.db.query(`UPDATE profile_events SET owner_id = $2 WHERE owner_id = $1`, [fromOwnerId, toOwnerId]);
  }

  async deleteByOwners(ownerIds: string[]): Promise<number> {
    return (await this.db.query(`DELETE FROM profile_events WHERE owner_id = ANY($1::text[])`, [ownerIds])).affected;
  }
}

function json(value: FieldValue): string | null {
  return value === null ? null : JSON.stringify(value);
}
