import { randomUUID } from 'node:crypto';
import { ChatLeaseRepository } from '@/chat/chat-lease.repository';
import { llmConfig } from './support/chat-config';
import { FakeOpenAiServer, Hold, reply } from './support/fake-openai-server';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

/** Longer than any test takes, so that a lease held here cannot run out by itself. */
const HELD_MS = 60_000;
type Auth = { Authorization: string };

/** Polls `condition` until it holds; the deadline only turns a hang into a failure. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('chat leases', () => {
  let t: TestApp;
  let leases: ChatLeaseRepository;
  let sessionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    leases = t.app.get(ChatLeaseRepository, { strict: false });
    sessionId = (await t.http().post('/v1/sessions').set(await bearer('lease-owner')).send({}).expect(201)).body.id;
  });
  afterAll(() => t.close());

  /** Waits until the session's lease has run out by the database's clock (the one tryAcquire judges by). */
  const expiry = () =>
    until(
      async () => (await t.dataSource.query(`SELECT expires_at < now() AS expired FROM chat_leases WHERE session_id = $1`, [sessionId]))[0]?.expired === true,
      'the lease expiring',
    );

  const secondsLeft = async (): Promise<number> =>
    Number((await t.dataSource.query(`SELECT extract(epoch FROM expires_at - now()) AS left FROM chat_leases WHERE session_id = $1`, [sessionId]))[0].left);

  it('lets one holder at a time take a session, and frees it when a crashed holder’s lease expires', async () => {
    const crashed = randomUUID();
    const next = randomUUID();
    expect(await leases.tryAcquire(sessionId, crashed, HELD_MS)).toBe(true);
    // The TTL is in milliseconds: 60 s from now (loosely, so that only a wrong unit fails this).
    expect(await secondsLeft()).toBeGreaterThan(30);
    expect(await secondsLeft()).toBeLessThanOrEqual(60);
    expect(await leases.tryAcquire(sessionId, next, HELD_MS)).toBe(false);
    // The holder's last renewal, just before it crashed, was for 200 ms.
    expect(await leases.renew(sessionId, crashed, 200)).toBe(true);
    await expiry();
    expect(await leases.tryAcquire(sessionId, next, HELD_MS)).toBe(true);
    // The crashed holder cannot renew or release what it no longer holds.
    expect(await leases.renew(sessionId, crashed, HELD_MS)).toBe(false);
    await leases.release(sessionId, crashed);
    expect(await leases.tryAcquire(sessionId, randomUUID(), HELD_MS)).toBe(false);
    await leases.release(sessionId, next);
    expect(await leases.tryAcquire(sessionId, randomUUID(), HELD_MS)).toBe(true);
  });
});

describe('concurrent turns on one session', () => {
  let fake: FakeOpenAiServer;
  let t: TestApp;
  /** Deadlines no held reply comes near: here the test decides when the model answers. */
  const patient = (turnWaitMs = 30_000) => {
    const config = llmConfig(fake, { timeoutMs: 30_000, streamIdleMs: 30_000 });
    return { ...config, chat: { ...config.chat!, turnWaitMs } };
  };
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    t = await startTestApp({ config: patient() });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  const send = (auth: Auth, body: object, key?: string, app = t) => {
    const req = app.http().post('/v1/chat').set(auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body).then((res) => res);
  };
  const contents = async (sessionId: string, app = t) =>
    (await app.dataSource.query(`SELECT content FROM messages WHERE session_id = $1 ORDER BY seq`, [sessionId])).map((r: { content: string }) => r.content);

  /**
   * Settles once a turn asked for a session's lease and was refused, i.e. it is waiting for
   * the turn ahead of it. The spy only watches: every call goes to the real repository.
   */
  function leaseRefused(): Promise<void> {
    const spy = jest.spyOn(t.app.get(ChatLeaseRepository, { strict: false }), 'tryAcquire');
    const refused = async () => {
      for (const result of spy.mock.results) if (result.type === 'return' && !(await result.value)) return true;
      return false;
    };
    return until(refused, 'a turn waiting for the lease').finally(() => spy.mockRestore());
  }

  it('runs them one after the other: the second waits for the first and sees its reply', async () => {
    const first = new Hold();
    fake.enqueue(reply('First answer.', { hold: first }), reply('Second answer.'));
    const auth = await bearer('chat-concurrent');
    const sessionId = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
    const one = send(auth, { sessionId, message: 'one' });
    await first.reached;
    const waiting = leaseRefused();
    const two = send(auth, { sessionId, message: 'two' });
    await waiting;
    first.release();
    expect([(await one).status, (await two).status]).toEqual([200, 200]);
    expect(await contents(sessionId)).toEqual(['one', 'First answer.', 'two', 'Second answer.']);
    expect(fake.requests[1].body.messages!.map((m) => m.content)).toContain('First answer.');
  });

  it('answers 409 and stores nothing when the wait runs out', async () => {
    const impatient = await startTestApp({ config: patient(150) });
    try {
      const slow = new Hold();
      fake.enqueue(reply('Slow answer.', { hold: slow }));
      const auth = await bearer('chat-busy');
      const sessionId = (await impatient.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
      const first = send(auth, { sessionId, message: 'slow one' }, undefined, impatient);
      await slow.reached;
      const busy = await send(auth, { sessionId, message: 'impatient' }, undefined, impatient);
      slow.release();
      expect(busy.status).toBe(409);
      expect(busy.headers['content-type']).toMatch(/problem\+json/);
      expect((await first).status).toBe(200);
      expect(await contents(sessionId, impatient)).toEqual(['slow one', 'Slow answer.']);
    } finally {
      await impatient.close();
    }
  });

  it('answers a retry sent during the turn with the first reply once it is stored, without a second model call', async () => {
    const held = new Hold();
    fake.enqueue(reply('Only once.', { hold: held }));
    const auth = await bearer('chat-idempotent');
    const first = send(auth, { message: 'hello once' }, 'turn-1');
    await held.reached;
    const waiting = leaseRefused();
    const retry = send(auth, { message: 'hello once' }, 'turn-1');
    await waiting;
    held.release();
    const [a, b] = [await first, await retry];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toEqual(a.body);
    const later = await send(auth, { message: 'hello once' }, 'turn-1');
    expect(later.status).toBe(200);
    expect(later.body).toEqual(a.body);
    expect(fake.requests).toHaveLength(1);
    expect(await contents(a.body.sessionId)).toEqual(['hello once', 'Only once.']);
    expect((await send(auth, { message: 'something else' }, 'turn-1')).status).toBe(422);
  });
});
