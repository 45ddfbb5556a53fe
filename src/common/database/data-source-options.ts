import { Client } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { allMigrations } from '@migrations/index';
import type { DatabaseTimeouts } from '@/common/config/app-config';
import { DatabaseLogger } from './database-logger';
import { allEntities } from './entities';

/** The client gives up this long after PostgreSQL's statement_timeout would have cancelled the statement. */
export const CLIENT_GRACE_MS = 2_000;

/**
 * The one description of how Continuum reaches PostgreSQL: used by the app, the CLI and the
 * tests. Without `timeouts` (the CLI, migrations) statements may run as long as they need.
 */
export function dataSourceOptions(url: string, poolSize: number, timeouts?: DatabaseTimeouts): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: allEntities,
    migrations: allMigrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    installExtensions: false,
    logger: new DatabaseLogger(),
    logging: ['error', 'warn', 'migration'],
    maxQueryExecutionTime: 1_000,
    extra: { max: poolSize, ...(timeouts ? poolTimeouts(timeouts) : { connectionTimeoutMillis: 5_000 }) },
  };
}

/**
 * pg pool options that bound every wait on the database, so a stalled server turns into a
 * 503 (problem-details.ts) instead of requests that hang as long as it does:
 * - connectionTimeoutMillis: opening a connection, and waiting for a free pooled one;
 * - statement_timeout / idle_in_transaction_session_timeout: enforced by PostgreSQL
 *   (PGlite ignores them);
 * - query_timeout: enforced by the client, for a server that does not answer at all (a
 *   frozen server never runs its statement_timeout).
 */
function poolTimeouts(timeouts: DatabaseTimeouts): Record<string, unknown> {
  return {
    Client: DeadlineClient,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
    query_timeout: timeouts.statementTimeoutMs + CLIENT_GRACE_MS,
  };
}

/**
 * A pg client that closes its connection once a query outlives query_timeout. The server
 * may still answer that query later, so nothing else can safely run on the connection, and
 * pg would queue the request's ROLLBACK behind it for a second full timeout.
 */
export class DeadlineClient extends Client {
  // pg's query() has a dozen overloads; this passes every call through unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const result: unknown = (Client.prototype.query as (...params: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.catch((error: unknown) => this.closeAfterReadTimeout(error));
    return result;
  }

  private closeAfterReadTimeout(error: unknown): void {
    if ((error as Error | null)?.message !== 'Query read timeout') return;
    (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }
}
