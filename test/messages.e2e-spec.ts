import { describeRaces, lineUp } from './support/races';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
const PROBLEM = /application\/problem\+json/;

describe('messages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { maxMessagesPerSession: 10, maxContentChars: 1000 } });
  });
  afterAll(() => t.close());

  async function newSession(user: string, app = t): Promise<{ auth: Auth; id: string }> {
    const auth = await bearer(user);
    const id = (await app.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id as string;
    return { auth, id };
  }

  const append = (auth: Auth, id: string, body: object, key?: string, app = t) => {
    const req = app.http().post(`/v1/sessions/${id}/messages`).set(auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  const storedSeqs = async (id: string, app = t): Promise<number[]> =>
    (await app.dataSource.query(`SELECT seq FROM messages WHERE session_id = $1 ORDER BY seq`, [id])).map((r: { seq: number }) => r.seq);

  it('stores every field and numbers messages 1, 2, 3 in the session', async () => {
    const { auth, id } = await newSession('m-fields');
    const first = await append(auth, id, { role: 'user', content: 'What is the weather?' }).expect(201);
    const second = await append(auth, id, {
      role: 'assistant',
      content: 'Sunny.',
      metadata: { citations: [{ docId: 'd1', score: 0.9 }] },
      toolsUsed: ['weather'],
      tokenCount: 3,
      processingTimeMs: 120,
    }).expect(201);
    const call = await append(auth, id, { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', type: 'function' }] }).expect(201);
    const result = await append(auth, id, { role: 'tool', content: '{"temp":21}', toolCallId: 'call_1' }).expect(201);
    const failed = await append(auth, id, { role: 'assistant', content: 'Sorry', hasError: true, errorMessage: 'timeout' }).expect(201);

    expect([first, second, call, result, failed].map((r) => r.body.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(second.body).toMatchObject({
      sessionId: id,
      role: 'assistant',
      metadata: { citations: [{ docId: 'd1', score: 0.9 }] },
      toolsUsed: ['weather'],
      tokenCount: 3,
      processingTimeMs: 120,
      hasError: false,
    });
    expect(result.body).toMatchObject({ toolCallId: 'call_1' });
    expect(failed.body).toMatchObject({ hasError: true, errorMessage: 'timeout' });

    const session = await t.http().get(`/v1/sessions/${id}`).set(auth).expect(200);
    expect(session.body.messageCount).toBe(5);
  });

  it('keeps at most MAX_MESSAGES_PER_SESSION, deleting the oldest in the same append', async () => {
    const { auth, id } = await newSession('m-cap');
    for (let i = 1; i <= 13; i++) await append(auth, id, { role: 'user', content: `n${i}` }).expect(201);
    expect(await storedSeqs(id)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const session = await t.http().get(`/v1/sessions/${id}`).set(auth).expect(200);
    expect(session.body.messageCount).toBe(10);
    const page = await t.http().get(`/v1/sessions/${id}/messages`).set(auth).expect(200);
    expect(page.body.items.map((m: { content: string }) => m.content)).toEqual(['n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n11', 'n12', 'n13']);
  });

  describe('idempotency', () => {
    it('replays the first message with 200 on a retry and stores nothing new', async () => {
      const { auth, id } = await newSession('m-idem');
      const first = await append(auth, id, { role: 'user', content: 'once', metadata: { a: 1, b: 2 } }, 'key-1').expect(201);
      // Same request, fields in another order: still the same request.
      const retry = await append(auth, id, { metadata: { b: 2, a: 1 }, content: 'once', role: 'user' }, 'key-1').expect(200);
      expect(retry.body).toEqual(first.body);
      expect(await storedSeqs(id)).toEqual([1]);
    });

    it('answers 422 when the key is reused for a different body or session', async () => {
      const { auth, id } = await newSession('m-idem-422');
      const other = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
      await append(auth, id, { role: 'user', content: 'first' }, 'key-2').expect(201);
      const changed = await append(auth, id, { role: 'user', content: 'second' }, 'key-2').expect(422);
      expect(changed.headers['content-type']).toMatch(PROBLEM);
      await append(auth, other, { role: 'user', content: 'first' }, 'key-2').expect(422);
      expect(await storedSeqs(id)).toEqual([1]);
      expect(await storedSeqs(other)).toEqual([]);
    });

    it('scopes keys to their owner', async () => {
      const a = await newSession('m-idem-a');
      const b = await newSession('m-idem-b');
      await append(a.auth, a.id, { role: 'user', content: 'same' }, 'shared').expect(201);
      await append(b.auth, b.id, { role: 'user', content: 'same' }, 'shared').expect(201);
    });

    it('rejects a malformed key with 400', async () => {
      const { auth, id } = await newSession('m-idem-bad');
      await append(auth, id, { role: 'user', content: 'x' }, 'x'.repeat(256)).expect(400);
      expect(await storedSeqs(id)).toEqual([]);
    });
  });

  describeRaces('under concurrency', () => {
    const ROUNDS = 4;
    const AT_ONCE = 8;
    let race: TestApp;
    beforeAll(async () => {
      // A pool with a connection for every request of a round, so they all reach the database at once.
      race = await startTestApp({ config: { maxMessagesPerSession: 200, dbPoolSize: AT_ONCE + 2 } });
    });
    afterAll(() => race.close());

    const seqRange = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

    it(`gives ${ROUNDS} rounds of ${AT_ONCE} appends sent at once to one session the seqs 1..${ROUNDS * AT_ONCE}, none lost or doubled`, async () => {
      const { auth, id } = await newSession('m-concurrent', race);
      for (let round = 0; round < ROUNDS; round++) {
        const responses = await lineUp(race.config.databaseUrl!, 'sessions', AT_ONCE, (i) =>
          append(auth, id, { role: 'user', content: `r${round}m${i}` }, undefined, race),
        );
        expect(responses.map((r) => r.status)).toEqual(Array(AT_ONCE).fill(201));
        expect(responses.map((r) => r.body.seq).sort((x, y) => x - y)).toEqual(seqRange(round * AT_ONCE + 1, AT_ONCE));
      }
      const rows = await race.dataSource.query(`SELECT seq, content FROM messages WHERE session_id = $1 ORDER BY seq`, [id]);
      expect(rows.map((r: { seq: number }) => r.seq)).toEqual(seqRange(1, ROUNDS * AT_ONCE));
      expect(new Set(rows.map((r: { content: string }) => r.content)).size).toBe(ROUNDS * AT_ONCE);
      const session = await race.http().get(`/v1/sessions/${id}`).set(auth).expect(200);
      expect(session.body.messageCount).toBe(ROUNDS * AT_ONCE);
    });

    it('replays the first message to retries sent at once with the same key, and stores it once', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { auth, id } = await newSession(`m-idem-race-${round}`, race);
        const results = await lineUp(race.config.databaseUrl!, 'sessions', AT_ONCE, () =>
          append(auth, id, { role: 'user', content: 'dup?' }, 'race-key', race),
        );
        expect(results.map((r) => r.status).sort()).toEqual([...Array(AT_ONCE - 1).fill(200), 201]);
        expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
        expect(await storedSeqs(id, race)).toEqual([1]);
      }
    });

    it('lets one of the requests sent at once with one key on different sessions through, and answers the others 409', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const auth = await bearer(`m-idem-sessions-${round}`);
        const ids: string[] = [];
        for (let i = 0; i < AT_ONCE; i++) ids.push((await race.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id);
        const results = await lineUp(race.config.databaseUrl!, 'idempotency_keys', AT_ONCE, (i) =>
          append(auth, ids[i], { role: 'user', content: 'one key, many sessions' }, 'shared-key', race),
        );
        expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(AT_ONCE - 1).fill(409)]);
        for (const loser of results.filter((r) => r.status === 409)) expect(loser.headers['content-type']).toMatch(PROBLEM);
        const winner = results.find((r) => r.status === 201)!;
        const stored = await race.dataSource.query(`SELECT session_id FROM messages WHERE session_id = ANY($1)`, [ids]);
        expect(stored).toEqual([{ session_id: winner.body.sessionId }]);
      }
    });
  });

  describe('reading history', () => {
    let auth: Auth;
    let id: string;
    beforeAll(async () => {
      ({ auth, id } = await newSession('m-pages'));
      for (let i = 1; i <= 7; i++) await append(auth, id, { role: i % 2 ? 'user' : 'assistant', content: `c${i}` }).expect(201);
    });

    const seqs = (res: { body: { items: { seq: number }[] } }) => res.body.items.map((m) => m.seq);

    it('returns the newest page in chronological order, then older pages through nextCursor', async () => {
      const newest = await t.http().get(`/v1/sessions/${id}/messages`).query({ limit: 3 }).set(auth).expect(200);
      expect(seqs(newest)).toEqual([5, 6, 7]);
      expect(newest.body.nextCursor).toBe('5');
      const older = await t.http().get(`/v1/sessions/${id}/messages`).query({ limit: 3, before: newest.body.nextCursor }).set(auth).expect(200);
      expect(seqs(older)).toEqual([2, 3, 4]);
      const oldest = await t.http().get(`/v1/sessions/${id}/messages`).query({ limit: 3, before: older.body.nextCursor }).set(auth).expect(200);
      expect(seqs(oldest)).toEqual([1]);
      expect(oldest.body.nextCursor).toBeNull();
    });

    it('defaults to the newest 50', async () => {
      const all = await t.http().get(`/v1/sessions/${id}/messages`).set(auth).expect(200);
      expect(seqs(all)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(all.body.nextCursor).toBeNull();
    });

    it('polls with after: messages newer than a seq, oldest first', async () => {
      const newer = await t.http().get(`/v1/sessions/${id}/messages`).query({ after: 3, limit: 2 }).set(auth).expect(200);
      expect(seqs(newer)).toEqual([4, 5]);
      expect(newer.body.nextCursor).toBe('5');
      const rest = await t.http().get(`/v1/sessions/${id}/messages`).query({ after: 5 }).set(auth).expect(200);
      expect(seqs(rest)).toEqual([6, 7]);
      expect(rest.body.nextCursor).toBeNull();
      const none = await t.http().get(`/v1/sessions/${id}/messages`).query({ after: 7 }).set(auth).expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      [{ limit: 0 }, 'limit'],
      [{ limit: 201 }, 'limit'],
      [{ limit: 'many' }, 'limit'],
      [{ before: -1 }, 'before'],
      [{ before: 2, after: 1 }, 'before'],
      [{ cursor: 'x' }, 'cursor'],
    ])('rejects the query %j with 400', async (query, field) => {
      const res = await t.http().get(`/v1/sessions/${id}/messages`).query(query).set(auth).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('last activity', () => {
    it('moves on every append, but a read refreshes it only when it is over a minute old', async () => {
      const { auth, id } = await newSession('m-activity');
      const setActivity = (ago: string) =>
        t.dataSource.query(`UPDATE sessions SET last_activity_at = now() - $2::interval WHERE id = $1`, [id, ago]);
      const activity = async () =>
        (await t.dataSource.query(`SELECT extract(epoch from now() - last_activity_at) AS age FROM sessions WHERE id = $1`, [id]))[0].age;

      await setActivity('30 seconds');
      await t.http().get(`/v1/sessions/${id}/messages`).set(auth).expect(200);
      expect(Number(await activity())).toBeGreaterThanOrEqual(29);

      await setActivity('5 minutes');
      await t.http().get(`/v1/sessions/${id}`).set(auth).expect(200);
      expect(Number(await activity())).toBeLessThan(5);

      await setActivity('30 seconds');
      await append(auth, id, { role: 'user', content: 'hi' }).expect(201);
      expect(Number(await activity())).toBeLessThan(5);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an unknown role', { role: 'robot', content: 'x' }, 'role'],
      ['a missing role', { content: 'x' }, 'role'],
      ['empty content', { role: 'user', content: '' }, 'content'],
      ['content that is not a string', { role: 'user', content: 5 }, 'content'],
      ['content over MAX_CONTENT_CHARS', { role: 'user', content: 'x'.repeat(1001) }, 'content'],
      ['content with U+0000', { role: 'user', content: 'a\u0000b' }, 'content'],
      ['an unknown field', { role: 'user', content: 'x', sessionId: 'x' }, 'sessionId'],
      ['metadata that is an array', { role: 'user', content: 'x', metadata: [] }, 'metadata'],
      ['a negative tokenCount', { role: 'user', content: 'x', tokenCount: -1 }, 'tokenCount'],
      ['a fractional processingTimeMs', { role: 'user', content: 'x', processingTimeMs: 1.5 }, 'processingTimeMs'],
      ['hasError that is a string', { role: 'user', content: 'x', hasError: 'yes' }, 'hasError'],
      ['a tool message without toolCallId', { role: 'tool', content: 'x' }, 'toolCallId'],
      ['toolCalls that are not objects', { role: 'assistant', content: 'x', toolCalls: [1] }, 'toolCalls'],
      ['metadata over 64 KB of JSON', { role: 'user', content: 'x', metadata: { blob: 'x'.repeat(70_000) } }, 'metadata'],
    ])('rejects %s with a 400 naming the field, and stores nothing', async (_name, body, field) => {
      const { auth, id } = await newSession('m-bad');
      const res = await append(auth, id, body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(res.body.detail).toEqual(expect.any(String));
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await storedSeqs(id)).toEqual([]);
      const session = await t.http().get(`/v1/sessions/${id}`).set(auth).expect(200);
      expect(session.body.messageCount).toBe(0);
    });

    it('rejects a body over 1 MB with 413 and malformed JSON with 400', async () => {
      const { auth, id } = await newSession('m-big');
      const huge = await append(auth, id, { role: 'user', content: 'x'.repeat(1_100_000) }).expect(413);
      expect(huge.headers['content-type']).toMatch(PROBLEM);
      const malformed = await t.http().post(`/v1/sessions/${id}/messages`).set(auth).set('content-type', 'application/json').send('{"role":').expect(400);
      expect(malformed.headers['content-type']).toMatch(PROBLEM);
      expect(await storedSeqs(id)).toEqual([]);
    });

    it('rejects JSON nested thousands deep with 400, not 500', async () => {
      const { auth, id } = await newSession('m-deep');
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      const res = await t.http().post(`/v1/sessions/${id}/messages`).set(auth).set('content-type', 'application/json')
        .send(`{"role":"user","content":"x","metadata":${deep}}`);
      expect(res.status).toBe(400);
      expect(await storedSeqs(id)).toEqual([]);
    });

    it('answers 404 for an append to a session that does not exist', async () => {
      const auth = await bearer('m-none');
      await append(auth, '00000000-0000-4000-8000-000000000000', { role: 'user', content: 'x' }).expect(404);
    });
  });
});
