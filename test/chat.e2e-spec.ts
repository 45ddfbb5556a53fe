import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@/common/config/app-config';
import { EmbeddedPostgres } from '@/common/database/embedded-postgres';
import { fail, FAKE_MODEL, FakeOpenAiServer, reply, stall } from './support/fake-openai-server';
import { TcpProxy } from './support/tcp-proxy';
import { bearer } from './support/tokens';
import { createTestStore, startTestApp, TestApp } from './support/test-app';

const API_KEY = 'sk-test-4f9a1c2b3d4e5f60718293a4b5c6d7e8';
type Auth = { Authorization: string };

const priceDir = mkdtempSync(join(tmpdir(), 'continuum-prices-'));
afterAll(() => rmSync(priceDir, { recursive: true, force: true }));

function priceFile(): string {
  const path = join(priceDir, 'prices.json');
  writeFileSync(path, JSON.stringify({ models: { [FAKE_MODEL]: { prompt: '0.15', completion: '0.60' } } }));
  return path;
}

function llmConfig(fake: FakeOpenAiServer, overrides: Partial<AppConfig['llm']> = {}): Partial<AppConfig> {
  const defaults = loadConfig({});
  return {
    llm: {
      provider: 'openai',
      baseUrl: fake.url,
      apiKey: API_KEY,
      model: FAKE_MODEL,
      models: [FAKE_MODEL, 'unpriced-model'],
      timeoutMs: 2_000,
      streamIdleMs: 2_000,
      maxRetries: 2,
      ...overrides,
    },
    chat: { ...defaults.chat, systemPrompt: 'You are the test assistant.', turnWaitMs: 5_000 },
    modelPricesPath: priceFile(),
  };
}

