import { randomUUID } from 'node:crypto';
import { ChatLeaseRepository } from '@/chat/chat-lease.repository';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

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

  it('lets one holder at a time take a session, and frees it when a crashed holder’s lease expires', async () => {
    const crashed = randomUUID();
    const next = randomUUID();
    expect(await leases.tryAcquire(sessionId, crashed, 300)).toBe(true);
    expect(await leases.tryAcquire(sessionId, next, 300)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await leases.tryAcquire(sessionId, next, 300)).toBe(true);
    // The crashed holder cannot renew or release what it no longer holds.
    expect(await leases.renew(sessionId, crashed, 300)).toBe(false);
    await leases.release(sessionId, crashed);
    expect(await leases.tryAcquire(sessionId, randomUUID(), 300)).toBe(false);
    await leases.release(sessionId, next);
    expect(await leases.tryAcquire(sessionId, randomUUID(), 300)).toBe(true);
  });
});
