import { ResponseField } from '@/common/http/api-properties';
import { JOB_NAMES } from '../maintenance-job';
import { RUN_STATUSES, RUN_TRIGGERS, RunStatus, RunTrigger } from '../maintenance-run.entity';

/** One run of a maintenance job. */
export class MaintenanceRunDto {
  @ResponseField('Run id', { format: 'uuid' })
  id: string;

  @ResponseField('The job', { enum: JOB_NAMES })
  job: string;

  @ResponseField('schedule (MAINTENANCE_CRON) or admin (POST .../run)', { enum: RUN_TRIGGERS })
  trigger: RunTrigger;

  @ResponseField(
    'running (or interrupted, until the next run of the job marks it failed), ok, failed, or skipped (another replica, or this one, was running the job)',
    { enum: RUN_STATUSES },
  )
  status: RunStatus;

  @ResponseField('The process that ran or skipped it: `<hostname>:<pid>`')
  replica: string;

  @ResponseField('When the run started', { format: 'date-time' })
  startedAt: Date;

  @ResponseField('When it ended; null while running', { type: String, format: 'date-time', nullable: true })
  finishedAt: Date | null;

  @ResponseField('finishedAt - startedAt in milliseconds; null while running', { type: 'integer', nullable: true })
  durationMs: number | null;

  @ResponseField('Rows the committed batches deleted or moved (sessions, messages, keys, visitors, leases, ledger rows)', { type: 'integer' })
  rowsAffected: number;

  @ResponseField(
    'What the job did, by kind, with `batches` (committed) and `longestBatchMs` (the longest batch transaction); empty for a skipped run',
    { type: 'object', additionalProperties: true },
  )
  details: Record<string, unknown>;

  @ResponseField('Why the run failed or was skipped; null otherwise', { type: String, nullable: true })
  error: string | null;
}

/** One page of runs, newest first. */
export class MaintenanceRunPageDto {
  @ResponseField('The runs of this page', { type: [MaintenanceRunDto] })
  items: MaintenanceRunDto[];

  @ResponseField('Pass as `cursor` for the next page; null on the last page', { type: String, nullable: true })
  nextCursor: string | null;
}
