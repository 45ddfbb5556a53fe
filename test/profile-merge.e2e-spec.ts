import { Caller, newSession, ownerIdOf, profileOf, say, userCaller, visitorCaller } from './support/conversation';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { 'X-Admin-Key': 'profile-admin-key' };

describe('profile: login merge, email links, admin merge and revert, the context block', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { adminApiKey: ADMIN['X-Admin-Key'] } });
  });
  afterAll(() => t.close());

  /** A visitor who said `lines` in a new session; its owner id and session. */
  async function visitorWho(...lines: string[]): Promise<{ caller: Caller; ownerId: string; sessionId: string }> {
    const caller = visitorCaller(t);
    const sessionId = await newSession(caller);
    for (const line of lines) await say(caller, sessionId, line);
    return { caller, ownerId: await ownerIdOf(t, sessionId), sessionId };
  }

  const merge = (from: string, into: string) => t.http().post('/v1/admin/profiles/merge').set(ADMIN).send({ from, into });
  const revert = (id: string) => t.http().post(`/v1/admin/profiles/merges/${id}/revert`).set(ADMIN);
  const sessionOwner = async (id: string) => ownerIdOf(t, id);

  describe('a login that claims a visitor', () => {
    it('merges the visitor’s profile into the user’s: manual values win, then newer values, lists unioned', async () => {
      const auth = await bearer('merge-login');
      const user = userCaller(t, auth);
      const userSession = await newSession(user);
      await say(user, userSession, 'my name is Bob');
      await say(user, userSession, "I'm interested in solar panels.");
      await user.agent.patch('/v1/profile').set(auth).send({ phone: '+1 512 555 0134' }).expect(200);

      const visitor = await visitorWho('My name is Robert Jones.', 'My number is (737) 555-0188.', 'We need a home battery and installation.');
      await visitor.caller.agent.get('/v1/sessions').set(auth).expect(200);

      const profile = await profileOf(user);
      expect(profile).toMatchObject({
        customerName: 'Robert Jones',
        phone: '+15125550134',
        productsOfInterest: ['solar panels', 'home batteries'],
        servicesOfInterest: ['installation'],
      });
      expect(profile.provenance.customerName).toMatchObject({ source: 'extracted', sessionId: visitor.sessionId });
      expect(profile.provenance.phone.source).toBe('manual');
      expect(await t.dataSource.query(`SELECT 1 FROM profiles WHERE owner_id = $1`, [visitor.ownerId])).toEqual([]);
      const events = (await user.agent.get('/v1/profile/events').query({ limit: 200 }).set(auth).expect(200)).body.items;
      expect(events.filter((e: { source: string }) => e.source === 'merge').map((e: { field: string }) => e.field).sort()).toEqual(
        ['customerName', 'productsOfInterest', 'servicesOfInterest'],
      );
      expect(events.some((e: { sessionId: string }) => e.sessionId === visitor.sessionId)).toBe(true);
    });

    it('rolls the merge back with the login when the request fails', async () => {
      const auth = await bearer('merge-login-failed');
      const visitor = await visitorWho('My name is Ada Park.');
      await visitor.caller.agent.post('/v1/sessions').set(auth).send({ title: 'x'.repeat(500) }).expect(400);
      expect((await profileOf(userCaller(t, auth))).customerName).toBeNull();
      expect((await profileOf(visitor.caller)).customerName).toBe('Ada Park');
    });
  });

  describe('email links', () => {
    it('records once that two owners have the same email, for admins to list', async () => {
      const first = await visitorWho('my email is shared.person@example.com');
      const second = await visitorWho('You can reach me at Shared.Person@example.com');
      await say(second.caller, second.sessionId, 'again: my email is shared.person@example.com');
      const page = await t.http().get('/v1/admin/profiles/email-collisions').set(ADMIN).expect(200);
      const links = page.body.items.filter((link: { email: string }) => link.email === 'shared.person@example.com');
      expect(links).toEqual([
        expect.objectContaining({ ownerId: second.ownerId, otherOwnerId: first.ownerId, sessionId: second.sessionId, otherSessionId: first.sessionId }),
      ]);

      const manual = userCaller(t, await bearer('link-manual'));
      await manual.agent.patch('/v1/profile').set(manual.headers).send({ email: 'shared.person@example.com' }).expect(200);
      const after = await t.http().get('/v1/admin/profiles/email-collisions').query({ limit: 2 }).set(ADMIN).expect(200);
      expect(after.body.items.map((link: { ownerId: string }) => link.ownerId)).toEqual(['user:link-manual', 'user:link-manual']);
      expect(after.body.items.map((link: { sessionId: string | null }) => link.sessionId)).toEqual([null, null]);
      const next = await t.http().get('/v1/admin/profiles/email-collisions').query({ limit: 2, cursor: after.body.nextCursor }).set(ADMIN).expect(200);
      expect(next.body.items[0]).toMatchObject({ ownerId: second.ownerId });
      await t.http().get('/v1/admin/profiles/email-collisions').expect(401);
    });
  });

  describe('admin merge and revert', () => {
    it('moves a visitor’s sessions and profile into another owner, and moves exactly that back', async () => {
      const kept = await visitorWho('my email is kept@example.com', "I'm interested in solar panels.");
      const gone = await visitorWho('My name is Lena Fischer.', 'my email is lena@example.com', 'We need a home battery.');
      const extra = await newSession(gone.caller);

      const merged = await merge(gone.ownerId, kept.ownerId).expect(200);
      expect(merged.body).toMatchObject({ from: gone.ownerId, into: kept.ownerId, revertedAt: null });
      expect(merged.body.sessionIds.sort()).toEqual([gone.sessionId, extra].sort());
      expect(merged.body.changedFields.sort()).toEqual(['customerName', 'email', 'productsOfInterest']);
      expect(await sessionOwner(gone.sessionId)).toBe(kept.ownerId);
      expect(await profileOf(kept.caller)).toMatchObject({ customerName: 'Lena Fischer', email: 'lena@example.com', productsOfInterest: ['solar panels', 'home batteries'] });
      expect(await profileOf(gone.caller)).toMatchObject({ customerName: null, email: null });

      const reverted = await revert(merged.body.id).expect(200);
      expect(reverted.body.revertedAt).toEqual(expect.any(String));
      expect(await sessionOwner(gone.sessionId)).toBe(gone.ownerId);
      expect(await sessionOwner(extra)).toBe(gone.ownerId);
      expect(await profileOf(kept.caller)).toMatchObject({ customerName: null, email: 'kept@example.com', productsOfInterest: ['solar panels'] });
      const back = await profileOf(gone.caller);
      expect(back).toMatchObject({ customerName: 'Lena Fischer', email: 'lena@example.com', productsOfInterest: ['home batteries'] });
      expect(back.provenance.customerName).toMatchObject({ source: 'extracted', sessionId: gone.sessionId });

      const again = await revert(merged.body.id).expect(409);
      expect(again.body.detail).toMatch(/already reverted/);
    });

    it('refuses a revert that would lose what changed since, saying what', async () => {
      const into = await visitorWho('My name is Omar Haddad.');
      const from = await visitorWho('my email is omar.h@example.com');
      const merged = await merge(from.ownerId, into.ownerId).expect(200);
      await into.caller.agent.patch('/v1/profile').send({ email: 'omar@example.com' }).expect(200);
      const refused = await revert(merged.body.id).expect(409);
      expect(refused.body.detail).toMatch(/changed since the merge \(email\)/);
      expect(await sessionOwner(from.sessionId)).toBe(into.ownerId);
    });

    it('refuses a revert when a moved session is gone', async () => {
      const into = await visitorWho('My name is Kai Berg.');
      const from = await visitorWho('my email is kai@example.com');
      const merged = await merge(from.ownerId, into.ownerId).expect(200);
      await into.caller.agent.delete(`/v1/sessions/${from.sessionId}`).expect(204);
      const refused = await revert(merged.body.id).expect(409);
      expect(refused.body.detail).toMatch(/1 of the 1 sessions the merge moved no longer belong/);
      expect((await profileOf(into.caller)).email).toBe('kai@example.com');
    });

    it('merges a visitor into a user; refuses two users (409), the same owner or a user as `from` (400), unknown owners (404)', async () => {
      const user = userCaller(t, await bearer('merge-target'));
      await say(user, await newSession(user), 'my name is Grace');
      const visitor = await visitorWho('my email is grace@example.com');
      expect((await merge(visitor.ownerId, 'user:merge-target').expect(200)).body.into).toBe('user:merge-target');
      expect((await profileOf(user)).email).toBe('grace@example.com');

      expect((await merge('user:merge-target', 'user:someone-else').expect(409)).body.type).toMatch(/two-users/);
      await merge('user:merge-target', visitor.ownerId).expect(400);
      await merge(visitor.ownerId, visitor.ownerId).expect(400);
      await merge('visitor:not-a-uuid', 'user:merge-target').expect(400);
      await merge('visitor:00000000-0000-4000-8000-000000000000', 'user:merge-target').expect(404);
      await merge(visitor.ownerId, 'user:nobody-at-all').expect(404);
      await revert('00000000-0000-4000-8000-000000000000').expect(404);
      await t.http().post('/v1/admin/profiles/merge').send({ from: visitor.ownerId, into: 'user:merge-target' }).expect(401);
    });
  });

  describe('the profile in the model’s context', () => {
    it('is a short memory item in the memory tier, listed in the manifest of the context and of the call', async () => {
      const caller = userCaller(t, await bearer('context-block'));
      const session = await newSession(caller);
      await say(caller, session, 'Hi, my name is Maria Lopez. I live at 123 Main St, Austin, Texas 78701');
      const profileId = (await t.dataSource.query(`SELECT id FROM profiles WHERE owner_id = 'user:context-block'`))[0].id as string;

      const context = (await caller.agent.get(`/v1/sessions/${session}/context`).set(caller.headers).expect(200)).body;
      expect(context.tiers.memory.used).toBeGreaterThan(0);
      expect(context.tiers.memory.used).toBeLessThanOrEqual(context.tiers.memory.allocated);
      expect(context.manifest.memoryItemIds).toEqual([`profile:${profileId}`]);
      const memory = context.messages.find((m: { content: string }) => m.content.includes('What we know about the customer'));
      expect(memory).toMatchObject({ role: 'system' });
      expect(memory.content).toContain('name Maria Lopez; address 123 Main St, Austin, TX 78701.');

      await caller.agent.post('/v1/chat').set(caller.headers).send({ sessionId: session, message: 'Please email me at maria@example.com' }).expect(200);
      const [call] = await t.dataSource.query(`SELECT context_manifest, request_body FROM llm_requests WHERE session_id = $1`, [session]);
      expect(call.context_manifest.memoryItemIds).toEqual([`profile:${profileId}`]);
      expect(JSON.stringify(call.request_body.messages)).toContain('email maria@example.com');
    });

    it('is absent while nothing is known', async () => {
      const caller = userCaller(t, await bearer('context-none'));
      const session = await newSession(caller);
      await say(caller, session, 'What can you do?');
      const context = (await caller.agent.get(`/v1/sessions/${session}/context`).set(caller.headers).expect(200)).body;
      expect(context.manifest.memoryItemIds).toEqual([]);
      expect(context.tiers.memory.used).toBe(0);
    });
  });
});
