import { llmConfig } from './support/chat-config';
import { FakeOpenAiServer, reply } from './support/fake-openai-server';
import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/tokens';

/** The value of one sample line (`name{labels} value`) in a Prometheus text exposition, or null. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | null {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = exposition
    .split('\n')
    .find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((label) => l.includes(label)));
  return line === undefined ? null : Number(line.split(' ').at(-1));
}

describe('GET /metrics', () => {
  let t: TestApp;
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    t = await startTestApp({ config: llmConfig(fake) });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const scrape = async () => (await t.http().get('/metrics').expect(200)).text;

  it('counts appends, chat turns, tokens and cost, and times requests by route template', async () => {
    const auth = await bearer('metrics-user');
    const session = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
    await t.http().post(`/v1/sessions/${session}/messages`).set(auth).send({ role: 'user', content: 'hello' }).expect(201);
    fake.enqueue(reply('Hi there.', { usage: { promptTokens: 1000, completionTokens: 200 } }));
    await t.http().post('/v1/chat').set(auth).send({ sessionId: session, message: 'how are you?' }).expect(200);

    const text = await scrape();
    // One append, then the turn's user message and reply.
    expect(sample(text, 'continuum_messages_appended_total', { role: 'user' })).toBe(2);
    expect(sample(text, 'continuum_messages_appended_total', { role: 'assistant' })).toBe(1);
    expect(sample(text, 'continuum_chat_turns_total', { outcome: 'ok' })).toBe(1);
    expect(sample(text, 'continuum_llm_tokens_total', { kind: 'prompt' })).toBe(1000);
    expect(sample(text, 'continuum_llm_tokens_total', { kind: 'completion' })).toBe(200);
    // 1000 x 0.15 / 1M + 200 x 0.60 / 1M USD, at the test price table's prices.
    expect(sample(text, 'continuum_llm_cost_usd_total')).toBeCloseTo(0.00027, 10);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/v1/sessions/:id/messages', status: '201' })).toBe(1);
    expect(sample(text, 'continuum_db_pool_connections', { state: 'idle' })).not.toBeNull();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts a refused turn', async () => {
    await t.http().post('/v1/chat').set(await bearer('metrics-refused')).send({ message: 'x', model: 'not-allowed' }).expect(400);
    expect(sample(await scrape(), 'continuum_chat_turns_total', { outcome: 'refused' })).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { metricsToken: 'scrape-me-please' } });
  });
  afterAll(() => t.close());

  it('answers only the bearer METRICS_TOKEN', async () => {
    const refused = await t.http().get('/metrics').expect(401);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    await t.http().get('/metrics').set('Authorization', 'Bearer wrong-token-of-same').expect(401);
    const scraped = await t.http().get('/metrics').set('Authorization', 'Bearer scrape-me-please').expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain/);
    expect(scraped.text).toContain('# TYPE http_request_duration_seconds histogram');
  });
});

describe('GET /metrics after a maintenance run', () => {
  it('counts the rows a job changed and times the run, by job', async () => {
    const t = await startTestApp({ config: { adminApiKey: 'metrics-admin-key' } });
    try {
      const auth = await bearer('metrics-old-sessions');
      for (let i = 0; i < 2; i++) await t.http().post('/v1/sessions').set(auth).send({}).expect(201);
      await t.dataSource.query(`UPDATE sessions SET last_activity_at = now() - interval '30 days' WHERE owner_id = 'user:metrics-old-sessions'`);
      await t.http().post('/v1/admin/maintenance/session-cleanup/run').set('X-Admin-Key', 'metrics-admin-key').expect(201);
      const text = (await t.http().get('/metrics').expect(200)).text;
      expect(sample(text, 'continuum_maintenance_rows_total', { job: 'session-cleanup' })).toBe(2);
      expect(sample(text, 'continuum_maintenance_duration_seconds_count', { job: 'session-cleanup' })).toBe(1);
    } finally {
      await t.close();
    }
  });
});
