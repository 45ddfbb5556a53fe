import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

describe('the reference page at /', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'continuum-web-'));
  let t: TestApp;
  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Continuum</title><script src="/assets/index-abc123.js"></script>');
    writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    t = await startTestApp({ config: { webDir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / and makes browsers revalidate it, so a deploy is never hidden by a stale copy', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<title>Continuum</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
    const etag = res.headers['etag'];
    expect(etag).toBeTruthy();
    await t.http().get('/').set('If-None-Match', etag).expect(304);
  });

  it('lets browsers keep the content-hashed assets for a year', async () => {
    const res = await t.http().get('/assets/index-abc123.js').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves every other path to the API: its routes, and its problem+json 404', async () => {
    await t.http().get('/health/live').expect(200);
    const missing = await t.http().get('/no-such-page').expect(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    await t.http().get('/assets/nope.js').expect(404);
  });
});

describe('without a built page', () => {
  it('starts and serves the API; / is a 404', async () => {
    const t = await startTestApp({ config: { webDir: join(tmpdir(), 'continuum-no-such-web-dir') } });
    try {
      await t.http().get('/').expect(404);
      await t.http().get('/health/live').expect(200);
    } finally {
      await t.close();
    }
  });
});
