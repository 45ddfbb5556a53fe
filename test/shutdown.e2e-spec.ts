import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltService } from './support/built-service';
import { FAKE_MODEL, FakeOpenAiServer, Hold, reply } from './support/fake-openai-server';
import { rawExchange } from './support/raw-http';
import { createDatabaseFromTemplate, databaseUrl, dropDatabase } from './support/test-database';
import { bearer, TEST_JWT_SECRET } from './support/tokens';

/**
 * SIGTERM to `node dist/src/main.js` while an append and a streamed chat turn are in flight:
 * the service stops taking connections, lets both finish, stores both, closes its database
 * cleanly (PGlite's data directory opens again without recovery) and exits.
 */
describe('graceful shutdown on SIGTERM', () => {
  let fake: FakeOpenAiServer;
  let dataDir: string;
  let database: string | null = null;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    dataDir = mkdtempSync(join(tmpdir(), 'continuum-shutdown-'));
    const server = process.env.DATABASE_URL;
    if (server) database = await createDatabaseFromTemplate(server, process.env.CONTINUUM_TEST_TEMPLATE!);
    env = {
      ...(server ? { DATABASE_URL: databaseUrl(server, database!) } : { DATABASE_URL: '', DATA_DIR: dataDir }),
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: fake.url,
      LLM_API_KEY: 'sk-test-shutdown-0000000000000000',
      LLM_MODEL: FAKE_MODEL,
      LLM_MAX_RETRIES: '0',
      SHUTDOWN_TIMEOUT_MS: '20000',
      LOG_FORMAT: 'json',
    };
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (database) await dropDatabase(process.env.DATABASE_URL!, database);
  });

  it('finishes and stores an append and a streamed turn that were in flight, then exits', async () => {
    const service = await BuiltService.start(env);
    const auth = await bearer('shutdown-user');
    try {
      const created = await fetch(`${service.url}/v1/sessions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
      const session = (await created.json()) as { id: string };
      const hold = new Hold();
      fake.enqueue(reply(['Half ', 'and the rest.'], { hold, holdAfterChunks: 1 }));
      const streamed = fetch(`${service.url}/v1/chat/stream`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: session.id, message: 'tell me something' }),
      }).then((res) => res.text());
      await hold.reached;

      const body = JSON.stringify({ role: 'user', content: 'sent while the service stops' });
      let finishBody!: () => void;
      const append = rawExchange(service.url, (socket) => {
        socket.write(
          `POST /v1/sessions/${session.id}/messages HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth.Authorization}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
        );
        finishBody = () => socket.write(body.slice(10));
      });
      await until(() => finishBody !== undefined);

      service.child.kill('SIGTERM');
      await until(() => service.logs.includes('SIGTERM'));
      await expect(fetch(`${service.url}/health/live`)).rejects.toThrow();

      finishBody();
      expect((await append).status).toBe(201);
      hold.release();
      expect(await streamed).toMatch(/event: done\ndata: .*"reply":"Half and the rest\."/);
      const exit = await service.exited();
      expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
      expect(service.logs).not.toMatch(/"level":"error"/);
    } finally {
      await service.stop();
    }

    const restarted = await BuiltService.start(env);
    try {
      const sessions = (await (await fetch(`${restarted.url}/v1/sessions`, { headers: auth })).json()) as { items: { id: string }[] };
      const page = (await (await fetch(`${restarted.url}/v1/sessions/${sessions.items[0].id}/messages`, { headers: auth })).json()) as { items: { content: string }[] };
      // The append finished first (its body came in), then the reply once the model was done.
      expect(page.items.map((m) => m.content)).toEqual(['tell me something', 'sent while the service stops', 'Half and the rest.']);
      expect(restarted.logs).not.toMatch(/recover/i);
    } finally {
      await restarted.stop();
    }
  }, 120_000);
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
