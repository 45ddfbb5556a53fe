import { PartitionLlmRequests1763770000000 } from '@migrations/1763770000000-partition-llm-requests';
import { QueryRunner } from 'typeorm';
import { addMonths, monthStart, partitionName } from '@/llm-tracking/ledger-months';
import { LlmTrackingService } from '@/llm-tracking/llm-tracking.service';
import { ADMIN_KEY, insertLlmRequest, maintenanceConfig, newSession, runJob } from './support/maintenance';
import { startTestApp, TestApp } from './support/test-app';

const partitions = async (db: { query: (sql: string) => Promise<{ name: string }[]> }): Promise<string[]> =>
  (await db.query(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'llm_requests'::regclass ORDER BY 1`)).map(
    (row) => row.name,
  );

describe('llm_requests partitioned by month: the migration', () => {
  let t: TestApp;
  let db: QueryRunner;
  beforeAll(async () => {
    t = await startTestApp();
    // One connection for the whole test: the embedded database's pool has only one.
    db = t.dataSource.createQueryRunner();
  });
  afterAll(async () => {
    await db.release();
    await t.close();
  });

  const migration = new PartitionLlmRequests1763770000000();
  async function migrate(direction: 'up' | 'down'): Promise<void> {
    await db.startTransaction();
    await migration[direction](db);
    await db.commitTransaction();
  }
  const rows = () => db.query(`SELECT id, session_id, owner_id, computed_cost::text AS cost, created_at FROM llm_requests ORDER BY id`);
  const shape = async () =>
    (
      await db.query(
        `SELECT c.relkind AS kind, (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY(x.indkey)
                                   WHERE x.indrelid = c.oid AND x.indisprimary) AS pk
         FROM pg_class c WHERE c.oid = 'llm_requests'::regclass`,
      )
    )[0];

  it('converts the plain table without losing a row, and down restores the plain table with every row', async () => {
    await migrate('down');
    expect(await shape()).toEqual({ kind: 'r', pk: ['id'] });
    const [{ id: sessionId }] = await db.query(`INSERT INTO sessions (owner_id) VALUES ('user:ledger') RETURNING id`);
    for (const days of [0, 0, 35, 100, 500, -5 * 365]) {
      await db.query(
        `INSERT INTO llm_requests (session_id, owner_id, provider, model, prompt_tokens, completion_tokens, total_tokens, usage_source, computed_cost, latency_ms, attempts, status, created_at)
         VALUES ($1, 'user:ledger', 'openai', 'm', 1, 1, 2, 'provider', $2, 1, 1, 'ok', now() - make_interval(days => $3))`,
        [days === 35 ? null : sessionId, `0.00${days + 5 * 365}`, days],
      );
    }
    const before = await rows();

    await migrate('up');
    expect(await shape()).toEqual({ kind: 'p', pk: ['created_at', 'id'] });
    expect(await rows()).toEqual(before);
    const now = new Date();
    const oldest = monthStart(new Date(now.getTime() - 500 * 86_400_000));
    const names = await partitions(db);
    for (let month = oldest; month <= addMonths(monthStart(now), 2); month = addMonths(month, 1)) expect(names).toContain(partitionName(month));
    expect(names).toContain('llm_requests_default');
    // Only the row five years ahead, beyond the partitions made, waits in the default partition.
    expect(await db.query(`SELECT count(*)::int AS n FROM llm_requests_default`)).toEqual([{ n: 1 }]);

    await migrate('down');
    expect(await shape()).toEqual({ kind: 'r', pk: ['id'] });
    expect(await rows()).toEqual(before);
    expect(await partitions(db)).toEqual([]);
    await migrate('up');
    expect(await rows()).toEqual(before);
  });
});

describe('ledger-partitions job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { adminApiKey: ADMIN_KEY, maintenance: maintenanceConfig({ partitionsAhead: 4, llmRequestRetentionDays: 400 }) } });
  });
  afterAll(() => t.close());

  it('makes months ahead, files rows from the default partition, drops retired months whole, and usage stays right', async () => {
    const { auth, id, ownerId } = await newSession(t, 'ledger-user');
    await insertLlmRequest(t, { sessionId: id, ownerId, cost: '0.5' });
    const recent = await insertLlmRequest(t, { sessionId: id, ownerId, cost: '0.25', daysAgo: 70 });
    const retired = await insertLlmRequest(t, { sessionId: id, ownerId, cost: '100', daysAgo: 600 });
    // Months before the migration had no partition: those rows went to the default partition.
    expect((await t.dataSource.query(`SELECT id FROM llm_requests_default ORDER BY id`)).map((r: { id: string }) => r.id)).toEqual([recent, retired].sort());

    const now = new Date();
    const recentMonth = monthStart(new Date(now.getTime() - 70 * 86_400_000));
    const retiredMonth = monthStart(new Date(now.getTime() - 600 * 86_400_000));
    const res = await runJob(t, 'ledger-partitions').expect(201);
    expect(res.body).toMatchObject({
      status: 'ok',
      rowsAffected: 3, // two rows filed from the default partition, one dropped with its month
      details: {
        created: [retiredMonth, recentMonth, addMonths(monthStart(now), 3), addMonths(monthStart(now), 4)].map(partitionName),
        dropped: [partitionName(retiredMonth)],
        rowsFiledFromDefault: 2,
        rowsDropped: 1,
      },
    });
    const names = await partitions(t.dataSource);
    for (let i = 0; i <= 4; i++) expect(names).toContain(partitionName(addMonths(monthStart(now), i)));
    expect(names).toContain(partitionName(recentMonth));
    expect(names).not.toContain(partitionName(retiredMonth));
    expect(await t.dataSource.query(`SELECT to_regclass($1) AS table`, [partitionName(retiredMonth)])).toEqual([{ table: null }]);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM llm_requests_default`)).toEqual([{ n: 0 }]);

    const usage = await t.http().get(`/v1/sessions/${id}/usage`).set(auth).expect(200);
    expect(usage.body.totals).toMatchObject({ requests: 2, cost: '0.75' });
    expect(await t.app.get(LlmTrackingService).spentTodayUsd(ownerId)).toBe('0.5');
    const admin = await t.http().get('/v1/admin/usage?groupBy=owner&from=2000-01-01').set('X-Admin-Key', ADMIN_KEY).expect(200);
    expect(admin.body.rows).toEqual([expect.objectContaining({ key: ownerId, requests: 2, cost: '0.75' })]);

    // Nothing left to do: a second run changes nothing.
    expect((await runJob(t, 'ledger-partitions')).body).toMatchObject({ status: 'ok', rowsAffected: 0, details: { created: [], dropped: [] } });
  });
});
