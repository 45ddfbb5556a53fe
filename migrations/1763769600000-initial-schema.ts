import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions, visitors, messages and idempotency keys (DESIGN.md, data model). */
export class InitialSchema1763769600000 implements MigrationInterface {
  name = 'InitialSchema1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id text NOT NULL,
        title text,
        context_data jsonb NOT NULL DEFAULT '{}',
        metadata jsonb NOT NULL DEFAULT '{}',
        is_active boolean NOT NULL DEFAULT true,
        message_count integer NOT NULL DEFAULT 0 CHECK (message_count >= 0),
        last_seq integer NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX idx_sessions_owner_activity ON sessions (owner_id, last_activity_at DESC, id DESC)`);
    await db.query(`CREATE INDEX idx_sessions_last_activity ON sessions (last_activity_at)`);

    await db.query(`
      CREATE TABLE visitors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key_hash text NOT NULL,
        user_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_visitors_key_hash UNIQUE (key_hash)
      )`);

    await db.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        role text NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
        content text NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        tools_used jsonb,
        tool_calls jsonb,
        tool_call_id text,
        token_count integer CHECK (token_count >= 0),
        processing_time_ms integer CHECK (processing_time_ms >= 0),
        has_error boolean NOT NULL DEFAULT false,
        error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_messages_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
        CONSTRAINT uq_messages_session_seq UNIQUE (session_id, seq)
      )`);

    await db.query(`
      CREATE TABLE idempotency_keys (
        owner_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        session_id uuid NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (owner_id, key),
        CONSTRAINT fk_idempotency_keys_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX idx_idempotency_keys_created ON idempotency_keys (created_at)`);
    await db.query(`CREATE INDEX idx_idempotency_keys_session ON idempotency_keys (session_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE messages`);
    await db.query(`DROP TABLE visitors`);
    await db.query(`DROP TABLE sessions`);
  }
}
