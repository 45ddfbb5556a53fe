import { MaintenanceRunDto } from './dto/maintenance-run.dto';
import { MaintenanceRunRow } from './maintenance-run.repository';

export function mapRun(row: MaintenanceRunRow): MaintenanceRunDto {
  return {
    id: row.id,
    job: row.job,
    trigger: row.trigger,
    status: row.status,
    replica: row.replica,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    rowsAffected: row.rowsAffected,
    details: row.details,
    error: row.error,
  };
}
