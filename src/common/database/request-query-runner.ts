import { createHash } from 'node:crypto';
import { QueryResult as PgResult, QueryResultRow } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** Statements that can run before BEGIN: plain reads, which neither write nor lock. */
const PLAIN_READ = /^\s*(SELECT|WITH)\b/i;
const WRITES_OR_LOCKS = /\b(INSERT|UPDATE|DELETE|MERGE|FOR\s+(NO\s+KEY\s+)?UPDATE|FOR\s+(KEY\s+)?SHARE|pg_advisory_xact_lock\w*|nextval|setval)\b/i;

export function needsTransaction(sql: string): boolean {
  return !PLAIN_READ.test(sql) || WRITES_OR_LOCKS.test(sql);
}

/**
 * Makes every QueryRunner this DataSource creates a RequestQueryRunner, so requests, chat
 * turns and jobs take theirs from TypeORM's own `dataSource.createQueryRunner()`. A runner
 * that was never asked to defer its transaction behaves exactly as TypeORM's PostgresQueryRunner.
 */
export function withRequestQueryRunners(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as PostgresDriver;
  driver.createQueryRunner = (mode) => new RequestQueryRunner(driver, mode);
  return dataSource;
}

/**
 * The QueryRunner of one request (or of one short transaction of a chat turn or a job).
 *
 * To TypeORM it is a transaction from the start, so `save()` and friends never open one of
 * their own. It takes its pooled connection with the first statement, and sends BEGIN only
 * before the first statement that writes or locks. That is safe because PostgreSQL runs at
 * READ COMMITTED: each statement sees what was committed before it started, inside a
 * transaction or not, so a plain read before BEGIN sees exactly what it would see after it.
 * A request whose whole work is reading then costs one round trip, not three.
 */
export class RequestQueryRunner extends PostgresQueryRunner {
  private deferred = false;
  private begun: Promise<unknown> | null = null;

  /**
   * TypeORM's QueryRunner for one transaction whose BEGIN waits for the first write, or
   * (`transaction: false`) for statements that each commit on their own.
   */
  static open(dataSource: DataSource, { transaction = true } = {}): RequestQueryRunner {
    const runner = dataSource.createQueryRunner('master');
    if (!(runner instanceof RequestQueryRunner)) throw new Error('the DataSource was not built withRequestQueryRunners()');
    if (transaction) runner.deferTransaction();
    return runner;
  }

  private deferTransaction(): void {
    this.deferred = true;
    this.isTransactionActive = true;
    this.transactionDepth = 1;
  }

  /** True once BEGIN has been sent. */
  get hasBegun(): boolean {
    return this.begun !== null;
  }

  override async query(sql: string, parameters?: unknown[], useStructuredResult?: boolean): Promise<any> {
    await this.beginBefore(sql);
    return super.query(sql, parameters, useStructuredResult);
  }

  /**
   * Runs `sql` on this runner's connection straight on the driver, without TypeORM's
   * per-statement machinery; with `prepare`, as a named statement that PostgreSQL parses and
   * plans once per connection. For the hot statements, whose SQL text never changes.
   */
  async queryDirect<T extends QueryResultRow>(sql: string, parameters: unknown[], prepare: boolean): Promise<PgResult<T>> {
    await this.beginBefore(sql);
    const connection = await this.connect();
    try {
      return await connection.query(prepare ? { name: statementName(sql), text: sql, values: parameters } : { text: sql, values: parameters });
    } catch (error) {
      throw new QueryFailedError(sql, parameters, error as Error);
    }
  }

  private async beginBefore(sql: string): Promise<void> {
    if (this.begun === null && this.deferred && needsTransaction(sql)) {
      this.begun = this.send('BEGIN');
    }
    if (this.begun) await this.begun;
  }

  /** BEGIN, COMMIT, ROLLBACK: straight on the connection. */
  private async send(command: string): Promise<void> {
    const connection = await this.connect();
    try {
      await connection.query(command);
    } catch (error) {
      throw new QueryFailedError(command, [], error as Error);
    }
  }

  /** Commits what was written (nothing to send when nothing was) and gives the connection back. */
  async commitAndRelease(): Promise<void> {
    try {
      if (this.begun) await this.send('COMMIT');
    } catch (error) {
      await this.releaseAfter(error);
      throw error;
    }
    await this.releaseAfter(null);
  }

  /**
   * Rolls back after `cause` and gives the connection back. A connection that may be stuck
   * mid-statement (a statement failed without an answer from the server, or ROLLBACK itself
   * failed) is dropped from the pool instead of being handed to the next request.
   */
  async rollbackAndRelease(cause: unknown): Promise<void> {
    let broken = cause instanceof QueryFailedError && !answeredByServer(cause.driverError);
    if (this.begun && !broken) {
      broken = await this.send('ROLLBACK').then(
        () => false,
        () => true,
      );
    }
    await this.releaseAfter(broken ? cause : null);
  }

  private async releaseAfter(error: unknown): Promise<void> {
    this.deferred = false;
    this.isTransactionActive = false;
    this.transactionDepth = 0;
    const giveBack = this.releaseCallback;
    if (error && giveBack) this.releaseCallback = () => giveBack(error instanceof Error ? error : new Error(String(error)));
    await this.release();
  }
}

/** An error with a SQLSTATE came from the server, which is still talking on that connection. */
function answeredByServer(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

const statementNames = new Map<string, string>();

/** A stable name per SQL text: pg prepares each name once per connection. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = 'continuum_' + createHash('sha1').update(sql).digest('hex').slice(0, 16);
    statementNames.set(sql, name);
  }
  return name;
}
