import { startTestApp, TestApp } from './support/test-app';
import { bearer } from './support/tokens';

/** Errors a frontend developer wiring up the API meets first, each saying what to do. */
describe('errors a frontend developer understands', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let sessionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    auth = await bearer('friendly-errors');
    sessionId = (await t.http().post('/v1/sessions').set(auth).send({ title: 'kept' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it.each([
    ['text/plain (fetch without the header)', 'text/plain;charset=UTF-8', '{"role":"user","content":"hi"}', 'got text/plain'],
    ['a form', 'application/x-www-form-urlencoded', 'role=user&content=hi', 'got application/x-www-form-urlencoded'],
  ])('answers JSON sent as %s with 415 naming application/json, and stores nothing', async (_, type, body, got) => {
    const res = await t.http().post(`/v1/sessions/${sessionId}/messages`).set(auth).set('Content-Type', type).send(body).expect(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.detail).toContain('Content-Type: application/json');
    expect(res.body.detail).toContain(got);
    expect((await t.http().get(`/v1/sessions/${sessionId}`).set(auth)).body.messageCount).toBe(0);
  });

  it('gives one message per field: required when missing, the type expected when wrong', async () => {
    const missing = await t.http().post(`/v1/sessions/${sessionId}/messages`).set(auth).send({ role: 'user' }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'content', messages: ['content is required'] }]);
    const wrongType = await t.http().post(`/v1/sessions/${sessionId}/messages`).set(auth).send({ role: 'user', content: 42 }).expect(400);
    expect(wrongType.body.errors).toEqual([{ field: 'content', messages: ['content must be a string'] }]);
    expect(wrongType.body.detail).toBe('content must be a string');
  });

  it('answers an unknown method on a known path with 405 and Allow, and an unknown path with 404', async () => {
    const put = await t.http().put(`/v1/sessions/${sessionId}`).set(auth).send({}).expect(405);
    expect(put.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
    expect(put.headers['content-type']).toMatch(/problem\+json/);
    const deleteList = await t.http().delete('/v1/sessions').set(auth).expect(405);
    expect(deleteList.headers.allow).toBe('GET, HEAD, POST');
    await t.http().get('/v1/sessionz').set(auth).expect(404);
  });

  it('changes nothing for an empty PATCH, not even the activity time', async () => {
    const before = (await t.http().get(`/v1/sessions/${sessionId}`).set(auth).expect(200)).body;
    const patched = await t.http().patch(`/v1/sessions/${sessionId}`).set(auth).send({}).expect(200);
    expect(patched.body).toEqual(before);
  });
});
