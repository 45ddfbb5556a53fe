import { TransactionalAdapter } from '@nestjs-cls/transactional';
import { Pool, PoolClient } from 'pg';

/** What repositories run SQL on: the transaction's client, or the pool outside a transaction. */
export type Queryable = Pool | PoolClient;

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
    wrapWithTransaction: async (_options: unknown, work: () => Promise<unknown>, setTx: (client?: Queryable) => void) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        setTx(client);
        const result = await work();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken = await rollback(client);
        throw error;
      } finally {
        client.release(broken);
      }
    },
    getFallbackInstance: () => pool,
  });
}

/** Rolls back; returns the error when the connection itself is broken, so the pool drops it. */
async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
