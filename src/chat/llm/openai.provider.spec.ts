import { FakeOpenAiServer, fail, Hold, reply, stall } from '@test/support/fake-openai-server';
import { collect, collectUntilFailure, failure, request } from '@test/support/llm-events';
import { LlmEvent } from './llm-provider';
import { OpenAiProvider } from './openai.provider';

const API_KEY = 'sk-test-0123456789abcdef';

describe('OpenAiProvider (real SDK, fake server)', () => {
  let server: FakeOpenAiServer;
  let provider: OpenAiProvider;

  beforeEach(async () => {
    server = await FakeOpenAiServer.start();
    provider = new OpenAiProvider({ baseUrl: server.url, apiKey: API_KEY });
  });

  afterEach(() => server.close());

  it('streams one model event, the non-empty deltas, the finish reason, then the usage', async () => {
    server.enqueue(reply(['Hel', 'lo', ' world'], { model: 'fake-model-2024-01-01', usage: { promptTokens: 12, completionTokens: 3 } }));
    expect(await collect(provider.stream(request()))).toEqual([
      { type: 'model', model: 'fake-model-2024-01-01' },
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      { type: 'delta', text: ' world' },
      { type: 'finish', reason: 'stop' },
      { type: 'usage', usage: { promptTokens: 12, completionTokens: 3 } },
    ]);
  });

  it('yields no usage event when the server reports none', async () => {
    server.enqueue(reply('No usage here.', { usage: 'none' }));
    const events = await collect(provider.stream(request()));
    expect(events.map((event) => event.type)).toEqual(['model', 'delta', 'delta', 'delta', 'finish']);
  });

  it('sends model, messages, max_tokens and include_usage, with the key as bearer token', async () => {
    await collect(provider.stream(request({ maxTokens: 64 })));
    const [sent] = server.requests;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.body).toMatchObject({
      model: 'fake-model-1',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 64,
    });
  });

  it.each(['o3-mini', 'gpt-5', 'openai/o4-mini'])('limits the reply of the reasoning model %s with max_completion_tokens', async (model) => {
    await collect(provider.stream({ ...request({ maxTokens: 64 }), model }));
    expect(server.requests[0].body).toMatchObject({ max_completion_tokens: 64 });
    expect(server.requests[0].body).not.toHaveProperty('max_tokens');
  });

  it('sends no max_tokens when none is given, and a placeholder key when none is configured', async () => {
    await collect(new OpenAiProvider({ baseUrl: server.url, apiKey: null }).stream(request()));
    expect(server.requests[0].body).not.toHaveProperty('max_tokens');
    expect(server.requests[0].headers.authorization).toBe('Bearer not-needed');
  });

  it('maps 429 to rate-limited with Retry-After in seconds', async () => {
    server.enqueue(fail(429, { retryAfter: '2' }));
    const error = await failure(provider.stream(request()));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 2000, retryable: true });
  });

  it('maps 429 with retry-after-ms to rate-limited with that delay', async () => {
    server.enqueue(fail(429, { headers: { 'retry-after-ms': '750' } }));
    expect(await failure(provider.stream(request()))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 750 });
  });

  it('maps 500 to unavailable', async () => {
    server.enqueue(fail(500));
    expect(await failure(provider.stream(request()))).toMatchObject({ kind: 'unavailable', status: 500, retryable: true });
  });

  it('maps 400 to rejected', async () => {
    server.enqueue(fail(400, { message: 'context_length_exceeded' }));
    const error = await failure(provider.stream(request()));
    expect(error).toMatchObject({ kind: 'rejected', status: 400, retryable: false });
    expect(error.message).toContain('context_length_exceeded');
  });

  it('never repeats the API key in an error message', async () => {
    server.enqueue(fail(401, { message: `Incorrect API key provided: ${API_KEY}` }));
    const error = await failure(provider.stream(request()));
    expect(error.kind).toBe('rejected');
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).not.toContain('0123456789abcdef');
  });

  it('maps a refused connection to unavailable', async () => {
    const url = server.url;
    await server.close();
    const unreachable = new OpenAiProvider({ baseUrl: url, apiKey: API_KEY });
    expect(await failure(unreachable.stream(request()))).toMatchObject({ kind: 'unavailable' });
    server = await FakeOpenAiServer.start();
  });

  it('maps a connection dropped mid-stream to unavailable', async () => {
    server.enqueue(reply('one two three', { dropAfterChunks: 1 }));
    const { events, error } = await collectUntilFailure(provider.stream(request()));
    expect(events).toContainEqual({ type: 'delta', text: 'one ' });
    expect(error).toMatchObject({ kind: 'unavailable' });
  });

  it('raises aborted when the signal fires mid-stream, and the request is aborted on the wire', async () => {
    // One word, then the server waits for the test, which never lets it go on: the abort comes first.
    server.enqueue(reply('one two three four', { hold: new Hold(), holdAfterChunks: 1 }));
    const controller = new AbortController();
    const events: LlmEvent[] = [];
    const error = await failure(
      (async function* (): AsyncGenerator<LlmEvent> {
        for await (const event of provider.stream(request({ signal: controller.signal }))) {
          events.push(event);
          if (event.type === 'delta') controller.abort();
          yield event;
        }
      })(),
    );
    expect(error.kind).toBe('aborted');
    expect(events.filter((event) => event.type === 'delta')).toHaveLength(1);
    expect(await server.requests[0].outcome).toBe('aborted');
  });

  it('raises aborted when the signal fires before the answer', async () => {
    server.enqueue(stall());
    const controller = new AbortController();
    const outcome = failure(provider.stream(request({ signal: controller.signal })));
    await server.arrived(0);
    controller.abort();
    expect(await outcome).toMatchObject({ kind: 'aborted' });
    expect(await server.requests[0].outcome).toBe('aborted');
  });
});
