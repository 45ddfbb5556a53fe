import { get, IncomingMessage } from 'node:http';
import { Client } from 'pg';
import { Response } from 'supertest';
import { Caller, newSession, ownerIdOf, profileOf, say, userCaller, visitorCaller } from './support/conversation';
import { fakeLlmConfig } from './support/fake-llm-config';
import { FakeOpenAiServer } from './support/fake-openai-server';
import { describeRaces } from './support/races';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { 'X-Admin-Key': 'data-admin-key' };
/** What the erased person said about themselves: none of it may survive anywhere. */
const PLANTED = ['Zanzibar Quill', 'zanzibar.quill@example.com', '+15125550177', '77 Quillfeather Lane'];

/** Reads an NDJSON body as its lines, parsed. */
function ndjson(res: Response): Record<string, any>[] {
  return (res.body as string).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);
}

/** A superagent parser that keeps the body as text (it buffers only the types it knows). */
const asText = (res: unknown, done: (error: Error | null, body: string) => void): void => {
  const stream = res as NodeJS.ReadableStream;
  let body = '';
  stream.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  stream.on('end', () => done(null, body));
};

describe('a person’s data: export and erasure', () => {
  let t: TestApp;
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    t = await startTestApp({ config: { ...fakeLlmConfig(fake), adminApiKey: ADMIN['X-Admin-Key'] } });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const chat = (caller: Caller, sessionId: string, message: string) =>
    caller.agent.post('/v1/chat').set(caller.headers).send({ sessionId, message }).expect(200);
  const count = async (sql: string, params: unknown[]): Promise<number> => (await t.dataSource.query(sql, params))[0].n as number;

  describe('GET /v1/me/export', () => {
    let caller: Caller;
    let sessions: string[];
    beforeAll(async () => {
      caller = userCaller(t, await bearer('export-me'));
      sessions = [await newSession(caller), await newSession(caller)];
      await say(caller, sessions[0], 'Hi, my name is Maria Lopez.');
      await chat(caller, sessions[1], 'You can reach me at maria@example.com');
    });

    it('gives everything as one JSON document: sessions with messages, profile with provenance and events, usage', async () => {
      const doc = (await caller.agent.get('/v1/me/export').set(caller.headers).expect(200)).body;
      expect(doc).toMatchObject({ ownerId: 'user:export-me', ownerIds: ['user:export-me'], exportedAt: expect.any(String) });
      expect(doc.sessions.map((s: { id: string }) => s.id)).toEqual(sessions);
      expect(doc.sessions[0].messages.map((m: { content: string }) => m.content)).toEqual(['Hi, my name is Maria Lopez.']);
      expect(doc.sessions[1].messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
      expect(doc.profile).toMatchObject({ customerName: 'Maria Lopez', email: 'maria@example.com', provenance: { email: { sessionId: sessions[1] } } });
      expect(doc.profile.events.map((e: { field: string }) => e.field)).toEqual(['customerName', 'email']);
      expect(doc.otherProfiles).toEqual([]);
      expect(doc.usage).toHaveLength(1);
      expect(doc.usage[0]).toMatchObject({ sessionId: sessions[1], model: 'fake-model-1', cost: expect.any(String), status: 'ok' });
      expect(JSON.stringify(doc.usage[0].requestBody)).toContain('You can reach me at maria@example.com');
    });

    it('streams the same records as NDJSON, one object per line with its type', async () => {
      const res = await caller.agent.get('/v1/me/export').query({ format: 'ndjson' }).set(caller.headers).buffer(true).parse(asText).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = ndjson(res);
      expect(lines.map((line) => line.type)).toEqual(['export', 'profile', 'profileEvent', 'profileEvent', 'session', 'message', 'session', 'message', 'message', 'usage', 'end']);
      expect(lines[lines.length - 1].counts).toEqual({ profiles: 1, profileEvents: 2, sessions: 2, messages: 3, usage: 1 });
      expect(lines[1]).toMatchObject({ ownerId: 'user:export-me', customerName: 'Maria Lopez' });
    });

    it('reads a long history in batches, every message once and in order', async () => {
      const long = userCaller(t, await bearer('export-long'));
      const session = await newSession(long);
      await t.dataSource.query(
        `INSERT INTO messages (session_id, seq, role, content) SELECT $1, n, 'user', 'line ' || n FROM generate_series(1, 1234) AS n`,
        [session],
      );
      const res = await long.agent.get('/v1/me/export').query({ format: 'ndjson' }).set(long.headers).buffer(true).parse(asText).expect(200);
      const seqs = ndjson(res).filter((line) => line.type === 'message').map((line) => line.seq);
      expect(seqs).toEqual(Array.from({ length: 1234 }, (_, i) => i + 1));
      await long.agent.get('/v1/me/export').query({ format: 'xml' }).set(long.headers).expect(400);
    });
  });

  describeRaces('the NDJSON export, while others write', () => {
    it('is one snapshot: a message stored while the stream is held back is not in it', async () => {
      const caller = userCaller(t, await bearer('export-snapshot'));
      const session = await newSession(caller);
      // Big enough (about 24 MB) that the stream waits on the paused client long before the last batch.
      await t.dataSource.query(`INSERT INTO messages (session_id, seq, role, content) SELECT $1, n, 'user', repeat('x', 8000) FROM generate_series(1, 3000) AS n`, [session]);
      const response = await new Promise<IncomingMessage>((resolve) => get(`${t.url}/v1/me/export?format=ndjson`, { headers: caller.headers }, resolve));
      const chunks: Buffer[] = [await new Promise<Buffer>((resolve) => response.once('data', resolve))];
      response.pause();
      const writer = new Client({ connectionString: t.config.databaseUrl! });
      await writer.connect();
      await writer.query(`INSERT INTO messages (session_id, seq, role, content) VALUES ($1, 3001, 'user', 'written during the export')`, [session]);
      await writer.end();
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      await new Promise((resolve) => response.on('end', resolve).resume());
      const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
      expect(lines.filter((line) => line.type === 'message')).toHaveLength(3000);
      expect(lines[lines.length - 1]).toMatchObject({ type: 'end', counts: { messages: 3000 } });
    });
  });

  describe('DELETE /v1/me', () => {
    it('erases a user, the visitor it logged in from and a visitor merged into it, keeping only anonymized cost rows', async () => {
      const auth = await bearer('erase-me');
      const visitor = visitorCaller(t);
      const visitorSession = await newSession(visitor);
      const visitorId = await ownerIdOf(t, visitorSession);
      await chat(visitor, visitorSession, `My name is ${PLANTED[0]} and I live at ${PLANTED[3]}, Austin, TX 78701`);
      const user = { agent: visitor.agent, headers: auth };
      const userSession = await newSession(user);
      await chat(user, userSession, `my email is ${PLANTED[1]}`);
      await user.agent.post(`/v1/sessions/${userSession}/messages`).set(auth).set('Idempotency-Key', 'erase-key').send({ role: 'user', content: 'once' }).expect(201);
      await user.agent.patch('/v1/profile').set(auth).send({ phone: PLANTED[2] }).expect(200);

      const other = visitorCaller(t);
      const otherSession = await newSession(other);
      await say(other, otherSession, `my email is ${PLANTED[1]}`);
      const otherId = await ownerIdOf(t, otherSession);
      await t.http().post('/v1/admin/profiles/merge').set(ADMIN).send({ from: otherId, into: 'user:erase-me' }).expect(200);

      const bystander = userCaller(t, await bearer('erase-bystander'));
      const bystanderSession = await newSession(bystander);
      await chat(bystander, bystanderSession, 'My name is Ada Park.');

      const sessionIds = [visitorSession, userSession, otherSession];
      const ownerIds = ['user:erase-me', visitorId, otherId];
      const receipt = (await user.agent.delete('/v1/me').set(auth).expect(200)).body;
      expect(receipt).toEqual({
        ownerId: 'user:erase-me',
        ownerIds: expect.arrayContaining(ownerIds),
        erasedAt: expect.any(String),
        sessions: 3,
        messages: 6,
        idempotencyKeys: 1,
        profiles: 1,
        profileEvents: expect.any(Number),
        emailLinks: 1,
        merges: 1,
        visitors: 2,
        llmRequestsAnonymized: 2,
      });
      expect(receipt.ownerIds).toHaveLength(3);

      for (const [table, column] of [['sessions', 'owner_id'], ['idempotency_keys', 'owner_id'], ['profiles', 'owner_id'], ['profile_events', 'owner_id'], ['llm_requests', 'owner_id'], ['email_links', 'owner_id'], ['email_links', 'other_owner_id'], ['profile_merges', 'from_owner_id'], ['profile_merges', 'into_owner_id']]) {
        expect([table, column, await count(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = ANY($1::text[])`, [ownerIds])]).toEqual([table, column, 0]);
      }
      expect(await count(`SELECT count(*)::int AS n FROM messages WHERE session_id = ANY($1::uuid[])`, [sessionIds])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM llm_requests WHERE session_id = ANY($1::uuid[])`, [sessionIds])).toBe(0);
      const visitorIds = [visitorId, otherId].map((id) => id.slice('visitor:'.length));
      expect(await count(`SELECT count(*)::int AS n FROM visitors WHERE id = ANY($1::uuid[]) OR user_id = 'erase-me'`, [visitorIds])).toBe(0);
      const erased = await t.dataSource.query(`SELECT * FROM llm_requests WHERE owner_id = 'erased'`);
      expect(erased).toHaveLength(2);
      for (const row of erased) {
        expect(row).toMatchObject({ session_id: null, message_id: null, request_body: {}, response_body: {}, context_manifest: {}, error: null });
        expect(Number(row.computed_cost)).toBeGreaterThan(0);
      }
      for (const value of PLANTED) {
        for (const table of ['sessions', 'messages', 'idempotency_keys', 'profiles', 'profile_events', 'email_links', 'profile_merges', 'llm_requests', 'visitors']) {
          const found = await count(`SELECT count(*)::int AS n FROM ${table} AS row WHERE row_to_json(row)::text ILIKE '%' || $1 || '%'`, [value]);
          expect([value, table, found]).toEqual([value, table, 0]);
        }
      }

      const fresh = userCaller(t, auth);
      expect((await fresh.agent.get('/v1/sessions').set(auth).expect(200)).body.items).toEqual([]);
      expect(await profileOf(fresh)).toMatchObject({ customerName: null, email: null, phone: null, updatedAt: null });
      expect((await fresh.agent.get('/v1/profile/events').set(auth).expect(200)).body.items).toEqual([]);
      const usage = (await t.http().get('/v1/admin/usage').query({ groupBy: 'owner' }).set(ADMIN).expect(200)).body.rows.map((row: { key: string }) => row.key);
      expect(usage).toEqual(expect.arrayContaining(['erased', 'user:erase-bystander']));
      expect(usage.filter((key: string) => ownerIds.includes(key))).toEqual([]);
      const exported = (await fresh.agent.get('/v1/me/export').set(auth).expect(200)).body;
      expect(exported).toMatchObject({ sessions: [], usage: [], profile: { customerName: null, events: [] } });
      expect((await profileOf(bystander)).customerName).toBe('Ada Park');
      expect(await count(`SELECT count(*)::int AS n FROM llm_requests WHERE owner_id = 'user:erase-bystander'`, [])).toBe(1);
    });

    it('erases a visitor: the same cookie then starts from nothing', async () => {
      const visitor = visitorCaller(t);
      const session = await newSession(visitor);
      const ownerId = await ownerIdOf(t, session);
      await say(visitor, session, 'My name is Pia Holm.');
      const receipt = (await visitor.agent.delete('/v1/me').expect(200)).body;
      expect(receipt).toMatchObject({ ownerId, sessions: 1, messages: 1, profiles: 1, profileEvents: 1, visitors: 1 });
      const next = await visitor.agent.get('/v1/sessions').expect(200);
      expect(next.body.items).toEqual([]);
      expect(next.headers['set-cookie']).toBeDefined();
      expect((await profileOf(visitor)).customerName).toBeNull();
    });

    it('erases a user for an admin, and answers a receipt of zeros for one with nothing stored', async () => {
      const caller = userCaller(t, await bearer('erase-by-admin'));
      await say(caller, await newSession(caller), 'My name is Ida Stone.');
      await t.http().delete('/v1/admin/users/erase-by-admin').expect(401);
      const receipt = (await t.http().delete('/v1/admin/users/erase-by-admin').set(ADMIN).expect(200)).body;
      expect(receipt).toMatchObject({ ownerId: 'user:erase-by-admin', sessions: 1, messages: 1, profiles: 1 });
      expect((await profileOf(caller)).customerName).toBeNull();
      const nothing = (await t.http().delete('/v1/admin/users/never-seen').set(ADMIN).expect(200)).body;
      expect(nothing).toMatchObject({ sessions: 0, messages: 0, profiles: 0, visitors: 0, llmRequestsAnonymized: 0 });
    });
  });
});
