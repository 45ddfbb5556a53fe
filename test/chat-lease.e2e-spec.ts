import { randomUUID } from 'node:crypto';
import { ChatLeaseRepository } from '@/chat/chat-lease.repository';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

/** Longer than any test takes, so that a lease held here cannot run out by itself. */
const HELD_MS = 60_000;

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
  async function expiry(): Promise<void> {
    const deadline = Date.now() + 10_000;
    const expired = async () =>
      (await t.dataSource.query(`SELECT expires_at < now() AS expired FROM chat_leases WHERE session_id = $1`, [sessionId]))[0]?.expired === true;
    while (!(await expired())) {
      if (Date.now() > deadline) throw new Error('the lease did not expire');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

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
