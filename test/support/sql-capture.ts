import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const CAPTURED = Symbol('captured');

/**
 * Every SQL text the app sends through its connection pool (the DataSource's pg pool: every
 * request, chat turn and maintenance batch), recorded by wrapping each pooled client's
 * `query` when the pool hands it out. Nothing in src/ changes. Not seen: the connections
 * outside the pool, which carry only advisory-lock calls (migrations, maintenance job locks).
 */
export class SqlCapture {
  private readonly texts: string[] = [];
  private recording = true;

  private constructor() {}

  static attach(dataSource: DataSource): SqlCapture {
    const capture = new SqlCapture();
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    pool.on('acquire', (client) => capture.wrap(client));
    return capture;
  }

  /** The texts sent so far, in order, whitespace collapsed. */
  get statements(): readonly string[] {
    return this.texts;
  }

  /** Forgets what was recorded. */
  clear(): void {
    this.texts.length = 0;
  }

  /** Runs the test's own SQL (setting data up) without recording it. */
  async paused<T>(work: () => Promise<T>): Promise<T> {
    this.recording = false;
    try {
      return await work();
    } finally {
      this.recording = true;
    }
  }

  private wrap(client: PoolClient & { [CAPTURED]?: true }): void {
    if (client[CAPTURED]) return;
    client[CAPTURED] = true;
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (this.recording) this.texts.push(normalize(textOf(args[0])));
      return original(...args);
    };
  }
}

function textOf(first: unknown): string {
  if (typeof first === 'string') return first;
  return String((first as { text?: unknown } | null)?.text ?? '');
}

function normalize(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
