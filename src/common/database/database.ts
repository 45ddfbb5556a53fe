import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { QueryRunnerTransactionalAdapter } from './query-runner-transactional.adapter';
import { RequestQueryRunner } from './request-query-runner';

export interface RawResult<T> {
  rows: T[];
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  affected: number;
}

/**
 * The current transaction's EntityManager (the request's QueryRunner, or that of a turn's or
 * a job's own transaction), or the DataSource's manager outside one. Repositories reach the
 * database through nothing else, so no statement can slip onto a second connection or a
 * stale snapshot.
 */
/** Statements slower than this are logged, by SQL text only: parameters may hold message contents. */
const SLOW_QUERY_MS = 1_000;

@Injectable()
export class Database {
  private readonly logger = new Logger(Database.name);
  private readonly selectLists = new Map<unknown, string>();

  /** PGlite serves every connection from one session, where a prepared name would clash. */
  private readonly prepare: boolean;

  constructor(
    private readonly txHost: TransactionHost<QueryRunnerTransactionalAdapter>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prepare = config.dbPreparedStatements && config.databaseUrl !== null;
  }

  get manager(): EntityManager {
    return this.txHost.tx;
  }

  repository<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    return this.manager.getRepository(entity);
  }

  /**
   * Raw SQL on the same QueryRunner, for the statements TypeORM's API cannot express or that
   * the benchmark showed it costs too much on: sent as a prepared statement, so `sql` must be
   * a fixed text (values go in `params`). Outside a transaction it commits on its own.
   */
  async query<T extends ObjectLiteral>(sql: string, params: unknown[] = []): Promise<RawResult<T>> {
    const current = this.manager.queryRunner as RequestQueryRunner | undefined;
    const runner = current ?? RequestQueryRunner.open(this.manager.connection, { transaction: false });
    const started = performance.now();
    try {
      const result = await runner.queryDirect<T>(sql, params, this.prepare);
      return { rows: result.rows, affected: result.rowCount ?? 0 };
    } finally {
      this.logIfSlow(sql, performance.now() - started);
      if (!current) await runner.release();
    }
  }

  private logIfSlow(sql: string, elapsedMs: number): void {
    if (elapsedMs > SLOW_QUERY_MS) this.logger.warn(`slow query (${Math.round(elapsedMs)} ms): ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
  }

  /**
   * `column AS "property"` for every column of the entity, from TypeORM's metadata, so raw
   * SQL returns rows shaped like the entity without spelling its columns out again.
   */
  selectList(entity: EntityTarget<ObjectLiteral>): string {
    let list = this.selectLists.get(entity);
    if (!list) {
      list = this.manager.connection
        .getMetadata(entity)
        .columns.map((column) => `"${column.databaseName}" AS "${column.propertyName}"`)
        .join(', ');
      this.selectLists.set(entity, list);
    }
    return list;
  }

  /** Runs `work` in a transaction of its own, or inside the current one if there is one. */
  inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.txHost.isTransactionActive() ? work() : this.txHost.withTransaction(work);
  }

  /**
   * Runs `work` in a transaction of its own at REPEATABLE READ, READ ONLY: every statement
   * sees the same snapshot, so reads in many batches (an export) see one consistent state.
   */
  inReadOnlySnapshot<T>(work: () => Promise<T>): Promise<T> {
    return this.txHost.withTransaction(async () => {
      await this.manager.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return work();
    });
  }
}

/**
 * Column values for TypeORM's insert and update builders. Its deep-partial type cannot take
 * `unknown` inside jsonb columns (`Record<string, unknown>`), which our entities use on purpose.
 */
export function columnValues<E>(values: Partial<E> | Record<string, unknown>): QueryDeepPartialEntity<E> {
  return values as QueryDeepPartialEntity<E>;
}
