import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';
import { MaintenanceRunEntity, RunStatus, RunTrigger } from './maintenance-run.entity';

export type MaintenanceRunRow = MaintenanceRunEntity;

/** The keyset position of a run in the newest-first list. */
export interface RunPosition {
  startedAt: string;
  id: string;
}

export interface RunEnd {
  status: Exclude<RunStatus, 'running'>;
  rowsAffected: number;
  details: Record<string, unknown>;
  error: string | null;
}

/** Microsecond-exact text of started_at, for cursors (a JS Date keeps only milliseconds). */
const POSITION = `to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Each statement commits on its own: a run's record must not wait for, or roll back with, its batches. */
@Injectable()
export class MaintenanceRunRepository {
  constructor(private readonly db: Database) {}

  async insertRunning(job: string, trigger: RunTrigger, replica: string): Promise<MaintenanceRunRow> {
    const { rows } = await this.db.query<MaintenanceRunRow>(
      `INSERT INTO maintenance_runs (job, trigger, status, replica) VALUES ($1, $2, 'running', $3) RETURNING ${this.db.selectList(MaintenanceRunEntity)}`,
      [job, trigger, replica],
    );
    return rows[0];
  }

  /** A run that did not happen, and why (kept in `error`). */
  async insertSkipped(job: string, trigger: RunTrigger, replica: string, reason: string): Promise<MaintenanceRunRow> {
    const { rows } = await this.db.query<MaintenanceRunRow>(
      `INSERT INTO maintenance_runs (job, trigger, status, replica, finished_at, error) VALUES ($1, $2, 'skipped', $3, now(), $4)
       RETURNING ${this.db.selectList(MaintenanceRunEntity)}`,
      [job, trigger, replica, reason],
    );
    return rows[0];
  }

  async finish(id: string, end: RunEnd): Promise<MaintenanceRunRow> {
    const { rows } = await this.db.query<MaintenanceRunRow>(
      `UPDATE maintenance_runs SET status = $2, rows_affected = $3, details = $4, error = $5, finished_at = now()
       WHERE id = $1 RETURNING ${this.db.selectList(MaintenanceRunEntity)}`,
      [id, end.status, end.rowsAffected, JSON.stringify(end.details), end.error],
    );
    return rows[0];
  }

  /** Marks the job's runs still 'running' as failed with `error`; only the lock holder may call it. */
  async failAllRunning(job: string, error: string): Promise<number> {
    const { affected } = await this.db.query(
      `UPDATE maintenance_runs SET status = 'failed', finished_at = now(), error = $2 WHERE job = $1 AND status = 'running'`,
      [job, error],
    );
    return affected;
  }

  /** One page, newest first, of all runs or one job's, starting after `after`; one extra row tells whether more follow. */
  async listNewest(job: string | null, after: RunPosition | null, limit: number): Promise<(MaintenanceRunRow & { position: string })[]> {
    // Raw SQL: the row-value keyset and the microsecond cursor text are beyond find().
    const params: unknown[] = [limit];
    const where: string[] = [];
    if (job !== null) where.push(`job = $${params.push(job)}`);
    if (after) where.push(`(started_at, id) < ($${params.push(after.startedAt)}::timestamptz, $${params.push(after.id)}::uuid)`);
    const { rows } = await this.db.query<MaintenanceRunRow & { position: string }>(
      `SELECT ${this.db.selectList(MaintenanceRunEntity)}, ${POSITION} AS "position" FROM maintenance_runs
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC LIMIT $1`,
      params,
    );
    return rows;
  }
}
