import { createHmac } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { MAX_JSON_FIELD_CHARS } from '@/common/http/json-size';
import { rawExchange, rawRequest } from './support/raw-http';
import { startTestApp, TestApp } from './support/test-app';
import { bearer, TEST_JWT_SECRET } from './support/tokens';

const PROBLEM = /^application\/problem\+json/;
const CJK = (length: number): string => '中'.repeat(length);

describe('what a client sends cannot freeze or poison the service', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let sessionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    auth = await bearer('hardening');
    sessionId = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const append = (body: object) => t.http().post(`/v1/sessions/${sessionId}/messages`).set(auth).send(body);
  const maximalCjk = () => ({ role: 'user', content: CJK(t.config.maxContentChars) });
  // "[{},{},...]": 3 characters per object, under the JSON size limit of a field.
  const maximalToolCalls = () => ({ role: 'assistant', content: '', toolCalls: Array.from({ length: Math.floor((MAX_JSON_FIELD_CHARS - 1) / 3) }, () => ({})) });
  const longToolArgument = () => ({ role: 'assistant', content: '', toolCalls: [{ a: CJK(40_000) }] });
  const junkArray = () => t.http().post('/v1/chat').set('content-type', 'application/json').send('[]');

  // First in this file: nothing junk has been sent yet.
  it('runs the same append as fast after a junk array body as before it', async () => {
    // A different length each time: gpt-tokenizer caches the pieces it has merged.
    let variant = 0;
    const sameAppend = () => append({ role: 'user', content: CJK(8_000 - ++variant) }).expect(201);
    const before = await medianMs(sameAppend);
    await junkArray().expect(400);
    await append(['not', 'an', 'object']).expect(400);
    const after = await medianMs(sameAppend);
    // One array body used to make this append 35 to 40 times slower (0.3 s to 12 s) for the life of the process.
    expect(after).toBeLessThan(3 * before + 20);
  });

  it('never holds the event loop long, whatever the request: the heaviest ones and a junk array body', async () => {
    const heaviest = [
      () => append(maximalCjk()).expect(201),
      () => append(maximalToolCalls()).expect(201),
      () => append(longToolArgument()).expect(201),
      () => t.http().post('/v1/chat').set(auth).send({ sessionId, message: CJK(t.config.maxContentChars) }).expect(200),
      () => junkArray().expect(400),
    ];
    for (const send of heaviest) await send(); // once unmeasured: a fresh process also compiles the code these run
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    // One at a time: the longest stretch one request holds the loop (concurrent ones add up, as any CPU work does).
    for (const send of heaviest) await send();
    delay.disable();
    // Counting these used to block every other request for 1.4 to 8.6 seconds (quadratic in one pre-token).
    expect(delay.max / 1e6).toBeLessThan(500);
  });

  it('counts long pre-tokens exactly: 32,000 CJK characters are 32,000 tokens', async () => {
    const stored = await append(maximalCjk()).expect(201);
    expect(stored.body.tokenCount).toBe(t.config.maxContentChars);
  });

  it('leaves V8’s Array species protector intact after junk bodies (the mechanism behind the slow-down)', async () => {
    const intact = arraySpeciesProtector();
    if (!intact) return console.warn('skipped: %ArraySpeciesProtector() is not available in this Node.js');
    expect(intact()).toBe(true);
    for (const body of ['[]', '[{}]', '[1,2]']) await t.http().post('/v1/sessions').set(auth).set('content-type', 'application/json').send(body).expect(400);
    await append({ role: 'assistant', content: '', toolCalls: [{}, {}], toolsUsed: ['a', ['b']] }).expect(201);
    expect(intact()).toBe(true);
  });

  describe('bodies that are not JSON objects are refused before validation', () => {
    it.each(['[]', '[{"role":"user","content":"hi"}]', 'null', '1', '"text"', 'true'])('refuses %s on every route with a body', async (body) => {
      const routes = [
        t.http().post('/v1/chat'),
        t.http().post('/v1/sessions'),
        t.http().patch(`/v1/sessions/${sessionId}`),
        t.http().post(`/v1/sessions/${sessionId}/messages`),
      ];
      for (const route of routes) {
        const answer = await route.set(auth).set('content-type', 'application/json').send(body).expect(400).expect('content-type', PROBLEM);
        expect(answer.body).toMatchObject({ type: 'https://continuum.dev/problems/body-not-object', status: 400 });
      }
    });

    it('refuses a text/plain body with 415 (JSON is the only body this API takes)', async () => {
      await t.http().post('/v1/sessions').set(auth).set('content-type', 'text/plain').send('hello').expect(415).expect('content-type', PROBLEM);
    });

    it('still accepts no body where none is needed', async () => {
      await t.http().post('/v1/sessions').set(auth).expect(201);
    });
  });

  describe('every error is problem+json, whoever raises it', () => {
    it.each([
      ['a NUL in a header (HTTP parser)', 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Junk: a\u0000b\r\n\r\n', 400],
      ['a body shorter than its Content-Length (HTTP parser)', 'POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}', 400],
      ['headers over 16 KB (HTTP parser)', `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['an invalid percent-encoding (router)', 'GET /v1/sessions/%ff HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['a 10,000-character id (router)', `GET /v1/sessions/${'a'.repeat(10_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414],
      ['an unknown route', 'GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n', 404],
      ['malformed JSON (body parser)', 'POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{x}', 400],
      ['an unsupported content type (body parser)', 'POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 4\r\n\r\n<a/>', 415],
    ])('%s', async (_, request, status) => {
      const answer = await rawRequest(t.url, request);
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(PROBLEM);
      expect(JSON.parse(answer.body)).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/continuum\.dev\/problems\//) });
    });

    it('a body over the limit (413)', async () => {
      const answer = await t.http().post('/v1/sessions').set(auth).send({ title: 'x'.repeat(t.config.bodyLimitBytes) }).expect(413);
      expect(answer.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('signed tokens', () => {
    it.each([
      ['an "exp" of 1e400 (Infinity: it would never expire)', '{"sub":"forever","exp":1e400}'],
      ['a "sub" with U+0000', `{"sub":"a\\u0000b","exp":${nowPlus(3600)}}`],
      ['a "sub" with a lone surrogate (stored as U+FFFD: two subs would share one owner)', `{"sub":"a\\ud800","exp":${nowPlus(3600)}}`],
      ['a "sub" that is not a string', `{"sub":42,"exp":${nowPlus(3600)}}`],
    ])('answers 401 to a valid signature over %s', async (_, payload) => {
      const answer = await t.http().get('/v1/sessions').set('Authorization', `Bearer ${signRaw(payload)}`).expect(401);
      expect(answer.headers['content-type']).toMatch(PROBLEM);
    });

    it('accepts the same token with an ordinary payload', async () => {
      await t.http().get('/v1/sessions').set('Authorization', `Bearer ${signRaw(`{"sub":"ordinary","exp":${nowPlus(3600)}}`)}`).expect(200);
    });
  });

  describe('null where the API documents an object or a boolean', () => {
    it.each(['isActive', 'contextData', 'metadata'])('PATCH {"%s": null} is a 400 naming the field', async (field) => {
      const answer = await t.http().patch(`/v1/sessions/${sessionId}`).set(auth).send({ [field]: null }).expect(400).expect('content-type', PROBLEM);
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
      const session = await t.http().get(`/v1/sessions/${sessionId}`).set(auth).expect(200);
      expect(session.body[field]).not.toBeNull();
    });

    it('PATCH {"title": null} still clears the title', async () => {
      await t.http().patch(`/v1/sessions/${sessionId}`).set(auth).send({ title: 'named' }).expect(200);
      const cleared = await t.http().patch(`/v1/sessions/${sessionId}`).set(auth).send({ title: null }).expect(200);
      expect(cleared.body.title).toBeNull();
    });

    it.each([{ metadata: null }, { hasError: null }])('an append with %j is a 400 naming the field', async (fields) => {
      const answer = await append({ role: 'user', content: 'hi', ...fields }).expect(400);
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual(Object.keys(fields));
    });
  });

  it('stores text that looks like a special token as the text it is', async () => {
    const stored = await append({ role: 'user', content: 'end here <|endoftext|> and go on' }).expect(201);
    expect(stored.body.tokenCount).toBeGreaterThan(5);
  });
});

describe('slow clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { http: { requestTimeoutMs: 1_000, headersTimeoutMs: 500 } } });
  });
  afterAll(() => t.close());

  it('answers 408 problem+json to a body that trickles in', async () => {
    const answer = await trickle(t.url, 'POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{', ' ');
    expect(answer.status).toBe(408);
    expect(answer.headers['content-type']).toMatch(PROBLEM);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 408, type: 'https://continuum.dev/problems/request-timeout' });
  });

  it('answers 408 problem+json to headers that trickle in', async () => {
    const answer = await trickle(t.url, 'GET /health/live HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n');
    expect(answer.status).toBe(408);
    expect(answer.headers['content-type']).toMatch(PROBLEM);
  });
});

/** Sends `start`, then `drip` every 100 ms (a client far slower than its limits) until the server closes the connection. */
function trickle(url: string, start: string, drip: string) {
  return rawExchange(url, (socket) => {
    socket.write(start);
    const timer = setInterval(() => socket.writable && socket.write(drip), 100);
    socket.on('close', () => clearInterval(timer));
  });
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1];
}

function nowPlus(seconds: number): number {
  return Math.floor(Date.now() / 1000) + seconds;
}

/** An HS256 token over a payload written by hand (JSON.stringify cannot write 1e400). */
function signRaw(payloadJson: string): string {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const payload = Buffer.from(payloadJson).toString('base64url');
  const signature = createHmac('sha256', TEST_JWT_SECRET).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** V8's own answer to "is the Array species fast path still on?", where this Node.js can give it. */
function arraySpeciesProtector(): (() => boolean) | null {
  try {
    setFlagsFromString('--allow-natives-syntax');
    return new Function('return %ArraySpeciesProtector()') as () => boolean;
  } catch {
    return null;
  }
}
