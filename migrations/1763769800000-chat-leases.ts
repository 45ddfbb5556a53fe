import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per session with a chat turn under way; it expires so a crashed turn frees the session. */
export class ChatLeases1763769800000 implements MigrationInterface {
  name = 'ChatLeases1763769800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE chat_leases (
        session_id uuid PRIMARY KEY,
        holder uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT fk_chat_leases_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE chat_leases`);
  }
}
