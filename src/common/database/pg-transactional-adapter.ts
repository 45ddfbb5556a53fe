import { TransactionalAdapter } from '@nestjs-cls/transactional';
import { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';

/** What repositories run SQL on: the current transaction, or the pool outside one. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<QueryResult<QueryResultRow>>;
}

export const PG_POOL = Symbol('PG_POOL');

/**
 * Transactions straight on `pg` clients from TypeORM's own pool. TypeORM's QueryRunner
 * adds event broadcasting and logging around every statement, which the benchmark showed
 * as a large share of a request's CPU; repositories only need `query(text, params)`.
 * TypeORM still owns the pool, the migrations and the entity metadata.
 */
export class PgTransactionalAdapter implements TransactionalAdapter<Pool, Queryable, Record<string, never>> {
  readonly connectionToken = PG_POOL;

  optionsFactory = (pool: Pool) => ({
    wrapWithTransaction: async (_options: unknown, work: () => Promise<unknown>, setTx: (tx?: Queryable) => void) => {
      const tx = new LazyTransaction(pool);
      setTx(tx);
      try {
        const result = await work();
        await tx.commit();
        return result;
      } catch (error) {
        await tx.rollback();
        throw error;
      }
    },
    getFallbackInstance: (): Queryable => pool,
  });
}

/**
 * A transaction that takes its connection and sends BEGIN with its first statement, so
 * a request refused before it reaches the database (bad token, bad body) holds no
 * connection, and none is held while the request is parsed and validated.
 */
class LazyTransaction implements Queryable {
  private begun: Promise<PoolClient> | null = null;
  private ended = false;

  constructor(private readonly pool: Pool) {}

  async query(sql: string, params?: unknown[]): Promise<QueryResult<QueryResultRow>> {
    return (await this.begin()).query(sql, params);
  }

  async commit(): Promise<void> {
    if (!this.begun) return;
    const client = await this.begun;
    this.ended = true;
    try {
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }

  /** Rolls back; a connection that cannot even do that is dropped from the pool. */
  async rollback(): Promise<void> {
    const client = await this.begun?.catch(() => null);
    if (!client || this.ended) return;
    this.ended = true;
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  }

  private begin(): Promise<PoolClient> {
    this.begun ??= this.connect();
    return this.begun;
  }

  private async connect(): Promise<PoolClient> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      return client;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
  }
}
