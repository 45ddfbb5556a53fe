import { ServiceLogger } from '@/common/logging/service.logger';
import { llmConfig, TEST_API_KEY } from './support/chat-config';
import { fail, FakeOpenAiServer } from './support/fake-openai-server';
import { startTestApp, TestApp } from './support/test-app';
import { userToken } from './support/tokens';

/**
 * Canaries planted in message contents, titles, headers, bad requests and a failed model
 * call, with every log level on: none of them may appear in anything the service writes.
 */
describe('what the logs never contain', () => {
  const canary = {
    content: 'CANARY-CONTENT-7f3a',
    title: 'CANARY-TITLE-19bd',
    email: 'canary.person@example.org',
    phone: '+1 415 555 0199',
    modelError: 'CANARY-MODEL-ERROR-c0de',
  };
  let t: TestApp;
  let fake: FakeOpenAiServer;
  let output = '';
  let spies: jest.SpyInstance[];

  beforeAll(async () => {
    const capture = (chunk: unknown): boolean => ((output += String(chunk)), true);
    spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
    fake = await FakeOpenAiServer.start();
    t = await startTestApp({
      config: { ...llmConfig(fake, { maxRetries: 0 }), logLevel: 'verbose', logFormat: 'json', adminApiKey: 'CANARY-ADMIN-KEY-5e5e' },
      logger: new ServiceLogger('json', { logLevels: ['error', 'warn', 'log', 'debug', 'verbose'] }),
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    spies.forEach((spy) => spy.mockRestore());
  });

  it('writes log lines, but no content, cookie, token, email, phone or key', async () => {
    const token = await userToken('canary-user');
    const auth = { Authorization: `Bearer ${token}` };
    const session = (await t.http().post('/v1/sessions').set(auth).send({ title: canary.title }).expect(201)).body.id;
    const said = `${canary.content} my email is ${canary.email}, call ${canary.phone}`;
    await t.http().post(`/v1/sessions/${session}/messages`).set(auth).send({ role: 'user', content: said }).expect(201);
    await t.http().post(`/v1/sessions/${session}/messages`).set(auth).send({ role: 'user', content: said, bogus: canary.content }).expect(400);
    await t.http().post(`/v1/sessions/${session}/messages`).set(auth).send({ role: 'user', content: 'x', metadata: { bad: `${canary.content}\u0000` } }).expect(400);
    fake.enqueue(fail(500, { message: `${canary.modelError} echoing ${said} with key ${TEST_API_KEY}` }));
    await t.http().post('/v1/chat').set(auth).send({ sessionId: session, message: said }).expect(502);
    const visitor = t.browser();
    await visitor.get('/v1/sessions/current').expect(200);
    await visitor.get(`/v1/sessions/${session}`).expect(404);
    await t.http().get('/v1/admin/usage').set('X-Admin-Key', 'wrong-CANARY-ADMIN-KEY').expect(401);
    await t.http().get('/v1/sessions').set('Authorization', `Bearer ${token}x`).expect(401);

    expect(output).toMatch(/"level":"(warn|error|log|debug)"/);
    const cookie = /continuum_visitor=([^;"\s]+)/.exec(output);
    const planted = [...Object.values(canary), token, TEST_API_KEY, 'CANARY-ADMIN-KEY', '4155550199', '415 555 0199'];
    for (const secret of planted) expect({ secret, found: output.includes(secret) }).toEqual({ secret, found: false });
    expect(cookie).toBeNull();
  });
});
