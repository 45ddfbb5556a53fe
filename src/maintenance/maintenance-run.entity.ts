import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RUN_TRIGGERS = ['schedule', 'admin'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export const RUN_STATUSES = ['running', 'ok', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One run of a maintenance job: who started it, how it ended, what it did. */
@Entity('maintenance_runs')
@Index('idx_maintenance_runs_started', ['startedAt', 'id'])
@Index('idx_maintenance_runs_job_started', ['job', 'startedAt', 'id'])
@Check('maintenance_runs_trigger_check', `trigger IN ('schedule', 'admin')`)
@Check('maintenance_runs_status_check', `status IN ('running', 'ok', 'failed', 'skipped')`)
@Check('maintenance_runs_rows_affected_check', 'rows_affected >= 0')
export class MaintenanceRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  job: string;

  @Column({ type: 'text' })
  trigger: RunTrigger;

  @Column({ type: 'text' })
  status: RunStatus;

  /** The process that ran (or skipped) it: `<hostname>:<pid>`. */
  @Column({ type: 'text' })
  replica: string;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'rows_affected', type: 'integer', default: 0 })
  rowsAffected: number;

  /** What the job did, by kind (e.g. visitors and leases deleted, partitions created). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
