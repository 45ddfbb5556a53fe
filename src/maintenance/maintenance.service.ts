import { Injectable } from '@nestjs/common';
import { ProblemException } from '@/common/errors/problem.exception';
import { ListRunsQuery } from './dto/list-runs.query';
import { MaintenanceRunDto, MaintenanceRunPageDto } from './dto/maintenance-run.dto';
import { isJobName, JOB_NAMES } from './maintenance-job';
import { mapRun } from './maintenance-run.mapper';
import { MaintenanceRunRepository } from './maintenance-run.repository';
import { MaintenanceRunner } from './maintenance-runner';
import { decodeRunCursor, encodeRunCursor } from './run-cursor';

const DEFAULT_PAGE_SIZE = 20;

/** What admins do with maintenance: run a job now, read the run log. */
@Injectable()
export class MaintenanceService {
  constructor(
    private readonly runner: MaintenanceRunner,
    private readonly runs: MaintenanceRunRepository,
  ) {}

  /** Runs the job now and answers with its record (status ok, failed, or skipped); 404 for an unknown job. */
  runNow(job: string): Promise<MaintenanceRunDto> {
    if (!isJobName(job)) throw ProblemException.notFound(`There is no maintenance job "${job}"; the jobs are ${JOB_NAMES.join(', ')}.`);
    return this.runner.run(job, 'admin');
  }

  async listRuns(query: ListRunsQuery): Promise<MaintenanceRunPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeRunCursor(query.cursor) : null;
    const rows = await this.runs.listNewest(query.job ?? null, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit ? encodeRunCursor({ startedAt: last.position, id: last.id }) : null;
    return { items: page.map(mapRun), nextCursor };
  }
}
