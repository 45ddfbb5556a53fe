import { EmbeddedPostgres } from '@/common/database/embedded-postgres';
import { MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS, TokenCounter } from '@/common/tokenizer/token-counter';
import { llmConfig, TEST_API_KEY as API_KEY } from './support/chat-config';
import { fail, FAKE_MODEL, FakeOpenAiServer, Hold, reply, stall } from './support/fake-openai-server';
import { TcpProxy } from './support/tcp-proxy';
import { bearer } from './support/tokens';
import { createTestStore, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

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
      // The profile module's memory block: the first message told the name.
      'system: What you know about the user from earlier conversations:\n- What we know about the customer: name Ada.',
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
    const text = 'Four words of reply.';
    fake.enqueue(reply(text, { usage: 'none' }));
    const res = await chat(auth, { message: 'count it', model: 'unpriced-model' }).expect(200);

    const counter = t.app.get(TokenCounter, { strict: false });
    const sent = fake.requests[0].body.messages!;
    const sentTokens = sent.reduce((sum, m) => sum + counter.count(m.content ?? ''), 0);
    expect(counter.count(text)).toBeGreaterThan(0);
    expect(res.body.usage).toMatchObject({ source: 'counted', completionTokens: counter.count(text), cost: null });
    expect(res.body.assistantMessage.tokenCount).toBe(counter.count(text));
    const [row] = await llmRows(res.body.sessionId);
    expect(row).toMatchObject({ usage_source: 'counted', completion_tokens: counter.count(text), computed_cost: null });
    // The prompt as Continuum counts it: the words sent, plus the chat format's few tokens per message.
    expect(row.prompt_tokens).toBeGreaterThanOrEqual(sentTokens);
    expect(row.prompt_tokens).toBeLessThanOrEqual(sentTokens + MESSAGE_OVERHEAD_TOKENS * sent.length + REPLY_PRIMING_TOKENS);
    expect(res.body.usage.promptTokens).toBe(row.prompt_tokens);
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
      // Generous (the deadline is 2 s): only a turn that kept waiting past LLM_TIMEOUT_MS takes this long.
      expect(Date.now() - started).toBeLessThan(10_000);
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
      // Three words, then nothing until the client has gone: the rest is never generated.
      fake.enqueue(reply(words, { hold: new Hold(), holdAfterChunks: 3 }));
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
      expect(assistant.content).toBe(words.slice(0, 3).join(''));
      const [row] = await llmRows(sessionId);
      expect(row.status).toBe('truncated');
      expect(row.completion_tokens).toBeGreaterThan(0);
    });
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
  it('still answers on /v1/chat and /v1/chat/stream alike, without history, says so, and writes nothing', async () => {
    const fake = await FakeOpenAiServer.start();
    const store = process.env.DATABASE_URL ? await createTestStore() : null;
    const embedded = store ? null : await EmbeddedPostgres.start(null);
    const target = store?.config.databaseUrl ?? embedded!.url;
    const proxy = await TcpProxy.start(target);
    // Behind the proxy PGlite is reached by URL; its connections share one session, where prepared names would clash.
    const t = await startTestApp({ config: { ...llmConfig(fake), databaseUrl: proxy.via(target), dbPoolSize: 2, dbPreparedStatements: !embedded } });
    try {
      const auth = await bearer('chat-db-down');
      fake.enqueue(reply('Remembered.'), reply('Answered anyway.'), reply('Streamed anyway.'));
      const first = await t.http().post('/v1/chat').set(auth).send({ message: 'remember this' }).expect(200);

      await proxy.cut();
      const degraded = await t.http().post('/v1/chat').set(auth).send({ sessionId: first.body.sessionId, message: 'and now?' }).expect(200);
      expect(degraded.body).toMatchObject({ reply: 'Answered anyway.', userMessage: null, assistantMessage: null, sessionId: first.body.sessionId });
      expect(degraded.body.warning).toMatch(/without history/);
      expect(fake.requests[1].body.messages!.map((m) => m.content)).toEqual(['You are the test assistant.', 'and now?']);

      const streamed = await t.http().post('/v1/chat/stream').set(auth).send({ sessionId: first.body.sessionId, message: 'and streamed?' }).expect(200);
      const done = parseSse(streamed.text).find((event) => event.event === 'done');
      expect(done?.data).toMatchObject({ reply: 'Streamed anyway.', userMessage: null, assistantMessage: null, sessionId: first.body.sessionId });
      expect(done?.data.warning).toMatch(/without history/);

      await proxy.restore();
      const after = await t.http().get(`/v1/sessions/${first.body.sessionId}/messages`).set(auth).expect(200);
      expect(after.body.items.map((m: { content: string }) => m.content)).toEqual(['remember this', 'Remembered.']);
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

/** Polls `probe` until it gives a value; the deadline is there only to turn a hang into a failure. */
async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
