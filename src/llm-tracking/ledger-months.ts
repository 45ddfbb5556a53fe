/**
 * Month arithmetic of the llm_requests partitions: one partition per calendar month in UTC,
 * named `llm_requests_yYYYYmMM`, holding created_at in [start of month, start of next month).
 * A month is a Date at 00:00 UTC of its first day.
 */
export const LEDGER_TABLE = 'llm_requests';
export const DEFAULT_PARTITION = 'llm_requests_default';

const PARTITION_NAME = /^llm_requests_y(\d{4})m(\d{2})$/;
const DAY_MS = 86_400_000;

export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function addMonths(month: Date, count: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + count, 1));
}

export function partitionName(month: Date): string {
  const year = String(month.getUTCFullYear()).padStart(4, '0');
  return `${LEDGER_TABLE}_y${year}m${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month a partition name stands for; null for any other table (the default partition). */
export function monthOfPartition(name: string): Date | null {
  const match = PARTITION_NAME.exec(name);
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? new Date(Date.UTC(Number(match[1]), month - 1, 1)) : null;
}

/** A month is retired once all of it is older than the retention: it ended before now - retentionDays. */
export function isRetired(month: Date, now: Date, retentionDays: number): boolean {
  return addMonths(month, 1).getTime() <= now.getTime() - retentionDays * DAY_MS;
}

export interface PartitionPlan {
  /** Months to give a partition, oldest first. */
  create: Date[];
  /** Months whose partition is to be dropped, oldest first (may include months just created). */
  drop: Date[];
}

/**
 * What the ledger-partitions job does: give a partition to the current month, the `ahead`
 * months after it, and every month up to then that has rows waiting in the default partition;
 * then drop every partitioned month that is retired.
 */
export function planPartitions(existing: Date[], inDefault: Date[], now: Date, ahead: number, retentionDays: number): PartitionPlan {
  const current = monthStart(now);
  const horizon = addMonths(current, ahead).getTime();
  const wanted = [...Array.from({ length: ahead + 1 }, (_, i) => addMonths(current, i)), ...inDefault.filter((m) => m.getTime() <= horizon)];
  const have = new Set(existing.map((m) => m.getTime()));
  const create = uniqueSorted(wanted.filter((m) => !have.has(m.getTime())));
  const drop = uniqueSorted([...existing, ...create].filter((m) => isRetired(m, now, retentionDays)));
  return { create, drop };
}

function uniqueSorted(months: Date[]): Date[] {
  return [...new Set(months.map((m) => m.getTime()))].sort((a, b) => a - b).map((time) => new Date(time));
}
