import { createHash } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describeRaces, lineUp } from './support/races';
import { bearer, TEST_JWT_SECRET, userToken } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM = /application\/problem\+json/;

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('CRUD for a user', () => {
    it('creates, reads, updates and deletes a session', async () => {
      const auth = await bearer('alice');
      const created = await t.http().post('/v1/sessions').set(auth).send({ title: 'Trip', contextData: { page: 'home' } }).expect(201);
      expect(created.body).toMatchObject({ title: 'Trip', contextData: { page: 'home' }, metadata: {}, isActive: true, messageCount: 0 });
      const id = created.body.id;

      await t.http().get(`/v1/sessions/${id}`).set(auth).expect(200).expect((res) => expect(res.body.id).toBe(id));
      const patched = await t.http().patch(`/v1/sessions/${id}`).set(auth).send({ title: null, metadata: { tag: 1 } }).expect(200);
      expect(patched.body).toMatchObject({ title: null, metadata: { tag: 1 }, contextData: { page: 'home' } });

      await t.http().delete(`/v1/sessions/${id}`).set(auth).expect(204);
      await t.http().get(`/v1/sessions/${id}`).set(auth).expect(404).expect('content-type', PROBLEM);
    });

    it('lists sessions most recently active first, page by page', async () => {
      const auth = await bearer('lister');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await t.http().post('/v1/sessions').set(auth).send({ title: `s${i}` })).body.id);
      // Activity on the oldest moves it to the front.
      await t.http().post(`/v1/sessions/${ids[0]}/messages`).set(auth).send({ role: 'user', content: 'hi' }).expect(201);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string | number> = { limit: 2, ...(cursor ? { cursor } : {}) };
        const page = await t.http().get('/v1/sessions').query(query).set(auth).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((s: { id: string }) => s.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([ids[0], ids[4], ids[3], ids[2], ids[1]]);
    });

    it('resumes the most recently active open session as current, creating one only when there is none', async () => {
      const auth = await bearer('resumer');
      const first = await t.http().get('/v1/sessions/current').set(auth).expect(200);
      const again = await t.http().get('/v1/sessions/current').set(auth).expect(200);
      expect(again.body.id).toBe(first.body.id);

      const newer = await t.http().post('/v1/sessions').set(auth).send({}).expect(201);
      expect((await t.http().get('/v1/sessions/current').set(auth)).body.id).toBe(newer.body.id);

      await t.http().patch(`/v1/sessions/${newer.body.id}`).set(auth).send({ isActive: false }).expect(200);
      expect((await t.http().get('/v1/sessions/current').set(auth)).body.id).toBe(first.body.id);
    });
  });

  describeRaces('under concurrency', () => {
    const ROUNDS = 4;
    const AT_ONCE = 8;
    let race: TestApp;
    beforeAll(async () => {
      // A pool with a connection for every request of a round, so they all reach the database at once.
      race = await startTestApp({ config: { dbPoolSize: AT_ONCE + 2 } });
    });
    afterAll(() => race.close());

    it(`creates exactly one current session for ${AT_ONCE} resumes sent at once (${ROUNDS} rounds, one owner each)`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const auth = await bearer(`racer-${round}`);
        const results = await lineUp(race.config.databaseUrl!, 'sessions', AT_ONCE, () => race.http().get('/v1/sessions/current').set(auth));
        expect(results.map((r) => r.status)).toEqual(Array(AT_ONCE).fill(200));
        expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
        const list = await race.http().get('/v1/sessions').set(auth).expect(200);
        expect(list.body.items).toHaveLength(1);
      }
    });
  });

  describe('isolation', () => {
    it("never shows one user's session to another: a foreign id is 404, never 403", async () => {
      const alice = await bearer('iso-alice');
      const bob = await bearer('iso-bob');
      const id = (await t.http().post('/v1/sessions').set(alice).send({ title: 'secret' })).body.id;
      await t.http().post(`/v1/sessions/${id}/messages`).set(alice).send({ role: 'user', content: 'my secret' }).expect(201);

      await t.http().get(`/v1/sessions/${id}`).set(bob).expect(404);
      await t.http().patch(`/v1/sessions/${id}`).set(bob).send({ title: 'pwned' }).expect(404);
      await t.http().delete(`/v1/sessions/${id}`).set(bob).expect(404);
      await t.http().get(`/v1/sessions/${id}/messages`).set(bob).expect(404);
      await t.http().post(`/v1/sessions/${id}/messages`).set(bob).send({ role: 'user', content: 'x' }).expect(404);
      expect((await t.http().get('/v1/sessions').set(bob)).body.items).toEqual([]);

      const own = await t.http().get(`/v1/sessions/${id}`).set(alice).expect(200);
      expect(own.body).toMatchObject({ title: 'secret', messageCount: 1 });
    });

    it("keeps a visitor's sessions apart from a user's and from other visitors'", async () => {
      const visitor = t.browser();
      const other = t.browser();
      const user = await bearer('iso-carol');
      const visitorSession = (await visitor.post('/v1/sessions').send({ title: 'anon' }).expect(201)).body.id;

      await t.http().get(`/v1/sessions/${visitorSession}`).set(user).expect(404);
      await other.get(`/v1/sessions/${visitorSession}`).expect(404);
      await visitor.get(`/v1/sessions/${visitorSession}`).expect(200);
      expect((await other.get('/v1/sessions')).body.items).toEqual([]);
    });

    it('answers 404 for an id that does not exist at all', async () => {
      await t.http().get('/v1/sessions/00000000-0000-4000-8000-000000000000').set(await bearer('x')).expect(404).expect('content-type', PROBLEM);
    });
  });

  describe('visitors', () => {
    it('issues an httpOnly, SameSite=Lax cookie and stores only its hash', async () => {
      const res = await t.http().post('/v1/sessions').send({}).expect(201);
      const cookie = res.headers['set-cookie'][0] as string;
      expect(cookie).toMatch(/^continuum_visitor=[\w-]{43};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Max-Age=604800/);
      const value = /^continuum_visitor=([^;]+)/.exec(cookie)![1];
      const count = async (keyHash: string) =>
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM visitors WHERE key_hash = $1`, [keyHash]))[0].n;
      expect(await count(createHash('sha256').update(value).digest('hex'))).toBe(1);
      expect(await count(value)).toBe(0);
    });

    it("hands a visitor's sessions to the user who logs in with that cookie", async () => {
      const browser = t.browser();
      const anonymous = (await browser.post('/v1/sessions').send({ title: 'before login' }).expect(201)).body.id;
      await browser.post(`/v1/sessions/${anonymous}/messages`).send({ role: 'user', content: 'remember me' }).expect(201);

      const auth = await bearer('claimer');
      const login = await browser.get('/v1/sessions').set(auth).expect(200);
      expect(login.body.items.map((s: { id: string }) => s.id)).toEqual([anonymous]);

      const messages = await t.http().get(`/v1/sessions/${anonymous}/messages`).set(auth).expect(200);
      expect(messages.body.items.map((m: { content: string }) => m.content)).toEqual(['remember me']);
      // The cookie alone no longer reaches what now belongs to the user: it gets a fresh visitor.
      await browser.get(`/v1/sessions/${anonymous}`).expect(404);
      expect((await browser.get('/v1/sessions').expect(200)).body.items).toEqual([]);
    });

    it('keeps the anonymous conversation when the login request itself fails', async () => {
      const browser = t.browser();
      const anonymous = (await browser.post('/v1/sessions').send({ title: 'keep me' }).expect(201)).body.id;
      const auth = await bearer('claimer-unlucky');
      await browser.get('/v1/sessions/00000000-0000-4000-8000-000000000000').set(auth).expect(404);
      await browser.post('/v1/sessions').set(auth).send({ title: 42 }).expect(400);
      const after = await browser.get('/v1/sessions').set(auth).expect(200);
      expect(after.body.items.map((s: { id: string }) => s.id)).toEqual([anonymous]);
    });
  });

  describe('bearer tokens', () => {
    it.each([
      ['garbage', async () => 'not-a-jwt'],
      ['signed with another secret', () => userToken('eve', { secret: 'another-secret-another-secret-123' })],
      ['expired', () => userToken('eve', { expiresIn: '-1m' })],
      ['unsigned (alg none)', async () => new UnsecuredJWT({}).setSubject('eve').encode()],
      ['without sub', () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(TEST_JWT_SECRET))],
      ['without exp', () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('eve').sign(new TextEncoder().encode(TEST_JWT_SECRET))],
    ])('rejects a token that is %s with 401', async (_name, makeToken) => {
      const res = await t.http().get('/v1/sessions').set('Authorization', `Bearer ${await makeToken()}`).expect(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('rejects an Authorization header that is not a bearer token', async () => {
      await t.http().get('/v1/sessions').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an unknown field', { title: 'x', owner: 'someone' }, 'owner'],
      ['a title of the wrong type', { title: 42 }, 'title'],
      ['an over-long title', { title: 'x'.repeat(201) }, 'title'],
      ['contextData that is an array', { contextData: [1, 2] }, 'contextData'],
      ['metadata that is a string', { metadata: 'x' }, 'metadata'],
    ])('rejects %s with a 400 naming the field, and stores nothing', async (_name, body, field) => {
      const auth = await bearer('bad-input');
      const res = await t.http().post('/v1/sessions').set(auth).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await t.http().get('/v1/sessions').set(auth)).body.items).toEqual([]);
    });

    it('rejects a non-UUID id and a forged cursor with 400', async () => {
      const auth = await bearer('bad-input-2');
      const res = await t.http().get('/v1/sessions/12345').set(auth).expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
      await t.http().get('/v1/sessions').query({ cursor: 'bm9wZQ' }).set(auth).expect(400);
      await t.http().get('/v1/sessions').query({ limit: 0 }).set(auth).expect(400);
      await t.http().get('/v1/sessions').query({ limit: 'ten' }).set(auth).expect(400);
    });
  });
});
