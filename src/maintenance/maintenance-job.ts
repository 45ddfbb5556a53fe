/** The jobs, in the order a scheduled run takes them. */
export const JOB_NAMES = ['session-cleanup', 'message-pruning', 'expired-records', 'ledger-partitions'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

/** What a job gets from the runner. */
export interface JobContext {
  /** Rows a batch should take (MAINTENANCE_BATCH_SIZE). */
  readonly batchSize: number;
  /**
   * Runs `work` as one batch: a transaction of its own, committed before the next batch
   * starts, so a crash loses at most the batch in flight. `work` returns the rows it
   * changed, which count into the run's rows_affected. Throws once the service is stopping.
   */
  batch(work: () => Promise<number>): Promise<number>;
}

/** One maintenance job: a few lines that call the owning module's service batch by batch. */
export interface MaintenanceJob {
  readonly name: JobName;
  /** Does the work; returns what to keep in the run's `details`. */
  run(context: JobContext): Promise<Record<string, unknown>>;
}

/** Provider token: every job. */
export const MAINTENANCE_JOBS = Symbol('MAINTENANCE_JOBS');

/** Repeats `batch` until one comes back short of the batch size (nothing, or nothing more, to do). */
export async function drain(context: JobContext, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await context.batch(batch);
    total += rows;
    if (rows < context.batchSize) return total;
  }
}
