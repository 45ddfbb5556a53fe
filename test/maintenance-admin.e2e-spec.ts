import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { MaintenanceRunDto } from '@/maintenance/dto/maintenance-run.dto';
import { MaintenanceRunner } from '@/maintenance/maintenance-runner';
import { ADMIN_KEY, maintenanceConfig, makeIdle, newSession, runJob } from './support/maintenance';
import { createTestStore, startTestApp, TestApp } from './support/test-app';

const PROBLEM = /application\/problem\+json/;

describe('maintenance admin routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { adminApiKey: ADMIN_KEY, maintenance: maintenanceConfig() } });
  });
  afterAll(() => t.close());

  const runs = (query = '') => t.http().get(`/v1/admin/maintenance/runs${query}`).set('X-Admin-Key', ADMIN_KEY);

  it('refuses callers without the right X-Admin-Key (401) and answers 404 for a job that does not exist', async () => {
    const missing = await t.http().post('/v1/admin/maintenance/session-cleanup/run').expect(401);
    expect(missing.headers['content-type']).toMatch(PROBLEM);
    await t.http().post('/v1/admin/maintenance/session-cleanup/run').set('X-Admin-Key', 'wrong').expect(401);
    await t.http().get('/v1/admin/maintenance/runs').set('X-Admin-Key', 'wrong').expect(401);
    const unknown = await runJob(t, 'vacuum-everything');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(PROBLEM);
    expect(unknown.body.detail).toContain('session-cleanup, message-pruning, expired-records, ledger-partitions');
  });

  it('answers a run with its record, and lists runs newest first, by job, page by page', async () => {
    const ran: MaintenanceRunDto[] = [];
    for (const job of ['expired-records', 'session-cleanup', 'expired-records', 'message-pruning', 'expired-records']) {
      const res = await runJob(t, job);
      expect(res.status).toBe(201);
      ran.push(res.body as MaintenanceRunDto);
    }
    expect(ran[1]).toEqual({
      id: expect.any(String), job: 'session-cleanup', trigger: 'admin', status: 'ok', replica: expect.stringMatching(/:\d+$/),
      startedAt: expect.any(String), finishedAt: expect.any(String), durationMs: expect.any(Number), rowsAffected: 0,
      details: { retentionDays: 7, sessionsDeleted: 0, batches: 1, longestBatchMs: expect.any(Number) }, error: null,
    });
    expect(ran[1].durationMs).toBe(Date.parse(String(ran[1].finishedAt)) - Date.parse(String(ran[1].startedAt)));

    const newestFirst = [...ran].reverse().map((run) => run.id);
    expect((await runs('?limit=100').expect(200)).body.items.map((run: MaintenanceRunDto) => run.id)).toEqual(newestFirst);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: MaintenanceRunDto[]; nextCursor: string | null } } = await runs(
        `?job=expired-records&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      pages.push(res.body.items.map((run) => run.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([[ran[4].id, ran[2].id], [ran[0].id]]);
  });

  it('refuses a bad filter, limit or cursor with a 400', async () => {
    for (const query of ['?job=nope', '?limit=0', '?limit=101', '?cursor=forged', '?surprise=1']) {
      const res = await runs(query).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('skips a run of a job this replica is already running, and says why', async () => {
    const runner = t.app.get(MaintenanceRunner);
    const idle = await newSession(t, 'admin-double-run');
    await makeIdle(t, idle.id, 30);
    let second: MaintenanceRunDto | null = null;
    const stop = runner.addListener({
      batchDone: async () => {
        second ??= (await runJob(t, 'session-cleanup')).body as MaintenanceRunDto;
      },
    });
    try {
      expect((await runJob(t, 'session-cleanup')).body).toMatchObject({ status: 'ok', rowsAffected: 1 });
    } finally {
      stop();
    }
    expect(second).toMatchObject({ job: 'session-cleanup', status: 'skipped', rowsAffected: 0, error: 'this replica is already running it' });
  });

  it('answers 403 while ADMIN_API_KEY is unset', async () => {
    const closed = await startTestApp({ config: { adminApiKey: null, maintenance: maintenanceConfig() } });
    try {
      const res = await closed.http().post('/v1/admin/maintenance/session-cleanup/run').set('X-Admin-Key', ADMIN_KEY).expect(403);
      expect(res.body).toMatchObject({ status: 403, type: expect.stringMatching(/admin-disabled$/) });
    } finally {
      await closed.close();
    }
  });
});

describe('maintenance schedule', () => {
  it('runs every job in turn at MAINTENANCE_CRON', async () => {
    const t = await startTestApp({ config: { maintenance: maintenanceConfig({ cron: '* * * * * *' }) } });
    try {
      const done = new Set<string>();
      await new Promise<void>((resolve) => {
        t.app.get(MaintenanceRunner).addListener({
          runFinished: (run) => {
            if (run.trigger !== 'schedule' || run.status !== 'ok') return;
            done.add(run.job);
            if (done.size === 4) resolve();
          },
        });
      });
      expect([...done].sort()).toEqual(['expired-records', 'ledger-partitions', 'message-pruning', 'session-cleanup']);
    } finally {
      await t.close();
    }
  });
});

const onPostgres = Boolean(process.env.DATABASE_URL);

/** Two instances of the service on one database, as two replicas. */
(onPostgres ? describe : describe.skip)('two replicas (PostgreSQL only: an embedded PGlite belongs to one process and cannot be shared)', () => {
  it('lets exactly one of them run a job; the other skips it and says why', async () => {
    const store = await createTestStore();
    const config = { adminApiKey: ADMIN_KEY, maintenance: maintenanceConfig() };
    const [a, b] = [await startTestApp({ store, config }), await startTestApp({ store, config })];
    const blocker = new Client({ connectionString: store.config.databaseUrl! });
    await blocker.connect();
    try {
      for (let i = 0; i < 3; i++) await makeIdle(a, (await newSession(a, `replica-${i}`)).id, 30);
      // Hold replica A inside its first batch: its DELETE waits for this table lock.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
      const first = runJob(a, 'session-cleanup').then((res) => res); // then() sends it
      await until(async () => (await blocker.query(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'sessions'::regclass AND NOT granted`)).rows[0].n > 0);

      const second = await runJob(b, 'session-cleanup');
      expect(second.body).toMatchObject({ status: 'skipped', rowsAffected: 0, error: 'another replica holds its lock and is running it' });
      await blocker.query('COMMIT');
      expect((await first).body).toMatchObject({ status: 'ok', rowsAffected: 3 });

      const recorded = await a.dataSource.query(`SELECT status FROM maintenance_runs WHERE job = 'session-cleanup' ORDER BY started_at`);
      expect(recorded.map((row: { status: string }) => row.status)).toEqual(['ok', 'skipped']);
      // The lock is free again: the other replica runs the job next time.
      expect((await runJob(b, 'session-cleanup')).body).toMatchObject({ status: 'ok', rowsAffected: 0 });
    } finally {
      await blocker.end();
      await a.close();
      await b.close();
      await store.dispose();
    }
  });
});

/** Waits for a condition of the database, checked every 20 ms, for at most 10 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(20);
  }
}
