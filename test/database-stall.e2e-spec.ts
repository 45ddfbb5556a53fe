import { Controller, Get } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import Test from 'supertest/lib/test';
import { DataSource } from 'typeorm';
import { CLIENT_GRACE_MS } from '@/common/database/data-source-options';
import { OwnPostgres } from './support/own-postgres';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/tokens';

const ADMIN_KEY = 'stall-admin-key';
const TIMEOUTS = { connectTimeoutMs: 1_000, statementTimeoutMs: 1_000, idleInTransactionTimeoutMs: 2_000 };
/**
 * The longest a request may wait on a frozen server: a query's client-side timeout, or a
 * wait for a pooled connection followed by a connection attempt, with room for a loaded
 * machine. Without time limits these requests waited as long as the freeze lasted.
 */
const BOUND_MS = 3 * (TIMEOUTS.statementTimeoutMs + CLIENT_GRACE_MS + TIMEOUTS.connectTimeoutMs);

/** Requests that overrun PostgreSQL's own limits, through the app's pool. */
@Controller('test-limits')
class LimitsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('slow-statement')
  async slowStatement(): Promise<void> {
    await this.dataSource.query('SELECT pg_sleep(5)');
  }

  @Get('idle-transaction')
  async idleTransaction(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1');
      await sleep(TIMEOUTS.idleInTransactionTimeoutMs + 1_000);
      await manager.query('SELECT 1');
    });
  }
}

// The cluster is the test's own whatever DATABASE_URL says, so one pass of the suite is enough.
const binaries = OwnPostgres.binaries();
const skipReason = !binaries
  ? 'no PostgreSQL binaries under /usr/lib/postgresql (initdb, pg_ctl)'
  : process.env.DATABASE_URL
    ? 'it runs in the pass without DATABASE_URL (it starts a PostgreSQL of its own either way)'
    : null;
if (skipReason) console.warn(`database-stall.e2e-spec skipped: ${skipReason}`);

(skipReason ? describe.skip : describe)('a PostgreSQL that freezes (SIGSTOP)', () => {
  let cluster: OwnPostgres;
  let t: TestApp;
  let auth: { Authorization: string };
  let sessionId: string;
  let spareSessionIds: string[];

  beforeAll(async () => {
    cluster = await OwnPostgres.start();
    t = await startTestApp({
      config: { databaseUrl: cluster.url, dbPoolSize: 3, dbTimeouts: TIMEOUTS, adminApiKey: ADMIN_KEY },
      extra: { controllers: [LimitsController] },
    });
    auth = await bearer('stall');
    sessionId = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
    spareSessionIds = [];
    for (let i = 0; i < 2; i++) spareSessionIds.push((await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id);
    await t.http().post('/v1/chat').set(auth).send({ sessionId, message: 'before the freeze' }).expect(200);
  }, 120_000);

  afterAll(async () => {
    cluster?.thaw();
    await t?.close();
    await cluster?.remove();
  }, 60_000);

  /** One request of every kind that needs the database. */
  const everyRoute = (spareId: string): [string, () => Test][] => [
    ['list sessions', () => t.http().get('/v1/sessions').set(auth)],
    ['current session', () => t.http().get('/v1/sessions/current').set(auth)],
    ['create a session', () => t.http().post('/v1/sessions').set(auth).send({ title: 'new' })],
    ['read a session', () => t.http().get(`/v1/sessions/${sessionId}`).set(auth)],
    ['update a session', () => t.http().patch(`/v1/sessions/${sessionId}`).set(auth).send({ title: 'renamed' })],
    ['delete a session', () => t.http().delete(`/v1/sessions/${spareId}`).set(auth)],
    ['append', () => t.http().post(`/v1/sessions/${sessionId}/messages`).set(auth).send({ role: 'user', content: 'hello' })],
    ['history', () => t.http().get(`/v1/sessions/${sessionId}/messages`).set(auth)],
    ['context', () => t.http().get(`/v1/sessions/${sessionId}/context`).set(auth)],
    ['session usage', () => t.http().get(`/v1/sessions/${sessionId}/usage`).set(auth)],
    ['admin usage', () => t.http().get('/v1/admin/usage').set('X-Admin-Key', ADMIN_KEY)],
    ['chat', () => t.http().post('/v1/chat').set(auth).send({ sessionId, message: 'are you there?' })],
    ['chat stream', () => t.http().post('/v1/chat/stream').set(auth).send({ sessionId, message: 'are you there?' })],
    ['a new visitor', () => t.http().get('/v1/sessions')],
    ['readiness', () => t.http().get('/health/ready')],
  ];

  it.each([
    ['a statement slower than DB_STATEMENT_TIMEOUT_MS', 'slow-statement'],
    ['a transaction idle longer than DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 'idle-transaction'],
  ])('ends %s on the server side: 503 problem+json with Retry-After', async (_, route) => {
    const answer = await t.http().get(`/test-limits/${route}`).expect(503);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers['retry-after']).toBe('5');
    await t.http().get(`/v1/sessions/${sessionId}`).set(auth).expect(200);
  });

  it('answers every route with 503 problem+json and Retry-After within a bounded time, then recovers by itself', async () => {
    // Open as many pooled connections as the pool holds, so frozen requests hold some of them.
    await Promise.all(Array.from({ length: 3 }, () => t.http().get(`/v1/sessions/${sessionId}`).set(auth).expect(200)));

    cluster.freeze();
    const live = t.http().get('/health/live');
    const frozen = await Promise.all(everyRoute(spareSessionIds[0]).map(([name, send]) => timed(name, send)));
    expect((await live).status).toBe(200);
    for (const answer of frozen) {
      expect({ route: answer.name, status: answer.status }).toEqual({ route: answer.name, status: 503 });
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.retryAfter).toBe('5');
      expect({ route: answer.name, withinBound: answer.ms < BOUND_MS }).toEqual({ route: answer.name, withinBound: true });
    }

    cluster.thaw();
    await eventually(async () => (await t.http().get(`/v1/sessions/${sessionId}`).set(auth)).status === 200);
    const recovered = await Promise.all(everyRoute(spareSessionIds[1]).map(([name, send]) => timed(name, send)));
    for (const answer of recovered) {
      expect({ route: answer.name, status: answer.status < 300 }).toEqual({ route: answer.name, status: true });
    }
  }, 120_000);
});

async function timed(name: string, send: () => Test): Promise<{ name: string; status: number; contentType: string; retryAfter: string; ms: number }> {
  const started = performance.now();
  const answer = await send();
  return { name, status: answer.status, contentType: answer.headers['content-type'] ?? '', retryAfter: answer.headers['retry-after'], ms: performance.now() - started };
}

/** Polls `probe` until it holds: the service must come back without help. */
async function eventually(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(200)) {
    if (await probe()) return;
  }
  throw new Error(`not recovered within ${timeoutMs} ms`);
}
