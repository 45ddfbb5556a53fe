import { createHash } from 'node:crypto';
import { Test } from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppConfig, loadConfig } from '@/common/config/app-config';
import { TestApp } from './test-app';
import { bearer } from './tokens';

export const ADMIN_KEY = 'admin-key-for-maintenance-tests';

/** Maintenance settings for a test app: the defaults with the schedule off, and overrides. */
export function maintenanceConfig(overrides: Partial<AppConfig['maintenance']> = {}): AppConfig['maintenance'] {
  return { ...loadConfig({}).maintenance, cron: null, ...overrides };
}

export type Auth = { Authorization: string };

export async function newSession(t: TestApp, user: string): Promise<{ auth: Auth; id: string; ownerId: string }> {
  const auth = await bearer(user);
  const id = (await t.http().post('/v1/sessions').set(auth).send({}).expect(201)).body.id as string;
  return { auth, id, ownerId: `user:${user}` };
}

/** A new anonymous visitor: a browser holding its cookie, and its id. */
export async function newVisitor(t: TestApp): Promise<{ browser: TestAgent; id: string }> {
  const browser = t.browser();
  const res = await browser.get('/v1/sessions').expect(200);
  const value = /=([^;]+)/.exec(res.headers['set-cookie'][0] as string)![1];
  const keyHash = createHash('sha256').update(value).digest('hex');
  const [{ id }] = await t.dataSource.query(`SELECT id FROM visitors WHERE key_hash = $1`, [keyHash]);
  return { browser, id };
}

/** Makes a session look idle for `days` days. */
export async function makeIdle(t: TestApp, sessionId: string, days: number): Promise<void> {
  await t.dataSource.query(`UPDATE sessions SET last_activity_at = now() - make_interval(days => $2) WHERE id = $1`, [sessionId, days]);
}

export async function exists(t: TestApp, table: string, column: string, value: string): Promise<boolean> {
  return (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [value]))[0].n > 0;
}

/** One model call's row, made directly (cost as decimal text). */
export async function insertLlmRequest(t: TestApp, row: { sessionId: string | null; ownerId: string; cost: string; daysAgo?: number }): Promise<string> {
  const [{ id }] = await t.dataSource.query(
    `INSERT INTO llm_requests (session_id, owner_id, provider, model, prompt_tokens, completion_tokens, total_tokens, usage_source,
                               unit_cost_prompt, unit_cost_completion, computed_cost, latency_ms, attempts, status, created_at)
     VALUES ($1, $2, 'openai', 'test-model', 10, 5, 15, 'provider', 1, 1, $3, 100, 1, 'ok', now() - make_interval(days => $4))
     RETURNING id`,
    [row.sessionId, row.ownerId, row.cost, row.daysAgo ?? 0],
  );
  return id;
}

export function runJob(t: TestApp, job: string): Test {
  return t.http().post(`/v1/admin/maintenance/${job}/run`).set('X-Admin-Key', ADMIN_KEY).send();
}
