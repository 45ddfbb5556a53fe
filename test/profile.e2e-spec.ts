import { Caller, newSession, profileOf, say, statementsDuring, userCaller } from './support/conversation';
import { describeRaces, lineUp } from './support/races';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM = /application\/problem\+json/;

describe('profile: extraction, provenance and manual edits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const user = async (sub: string): Promise<Caller> => userCaller(t, await bearer(sub));
  const profileRows = async (ownerId: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM profiles WHERE owner_id = $1`, [ownerId]))[0].n;
  const eventsOf = async (caller: Caller) => (await caller.agent.get('/v1/profile/events').set(caller.headers).expect(200)).body.items;

  it('answers 200 with nulls and empty lists when nothing is known, without creating a row', async () => {
    const caller = await user('p-empty');
    expect(await profileOf(caller)).toEqual({
      customerName: null,
      email: null,
      phone: null,
      addressStreet: null,
      addressCity: null,
      addressState: null,
      addressZip: null,
      productsOfInterest: [],
      servicesOfInterest: [],
      preferences: {},
      provenance: {},
      updatedAt: null,
    });
    expect(await profileRows('user:p-empty')).toBe(0);
  });

  it('builds one profile from several messages in several sessions, each value pointing at its message', async () => {
    const caller = await user('p-build');
    const first = await newSession(caller);
    const second = await newSession(caller);
    const nameId = await say(caller, first, 'Hi, my name is Maria Lopez.');
    const emailId = await say(caller, second, 'You can reach me at Maria.Lopez@Example.com');
    const addressId = await say(caller, first, 'I live at 123 Main St, Austin, Texas 78701');
    await say(caller, second, "I'm interested in solar panels and a home battery, and need installation.");
    await say(caller, second, 'Please email me in the mornings, in Spanish.');

    const profile = await profileOf(caller);
    expect(profile).toMatchObject({
      customerName: 'Maria Lopez',
      email: 'maria.lopez@example.com',
      addressStreet: '123 Main St',
      addressCity: 'Austin',
      addressState: 'TX',
      addressZip: '78701',
      productsOfInterest: ['solar panels', 'home batteries'],
      servicesOfInterest: ['installation'],
      preferences: { contactChannel: 'email', contactTime: 'morning', language: 'es' },
    });
    expect(profile.provenance.customerName).toEqual({ source: 'extracted', sessionId: first, messageId: nameId, confidence: 0.95, updatedAt: expect.any(String) });
    expect(profile.provenance.email).toMatchObject({ source: 'extracted', sessionId: second, messageId: emailId });
    expect(profile.provenance.addressState).toMatchObject({ sessionId: first, messageId: addressId });
    expect(profile.provenance['preferences.language']).toMatchObject({ source: 'extracted', sessionId: second, confidence: 0.8 });
  });

  it('keeps every change as an event, newest first, in pages', async () => {
    const caller = await user('p-events');
    const session = await newSession(caller);
    const messageId = await say(caller, session, 'my name is Bob');
    await say(caller, session, 'Call me Rob.');
    await say(caller, session, 'My number is (512) 555-0134.');
    const page1 = await caller.agent.get('/v1/profile/events').query({ limit: 2 }).set(caller.headers).expect(200);
    expect(page1.body.items.map((e: { field: string }) => e.field)).toEqual(['phone', 'customerName']);
    expect(page1.body.items[1]).toMatchObject({ oldValue: 'Bob', newValue: 'Rob', source: 'extracted', sessionId: session });
    const page2 = await caller.agent.get('/v1/profile/events').query({ limit: 2, cursor: page1.body.nextCursor }).set(caller.headers).expect(200);
    expect(page2.body).toEqual({ items: [expect.objectContaining({ field: 'customerName', oldValue: null, newValue: 'Bob', messageId })], nextCursor: null });
    const bad = await caller.agent.get('/v1/profile/events').query({ cursor: 'nope' }).set(caller.headers).expect(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
  });

  it('lets a correction replace a value, a negation clear only what it names, and nothing replace a value with nothing', async () => {
    const caller = await user('p-corrections');
    const session = await newSession(caller);
    await say(caller, session, 'My number is (512) 555-0134. You can reach me at maria@example.com');
    await say(caller, session, "I'm interested in solar panels and a home battery.");
    await say(caller, session, 'Actually my number is 512-555-0199.');
    expect(await profileOf(caller)).toMatchObject({ phone: '+15125550199', email: 'maria@example.com' });

    await say(caller, session, "other@example.org isn't mine");
    expect((await profileOf(caller)).email).toBe('maria@example.com');
    await say(caller, session, "I don't want solar panels.");
    expect((await profileOf(caller)).productsOfInterest).toEqual(['home batteries']);
    await say(caller, session, 'Hello, how are you? I have no email to give you today.');
    expect((await profileOf(caller)).email).toBe('maria@example.com');
    await say(caller, session, "That's not my email.");
    const profile = await profileOf(caller);
    expect(profile.email).toBeNull();
    expect(profile.provenance.email).toBeUndefined();
    expect(profile.phone).toBe('+15125550199');
  });

  it('reads user messages only: assistant, system and tool messages never count', async () => {
    const caller = await user('p-roles');
    const session = await newSession(caller);
    await say(caller, session, 'my name is Bob', 'assistant');
    await say(caller, session, 'my email is bob@example.org', 'system');
    await caller.agent.post(`/v1/sessions/${session}/messages`).set(caller.headers).send({ role: 'tool', toolCallId: 'c1', content: 'my name is Bob' }).expect(201);
    expect(await profileRows('user:p-roles')).toBe(0);
    expect(await eventsOf(caller)).toEqual([]);
  });

  it('does not extract again when an Idempotency-Key replays an append', async () => {
    const caller = await user('p-replay');
    const session = await newSession(caller);
    const send = () => caller.agent.post(`/v1/sessions/${session}/messages`).set(caller.headers).set('Idempotency-Key', 'k1').send({ role: 'user', content: 'my name is Bob' });
    await send().expect(201);
    await caller.agent.patch('/v1/profile').set(caller.headers).send({ customerName: null }).expect(200);
    await send().expect(200);
    expect((await profileOf(caller)).customerName).toBeNull();
    expect((await eventsOf(caller)).map((e: { source: string }) => e.source)).toEqual(['manual', 'extracted']);
  });

  describe('the hot path', () => {
    const profileStatements = (statements: string[]) => statements.filter((sql) => /profile|email_links/i.test(sql));

    it('sends no statement about the profile for a message that says nothing about its author', async () => {
      const caller = await user('p-hot-none');
      const session = await newSession(caller);
      const statements = await statementsDuring(() => say(caller, session, 'Could you compare the two approaches we discussed and tell me which one you would pick?'));
      expect(profileStatements(statements)).toEqual([]);
      expect(statements).toHaveLength(2);
    });

    it('costs the row lock, the write and one insert of events for a message with facts; the email check only when the email changed', async () => {
      const caller = await user('p-hot-facts');
      const session = await newSession(caller);
      const created = profileStatements(await statementsDuring(() => say(caller, session, 'I live at 123 Main St, Austin, Texas 78701')));
      expect(created.map(verb)).toEqual(['SELECT FOR UPDATE', 'INSERT profiles', 'INSERT profile_events']);
      const updated = profileStatements(await statementsDuring(() => say(caller, session, 'my email is rob@example.org')));
      expect(updated.map(verb)).toEqual(['SELECT FOR UPDATE', 'UPDATE profiles', 'INSERT profile_events', 'SELECT']);
    });
  });

  describeRaces('concurrent messages of one owner', () => {
    it('lose no fact when they all find no profile and create it at once', async () => {
      const caller = await user('p-race');
      const sessions = await Promise.all([0, 1, 2, 3].map(() => newSession(caller)));
      const lines = ['my name is Bob', 'my email is bob@example.org', 'My number is (512) 555-0134.', 'Please text me.'];
      const responses = await lineUp(t.config.databaseUrl!, 'profiles', 4, (i) =>
        caller.agent.post(`/v1/sessions/${sessions[i]}/messages`).set(caller.headers).send({ role: 'user', content: lines[i] }),
      );
      expect(responses.map((res) => res.status)).toEqual([201, 201, 201, 201]);
      expect(await profileOf(caller)).toMatchObject({ customerName: 'Bob', email: 'bob@example.org', phone: '+15125550134', preferences: { contactChannel: 'sms' } });
      expect(await eventsOf(caller)).toHaveLength(4);
      expect(await profileRows('user:p-race')).toBe(1);
    });
  });

  describe('PATCH /v1/profile', () => {
    it('sets values as manual, which extraction then never overwrites; null clears one', async () => {
      const caller = await user('p-manual');
      const session = await newSession(caller);
      await say(caller, session, 'my email is bob@example.org');
      const patched = await caller.agent
        .patch('/v1/profile')
        .set(caller.headers)
        .send({ email: 'Robert@Example.COM', phone: '(512) 555-0134', addressState: 'texas', addressZip: '787011234', productsOfInterest: ['Solar Panels'], preferences: { language: 'de' } })
        .expect(200);
      expect(patched.body).toMatchObject({
        email: 'robert@example.com',
        phone: '+15125550134',
        addressState: 'TX',
        addressZip: '78701-1234',
        productsOfInterest: ['solar panels'],
        preferences: { language: 'de' },
      });
      expect(patched.body.provenance.email).toEqual({ source: 'manual', sessionId: null, messageId: null, confidence: 1, updatedAt: expect.any(String) });

      await say(caller, session, 'Actually my email is other@example.org and I want a home battery, not solar panels. My name is Rob.');
      const after = await profileOf(caller);
      expect(after).toMatchObject({ email: 'robert@example.com', productsOfInterest: ['solar panels'], customerName: 'Rob' });

      const cleared = await caller.agent.patch('/v1/profile').set(caller.headers).send({ email: null, preferences: { language: null } }).expect(200);
      expect(cleared.body).toMatchObject({ email: null, preferences: {} });
      expect(cleared.body.provenance.email).toBeUndefined();
      await say(caller, session, 'my email is rob@example.org');
      expect((await profileOf(caller)).email).toBe('rob@example.org');
    });

    it('answers an empty PATCH with the profile, changing and creating nothing', async () => {
      const caller = await user('p-empty-patch');
      const res = await caller.agent.patch('/v1/profile').set(caller.headers).send({}).expect(200);
      expect(res.body).toMatchObject({ customerName: null, updatedAt: null });
      expect(await profileRows('user:p-empty-patch')).toBe(0);
    });

    it.each([
      [{ email: 'not-an-email' }, 'email'],
      [{ phone: '12' }, 'phone'],
      [{ phone: '+1 555 0100 0000 99' }, 'phone'],
      [{ addressState: 'Ontario' }, 'addressState'],
      [{ addressZip: '7870' }, 'addressZip'],
      [{ productsOfInterest: ['time machines'] }, 'productsOfInterest'],
      [{ servicesOfInterest: ['solar panels'] }, 'servicesOfInterest'],
      [{ preferences: { contactChannel: 'pigeon' } }, 'preferences.contactChannel'],
      [{ preferences: { contactTime: 'midnight' } }, 'preferences.contactTime'],
      [{ preferences: { language: 'spanish' } }, 'preferences.language'],
      [{ customerName: '' }, 'customerName'],
      [{ addressCity: '   ' }, 'addressCity'],
      [{ nickname: 'Bobby' }, 'nickname'],
    ])('refuses %j with a 400 naming %s, writing nothing', async (body, field) => {
      const caller = await user('p-invalid');
      const res = await caller.agent.patch('/v1/profile').set(caller.headers).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await profileRows('user:p-invalid')).toBe(0);
    });
  });
});

/** A statement's kind, for comparing what a request sent. */
function verb(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  if (/^SELECT .* FOR UPDATE$/.test(text)) return 'SELECT FOR UPDATE';
  const write = /^(INSERT INTO|UPDATE|DELETE FROM) (\w+)/.exec(text);
  if (write) return `${write[1].split(' ')[0]} ${write[2]}`;
  return text.split(' ')[0];
}
