import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { QueryResult, QueryResultRow } from 'pg';
import { PgTransactionalAdapter } from './pg-transactional-adapter';

/**
 * Runs SQL on the connection of the current transaction (the request's or a job's),
 * or on a pooled connection when there is none. Repositories use nothing else, so
 * no query can slip onto a second connection or a stale snapshot.
 */
/** Statements slower than this are logged (by SQL text only: parameters may hold message contents). */
const SLOW_QUERY_MS = 1_000;

@Injectable()
export class Database {
  private readonly logger = new Logger(Database.name);

  constructor(private readonly txHost: TransactionHost<PgTransactionalAdapter>) {}

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.run(sql, params)).rows as T[];
  }

  async first<T>(sql: string, params: unknown[] = []): Promise<T | null> {
    return ((await this.run(sql, params)).rows[0] as T | undefined) ?? null;
  }

  /** The number of rows the statement changed. */
  async affected(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.run(sql, params)).rowCount ?? 0;
  }

  /** Runs `work` in a transaction of its own, or inside the current one if there is one. */
  inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.txHost.isTransactionActive() ? work() : this.txHost.withTransaction(work);
  }

  private async run(sql: string, params: unknown[]): Promise<QueryResult<QueryResultRow>> {
    const started = performance.now();
    const result = await this.txHost.tx.query(sql, params);
    const elapsedMs = performance.now() - started;
    if (elapsedMs > SLOW_QUERY_MS) this.logger.warn(`slow query (${Math.round(elapsedMs)} ms): ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    return result;
  }
}
