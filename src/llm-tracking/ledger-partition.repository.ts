import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';
import { DEFAULT_PARTITION, LEDGER_TABLE, partitionName } from './ledger-months';

/**
 * Partitions of llm_requests. DDL cannot take parameters, so these statements are built from
 * partition names and month bounds that `ledger-months` makes (never from input), and sent
 * through TypeORM's unprepared `query` rather than as prepared statements.
 */
@Injectable()
export class LedgerPartitionRepository {
  constructor(private readonly db: Database) {}

  /** The names of llm_requests' partitions, the default one included. */
  async listPartitionNames(): Promise<string[]> {
    const { rows } = await this.db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass('llm_requests')`,
    );
    return rows.map((row) => row.name);
  }

  /** The months (UTC) of the rows that no month partition took. */
  async listMonthsInDefault(): Promise<Date[]> {
    const { rows } = await this.db.query<{ month: Date }>(
      `SELECT DISTINCT date_trunc('month', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month FROM llm_requests_default`,
    );
    return rows.map((row) => row.month);
  }

  /**
   * In the caller's transaction: makes the month's partition, moves into it the rows of that
   * month that wait in the default partition (PostgreSQL refuses a partition while the
   * default holds rows of its range), and attaches it. Returns the rows moved.
   */
  async createMonthPartition(month: Date, nextMonth: Date): Promise<number> {
    const name = partitionName(month);
    await this.boundLockWaits();
    await this.db.manager.query(`CREATE TABLE "${name}" (LIKE ${LEDGER_TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    const moved: { count: number }[] = await this.db.manager.query(
      `WITH moved AS (DELETE FROM ${DEFAULT_PARTITION} WHERE created_at >= $1 AND created_at < $2 RETURNING *),
            inserted AS (INSERT INTO "${name}" SELECT * FROM moved RETURNING 1)
       SELECT count(*)::int AS count FROM inserted`,
      [month, nextMonth],
    );
    await this.db.manager.query(
      `ALTER TABLE ${LEDGER_TABLE} ATTACH PARTITION "${name}" FOR VALUES FROM ('${month.toISOString()}') TO ('${nextMonth.toISOString()}')`,
    );
    return moved[0].count;
  }

  async countRows(month: Date): Promise<number> {
    const rows: { count: number }[] = await this.db.manager.query(`SELECT count(*)::int AS count FROM "${partitionName(month)}"`);
    return rows[0].count;
  }

  /** In the caller's transaction: detaches the month's partition and drops it, rows and all. */
  async dropMonthPartition(month: Date): Promise<void> {
    const name = partitionName(month);
    await this.boundLockWaits();
    await this.db.manager.query(`ALTER TABLE ${LEDGER_TABLE} DETACH PARTITION "${name}"`);
    await this.db.manager.query(`DROP TABLE "${name}"`);
  }

  /**
   * ATTACH and DETACH wait for an exclusive lock (on the default partition, on the parent):
   * queued behind a long query they would hold up every insert behind them. Better to fail
   * and let the next run try again.
   */
  private async boundLockWaits(): Promise<void> {
    await this.db.query(`SET LOCAL lock_timeout = '5s'`);
  }
}
