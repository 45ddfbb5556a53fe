import { MaintenanceRunner } from '@/maintenance/maintenance-runner';
import { ADMIN_KEY, Auth, exists, insertLlmRequest, maintenanceConfig, makeIdle, newSession, newVisitor, runJob } from './support/maintenance';
import { startTestApp, TestApp } from './support/test-app';

const CAP = 3;

/**
 * The jobs against a real database, their data made old by direct UPDATEs of its timestamps.
 * Batches of 2 rows, so that every job here runs in several batches.
 */
describe('maintenance jobs', () => {
  let t: TestApp;
  let runner: MaintenanceRunner;
  beforeAll(async () => {
    t = await startTestApp({
      config: { adminApiKey: ADMIN_KEY, maxMessagesPerSession: CAP, maintenance: maintenanceConfig({ batchSize: 2, sessionRetentionDays: 7 }) },
    });
    runner = t.app.get(MaintenanceRunner);
  });
  afterAll(() => t.close());

  const append = (auth: Auth, id: string, content: string, key?: string) => {
    const req = t.http().post(`/v1/sessions/${id}/messages`).set(auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send({ role: 'user', content }).expect(201);
  };
  const count = async (sql: string, params: unknown[]) => (await t.dataSource.query(sql, params))[0].n as number;

  describe('session-cleanup', () => {
    it('deletes idle sessions with their messages, keys and lease; their llm_requests keep the cost without the session', async () => {
      const old = await newSession(t, 'cleanup-old');
      const fresh = await newSession(t, 'cleanup-fresh');
      for (const session of [old, fresh]) {
        await append(session.auth, session.id, 'one', `key-${session.id}`);
        await append(session.auth, session.id, 'two');
      }
      await t.dataSource.query(`INSERT INTO chat_leases (session_id, holder, expires_at) VALUES ($1, gen_random_uuid(), now() + interval '1 minute')`, [old.id]);
      const call = await insertLlmRequest(t, { sessionId: old.id, ownerId: old.ownerId, cost: '0.0123' });
      await makeIdle(t, old.id, 8);
      await makeIdle(t, fresh.id, 6);

      const res = await runJob(t, 'session-cleanup');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ job: 'session-cleanup', trigger: 'admin', status: 'ok', rowsAffected: 1, details: { sessionsDeleted: 1, retentionDays: 7 } });

      await t.http().get(`/v1/sessions/${old.id}`).set(old.auth).expect(404);
      expect(await count(`SELECT count(*)::int AS n FROM messages WHERE session_id = $1`, [old.id])).toBe(0);
      expect(await exists(t, 'idempotency_keys', 'session_id', old.id)).toBe(false);
      expect(await exists(t, 'chat_leases', 'session_id', old.id)).toBe(false);
      const [ledger] = await t.dataSource.query(`SELECT session_id, owner_id, computed_cost::text AS cost FROM llm_requests WHERE id = $1`, [call]);
      expect(ledger).toEqual({ session_id: null, owner_id: old.ownerId, cost: '0.0123' });

      const kept = await t.http().get(`/v1/sessions/${fresh.id}/messages`).set(fresh.auth).expect(200);
      expect(kept.body.items.map((m: { content: string }) => m.content)).toEqual(['one', 'two']);
      expect(await exists(t, 'idempotency_keys', 'session_id', fresh.id)).toBe(true);
    });

    it('judges the cutoff inside each DELETE: a session touched between two batches is not deleted', async () => {
      const sessions: Awaited<ReturnType<typeof newSession>>[] = [];
      for (let i = 0; i < 4; i++) sessions.push(await newSession(t, `race-${i}`));
      for (const [i, session] of sessions.entries()) await makeIdle(t, session.id, 30 - i); // oldest first
      const [first, second, third, touched] = sessions;
      // After the first batch (the two oldest), the last one is read by its owner, which makes it active again.
      const stop = runner.addListener({
        batchDone: async (job, batch) => {
          if (job === 'session-cleanup' && batch === 1) await t.http().get(`/v1/sessions/${touched.id}`).set(touched.auth).expect(200);
        },
      });
      try {
        const res = await runJob(t, 'session-cleanup');
        expect(res.body).toMatchObject({ status: 'ok', rowsAffected: 3 });
      } finally {
        stop();
      }
      for (const gone of [first, second, third]) expect(await exists(t, 'sessions', 'id', gone.id)).toBe(false);
      expect(await exists(t, 'sessions', 'id', touched.id)).toBe(true);
    });

    it('keeps the batches committed before a failing one, records the failure, and the next run finishes the work', async () => {
      const sessions: Awaited<ReturnType<typeof newSession>>[] = [];
      for (let i = 0; i < 4; i++) sessions.push(await newSession(t, `crash-${i}`));
      for (const [i, session] of sessions.entries()) {
        await append(session.auth, session.id, i === 2 ? 'poison' : 'fine');
        await makeIdle(t, session.id, 40 - i);
      }
      // A database error in the second batch: deleting the third session's message fails.
      await t.dataSource.query(`
        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF OLD.content = 'poison' THEN RAISE EXCEPTION 'poisoned batch'; END IF; RETURN OLD; END $$`);
      await t.dataSource.query(`CREATE TRIGGER refuse_poison BEFORE DELETE ON messages FOR EACH ROW EXECUTE FUNCTION refuse_poison()`);
      try {
        const failed = await runJob(t, 'session-cleanup');
        expect(failed.body).toMatchObject({ status: 'failed', rowsAffected: 2, error: expect.stringContaining('poisoned batch') });
      } finally {
        await t.dataSource.query(`DROP TRIGGER refuse_poison ON messages`);
        await t.dataSource.query(`DROP FUNCTION refuse_poison()`);
      }
      const left = async () => (await Promise.all(sessions.map((s) => exists(t, 'sessions', 'id', s.id)))).map(Boolean);
      expect(await left()).toEqual([false, false, true, true]);
      // The failed batch left nothing half-done: the third session still has its message, and its count says so.
      expect(await count(`SELECT count(*)::int AS n FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.id = $1 AND s.message_count = 1`, [sessions[2].id])).toBe(1);

      const next = await runJob(t, 'session-cleanup');
      expect(next.body).toMatchObject({ status: 'ok', rowsAffected: 2 });
      expect(await left()).toEqual([false, false, false, false]);
    });

    it('marks a run that a crash left "running" as failed when the job next runs', async () => {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO maintenance_runs (job, trigger, status, replica, started_at) VALUES ('session-cleanup', 'schedule', 'running', 'gone:1', now() - interval '1 hour') RETURNING id`,
      );
      expect((await runJob(t, 'session-cleanup')).body.status).toBe('ok');
      const [stale] = await t.dataSource.query(`SELECT status, error, finished_at FROM maintenance_runs WHERE id = $1`, [id]);
      expect(stale).toMatchObject({ status: 'failed', error: expect.stringMatching(/^interrupted/), finished_at: expect.any(Date) });
    });
  });

  describe('message-pruning', () => {
    /** A session holding `messages` messages (seq 1..n), as if the cap had been higher when they came. */
    async function sessionWith(user: string, messages: number) {
      const session = await newSession(t, user);
      await t.dataSource.query(
        `INSERT INTO messages (session_id, seq, role, content) SELECT $1, seq, 'user', 'message ' || seq FROM generate_series(1, $2::int) AS seq`,
        [session.id, messages],
      );
      await t.dataSource.query(`UPDATE sessions SET message_count = $2, last_seq = $2 WHERE id = $1`, [session.id, messages]);
      return session;
    }
    const state = async (id: string) =>
      (
        await t.dataSource.query(
          `SELECT s.message_count AS count, s.last_seq AS "lastSeq", array(SELECT seq FROM messages WHERE session_id = s.id ORDER BY seq) AS seqs
           FROM sessions s WHERE s.id = $1`,
          [id],
        )
      )[0];

    it('cuts every session over the cap back to it, oldest first, keeping seq and message_count true', async () => {
      const over = [await sessionWith('prune-a', 8), await sessionWith('prune-b', 10), await sessionWith('prune-c', 4)];
      const atCap = await sessionWith('prune-at-cap', CAP);
      const activity = async () => (await t.dataSource.query(`SELECT id, last_activity_at FROM sessions ORDER BY id`)) as unknown[];
      const before = await activity();

      const res = await runJob(t, 'message-pruning');
      expect(res.body).toMatchObject({ status: 'ok', rowsAffected: 5 + 7 + 1, details: { cap: CAP, sessionsPruned: 3 } });
      expect(await state(over[0].id)).toEqual({ count: 3, lastSeq: 8, seqs: [6, 7, 8] });
      expect(await state(over[1].id)).toEqual({ count: 3, lastSeq: 10, seqs: [8, 9, 10] });
      expect(await state(over[2].id)).toEqual({ count: 3, lastSeq: 4, seqs: [2, 3, 4] });
      expect(await state(atCap.id)).toEqual({ count: 3, lastSeq: 3, seqs: [1, 2, 3] });
      expect(await activity()).toEqual(before); // pruning is not activity

      // The next append goes on from the session's seq, never reusing one.
      expect((await append(over[0].auth, over[0].id, 'after pruning')).body.seq).toBe(9);
      expect(await state(over[0].id)).toEqual({ count: 3, lastSeq: 9, seqs: [7, 8, 9] });
      expect((await runJob(t, 'message-pruning')).body).toMatchObject({ status: 'ok', rowsAffected: 0 });
    });
  });

  describe('expired-records', () => {
    it('deletes idempotency keys past 24 h, expired leases, and visitors with an expired cookie and no session', async () => {
      const { auth, id } = await newSession(t, 'expired-records');
      await append(auth, id, 'old key', 'old-key');
      await append(auth, id, 'new key', 'new-key');
      await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`);
      const other = await newSession(t, 'expired-records-2');
      await t.dataSource.query(
        `INSERT INTO chat_leases (session_id, holder, expires_at) VALUES ($1, gen_random_uuid(), now() - interval '1 second'), ($2, gen_random_uuid(), now() + interval '1 minute')`,
        [id, other.id],
      );
      const idle = await newVisitor(t);
      const idleWithSession = await newVisitor(t);
      await idleWithSession.browser.post('/v1/sessions').send({}).expect(201);
      const recent = await newVisitor(t);
      const ageVisitor = (visitorId: string) =>
        t.dataSource.query(`UPDATE visitors SET created_at = now() - interval '8 days', last_seen_at = now() - interval '8 days' WHERE id = $1`, [visitorId]);
      await ageVisitor(idle.id);
      await ageVisitor(idleWithSession.id);

      const res = await runJob(t, 'expired-records');
      expect(res.body).toMatchObject({ status: 'ok', rowsAffected: 3, details: { idempotencyKeys: 1, visitors: 1, chatLeases: 1 } });
      expect(await exists(t, 'idempotency_keys', 'key', 'old-key')).toBe(false);
      expect(await exists(t, 'idempotency_keys', 'key', 'new-key')).toBe(true);
      expect(await exists(t, 'chat_leases', 'session_id', id)).toBe(false);
      expect(await exists(t, 'chat_leases', 'session_id', other.id)).toBe(true);
      expect(await exists(t, 'visitors', 'id', idle.id)).toBe(false);
      expect(await exists(t, 'visitors', 'id', idleWithSession.id)).toBe(true);
      expect(await exists(t, 'visitors', 'id', recent.id)).toBe(true);
      // The retried append with the expired key is a new request now, not a replay.
      expect((await append(auth, id, 'old key again', 'old-key')).body.content).toBe('old key again');
    });

    it('takes the profile of an expired visitor with it, once its conversations are gone', async () => {
      const gone = await newVisitor(t);
      const session = (await gone.browser.post('/v1/sessions').send({}).expect(201)).body.id;
      await gone.browser.post(`/v1/sessions/${session}/messages`).send({ role: 'user', content: 'Hi, my name is Ada Lovelace.' }).expect(201);
      expect((await gone.browser.get('/v1/profile').expect(200)).body.customerName).toBe('Ada Lovelace');
      await t.dataSource.query(`DELETE FROM sessions WHERE id = $1`, [session]);
      await t.dataSource.query(`UPDATE visitors SET last_seen_at = now() - interval '8 days' WHERE id = $1`, [gone.id]);

      await runJob(t, 'expired-records');
      expect(await exists(t, 'visitors', 'id', gone.id)).toBe(false);
      expect(await exists(t, 'profiles', 'owner_id', `visitor:${gone.id}`)).toBe(false);
      expect(await exists(t, 'profile_events', 'owner_id', `visitor:${gone.id}`)).toBe(false);
    });
  });
});
