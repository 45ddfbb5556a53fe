import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * maintenance_runs: one row per run of a scheduled job (DESIGN.md, data model). And an index
 * on visitors.last_seen_at, so the expired-records job finds expired visitors without reading
 * the whole table in every batch.
 */
export class MaintenanceRuns1763769900000 implements MigrationInterface {
  name = 'MaintenanceRuns1763769900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE maintenance_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job text NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'admin')),
        status text NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped')),
        replica text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        rows_affected integer NOT NULL DEFAULT 0 CHECK (rows_affected >= 0),
        details jsonb NOT NULL DEFAULT '{}',
        error text
      )`);
    await db.query(`CREATE INDEX idx_maintenance_runs_started ON maintenance_runs (started_at DESC, id DESC)`);
    await db.query(`CREATE INDEX idx_maintenance_runs_job_started ON maintenance_runs (job, started_at DESC, id DESC)`);
    await db.query(`CREATE INDEX idx_visitors_last_seen ON visitors (last_seen_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX idx_visitors_last_seen`);
    await db.query(`DROP TABLE maintenance_runs`);
  }
}
