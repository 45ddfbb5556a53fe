import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { Database } from '@/common/database/database';
import { RequestQueryRunner } from '@/common/database/request-query-runner';
import { ProblemException } from '@/common/errors/problem.exception';
import { MessageModule } from '@/message/message.module';
import { MessageService } from '@/message/message.service';
import { Authenticated, CurrentOwner } from '@/session/authenticated';
import { Owner } from '@/session/owner';
import { SessionModule } from '@/session/session.module';
import { SessionService } from '@/session/session.service';
import { bearer } from './support/tokens';
import { createTestStore, startTestApp, TestApp } from './support/test-app';

/** Lets the test hold a request inside its transaction while the client goes away. */
const gate = (() => {
  let open!: () => void;
  let written!: () => void;
  const proceed = new Promise<void>((resolve) => (open = resolve));
  const wasWritten = new Promise<void>((resolve) => (written = resolve));
  return { proceed, open, written, wasWritten };
})();

/** Routes that exist only in this test, to observe the request transaction from inside. */
@Authenticated()
@Controller('test')
class TransactionProbeController {
  constructor(
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
    private readonly db: Database,
  ) {}

  /** Whether the request's QueryRunner has sent BEGIN so far. */
  private begun(): boolean {
    return (this.db.manager.queryRunner as RequestQueryRunner).hasBegun;
  }

  @Get('read-only/:id')
  async readOnly(@CurrentOwner() owner: Owner, @Param('id') id: string) {
    await this.sessions.getOwned(owner, id);
    await this.messages.list(owner, id, {});
    return { begunAfterReads: this.begun() };
  }

  @Post('read-then-write')
  async readThenWrite(@CurrentOwner() owner: Owner, @Body() body: { sessionId: string }) {
    await this.sessions.getOwned(owner, body.sessionId);
    const begunAfterRead = this.begun();
    await this.messages.append(owner, body.sessionId, { role: 'user', content: 'written' });
    return { begunAfterRead, begunAfterWrite: this.begun() };
  }

  @Post('write-then-wait')
  async writeThenWait(@CurrentOwner() owner: Owner) {
    await this.sessions.create(owner, { title: 'written before the client left' });
    gate.written();
    await gate.proceed;
    return {};
  }

  @Post('fail-after-write')
  async failAfterWrite(@CurrentOwner() owner: Owner): Promise<never> {
    const session = await this.sessions.create(owner, { title: 'must not survive' });
    await this.messages.append(owner, session.id, { role: 'user', content: 'nor this' });
    throw ProblemException.conflict('probe', 'failing on purpose after two writes');
  }

  @Post('append-then-read')
  async appendThenRead(@CurrentOwner() owner: Owner, @Body() body: { sessionId: string }) {
    await this.messages.append(owner, body.sessionId, { role: 'user', content: 'fresh' });
    const session = await this.sessions.getOwned(owner, body.sessionId);
    const page = await this.messages.list(owner, body.sessionId, {});
    return { messageCount: session.messageCount, contents: page.items.map((m) => m.content) };
  }
}

describe('one transaction per request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ extra: { imports: [SessionModule, MessageModule], controllers: [TransactionProbeController] } });
  });
  afterAll(() => t.close());

  it('rolls back every write of a request that fails after writing', async () => {
    const auth = await bearer('tx-rollback');
    await t.http().post('/test/fail-after-write').set(auth).expect(409);
    expect((await t.http().get('/v1/sessions').set(auth)).body.items).toEqual([]);
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE title = 'must not survive'`);
    expect(rows[0].n).toBe(0);
  });

  it('rolls back the reserved seq when the message insert fails, so the next append is still seq 1', async () => {
    const auth = await bearer('tx-insert-fails');
    const id = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
    // PostgreSQL refuses \u0000 inside jsonb: the INSERT fails after the session row was updated.
    const res = await t.http().post(`/v1/sessions/${id}/messages`).set(auth).send({ role: 'user', content: 'x', metadata: { bad: 'a\u0000b' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const session = await t.http().get(`/v1/sessions/${id}`).set(auth).expect(200);
    expect(session.body.messageCount).toBe(0);
    const next = await t.http().post(`/v1/sessions/${id}/messages`).set(auth).send({ role: 'user', content: 'ok' }).expect(201);
    expect(next.body.seq).toBe(1);
  });

  it('sees its own writes later in the same request (no stale snapshot)', async () => {
    const auth = await bearer('tx-read-own');
    const id = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
    const res = await t.http().post('/test/append-then-read').set(auth).send({ sessionId: id }).expect(201);
    expect(res.body).toEqual({ messageCount: 1, contents: ['fresh'] });
  });

  it('sends no BEGIN for a request that only reads, and BEGIN before its first write', async () => {
    const auth = await bearer('tx-lazy-begin');
    const id = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
    const read = await t.http().get(`/test/read-only/${id}`).set(auth).expect(200);
    expect(read.body).toEqual({ begunAfterReads: false });
    const write = await t.http().post('/test/read-then-write').set(auth).send({ sessionId: id }).expect(201);
    expect(write.body).toEqual({ begunAfterRead: false, begunAfterWrite: true });
  });

  it('commits and gives the connection back when the client goes away mid-request', async () => {
    const auth = await bearer('tx-client-gone');
    const { hostname, port } = new URL(t.url);
    const client = httpRequest({ hostname, port, method: 'POST', path: '/test/write-then-wait', headers: auth });
    client.on('error', () => undefined);
    client.end();
    await gate.wasWritten;
    client.destroy();
    gate.open();
    await until(async () => openQueryRunners() === 0);
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE owner_id = 'user:tx-client-gone'`);
    expect(rows[0].n).toBe(1);
  });

  function openQueryRunners(): number {
    return (t.dataSource.driver as unknown as { connectedQueryRunners: unknown[] }).connectedQueryRunners.length;
  }

  it('reports ready while the database answers and 503 problem+json once it does not', async () => {
    const other = await startTestApp();
    try {
      await other.http().get('/health/live').expect(200);
      await other.http().get('/health/ready').expect(200);
      await other.dataSource.destroy();
      const res = await other.http().get('/health/ready').expect(503);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      await other.http().get('/health/live').expect(200);
    } finally {
      await other.close();
    }
  });
});

describe('restarts', () => {
  it('keeps a visitor’s conversation across a restart of the service on the same data', async () => {
    const store = await createTestStore({ persistent: true });
    try {
      const first = await startTestApp({ store });
      const created = await first.http().get('/v1/sessions/current').expect(200);
      const cookie = (created.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
      await first.http().post(`/v1/sessions/${created.body.id}/messages`).set('Cookie', cookie).send({ role: 'user', content: 'before restart' }).expect(201);
      await first.close();

      const second = await startTestApp({ store });
      try {
        const resumed = await second.http().get('/v1/sessions/current').set('Cookie', cookie).expect(200);
        expect(resumed.body.id).toBe(created.body.id);
        expect(resumed.headers['set-cookie']).toBeUndefined();
        const history = await second.http().get(`/v1/sessions/${created.body.id}/messages`).set('Cookie', cookie).expect(200);
        expect(history.body.items.map((m: { content: string }) => m.content)).toEqual(['before restart']);
      } finally {
        await second.close();
      }
    } finally {
      await store.dispose();
    }
  });
});

/** Polls `condition` until it holds; fails after `timeoutMs`. */
async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
