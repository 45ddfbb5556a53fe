import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClsService } from 'nestjs-cls';
import { loadConfig } from '@/common/config/app-config';
import { Database } from '@/common/database/database';
import { LlmCallRecord } from '@/llm-tracking/llm-call';
import { LlmTrackingModule } from '@/llm-tracking/llm-tracking.module';
import { LlmTrackingService } from '@/llm-tracking/llm-tracking.service';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

const API_KEY = 'sk-test-Qw3rTy9UiOp4AsDf6GhJk';
const ADMIN_KEY = 'admin-key-for-tests';
const PROBLEM = /application\/problem\+json/;

/** A price table of our own, so the expected costs do not move with the shipped list prices. */
const pricesDir = mkdtempSync(join(tmpdir(), 'continuum-prices-'));
function testPrices(): string {
  const path = join(pricesDir, 'prices.json');
  writeFileSync(path, JSON.stringify({ models: { 'test-small': { prompt: '0.15', completion: '0.60' }, 'test-large': { prompt: '3', completion: '15' } } }));
  return path;
}

describe('llm tracking', () => {
  let t: TestApp;
  let tracking: LlmTrackingService;
  beforeAll(async () => {
    const llm = { ...loadConfig({}).llm, provider: 'openai' as const, apiKey: API_KEY };
    t = await startTestApp({
      config: { adminApiKey: ADMIN_KEY, modelPrices: testPrices(), llm },
      extra: { imports: [LlmTrackingModule] },
    });
    tracking = t.app.get(LlmTrackingService);
  });
  afterAll(async () => {
    await t.close();
    rmSync(pricesDir, { recursive: true, force: true });
  });

  async function newSession(user: string): Promise<{ auth: { Authorization: string }; id: string; ownerId: string }> {
    const auth = await bearer(user);
    const id = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id as string;
    return { auth, id, ownerId: `user:${user}` };
  }

  const call = (sessionId: string, ownerId: string, overrides: Partial<LlmCallRecord> = {}): LlmCallRecord => ({
    sessionId,
    ownerId,
    messageId: null,
    provider: 'openai',
    model: 'test-small',
    requestBody: { model: 'test-small', messages: [{ role: 'user', content: 'hello' }] },
    responseMeta: { id: 'chatcmpl-1', finishReason: 'stop' },
    promptTokens: 1234,
    completionTokens: 567,
    usageSource: 'provider',
    latencyMs: 850,
    ttftMs: 120,
    attempts: 1,
    status: 'ok',
    error: null,
    contextManifest: { seqRange: [1, 2], tokensByTier: { system: 10, history: 1224 } },
    ...overrides,
  });

  const stored = async (id: string) => (await t.dataSource.query(`SELECT *, computed_cost::text AS cost FROM llm_requests WHERE id = $1`, [id]))[0];

  describe('recording', () => {
    it('computes the cost exactly, in decimal, and keeps the prices it used', async () => {
      const { id, ownerId } = await newSession('cost-user');
      const recorded = await tracking.record(call(id, ownerId));
      // (1234 × 0.15 + 567 × 0.60) / 1,000,000 = 525.3 / 1,000,000
      expect(recorded).toEqual({ id: expect.any(String), cost: '0.0005253', unitCostPrompt: '0.15', unitCostCompletion: '0.60' });
      const row = await stored(recorded.id);
      expect(row).toMatchObject({ cost: '0.0005253', prompt_tokens: 1234, completion_tokens: 567, total_tokens: 1801, owner_id: ownerId });
      expect(row.unit_cost_prompt).toBe('0.15');
      expect(row.context_manifest).toEqual({ seqRange: [1, 2], tokensByTier: { system: 10, history: 1224 } });
    });

    it('records the tokens of a model without a price and no cost', async () => {
      const { id, ownerId } = await newSession('unknown-model-user');
      const recorded = await tracking.record(call(id, ownerId, { model: 'someone/unlisted-model', usageSource: 'counted' }));
      expect(recorded).toMatchObject({ cost: null, unitCostPrompt: null, unitCostCompletion: null });
      expect(await stored(recorded.id)).toMatchObject({ cost: null, prompt_tokens: 1234, completion_tokens: 567, usage_source: 'counted' });
    });

    it('never stores the API key or an Authorization header', async () => {
      const { id, ownerId } = await newSession('secret-user');
      const requestBody = {
        headers: { Authorization: `Bearer ${API_KEY}`, 'X-Api-Key': API_KEY },
        body: { model: 'test-small', api_key: API_KEY, messages: [{ role: 'user', content: `debug: my key is ${API_KEY}` }] },
      };
      const recorded = await tracking.record(call(id, ownerId, { requestBody, status: 'error', error: `401 Incorrect API key provided: ${API_KEY}` }));
      const rows = await t.dataSource.query(`SELECT row_to_json(r)::text AS text FROM llm_requests r WHERE id = $1`, [recorded.id]);
      expect(rows[0].text).not.toContain(API_KEY);
      expect(rows[0].text.toLowerCase()).not.toContain('authorization');
      expect((await stored(recorded.id)).request_body.body.messages[0].content).toBe('debug: my key is [REDACTED]');
    });

    it("writes on the caller's transaction: a rollback takes the record with it", async () => {
      const { id, ownerId } = await newSession('rollback-user');
      const db = t.app.get(Database);
      const attempt = t.app.get(ClsService).run(() =>
        db.inTransaction(async () => {
          await tracking.record(call(id, ownerId));
          throw new Error('the turn failed');
        }),
      );
      await expect(attempt).rejects.toThrow('the turn failed');
      expect(await t.dataSource.query(`SELECT 1 FROM llm_requests WHERE session_id = $1`, [id])).toEqual([]);
    });

    it("sums an owner's spend since midnight UTC, for the daily cap", async () => {
      const { id, ownerId } = await newSession('spender');
      expect(await tracking.spentTodayUsd(ownerId)).toBe('0');
      await tracking.record(call(id, ownerId));
      await tracking.record(call(id, ownerId, { model: 'test-large', promptTokens: 1000, completionTokens: 1000 }));
      const old = await tracking.record(call(id, ownerId, { model: 'test-large', promptTokens: 1_000_000, completionTokens: 0 }));
      await t.dataSource.query(`UPDATE llm_requests SET created_at = now() - interval '2 days' WHERE id = $1`, [old.id]);
      // 0.0005253 + (1000 × 3 + 1000 × 15) / 1e6 = 0.0005253 + 0.018
      expect(await tracking.spentTodayUsd(ownerId)).toBe('0.0185253');
    });
  });

  describe('GET /v1/sessions/:id/usage', () => {
    it('totals and splits by model, counting calls without a price apart', async () => {
      const { auth, id, ownerId } = await newSession('usage-user');
      await tracking.record(call(id, ownerId));
      await tracking.record(call(id, ownerId));
      await tracking.record(call(id, ownerId, { model: 'mystery', promptTokens: 10, completionTokens: 5 }));
      const res = await t.http().get(`/v1/sessions/${id}/usage`).set(auth).expect(200);
      expect(res.body).toEqual({
        sessionId: id,
        totals: { requests: 3, promptTokens: 2478, completionTokens: 1139, totalTokens: 3617, cost: '0.0010506', unpricedRequests: 1 },
        byModel: [
          { model: 'mystery', requests: 1, promptTokens: 10, completionTokens: 5, totalTokens: 15, cost: null, unpricedRequests: 1 },
          { model: 'test-small', requests: 2, promptTokens: 2468, completionTokens: 1134, totalTokens: 3602, cost: '0.0010506', unpricedRequests: 0 },
        ],
      });
    });

    it('is zero for a session without calls', async () => {
      const { auth, id } = await newSession('idle-user');
      const res = await t.http().get(`/v1/sessions/${id}/usage`).set(auth).expect(200);
      expect(res.body).toEqual({
        sessionId: id,
        totals: { requests: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, cost: '0', unpricedRequests: 0 },
        byModel: [],
      });
    });

    it("answers 404 for another user's session, exactly like a missing one", async () => {
      const { id, ownerId } = await newSession('usage-owner');
      await tracking.record(call(id, ownerId));
      const intruder = await bearer('usage-intruder');
      await t.http().get(`/v1/sessions/${id}/usage`).set(intruder).expect(404).expect('content-type', PROBLEM);
      await t.http().get(`/v1/sessions/00000000-0000-4000-8000-000000000000/usage`).set(intruder).expect(404);
    });
  });

  describe('GET /v1/admin/usage', () => {
    const admin = { 'X-Admin-Key': ADMIN_KEY };
    const period = { from: '2020-01-01', to: '2020-01-31' };

    beforeAll(async () => {
      // Calls placed in January 2020, so no other test's calls fall in the period.
      const a = await newSession('report-a');
      const b = await newSession('report-b');
      const placed: [string, string, Partial<LlmCallRecord>, string][] = [
        [a.id, a.ownerId, {}, '2020-01-01T00:00:00Z'],
        [a.id, a.ownerId, { model: 'test-large', promptTokens: 100, completionTokens: 10 }, '2020-01-01T23:59:59Z'],
        [b.id, b.ownerId, {}, '2020-01-02T00:00:00Z'],
        [b.id, b.ownerId, { model: 'mystery', promptTokens: 7, completionTokens: 3 }, '2020-01-31T23:00:00Z'],
        [b.id, b.ownerId, {}, '2020-02-01T00:00:00Z'],
      ];
      for (const [sessionId, ownerId, overrides, at] of placed) {
        const { id } = await tracking.record(call(sessionId, ownerId, overrides));
        await t.dataSource.query(`UPDATE llm_requests SET created_at = $2 WHERE id = $1`, [id, at]);
      }
    });

    it('groups by model', async () => {
      const res = await t.http().get('/v1/admin/usage').query({ ...period, groupBy: 'model' }).set(admin).expect(200);
      expect(res.body).toEqual({
        from: '2020-01-01T00:00:00.000Z',
        to: '2020-02-01T00:00:00.000Z',
        groupBy: 'model',
        rows: [
          { key: 'mystery', requests: 1, promptTokens: 7, completionTokens: 3, totalTokens: 10, cost: null, unpricedRequests: 1 },
          { key: 'test-large', requests: 1, promptTokens: 100, completionTokens: 10, totalTokens: 110, cost: '0.00045', unpricedRequests: 0 },
          { key: 'test-small', requests: 2, promptTokens: 2468, completionTokens: 1134, totalTokens: 3602, cost: '0.0010506', unpricedRequests: 0 },
        ],
      });
    });

    it('groups by UTC day and by owner', async () => {
      const byDay = await t.http().get('/v1/admin/usage').query({ ...period, groupBy: 'day' }).set(admin).expect(200);
      expect(byDay.body.rows.map((r: { key: string; requests: number; cost: string }) => [r.key, r.requests, r.cost])).toEqual([
        ['2020-01-01', 2, '0.0009753'],
        ['2020-01-02', 1, '0.0005253'],
        ['2020-01-31', 1, null],
      ]);
      const byOwner = await t.http().get('/v1/admin/usage').query({ ...period, groupBy: 'owner' }).set(admin).expect(200);
      expect(byOwner.body.rows.map((r: { key: string; requests: number; unpricedRequests: number }) => [r.key, r.requests, r.unpricedRequests])).toEqual([
        ['user:report-a', 2, 0],
        ['user:report-b', 2, 1],
      ]);
    });

    it('exports the same rows as CSV', async () => {
      const res = await t.http().get('/v1/admin/usage').query({ ...period, groupBy: 'model', format: 'csv' }).set(admin).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="usage-by-model.csv"');
      expect(res.text).toBe(
        'model,requests,promptTokens,completionTokens,totalTokens,cost,unpricedRequests\r\n' +
          'mystery,1,7,3,10,,1\r\n' +
          'test-large,1,100,10,110,0.00045,0\r\n' +
          'test-small,2,2468,1134,3602,0.0010506,0\r\n',
      );
    });

    it('defaults to the last 30 days, grouped by model, as JSON', async () => {
      const res = await t.http().get('/v1/admin/usage').set(admin).expect(200);
      expect(res.body.groupBy).toBe('model');
      expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(30 * 86_400_000);
      expect(res.body.rows.map((r: { key: string }) => r.key)).toContain('test-small');
    });

    it.each([
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2020-02-30' }, 'to'],
      [{ from: '2020-02-01', to: '2020-01-01' }, 'from'],
      [{ groupBy: 'week' }, 'groupBy'],
      [{ format: 'xml' }, 'format'],
    ])('refuses %j with a 400 naming %s', async (query, field) => {
      const res = await t.http().get('/v1/admin/usage').query(query).set(admin).expect(400).expect('content-type', PROBLEM);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('requires the admin key: 401 without it or with a wrong one, and issues no visitor cookie', async () => {
      const missing = await t.http().get('/v1/admin/usage').expect(401).expect('content-type', PROBLEM);
      expect(missing.headers['set-cookie']).toBeUndefined();
      await t.http().get('/v1/admin/usage').set('X-Admin-Key', 'wrong').expect(401).expect('content-type', PROBLEM);
      await t.http().get('/v1/admin/usage').set(await bearer('not-an-admin')).expect(401);
    });
  });
});
