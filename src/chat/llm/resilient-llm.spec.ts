import { setImmediate } from 'node:timers/promises';
import { FakeOpenAiServer, fail, Hold, reply, stall } from '@test/support/fake-openai-server';
import { collect, collectUntilFailure, failure, request } from '@test/support/llm-events';
import { LlmEvent, LlmProvider, LlmRequest } from './llm-provider';
import { OfflineProvider } from './offline.provider';
import { OpenAiProvider } from './openai.provider';
import { ResilienceSettings, ResilientLlm } from './resilient-llm';

/**
 * Deadlines far beyond what a test takes, even on a slow machine: only the tests that set
 * a short one can time out. Bounds on elapsed time below are lower bounds (a deadline must
 * not fire early) or generous upper ones that fail only when a wait was not cut short at all.
 */
const SETTINGS: ResilienceSettings = { timeoutMs: 20_000, streamIdleMs: 20_000, maxRetries: 2 };

describe('ResilientLlm (OpenAiProvider, fake server)', () => {
  let server: FakeOpenAiServer;

  beforeEach(async () => {
    server = await FakeOpenAiServer.start();
  });

  afterEach(() => server.close());

  function llm(settings: Partial<ResilienceSettings> = {}): ResilientLlm {
    return new ResilientLlm(new OpenAiProvider({ baseUrl: server.url, apiKey: null }), { ...SETTINGS, ...settings });
  }

  it('passes the events through and records one attempt and the time to first token', async () => {
    server.enqueue(reply('Hello there', { delayMs: 0 }));
    const call = llm().stream(request());
    const events = await collect(call);
    expect(events.map((event) => event.type)).toEqual(['model', 'delta', 'delta', 'finish', 'usage']);
    expect(call.attempts).toBe(1);
    expect(call.timeToFirstTokenMs).toEqual(expect.any(Number));
  });

  it.each([
    ['never answers', stall()],
    ['sends headers, then nothing', stall({ sendHeaders: true })],
  ])('times out waiting for the first token when the server %s, and aborts the request', async (_, behaviour) => {
    server.handle(() => behaviour);
    const started = performance.now();
    const call = llm({ timeoutMs: 200 }).stream(request());
    expect(await failure(call)).toMatchObject({ kind: 'timeout' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    // The other deadline is 20 s: a call that waited for it, or for nothing, does not end by 10 s.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(server.requests).toHaveLength(1);
    expect(await server.requests[0].outcome).toBe('aborted');
  });

  it('times out when the stream goes silent after the first token, and does not retry', async () => {
    server.handle(() => reply('one two three', { stallAfterChunks: 2 }));
    const started = performance.now();
    const call = llm({ streamIdleMs: 150 }).stream(request());
    const { events, error } = await collectUntilFailure(call);
    expect(deltas(events)).toEqual(['one ', 'two ']);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(performance.now() - started - (call.timeToFirstTokenMs ?? 0)).toBeGreaterThanOrEqual(140);
    // The first-token deadline is 20 s: a call that waited for it, or for nothing, does not end by 10 s.
    expect(performance.now() - started - (call.timeToFirstTokenMs ?? 0)).toBeLessThan(10_000);
    expect(server.requests).toHaveLength(1);
    expect(await server.requests[0].outcome).toBe('aborted');
  });

  it('retries a 429 after the Retry-After the provider sent, then streams the answer once', async () => {
    server.enqueue(fail(429, { headers: { 'retry-after-ms': '500' } }), reply('Hello', { model: 'fake-model-2' }));
    const call = llm().stream(request());
    const events = await collect(call);
    expect(events).toEqual([
      { type: 'model', model: 'fake-model-2' },
      { type: 'delta', text: 'Hello' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: expect.any(Object) },
    ]);
    expect(server.requests).toHaveLength(2);
    const waited = server.requests[1].receivedAt - server.requests[0].receivedAt;
    expect(waited).toBeGreaterThanOrEqual(480);
    // Read as seconds, 500 would be refused (over MAX_RETRY_WAIT_MS); read as anything else, far longer.
    expect(waited).toBeLessThan(10_000);
    expect(call.attempts).toBe(2);
    expect(call.timeToFirstTokenMs).toBeGreaterThanOrEqual(480);
  });

  it('retries a 500 after the default backoff', async () => {
    server.enqueue(fail(500), reply('Hello'));
    const call = llm().stream(request());
    expect(deltas(await collect(call))).toEqual(['Hello']);
    expect(call.attempts).toBe(2);
    expect(server.requests[1].receivedAt - server.requests[0].receivedAt).toBeGreaterThanOrEqual(240);
  });

  it('shows nothing of an attempt that failed before its first delta, not even its model event', async () => {
    server.enqueue(reply('lost', { model: 'first-try', dropAfterChunks: 0 }), reply('Hello', { model: 'second-try' }));
    const call = llm().stream(request());
    const events = await collect(call);
    expect(events.filter((event) => event.type === 'model')).toEqual([{ type: 'model', model: 'second-try' }]);
    expect(deltas(events)).toEqual(['Hello']);
    expect(call.attempts).toBe(2);
  });

  it('does not retry once a delta reached the caller: the failure surfaces after one request', async () => {
    server.handle(() => reply('one two three', { dropAfterChunks: 1 }));
    const call = llm().stream(request());
    const { events, error } = await collectUntilFailure(call);
    expect(deltas(events)).toEqual(['one ']);
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(call.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it.each([0, 1, 2])('makes at most maxRetries (%i) retries', async (maxRetries) => {
    server.handle(() => fail(429, { headers: { 'retry-after-ms': '20' } }));
    const call = llm({ maxRetries }).stream(request());
    expect(await failure(call)).toMatchObject({ kind: 'rate-limited' });
    expect(call.attempts).toBe(maxRetries + 1);
    expect(server.requests).toHaveLength(maxRetries + 1);
  });

  it('does not retry a rejected request', async () => {
    server.handle(() => fail(400));
    const call = llm().stream(request());
    expect(await failure(call)).toMatchObject({ kind: 'rejected' });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up at once when Retry-After reaches past the first-token deadline', async () => {
    server.handle(() => fail(429, { retryAfter: '8' }));
    const started = performance.now();
    const call = llm({ timeoutMs: 7_000 }).stream(request());
    expect(await failure(call)).toMatchObject({ kind: 'rate-limited', retryAfterMs: 8_000 });
    // Waiting for the deadline would take 7 s, for the Retry-After 8 s: at once is far less.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it('stops at once on a caller abort mid-stream, and the server sees the request aborted', async () => {
    // One word, then the server waits for the test, which never lets it go on: only the abort can end the call.
    server.enqueue(reply('one two three four', { hold: new Hold(), holdAfterChunks: 1 }));
    const controller = new AbortController();
    const events = llm().stream(request({ signal: controller.signal }))[Symbol.asyncIterator]();
    const seen: LlmEvent[] = [];
    while (!seen.some((event) => event.type === 'delta')) seen.push((await events.next()).value as LlmEvent);
    const next = events.next();
    controller.abort();
    await expect(next).rejects.toMatchObject({ kind: 'aborted' });
    expect(deltas(seen)).toEqual(['one ']);
    expect(await server.requests[0].outcome).toBe('aborted');
  });

  it('stops at once on a caller abort during the retry backoff', async () => {
    server.enqueue(fail(429, { headers: { 'retry-after-ms': '9000' } }));
    const attempt = failedAttempts();
    const controller = new AbortController();
    const call = new ResilientLlm(attempt.provider, { ...SETTINGS, timeoutMs: 60_000 }).stream(request({ signal: controller.signal }));
    const outcome = failure(call);
    await attempt.failed;
    await setImmediate(); // the rejection reaches the retry loop, which starts its 9 s wait
    const abortedAt = performance.now();
    controller.abort();
    expect(await outcome).toMatchObject({ kind: 'aborted' });
    // Generous: only a call that sat out the 9 s backoff takes this long.
    expect(performance.now() - abortedAt).toBeLessThan(4_000);
    expect(server.requests).toHaveLength(1);
  });

  it('raises aborted, not timeout, when the caller aborts while waiting for the first token', async () => {
    server.handle(() => stall());
    const controller = new AbortController();
    const call = llm({ timeoutMs: 60_000 }).stream(request({ signal: controller.signal }));
    const outcome = failure(call);
    await server.arrived(0);
    controller.abort();
    expect(await outcome).toMatchObject({ kind: 'aborted' });
    expect(await server.requests[0].outcome).toBe('aborted');
  });

  /** The OpenAI provider of this server, and a promise that settles when its first attempt has failed. */
  function failedAttempts(): { provider: LlmProvider; failed: Promise<void> } {
    const inner = new OpenAiProvider({ baseUrl: server.url, apiKey: null });
    let failed!: () => void;
    const provider: LlmProvider = {
      name: inner.name,
      async *stream(llmRequest: LlmRequest) {
        try {
          yield* inner.stream(llmRequest);
        } catch (error) {
          failed();
          throw error;
        }
      },
    };
    return { provider, failed: new Promise((resolve) => (failed = resolve)) };
  }
});

describe('ResilientLlm timers', () => {
  const offline = new ResilientLlm(new OfflineProvider(), { timeoutMs: 600_000, streamIdleMs: 600_000, maxRetries: 2 });

  it('leaves no timer behind after a call completes', async () => {
    const before = activeTimers();
    await collect(offline.stream(request()));
    expect(activeTimers()).toBe(before);
  });

  it('leaves no timer behind after the caller aborts', async () => {
    const before = activeTimers();
    const controller = new AbortController();
    const call = offline.stream(request({ signal: controller.signal }));
    const { error } = await collectUntilFailure(
      (async function* (): AsyncGenerator<LlmEvent> {
        for await (const event of call) {
          if (event.type === 'delta') controller.abort();
          yield event;
        }
      })(),
    );
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(activeTimers()).toBe(before);
  });

  it('can be iterated only once', async () => {
    const call = offline.stream(request());
    await collect(call);
    await expect(collect(call)).rejects.toThrow(/only once/);
  });
});

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

function deltas(events: LlmEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'delta' ? [event.text] : []));
}
