import { Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { JobName } from './maintenance-job';

/** A job's lock, held until released (or until its connection ends). */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * One replica at a time per job: a session-level PostgreSQL advisory lock, taken with
 * pg_try_advisory_lock (never waited for) on a connection of its own, outside the pool,
 * and held for the whole run. Outside the pool because the embedded database's pool has a
 * single connection, which the run's batches need; and because a pooled connection goes
 * back to the pool between transactions, while a session lock must stay with its holder.
 * If the lock's connection dies mid-run PostgreSQL frees the lock: another replica may then
 * start the same job, which is safe (the batches skip rows another holds) but wasteful.
 */
@Injectable()
export class JobLock {
  private readonly logger = new Logger(JobLock.name);

  constructor(private readonly dataSource: DataSource) {}

  /** The lock of `job`, or null while another holder has it. */
  async tryAcquire(job: JobName): Promise<HeldLock | null> {
    const client = new Client({
      connectionString: (this.dataSource.options as PostgresDataSourceOptions).url,
      connectionTimeoutMillis: 5_000,
      application_name: `continuum maintenance: ${job}`,
    });
    client.on('error', (error) => this.logger.warn(`the lock connection of ${job} failed: ${error.message}`));
    await client.connect();
    let locked = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [lockKey(job)]);
      locked = rows[0].locked;
    } finally {
      if (!locked) await client.end().catch(() => undefined);
    }
    return locked ? { release: () => this.release(client, job) } : null;
  }

  /** Unlocks explicitly: on the embedded database every connection shares one session, which outlives this one. */
  private async release(client: Client, job: JobName): Promise<void> {
    try {
      await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey(job)]);
    } catch (error) {
      this.logger.warn(`could not unlock ${job}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function lockKey(job: JobName): string {
  return `continuum:maintenance:${job}`;
}
