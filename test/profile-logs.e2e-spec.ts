import { LoggerService } from '@nestjs/common';
import { format } from 'node:util';
import { newSession, ownerIdOf, say, userCaller, visitorCaller } from './support/conversation';
import { bearer } from './support/tokens';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = { 'X-Admin-Key': 'log-admin-key' };
/** A name, an email, phones and an address: none may ever appear in a log line. */
const PLANTED = ['Philippa Canary', 'philippa.canary@example.com', '5125550163', '512-555-0163', '+15125550163', '4417 Canarywood Blvd', 'Canaryville'];

/** Every line the app logs, at every level, with whatever it passes along (stacks included). */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (...args: unknown[]): void => this.capture('log', args);
  error = (...args: unknown[]): void => this.capture('error', args);
  warn = (...args: unknown[]): void => this.capture('warn', args);
  debug = (...args: unknown[]): void => this.capture('debug', args);
  verbose = (...args: unknown[]): void => this.capture('verbose', args);
  fatal = (...args: unknown[]): void => this.capture('fatal', args);

  private capture(level: string, args: unknown[]): void {
    this.lines.push(`${level} ${args.map((arg) => (typeof arg === 'string' ? arg : format('%o', arg))).join(' ')}`);
  }
}

describe('logs never hold a name, an email, a phone or an address', () => {
  const logger = new CapturingLogger();
  const written: string[] = [];
  let t: TestApp;
  let restore: () => void;

  beforeAll(async () => {
    t = await startTestApp({ config: { adminApiKey: ADMIN['X-Admin-Key'], logLevel: 'verbose' }, logger });
    // Anything written around the logger (console.*, a library printing on its own) counts too.
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (written.push(String(chunk)), out(chunk, ...rest))) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (written.push(String(chunk)), err(chunk, ...rest))) as typeof process.stderr.write;
    restore = () => {
      process.stdout.write = out;
      process.stderr.write = err;
    };
  });
  afterAll(async () => {
    restore();
    await t.close();
  });

  it('after extraction, PATCHes, refusals, collisions, merges, a login, an export and an erasure', async () => {
    const first = visitorCaller(t);
    const firstSession = await newSession(first);
    await say(first, firstSession, `Hi, I'm ${PLANTED[0]}. My email is ${PLANTED[1]} and my number is ${PLANTED[3]}.`);
    await say(first, firstSession, `I live at ${PLANTED[5]}, ${PLANTED[6]}, Texas 78701`);
    await first.agent.post('/v1/chat').send({ sessionId: firstSession, message: `Actually call me on ${PLANTED[4]}` }).expect(200);
    await first.agent.patch('/v1/profile').send({ customerName: PLANTED[0], addressCity: PLANTED[6] }).expect(200);
    await first.agent.patch('/v1/profile').send({ phone: `${PLANTED[2]}99999`, email: 'not an email' }).expect(400);

    const second = visitorCaller(t);
    const secondSession = await newSession(second);
    await say(second, secondSession, `You can reach me at ${PLANTED[1]}`);
    const merged = await t.http().post('/v1/admin/profiles/merge').set(ADMIN).send({ from: await ownerIdOf(t, secondSession), into: await ownerIdOf(t, firstSession) }).expect(200);
    await t.http().post(`/v1/admin/profiles/merges/${merged.body.id}/revert`).set(ADMIN).expect(200);
    await t.http().get('/v1/admin/profiles/email-collisions').set(ADMIN).expect(200);

    const auth = await bearer('log-canary');
    await first.agent.get('/v1/profile').set(auth).expect(200);
    await userCaller(t, auth).agent.get('/v1/me/export').query({ format: 'ndjson' }).set(auth).expect(200);
    await userCaller(t, auth).agent.delete('/v1/me').set(auth).expect(200);

    const logged = [...logger.lines, ...written].join('\n');
    expect(logger.lines.some((line) => /email collision .*: visitor:\S+ has the email of visitor:/.test(line))).toBe(true);
    expect(logger.lines.some((line) => /merged visitor:/.test(line))).toBe(true);
    expect(logger.lines.some((line) => /erased 2 owner ids/.test(line))).toBe(true);
    for (const value of PLANTED) expect([value, logged.toLowerCase().includes(value.toLowerCase())]).toEqual([value, false]);
  });
});
