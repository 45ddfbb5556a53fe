import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/tokens';

describe('security headers and request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends helmet headers with a policy that allows the page and the docs their own scripts and inline styles only', async () => {
    const res = await t.http().get('/health/live').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('echoes a usable X-Request-Id, and makes one up otherwise, on errors too', async () => {
    const echoed = await t.http().get('/health/live').set('X-Request-Id', 'trace-abc.123').expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-abc.123');
    const replaced = await t.http().get('/v1/nowhere').set('X-Request-Id', 'bad id with spaces').expect(404);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { corsOrigins: ['https://app.example.com'] } });
  });
  afterAll(() => t.close());

  it('answers the preflight of an allowed origin, with credentials', async () => {
    const res = await t
      .http()
      .options('/v1/sessions')
      .set('Origin', 'https://app.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type, idempotency-key');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/i);
  });

  it('lets an allowed origin read responses, and gives another origin nothing', async () => {
    const allowed = await t.http().get('/v1/sessions/current').set('Origin', 'https://app.example.com').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers['access-control-expose-headers']).toMatch(/X-Request-Id/i);
    const other = await t.http().get('/v1/sessions/current').set('Origin', 'https://evil.example.net').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { rateLimit: { requests: 3, windowMs: 60_000 }, adminApiKey: 'admin-key-for-tests' } });
  });
  afterAll(() => t.close());

  it('limits each user across routes, with 429 problem+json and Retry-After, and leaves other users alone', async () => {
    const alice = await bearer('limited-alice');
    await t.http().get('/v1/sessions').set(alice).expect(200);
    await t.http().get('/v1/sessions/current').set(alice).expect(200);
    await t.http().get('/v1/sessions').set(alice).expect(200);
    const limited = await t.http().get('/v1/sessions').set(alice).expect(429);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    await t.http().get('/v1/sessions').set(await bearer('limited-bob')).expect(200);
  });

  it('limits a visitor by its cookie once it has one (its first request counts for its IP address)', async () => {
    const visitor = t.browser();
    await visitor.get('/v1/sessions').set('X-Forwarded-For', '203.0.113.7').expect(200);
    for (let i = 0; i < 3; i++) await visitor.get('/v1/sessions').set('X-Forwarded-For', '203.0.113.7').expect(200);
    await visitor.get('/v1/sessions').set('X-Forwarded-For', '203.0.113.7').expect(429);
  });

  it('limits requests with neither token nor cookie by the IP address the trusted proxy reports', async () => {
    const admin = (ip: string) => t.http().get('/v1/admin/usage').set('X-Admin-Key', 'admin-key-for-tests').set('X-Forwarded-For', ip);
    for (let i = 0; i < 3; i++) await admin('198.51.100.20').expect(200);
    await admin('198.51.100.20').expect(429);
    await admin('198.51.100.21').expect(200);
  });

  it('never limits health checks', async () => {
    for (let i = 0; i < 10; i++) await t.http().get('/health/live').expect(200);
  });
});
