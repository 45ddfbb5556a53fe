import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { ClsService, CLS_ID } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { Database } from '@/common/database/database';
import { MaintenanceRunDto } from './dto/maintenance-run.dto';
import { JobLock } from './job-lock';
import { JobContext, JobName, MAINTENANCE_JOBS, MaintenanceJob } from './maintenance-job';
import { RunTrigger } from './maintenance-run.entity';
import { mapRun } from './maintenance-run.mapper';
import { MaintenanceRunRepository, RunEnd } from './maintenance-run.repository';

/** Hooks into runs: for metrics (rows and duration per run), and for tests that act between batches. */
export interface RunListener {
  /** After each committed batch of a run; the run goes on once the returned promise settles. */
  batchDone?(job: JobName, batch: number): void | Promise<void>;
  /** Once a run's record is final: ok, failed or skipped. */
  runFinished?(run: MaintenanceRunDto): void;
}

const REPLICA = `${hostname()}:${process.pid}`;
const INTERRUPTED = 'interrupted: the process running it stopped before it finished (found by the next run, which does the rest)';
const MAX_ERROR_CHARS = 1_000;

/** What the committed batches of a run did: the numbers kept in its record. */
interface Tally {
  rows: number;
  batches: number;
  /** The longest batch transaction, so the longest any row lock of the run was held. */
  longestBatchMs: number;
}

class RunStopped extends Error {
  constructor() {
    super('stopped: the service shut down between two batches; the next run does the rest');
  }
}

/**
 * Runs one job at most once at a time across every replica (an advisory lock per job, and a
 * set of this process's runs, since the embedded database shares one session between all
 * connections and its advisory locks would not exclude them), and keeps the maintenance_runs
 * record of each run. Runs are logged by job name and numbers only.
 */
@Injectable()
export class MaintenanceRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MaintenanceRunner.name);
  private readonly jobs: Map<JobName, MaintenanceJob>;
  private readonly inFlight = new Map<JobName, Promise<MaintenanceRunDto>>();
  private readonly listeners: RunListener[] = [];
  private stopping = false;

  constructor(
    @Inject(MAINTENANCE_JOBS) jobs: MaintenanceJob[],
    private readonly runs: MaintenanceRunRepository,
    private readonly locks: JobLock,
    private readonly db: Database,
    private readonly cls: ClsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.jobs = new Map(jobs.map((job) => [job.name, job]));
  }

  /** Calls `listener` from now on; returns the function that stops it. */
  addListener(listener: RunListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** Runs the job, or records why it was skipped; answers with the run's record either way. */
  run(name: JobName, trigger: RunTrigger): Promise<MaintenanceRunDto> {
    // A context of its own, never a caller's transaction (every batch must commit on its own), with the caller's request id for the logs.
    const requestId = this.cls.isActive() ? this.cls.getId() : undefined;
    return this.cls.run({ ifNested: 'override' }, () => {
      this.cls.set(CLS_ID, requestId ?? `maintenance-${randomUUID()}`);
      if (this.stopping) return this.skip(name, trigger, 'the service is shutting down');
      if (this.inFlight.has(name)) return this.skip(name, trigger, 'this replica is already running it');
      const running = this.runLocked(this.jobs.get(name)!, trigger).finally(() => this.inFlight.delete(name));
      this.inFlight.set(name, running);
      return running;
    });
  }

  /** Lets runs in progress stop at their next batch and record it, before the pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.inFlight.values());
  }

  private async runLocked(job: MaintenanceJob, trigger: RunTrigger): Promise<MaintenanceRunDto> {
    const lock = await this.locks.tryAcquire(job.name);
    if (!lock) return this.skip(job.name, trigger, 'another replica holds its lock and is running it');
    try {
      const interrupted = await this.runs.failAllRunning(job.name, INTERRUPTED);
      if (interrupted > 0) this.logger.warn(`${job.name}: ${interrupted} earlier run(s) had been interrupted; marked failed`);
      return await this.execute(job, trigger);
    } finally {
      await lock.release();
    }
  }

  private async execute(job: MaintenanceJob, trigger: RunTrigger): Promise<MaintenanceRunDto> {
    const { id } = await this.runs.insertRunning(job.name, trigger, REPLICA);
    const tally: Tally = { rows: 0, batches: 0, longestBatchMs: 0 };
    let end: RunEnd;
    try {
      const details = await job.run(this.contextFor(job.name, tally));
      end = { status: 'ok', rowsAffected: tally.rows, details: { ...details, batches: tally.batches, longestBatchMs: tally.longestBatchMs }, error: null };
    } catch (error) {
      end = { status: 'failed', rowsAffected: tally.rows, details: { batches: tally.batches, longestBatchMs: tally.longestBatchMs }, error: errorText(error) };
    }
    return this.finished(mapRun(await this.runs.finish(id, end)));
  }

  private contextFor(job: JobName, tally: Tally): JobContext {
    return {
      batchSize: this.config.maintenance.batchSize,
      batch: async (work) => {
        if (this.stopping) throw new RunStopped();
        const started = performance.now();
        const rows = await this.db.inTransaction(work);
        const elapsed = performance.now() - started;
        tally.longestBatchMs = Math.max(tally.longestBatchMs, Math.round(elapsed));
        tally.rows += rows;
        tally.batches += 1;
        for (const listener of this.listeners) await listener.batchDone?.(job, tally.batches);
        await this.rest(elapsed);
        return rows;
      },
    };
  }

  /**
   * Throttles a job the way autovacuum's cost delay does: resting MAINTENANCE_REST_PER_BATCH
   * times as long as the last batch took keeps a job to 1 / (1 + rest) of one connection's
   * time, however slow the database is, so requests keep most of the machine
   * (bench/results/cleanup.md).
   */
  private async rest(batchMs: number): Promise<void> {
    const restMs = batchMs * this.config.maintenance.restPerBatch;
    if (restMs >= 1 && !this.stopping) await sleep(restMs);
  }

  private async skip(job: JobName, trigger: RunTrigger, reason: string): Promise<MaintenanceRunDto> {
    this.logger.log(`${job} (${trigger}): skipped: ${reason}`);
    return this.announce(mapRun(await this.runs.insertSkipped(job, trigger, REPLICA, reason)));
  }

  private finished(run: MaintenanceRunDto): MaintenanceRunDto {
    const summary = `${run.job} (${run.trigger}): ${run.status}, ${run.rowsAffected} rows in ${run.durationMs} ms`;
    if (run.status === 'ok') this.logger.log(`${summary} ${JSON.stringify(run.details)}`);
    else this.logger.error(`${summary}: ${run.error}`);
    return this.announce(run);
  }

  private announce(run: MaintenanceRunDto): MaintenanceRunDto {
    for (const listener of this.listeners) {
      try {
        listener.runFinished?.(run);
      } catch (error) {
        this.logger.warn(`a run listener failed: ${errorText(error)}`);
      }
    }
    return run;
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}
