import TestAgent from 'supertest/lib/agent';
import { AiSdkClient } from './support/ai-sdk-client';
import { FakeOpenAiServer, Hold, reply } from './support/fake-openai-server';
import { fakeLlmConfig } from './support/fake-llm-config';
import { ADMIN_KEY, Auth, insertLlmRequest, makeIdle, maintenanceConfig, runJob } from './support/maintenance';
import { SqlCapture } from './support/sql-capture';
import { CatalogueEntry, entriesMatching, STATEMENT_CATALOGUE } from './support/statement-catalogue';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/tokens';

/**
 * docs/deployment.md says the schema can be distributed by session on Citus because every
 * per-session query names its session. This drives every route of the session, message, chat
 * and llm-tracking modules and every maintenance job, records every SQL text the service sends
 * through its pool, and checks that claim on the texts themselves, on PGlite and on PostgreSQL
 * alike (the texts are the same on both).
 */
const PER_SESSION_TABLES = /(^|[\s"(])(messages|chat_leases|idempotency_keys)("|\s|$)/;
const BINDS_SESSION_ID = /\bsession_id"?\s*=\s*(ANY\s*\(\s*)?\$\d+/;
const INSERTS_SESSION_ID = /INSERT INTO "?(messages|chat_leases)"?\s*\([^)]*\bsession_id\b/;
const TARGETS_SESSIONS = /\b(FROM|UPDATE|INTO)\s+"?sessions"?[\s(]/;
const BINDS_ID = /(\.|\s|\(|")"?id"?\s*=\s*\$\d+/;
const BINDS_OWNER_ID = /\bowner_id"?\s*=\s*\$\d+|INSERT INTO "?\w+"?\s*\([^)]*\bowner_id\b/;

/** Statements on per-session tables that do not name one session, each explained in docs/deployment.md. */
const DOCUMENTED_EXCEPTIONS = [
  'idempotency.findLive', // per owner: an Idempotency-Key is unique per owner, across sessions
  'idempotency.save',
  'idempotency.deleteExpiredBatch', // maintenance batches
  'lease.deleteExpiredBatch',
  'message.deleteOutsideNewest',
];

describe('every per-session statement names its session (docs/deployment.md, Citus)', () => {
  let fake: FakeOpenAiServer;
  let t: TestApp;
  let sql: SqlCapture;
  /** Tables of this database: catalogue entries of a module not merged here are not expected. */
  let tables: Set<string>;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    const llm = fakeLlmConfig(fake);
    const chat = { ...llm.chat!, leaseTtlMs: 1_000, dailyCostLimitUsd: 100 };
    t = await startTestApp({ config: { ...llm, chat, adminApiKey: ADMIN_KEY, maintenance: maintenanceConfig({ restPerBatch: 0 }) } });
    sql = SqlCapture.attach(t.dataSource);
    const visitor = await visitorFlow();
    const auth = await bearer('distribution-user');
    await userFlow(auth);
    await chatFlow(auth);
    await visitor.get('/v1/sessions').set(auth).expect(200); // a login claims the visitor's sessions
    await t.http().get('/v1/admin/usage?groupBy=owner').set('X-Admin-Key', ADMIN_KEY).expect(200);
    await t.http().get('/health/ready').expect(200);
    await maintenanceFlow(auth);
    const rows: { name: string }[] = await sql.paused(() => t.dataSource.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`));
    tables = new Set(rows.map((row) => row.name));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  async function visitorFlow(): Promise<TestAgent> {
    const visitor = t.browser();
    await visitor.get('/v1/sessions/current').expect(200);
    await visitor.get('/v1/sessions/current').expect(200);
    await sql.paused(() => t.dataSource.query(`UPDATE visitors SET last_seen_at = now() - interval '2 hours'`));
    await visitor.get('/v1/sessions').expect(200);
    return visitor;
  }

  async function userFlow(auth: Auth): Promise<void> {
    const id = (await t.http().post('/v1/sessions').set(auth).send({ title: 'first' }).expect(201)).body.id;
    await t.http().post('/v1/sessions').set(auth).send({}).expect(201);
    const page = await t.http().get('/v1/sessions?limit=1').set(auth).expect(200);
    await t.http().get(`/v1/sessions?limit=1&cursor=${page.body.nextCursor}`).set(auth).expect(200);
    await sql.paused(() => makeIdle(t, id, 1));
    await t.http().get(`/v1/sessions/${id}`).set(auth).expect(200);
    await t.http().patch(`/v1/sessions/${id}`).set(auth).send({ title: 'renamed' }).expect(200);
    const messages = t.http().post(`/v1/sessions/${id}/messages`).set(auth);
    await messages.send({ role: 'user', content: 'hello' }).expect(201);
    for (const status of [201, 200]) {
      await t.http().post(`/v1/sessions/${id}/messages`).set(auth).set('Idempotency-Key', 'append-1').send({ role: 'user', content: 'again' }).expect(status);
    }
    const history = await t.http().get(`/v1/sessions/${id}/messages?limit=1`).set(auth).expect(200);
    await t.http().get(`/v1/sessions/${id}/messages?limit=1&before=${history.body.nextCursor}`).set(auth).expect(200);
    await t.http().get(`/v1/sessions/${id}/messages?after=1`).set(auth).expect(200);
    await t.http().get(`/v1/sessions/${id}/context`).set(auth).expect(200);
    await t.http().delete(`/v1/sessions/${id}`).set(auth).expect(204);
  }

  async function chatFlow(auth: Auth): Promise<void> {
    fake.enqueue(reply('One.'));
    const { sessionId } = (await t.http().post('/v1/chat').set(auth).set('Idempotency-Key', 'chat-1').send({ message: 'hi' }).expect(200)).body;
    const hold = new Hold();
    fake.enqueue(reply(['Two ', 'three.'], { hold, holdAfterChunks: 1 }));
    const streamed = t.http().post('/v1/chat/stream').set(auth).send({ sessionId, message: 'stream it' }).then((res) => res.text);
    await hold.reached;
    await until(() => sql.statements.some((text) => entriesMatching(text).some((entry) => entry.name === 'lease.renew')));
    hold.release();
    expect(await streamed).toContain('event: done');
    fake.enqueue(reply('Four.'));
    await new AiSdkClient(t.url, auth).send(sessionId, 'and the AI SDK', { lastMessageOnly: true });
    await t.http().get(`/v1/sessions/${sessionId}/ui-messages`).set(auth).expect(200);
    await t.http().get(`/v1/sessions/${sessionId}/usage`).set(auth).expect(200);
  }

  /** Data for every job to have work: an idle session, one over the cap, expired keys and leases, an old ledger month. */
  async function maintenanceFlow(auth: Auth): Promise<void> {
    const idle = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
    const overCap = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
    await t.http().post(`/v1/sessions/${overCap}/messages`).set(auth).send({ role: 'user', content: 'kept or not' }).expect(201);
    await sql.paused(async () => {
      await makeIdle(t, idle, 30);
      // As if MAX_MESSAGES_PER_SESSION had been lowered below what the session holds.
      await t.dataSource.query(`UPDATE sessions SET message_count = $2 + 1 WHERE id = $1`, [overCap, t.config.maxMessagesPerSession]);
      await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours'`);
      await t.dataSource.query(`INSERT INTO chat_leases (session_id, holder, expires_at) VALUES ($1, gen_random_uuid(), now() - interval '1 minute')`, [overCap]);
      await insertLlmRequest(t, { sessionId: null, ownerId: 'user:distribution-user', cost: '0.01', daysAgo: 500 });
    });
    for (const job of ['session-cleanup', 'message-pruning', 'expired-records', 'ledger-partitions']) {
      expect((await runJob(t, job).expect(201)).body.status).toBe('ok');
    }
    await t.http().get('/v1/admin/maintenance/runs').set('X-Admin-Key', ADMIN_KEY).expect(200);
  }

  const matched = (): { text: string; entries: CatalogueEntry[] }[] => sql.statements.map((text) => ({ text, entries: entriesMatching(text) }));

  it('sends only statements of the catalogue, each matching exactly one entry', () => {
    expect(sql.statements.length).toBeGreaterThan(50);
    expect(matched().filter((m) => m.entries.length !== 1).map((m) => ({ text: m.text, entries: m.entries.map((e) => e.name) }))).toEqual([]);
  });

  it('sends every statement of the catalogue in these flows, so the catalogue (and the doc) lists nothing stale', () => {
    const seen = new Set(matched().flatMap((m) => m.entries.map((e) => e.name)));
    const expected = STATEMENT_CATALOGUE.filter((entry) => !entry.notDriven && (!entry.requires || tables.has(entry.requires)));
    expect(expected.filter((entry) => !seen.has(entry.name)).map((entry) => entry.name)).toEqual([]);
  });

  it('filters every statement on messages, chat_leases and idempotency_keys by session_id, but for the documented exceptions', () => {
    const unbound = matched().filter((m) => PER_SESSION_TABLES.test(m.text) && !BINDS_SESSION_ID.test(m.text) && !INSERTS_SESSION_ID.test(m.text));
    expect(unbound.filter((m) => !DOCUMENTED_EXCEPTIONS.includes(m.entries[0]?.name)).map((m) => m.text)).toEqual([]);
    expect(new Set(unbound.map((m) => m.entries[0].name))).toEqual(new Set(DOCUMENTED_EXCEPTIONS));
  });

  it('binds one session (or one owner) in every statement the catalogue places on one shard, but for the changes it lists', () => {
    const wrong = matched().filter(({ text, entries: [entry] }) => {
      if (!entry || entry.change) return false;
      if (entry.placement === 'session') return !(BINDS_SESSION_ID.test(text) || INSERTS_SESSION_ID.test(text) || (TARGETS_SESSIONS.test(text) && BINDS_ID.test(text)));
      if (entry.placement === 'owner') return !BINDS_OWNER_ID.test(text);
      return false;
    });
    expect(wrong.map((m) => `${m.entries[0].name}: ${m.text}`)).toEqual([]);
  });

  it('names the per-session tables only in statements placed on one session, or in the listed exceptions and maintenance batches', () => {
    const fanOut = matched().filter(({ text, entries: [entry] }) => PER_SESSION_TABLES.test(text) && entry?.placement === 'fan-out');
    const names = new Set(fanOut.map((m) => m.entries[0].name));
    expect([...names].filter((name) => !STATEMENT_CATALOGUE.find((e) => e.name === name)!.note?.startsWith('maintenance'))).toEqual([]);
  });
});

/** Polls for an event the test cannot be told of (a heartbeat's statement), with no deadline of its own: jest's is the bound. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
