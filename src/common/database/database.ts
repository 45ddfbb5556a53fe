import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager, QueryResult } from 'typeorm';

/**
 * Runs SQL on the connection of the current transaction (the request's or a job's),
 * or on a pooled connection when there is none. Repositories use nothing else, so
 * no query can slip onto a second connection or a stale snapshot.
 */
@Injectable()
export class Database {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.run(sql, params)).records as T[];
  }

  async first<T>(sql: string, params: unknown[] = []): Promise<T | null> {
    return ((await this.run(sql, params)).records[0] as T | undefined) ?? null;
  }

  /** The number of rows the statement changed. */
  async affected(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.run(sql, params)).affected ?? 0;
  }

  /** Runs `work` in a transaction of its own, or inside the current one if there is one. */
  inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.txHost.isTransactionActive() ? work() : this.txHost.withTransaction(work);
  }

  private async run(sql: string, params: unknown[]): Promise<QueryResult> {
    const manager: EntityManager = this.txHost.tx;
    if (manager.queryRunner) return manager.queryRunner.query(sql, params, true);
    const runner = manager.connection.createQueryRunner();
    try {
      return await runner.query(sql, params, true);
    } finally {
      await runner.release();
    }
  }
}
