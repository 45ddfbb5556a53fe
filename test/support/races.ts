import { Client } from 'pg';

/** Why the race tests are skipped without DATABASE_URL; global-setup says it once. */
export const RACES_NEED_POSTGRES = 'needs PostgreSQL: the embedded database serialises connections';

/**
 * A describe for tests of what concurrent requests do to each other. They run only on
 * PostgreSQL: PGlite serves every connection from one session, one statement at a time,
 * so requests never overlap there and a missing lock would go unnoticed.
 */
export function describeRaces(name: string, body: () => void): void {
  if (process.env.DATABASE_URL) describe(name, body);
  else describe.skip(`${name} (${RACES_NEED_POSTGRES})`, body);
}

/**
 * Holds every write to one table from the test's own connection (`LOCK TABLE ... IN SHARE
 * MODE`: reads pass, INSERT, UPDATE and DELETE wait). Concurrent requests sent while it is
 * closed each do their reads and then stop at their first write to the table (or queue
 * behind a request that did, on whatever lock the code takes); once all of them wait, the
 * test opens it and they go on together. That is the interleaving a missing lock cannot
 * survive: every request has read before any has written.
 */
export class WriteGate {
  private constructor(private readonly client: Client) {}

  static async close(databaseUrl: string, table: string): Promise<WriteGate> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${table} IN SHARE MODE`);
    return new WriteGate(client);
  }

  /** Waits until `count` other connections to this database wait on a lock: the requests are all lined up. */
  async waitForWaiters(count: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let waiting = 0; waiting < count; waiting = await this.waiters()) {
      if (Date.now() > deadline) throw new Error(`only ${waiting} of ${count} requests reached the gate`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Lets the writes through and closes the test's connection. */
  async open(): Promise<void> {
    try {
      await this.client.query('COMMIT');
    } finally {
      await this.client.end();
    }
  }

  private async waiters(): Promise<number> {
    // pg_stat_activity is read once per transaction unless the snapshot is dropped.
    await this.client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await this.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    return rows[0].n;
  }
}

/**
 * Sends `count` requests while `table`'s writes are held, waits until all of them wait on
 * a lock, then lets them go and returns their responses. The app's pool needs `count`
 * connections, or the last requests would wait for a connection instead.
 */
export async function lineUp<T>(databaseUrl: string, table: string, count: number, send: (i: number) => PromiseLike<T>): Promise<T[]> {
  const gate = await WriteGate.close(databaseUrl, table);
  const responses = Promise.all(Array.from({ length: count }, (_, i) => send(i)));
  try {
    await gate.waitForWaiters(count);
  } catch (error) {
    await gate.open();
    await responses.catch(() => undefined);
    throw error;
  }
  await gate.open();
  return responses;
}