describe('chat against an OpenAI-compatible server', () => {
  let fake: FakeOpenAiServer;
  let t: TestApp;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    t = await startTestApp({ config: llmConfig(fake) });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  const chat = (auth: Auth, body: object) => t.http().post('/v1/chat').set(auth).send(body);
  const postStream = (auth: Auth, body: object, signal?: AbortSignal) =>
    fetch(`${t.url}/v1/chat/stream`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  const llmRows = (sessionId: string) =>
    t.dataSource.query(`SELECT * FROM llm_requests WHERE session_id = $1 ORDER BY created_at`, [sessionId]);
  const messageRows = (sessionId: string) =>
    t.dataSource.query(`SELECT seq, role, content, has_error, metadata FROM messages WHERE session_id = $1 ORDER BY seq`, [sessionId]);

  it('sends the first two turns with the third, and stores every turn', async () => {
    const auth = await bearer('chat-continuity');
    fake.enqueue(reply('Nice to meet you, Ada.'), reply('Sailing sounds fun.'), reply('Your name is Ada.'));
    const first = await chat(auth, { message: 'My name is Ada.' }).expect(200);
    const sessionId = first.body.sessionId;
    await chat(auth, { sessionId, message: 'I love sailing.' }).expect(200);
    const third = await chat(auth, { sessionId, message: 'What is my name?' }).expect(200);

    expect(third.body.reply).toBe('Your name is Ada.');
    const sent = fake.requests[2].body.messages!.map((m) => `${m.role}: ${m.content}`);
    expect(sent).toEqual([
      'system: You are the test assistant.',
      'user: My name is Ada.',
      'assistant: Nice to meet you, Ada.',
      'user: I love sailing.',
      'assistant: Sailing sounds fun.',
      'user: What is my name?',
    ]);
    expect(fake.requests[2].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect((await messageRows(sessionId)).map((m: { seq: number; role: string }) => `${m.seq}:${m.role}`)).toEqual([
      '1:user', '2:assistant', '3:user', '4:assistant', '5:user', '6:assistant',
    ]);
    expect(third.body.assistantMessage).toMatchObject({ seq: 6, role: 'assistant', content: 'Your name is Ada.', toolsUsed: [] });
    expect(third.body.assistantMessage.processingTimeMs).toEqual(expect.any(Number));
    expect(third.body.assistantMessage.tokenCount).toBeGreaterThan(0);
  });

  it('records each call with its usage, exact cost and context manifest, and never stores the API key', async () => {
    const auth = await bearer('chat-cost');
    fake.enqueue(reply('Priced.', { usage: { promptTokens: 1234, completionTokens: 567 } }));
    const res = await chat(auth, { message: `Here is a key by mistake: ${API_KEY}` }).expect(200);

    // (1234 * 0.15 + 567 * 0.60) / 1e6 = 0.0005253 USD exactly
    expect(res.body.usage).toMatchObject({ promptTokens: 1234, completionTokens: 567, totalTokens: 1801, source: 'provider', cost: '0.0005253' });
    const [row] = await llmRows(res.body.sessionId);
    expect(row).toMatchObject({ provider: 'openai', model: FAKE_MODEL, status: 'ok', usage_source: 'provider', attempts: 1 });
    expect(row.computed_cost).toBe('0.0005253');
    expect([row.unit_cost_prompt, row.unit_cost_completion].map(Number)).toEqual([0.15, 0.6]);
    expect(row.message_id).toBe(res.body.assistantMessage.id);
    expect(row.response_body).toMatchObject({ finishReason: 'stop' });
    expect(res.body.assistantMessage.metadata).toMatchObject({ finishReason: 'stop' });
    expect(row.context_manifest).toMatchObject({ messageIds: [res.body.userMessage.id], seqFrom: 1, seqTo: 1 });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(API_KEY);
    expect(stored.toLowerCase()).not.toContain('authorization');
  });

  it('counts the tokens itself when the provider reports none, and leaves the cost of an unpriced model null', async () => {
    const auth = await bearer('chat-counted');
    fake.handle(() => ({ kind: 'reply', chunks: ['four ', 'words ', 'of ', 'reply'], options: {} }));
    fake.requests.length = 0;
    const withoutUsage = await t.http().post('/v1/chat').set(auth).send({ message: 'count it', model: 'unpriced-model' }).expect(200);
    fake.handle(() => reply('Hello from the fake model.'));
    expect(withoutUsage.body.usage.promptTokens).toBeGreaterThan(0);
    expect(withoutUsage.body.usage.completionTokens).toBeGreaterThan(0);
    expect(withoutUsage.body.usage.cost).toBeNull();
    const [row] = await llmRows(withoutUsage.body.sessionId);
    expect(row.computed_cost).toBeNull();
    expect(row.prompt_tokens).toBeGreaterThan(0);
  });

  it('refuses a model that is not on the allow-list, and any attempt to choose the provider URL', async () => {
    const auth = await bearer('chat-allow');
    const refused = await chat(auth, { message: 'hi', model: 'gpt-4-32k' }).expect(400);
    expect(refused.body.errors[0].field).toBe('model');
    await chat(auth, { message: 'hi', baseUrl: 'http://evil.example' }).expect(400);
    expect(fake.requests).toHaveLength(0);
    expect((await t.http().get('/v1/sessions').set(auth)).body.items).toEqual([]);
  });

  it('stores a reply longer than MAX_CONTENT_CHARS cut and marked, with its cost', async () => {
    const auth = await bearer('chat-long-reply');
    fake.enqueue(reply('word '.repeat(8_000)));
    const res = await chat(auth, { message: 'talk a lot' }).expect(200);
    expect(res.body.assistantMessage.content.length).toBe(t.config.maxContentChars);
    expect(res.body.assistantMessage.metadata).toMatchObject({ truncated: true });
    expect(await llmRows(res.body.sessionId)).toHaveLength(1);
  });

  it('stores its own token count for a reply, not the provider’s completion tokens (which include reasoning)', async () => {
    const auth = await bearer('chat-reasoning');
    fake.enqueue(reply('Short.', { usage: { promptTokens: 10, completionTokens: 9000 } }));
    const res = await chat(auth, { message: 'think hard' }).expect(200);
    expect(res.body.usage.completionTokens).toBe(9000);
    expect(res.body.assistantMessage.tokenCount).toBeLessThan(10);
  });

  it('answers a retry with the same Idempotency-Key with the first reply, without a second turn', async () => {
    const auth = await bearer('chat-idempotent');
    fake.enqueue(reply('Only once.', { delayMs: 50 }));
    const send = (message: string) => t.http().post('/v1/chat').set(auth).set('Idempotency-Key', 'turn-1').send({ message });
    const [first, concurrent] = await Promise.all([send('hello once'), send('hello once')]);
    const later = await send('hello once').expect(200);
    expect([first.status, concurrent.status]).toEqual([200, 200]);
    expect(concurrent.body).toEqual(first.body);
    expect(later.body).toEqual(first.body);
    expect(fake.requests).toHaveLength(1);
    expect((await messageRows(first.body.sessionId)).map((m: { content: string }) => m.content)).toEqual(['hello once', 'Only once.']);
    await send('something else').expect(422);
  });

  it('keeps a tool call with its result in the prompt', async () => {
    const auth = await bearer('chat-tools');
    const sessionId = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
    const call = { id: 'call_7', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } };
    await t.http().post(`/v1/sessions/${sessionId}/messages`).set(auth).send({ role: 'user', content: 'Weather in Oslo?' }).expect(201);
    await t.http().post(`/v1/sessions/${sessionId}/messages`).set(auth).send({ role: 'assistant', content: '', toolCalls: [call] }).expect(201);
    await t.http().post(`/v1/sessions/${sessionId}/messages`).set(auth).send({ role: 'tool', content: '{"temp":4}', toolCallId: 'call_7' }).expect(201);
    await chat(auth, { sessionId, message: 'So, warm?' }).expect(200);
    const sent = fake.requests[0].body.messages as { role: string; tool_calls?: unknown[]; tool_call_id?: string }[];
    const callIndex = sent.findIndex((m) => m.tool_calls);
    expect(sent[callIndex].tool_calls).toEqual([call]);
    expect(sent[callIndex + 1]).toMatchObject({ role: 'tool', tool_call_id: 'call_7', content: '{"temp":4}' });
  });

  describe('provider failures', () => {
    it('retries a 429 that names its Retry-After, before the first token', async () => {
      const auth = await bearer('chat-429');
      fake.enqueue(fail(429, { retryAfter: '0' }), reply('After the retry.'));
      const res = await chat(auth, { message: 'hi' }).expect(200);
      expect(res.body.reply).toBe('After the retry.');
      expect(fake.requests).toHaveLength(2);
      const [row] = await llmRows(res.body.sessionId);
      expect(row.attempts).toBe(2);
    });

    it('stores the turn as an error message and answers 502 when the provider keeps failing', async () => {
      const auth = await bearer('chat-500');
      fake.enqueue(fail(500), fail(500), fail(500));
      const res = await chat(auth, { message: 'are you there?' }).expect(502);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(fake.requests).toHaveLength(3);
      const sessionId = (await t.http().get('/v1/sessions/current').set(auth)).body.id;
      const messages = await messageRows(sessionId);
      expect(messages.map((m: { role: string; has_error: boolean }) => [m.role, m.has_error])).toEqual([
        ['user', false],
        ['assistant', true],
      ]);
      const [row] = await llmRows(sessionId);
      expect(row).toMatchObject({ status: 'error', attempts: 3 });
    });

    it('gives up with 502 when no first token arrives within LLM_TIMEOUT_MS', async () => {
      const auth = await bearer('chat-stall');
      fake.handle(() => stall({ sendHeaders: true }));
      const started = Date.now();
      const res = await chat(auth, { message: 'hello?' }).expect(502);
      fake.handle(() => reply('Hello from the fake model.'));
      expect(res.body.type).toMatch(/model-timeout/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  describe('streaming', () => {
    it('streams deltas, then done with the stored ids and usage', async () => {
      const auth = await bearer('chat-stream');
      fake.enqueue(reply('Streaming in small pieces.'));
      const res = await postStream(auth, { message: 'stream it' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const events = parseSse(await res.text());
      const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text);
      expect(deltas.join('')).toBe('Streaming in small pieces.');
      expect(deltas.length).toBeGreaterThan(1);
      const done = events.find((e) => e.event === 'done')!.data;
      expect(done.assistantMessage.content).toBe('Streaming in small pieces.');
      expect(done.usage.totalTokens).toBeGreaterThan(0);
      const stored = await messageRows(done.sessionId);
      expect(stored.map((m: { content: string }) => m.content)).toEqual(['stream it', 'Streaming in small pieces.']);
    });

    it('gives an anonymous caller its visitor cookie on a streamed turn too', async () => {
      fake.enqueue(reply('Hello visitor.'));
      const res = await fetch(`${t.url}/v1/chat/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hi' }) });
      expect(res.headers.get('set-cookie')).toMatch(/^continuum_visitor=[\w-]{43};.*HttpOnly/);
      expect(parseSse(await res.text()).map((e) => e.event)).toContain('done');
    });

    it('answers problem+json, not a stream, when the turn is refused before the model', async () => {
      const auth = await bearer('chat-stream-refused');
      const res = await t.http().post('/v1/chat/stream').set(auth).send({ message: 'x', model: 'nope' }).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });

    it('ends the stream with an error event when the model call fails', async () => {
      const auth = await bearer('chat-stream-error');
      fake.enqueue(fail(400, { message: 'bad request upstream' }));
      const res = await postStream(auth, { message: 'x' });
      expect(res.status).toBe(200);
      const events = parseSse(await res.text());
      expect(events.map((e) => e.event)).toEqual(['error']);
      expect(events[0].data).toMatchObject({ status: 502, title: 'Bad Gateway' });
    });

    it('stores what was generated as truncated and aborts the model call when the client disconnects', async () => {
      const auth = await bearer('chat-disconnect');
      const words = Array.from({ length: 30 }, (_, i) => `w${i} `);
      fake.enqueue(reply(words, { delayMs: 80 }));
      const controller = new AbortController();
      const response = await postStream(auth, { message: 'tell me a long story' }, controller.signal);
      const reader = response.body!.getReader();
      let received = '';
      while ((received.match(/event: delta/g) ?? []).length < 3) received += new TextDecoder().decode((await reader.read()).value);
      controller.abort();
      expect(await fake.requests[0].outcome).toBe('aborted');

      const sessionId = (await t.http().get('/v1/sessions/current').set(auth)).body.id;
      const assistant = await waitFor(async () => (await messageRows(sessionId)).find((m: { role: string }) => m.role === 'assistant'));
      expect(assistant.metadata).toMatchObject({ truncated: true });
      expect(assistant.content.length).toBeGreaterThan(0);
      expect(assistant.content.length).toBeLessThan(words.join('').length);
      const [row] = await llmRows(sessionId);
      expect(row.status).toBe('truncated');
      expect(row.completion_tokens).toBeGreaterThan(0);
    });
  });
});

describe('concurrent turns on one session', () => {
  let fake: FakeOpenAiServer;
  afterEach(async () => fake.close());

  it('runs them one after the other: the second sees the first reply', async () => {
    fake = await FakeOpenAiServer.start();
    const t = await startTestApp({ config: llmConfig(fake) });
    try {
      fake.enqueue(reply('First answer.', { delayMs: 100 }), reply('Second answer.'));
      const auth = await bearer('chat-concurrent');
      const sessionId = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
      const [a, b] = await Promise.all([
        t.http().post('/v1/chat').set(auth).send({ sessionId, message: 'one' }),
        new Promise((resolve) => setTimeout(resolve, 30)).then(() => t.http().post('/v1/chat').set(auth).send({ sessionId, message: 'two' })),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const rows = await t.dataSource.query(`SELECT role, content FROM messages WHERE session_id = $1 ORDER BY seq`, [sessionId]);
      expect(rows.map((r: { content: string }) => r.content)).toEqual(['one', 'First answer.', 'two', 'Second answer.']);
      expect(fake.requests[1].body.messages!.map((m) => m.content)).toContain('First answer.');
    } finally {
      await t.close();
    }
  });

  it('answers 409 and stores nothing when the wait runs out', async () => {
    fake = await FakeOpenAiServer.start();
    const config = llmConfig(fake);
    const t = await startTestApp({ config: { ...config, chat: { ...config.chat!, turnWaitMs: 150 } } });
    try {
      fake.enqueue(reply(Array.from({ length: 10 }, (_, i) => `slow${i} `), { delayMs: 80 }));
      const auth = await bearer('chat-busy');
      const sessionId = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
      const slow = t.http().post('/v1/chat').set(auth).send({ sessionId, message: 'slow one' });
      const slowDone = slow.then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const busy = await t.http().post('/v1/chat').set(auth).send({ sessionId, message: 'impatient' }).expect(409);
      expect(busy.headers['content-type']).toMatch(/problem\+json/);
      expect((await slowDone).status).toBe(200);
      const rows = await t.dataSource.query(`SELECT content FROM messages WHERE session_id = $1 ORDER BY seq`, [sessionId]);
      expect(rows.map((r: { content: string }) => r.content)).not.toContain('impatient');
    } finally {
      await t.close();
    }
  });
});

describe('daily spend limit', () => {
  it('answers 429 before calling the model once the owner spent the limit today', async () => {
    const fake = await FakeOpenAiServer.start();
    const config = llmConfig(fake);
    const t = await startTestApp({ config: { ...config, chat: { ...config.chat!, dailyCostLimitUsd: 0.0005 } } });
    try {
      fake.enqueue(reply('Costly.', { usage: { promptTokens: 1234, completionTokens: 567 } }));
      const auth = await bearer('chat-cap');
      await t.http().post('/v1/chat').set(auth).send({ message: 'first' }).expect(200);
      const capped = await t.http().post('/v1/chat').set(auth).send({ message: 'second' }).expect(429);
      expect(capped.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
      expect(fake.requests).toHaveLength(1);
      await t.http().post('/v1/chat').set(await bearer('chat-cap-other')).send({ message: 'someone else' }).expect(200);
      // Deleting the session keeps what it cost: the cap still holds.
      const sessionId = (await t.http().get('/v1/sessions/current').set(auth)).body.id;
      await t.http().delete(`/v1/sessions/${sessionId}`).set(auth).expect(204);
      await t.http().post('/v1/chat').set(auth).send({ message: 'after delete' }).expect(429);
    } finally {
      await t.close();
      await fake.close();
    }
  });
});

describe('when the database is unreachable', () => {
  it('refuses both chat routes alike with 503 and Retry-After, calls no model, and serves again once it is back', async () => {
    const fake = await FakeOpenAiServer.start();
    const store = process.env.DATABASE_URL ? await createTestStore() : null;
    const embedded = store ? null : await EmbeddedPostgres.start(null);
    const target = store?.config.databaseUrl ?? embedded!.url;
    const proxy = await TcpProxy.start(target);
    const t = await startTestApp({ config: { ...llmConfig(fake), databaseUrl: proxy.via(target), dbPoolSize: 2 } });
    try {
      const auth = await bearer('chat-db-down');
      fake.enqueue(reply('Remembered.'), reply('Back.'));
      const first = await t.http().post('/v1/chat').set(auth).send({ message: 'remember this' }).expect(200);

      await proxy.cut();
      for (const route of ['/v1/chat', '/v1/chat/stream']) {
        const refused = await t.http().post(route).set(auth).send({ sessionId: first.body.sessionId, message: 'and now?' }).expect(503);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.headers['retry-after']).toBe('5');
        expect(refused.body).toMatchObject({ status: 503, type: 'https://continuum.dev/problems/database-unavailable' });
      }
      expect(fake.requests).toHaveLength(1);

      await proxy.restore();
      await t.http().post('/v1/chat').set(auth).send({ sessionId: first.body.sessionId, message: 'back?' }).expect(200);
      const after = await t.http().get(`/v1/sessions/${first.body.sessionId}/messages`).set(auth).expect(200);
      expect(after.body.items.map((m: { content: string }) => m.content)).toEqual(['remember this', 'Remembered.', 'back?', 'Back.']);
    } finally {
      await t.close();
      await proxy.close();
      await embedded?.stop();
      await store?.dispose();
      await fake.close();
    }
  });
});

function parseSse(text: string): { event: string; data: any }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)![1];
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]);
      return { event, data };
    });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
