import TestAgent from 'supertest/lib/agent';
import { RequestQueryRunner } from '@/common/database/request-query-runner';
import { TestApp } from './test-app';

export type Headers = Record<string, string>;

/** A caller of the API: a user (bearer headers) or a visitor (an agent that keeps its cookie). */
export interface Caller {
  agent: TestAgent;
  headers: Headers;
}

export function userCaller(t: TestApp, headers: Headers): Caller {
  return { agent: t.http(), headers };
}

export function visitorCaller(t: TestApp): Caller {
  return { agent: t.browser(), headers: {} };
}

export async function newSession(caller: Caller): Promise<string> {
  return (await caller.agent.post('/v1/sessions').set(caller.headers).send({}).expect(201)).body.id as string;
}

/** Appends a user message; its stored id. */
export async function say(caller: Caller, sessionId: string, content: string, role = 'user'): Promise<string> {
  return (await caller.agent.post(`/v1/sessions/${sessionId}/messages`).set(caller.headers).send({ role, content }).expect(201)).body.id as string;
}

export async function profileOf(caller: Caller): Promise<Record<string, any>> {
  return (await caller.agent.get('/v1/profile').set(caller.headers).expect(200)).body;
}

/** The owner id of a session, read from the database (a visitor's id is known only there). */
export async function ownerIdOf(t: TestApp, sessionId: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT owner_id FROM sessions WHERE id = $1`, [sessionId]);
  return row.owner_id as string;
}

/**
 * Every SQL statement the app sends while `work` runs (BEGIN and COMMIT go straight to the
 * connection and are not counted), from the real QueryRunner: the hot-path rules are about
 * how many statements a request costs.
 */
export async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const viaOrm = jest.spyOn(RequestQueryRunner.prototype, 'query');
  const direct = jest.spyOn(RequestQueryRunner.prototype, 'queryDirect');
  try {
    await work();
    return [...viaOrm.mock.calls.map((call) => call[0]), ...direct.mock.calls.map((call) => call[0])];
  } finally {
    viaOrm.mockRestore();
    direct.mockRestore();
  }
}
