import { loadConfig } from '@/common/config/app-config';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

describe('GET /v1/sessions/:id/context', () => {
  let t: TestApp;
  beforeAll(async () => {
    const defaults = loadConfig({});
    t = await startTestApp({
      config: {
        tokenBudget: { total: 2000, systemShare: 0.1, memoryShare: 0.1, reserveShare: 0.2 },
        llm: { ...defaults.llm, models: [defaults.llm.model, 'gpt-4-turbo'] },
      },
    });
  });
  afterAll(() => t.close());

  async function sessionWith(user: string, messages: object[]) {
    const auth = await bearer(user);
    const id = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id as string;
    for (const m of messages) await t.http().post(`/v1/sessions/${id}/messages`).set(auth).send(m).expect(201);
    return { auth, id };
  }

  it('counts each message when it is written', async () => {
    const { auth, id } = await sessionWith('ctx-count', [{ role: 'user', content: 'Hello world' }]);
    const page = await t.http().get(`/v1/sessions/${id}/messages`).set(auth).expect(200);
    expect(page.body.items[0].tokenCount).toBe(2);
  });

  it('returns the system prompt and the newest history that fits, with tokens per tier', async () => {
    const long = Array.from({ length: 60 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i}: ${'words '.repeat(20)}` }));
    const { auth, id } = await sessionWith('ctx-fit', long);
    const res = await t.http().get(`/v1/sessions/${id}/context`).set(auth).expect(200);
    const body = res.body;
    expect(body.model).toBe('continuum-offline');
    expect(body.budget).toBe(2000);
    expect(body.totalTokens).toBeLessThanOrEqual(2000 - 400);
    expect(body.tiers.reserve.allocated).toBe(400);
    expect(body.messages[0].role).toBe('system');
    const seqs = body.messages.filter((m: { seq?: number }) => m.seq).map((m: { seq: number }) => m.seq);
    expect(seqs[seqs.length - 1]).toBe(60);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 61 - seqs.length + i));
    expect(body.manifest).toMatchObject({ seqFrom: seqs[0], seqTo: 60, omittedMessages: 60 - seqs.length });
  });

  it('takes a smaller budget and another model’s tokenizer from the query', async () => {
    const { auth, id } = await sessionWith('ctx-query', [{ role: 'user', content: 'x '.repeat(2000) }]);
    const res = await t.http().get(`/v1/sessions/${id}/context`).query({ budget: 300, model: 'gpt-4-turbo' }).set(auth).expect(200);
    expect(res.body).toMatchObject({ budget: 300, encoding: 'cl100k_base', manifest: { truncatedMessageIds: [expect.any(String)] } });
    expect(res.body.totalTokens).toBeLessThanOrEqual(240);
  });

  it('is 404 for another owner’s session and 400 for a bad budget', async () => {
    const { id } = await sessionWith('ctx-owner', [{ role: 'user', content: 'mine' }]);
    await t.http().get(`/v1/sessions/${id}/context`).set(await bearer('ctx-stranger')).expect(404);
    const { auth, id: own } = await sessionWith('ctx-bad', []);
    await t.http().get(`/v1/sessions/${own}/context`).query({ budget: 10 }).set(auth).expect(400);
    await t.http().get(`/v1/sessions/${own}/context`).query({ model: 'bad model!' }).set(auth).expect(400);
  });

  it('refuses a model that is not on the allow-list, as a chat turn does', async () => {
    const { auth, id } = await sessionWith('ctx-allow-list', []);
    const res = await t.http().get(`/v1/sessions/${id}/context`).query({ model: 'gpt-4o' }).set(auth).expect(400);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/model-not-allowed$/), errors: [{ field: 'model' }] });
    expect(res.body.detail).toContain('continuum-offline, gpt-4-turbo');
  });
});
