import { Body, Controller, Post } from '@nestjs/common';
import { ProblemException } from '@/common/errors/problem.exception';
import { MessageModule } from '@/message/message.module';
import { MessageService } from '@/message/message.service';
import { Authenticated, CurrentOwner } from '@/session/authenticated';
import { Owner } from '@/session/owner';
import { SessionModule } from '@/session/session.module';
import { SessionService } from '@/session/session.service';
import { bearer } from './support/tokens';
import { createTestStore, startTestApp, TestApp } from './support/test-app';

/** Routes that exist only in this test, to observe the request transaction from inside. */
@Authenticated()
@Controller('test')
class TransactionProbeController {
  constructor(
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
  ) {}

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
