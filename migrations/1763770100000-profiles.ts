import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The profile module's tables (DESIGN.md, data model): one profile per owner, the history of
 * its changes, emails found under two owners, and reversible merges. Session and message ids
 * in them have no foreign key: sessions are deleted by their owners and by cleanup, the cap
 * prunes messages, and the history of a value must outlive both (as llm_requests.message_id).
 */
export class Profiles1763770100000 implements MigrationInterface {
  name = 'Profiles1763770100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE profiles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id text NOT NULL,
        customer_name text,
        phone text,
        email text,
        address_street text,
        address_city text,
        address_state text,
        address_zip text,
        products_of_interest text[] NOT NULL DEFAULT '{}',
        services_of_interest text[] NOT NULL DEFAULT '{}',
        preferences jsonb NOT NULL DEFAULT '{}',
        provenance jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_profiles_owner UNIQUE (owner_id),
        CONSTRAINT chk_profiles_email_lower CHECK (email = lower(email))
      )`);
    await db.query(`CREATE INDEX idx_profiles_email ON profiles (email) WHERE email IS NOT NULL`);

    await db.query(`
      CREATE TABLE profile_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id text NOT NULL,
        field text NOT NULL,
        old_value jsonb,
        new_value jsonb,
        source text NOT NULL,
        session_id uuid,
        message_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_profile_events_source CHECK (source IN ('extracted', 'manual', 'merge', 'revert'))
      )`);
    await db.query(`CREATE INDEX idx_profile_events_owner_created ON profile_events (owner_id, created_at DESC, id DESC)`);

    await db.query(`
      CREATE TABLE email_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        owner_id text NOT NULL,
        other_owner_id text NOT NULL,
        session_id uuid,
        other_session_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_email_links_email_owners UNIQUE (email, owner_id, other_owner_id)
      )`);
    await db.query(`CREATE INDEX idx_email_links_created ON email_links (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX idx_email_links_owner ON email_links (owner_id)`);
    await db.query(`CREATE INDEX idx_email_links_other_owner ON email_links (other_owner_id)`);

    await db.query(`
      CREATE TABLE profile_merges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        from_owner_id text NOT NULL,
        into_owner_id text NOT NULL,
        moved jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        reverted_at timestamptz,
        CONSTRAINT chk_profile_merges_owners CHECK (from_owner_id <> into_owner_id)
      )`);
    await db.query(`CREATE INDEX idx_profile_merges_from ON profile_merges (from_owner_id)`);
    await db.query(`CREATE INDEX idx_profile_merges_into ON profile_merges (into_owner_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE profile_merges`);
    await db.query(`DROP TABLE email_links`);
    await db.query(`DROP TABLE profile_events`);
    await db.query(`DROP TABLE profiles`);
  }
}
