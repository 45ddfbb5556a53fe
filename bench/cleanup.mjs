// `npm run bench:cleanup`: the session-cleanup maintenance job on 100,000 expired sessions (10
// messages each) while a steady load of appends and history reads runs on a few hundred live
// sessions, against the built service on a fresh local PostgreSQL database. The load's latency
// while the job runs is compared with the same load without it. See bench/README.md.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { cpuMeter, httpLoad } from './load.mjs';
import { machineInfo } from './report.mjs';
import { startServer, stopAllServers, stopServer } from './servers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results');
const SERVER = 'postgresql://postgres@127.0.0.1:5432';
const DB_NAME = 'continuum_bench_cleanup';
const DATABASE_URL = `${SERVER}/${DB_NAME}`;
const SECRET = 'continuum-bench-secret-do-not-use-anywhere-else';
const ADMIN_KEY = 'continuum-bench-admin-key';
/** Share of the machine's CPU used by processes outside the benchmark above which a run is flagged as noisy. */
const NOISY = 0.1;
/** The issue's target: the load's p99 while the job runs is at most this times its p99 without it. */
const MAX_P99_RATIO = 2;

const settings = {
  expiredSessions: Number(process.env.BENCH_CLEANUP_SESSIONS ?? 100_000),
  messagesPerExpired: 10,
  liveSessions: 300,
  messagesPerLive: 20,
  /** Closed-loop connections of the steady load (one request in flight each). */
  connections: Number(process.env.BENCH_CONNECTIONS ?? 8),
  poolSize: 16,
  seconds: Number(process.env.BENCH_DURATION ?? 15),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 3),
  /** MAINTENANCE_BATCH_SIZE values to measure, one full round (reseed, baseline, job) each. */
  batchSizes: (process.env.BENCH_BATCH_SIZES ?? '500').split(',').map(Number),
  /** MAINTENANCE_REST_PER_BATCH values to measure (the job's rest after each batch, as a multiple of the batch's time). */
  rests: (process.env.BENCH_RESTS ?? '1').split(',').map(Number),
  /** Rounds of every batch size and rest (each on fresh data). */
  rounds: Number(process.env.BENCH_ROUNDS ?? 1),
};

const APPEND = JSON.stringify({ role: 'user', content: 'Could you compare the two approaches we discussed for keeping the history inside the context window?' });

let admin, seeder;

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const machine = await machineInfo(ROOT, SERVER);
  console.log(
    `bench:cleanup: ${settings.expiredSessions} expired sessions x ${settings.messagesPerExpired} messages, ${settings.liveSessions} live sessions, ` +
      `${settings.connections} connections of load, batch sizes ${settings.batchSizes.join(', ')}, rests per batch ${settings.rests.join(', ')}`,
  );
  admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  seeder = new pg.Client({ connectionString: DATABASE_URL });
  await seeder.connect();

  const live = await Promise.all(
    Array.from({ length: settings.liveSessions }, async (_, i) => {
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(`live-${i}`).setIssuedAt().setExpirationTime('2h').sign(new TextEncoder().encode(SECRET));
      return { id: randomUUID(), ownerId: `user:live-${i}`, auth: { authorization: `Bearer ${token}` } };
    }),
  );
  const rounds = [];
  for (let i = 1; i <= settings.rounds; i++) {
    for (const batchSize of settings.batchSizes) {
      for (const rest of settings.rests) rounds.push(await round({ batchSize, rest }, live));
    }
  }

  const report = renderCleanupReport(machine, rounds);
  writeFileSync(join(RESULTS, 'cleanup.md'), report);
  console.log(`\n${report}\nwritten to bench/results/cleanup.md`);
  if (rounds.some((r) => r.baseline.errors + r.during.errors > 0 || !r.verified)) process.exitCode = 1;
}

/** One batch size: a fresh service, fresh data, the load without the job, then the load while the job runs. */
async function round({ batchSize, rest }, live) {
  console.log(`\n## MAINTENANCE_BATCH_SIZE=${batchSize} MAINTENANCE_REST_PER_BATCH=${rest}`);
  const env = {
    DATABASE_URL, AUTH_JWT_SECRET: SECRET, ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'warn', DB_POOL_SIZE: String(settings.poolSize),
    MAINTENANCE_CRON: 'off', MAINTENANCE_BATCH_SIZE: String(batchSize), MAINTENANCE_REST_PER_BATCH: String(rest),
    SESSION_RETENTION_DAYS: '7', MAX_MESSAGES_PER_SESSION: '200',
  };
  const server = await startServer({ name: `cleanup-${batchSize}-${rest}`, args: ['dist/src/main.js'], env, cwd: ROOT, logDir: RESULTS });
  const seedStarted = performance.now();
  await seed(live);
  console.log(`  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const load = (seconds, stopWhen) => httpLoad({ url: server.url, connections: settings.connections, seconds, request: mixedRequest(live), stopWhen });
  if (settings.warmupSeconds > 0) await load(settings.warmupSeconds);
  const baseline = await measured(server, () => load(settings.seconds));
  print('load without the job', baseline);

  const before = await counts();
  const job = runCleanup(server.url);
  const during = await measured(server, () => load(600, job));
  const run = await job;
  print('load while the job runs', during);
  const after = await counts();
  const verified = after.expired === 0 && after.orphans === 0 && after.live === settings.liveSessions && run.status === 'ok' && run.rowsAffected === settings.expiredSessions;
  // Appends go to live sessions only: every message of an expired session went with it.
  const messagesDeleted = before.expiredMessages;
  console.log(
    `  job: ${run.status}, ${run.rowsAffected} sessions and ${messagesDeleted} messages deleted in ${(run.durationMs / 1000).toFixed(1)} s ` +
      `(${Math.round(run.rowsAffected / (run.durationMs / 1000))} sessions/s, ${run.details.batches} batches, the longest ${run.details.longestBatchMs} ms); ` +
      `p99 ${(during.p99 / baseline.p99).toFixed(2)}x without the job` +
      (verified ? '' : `  !! not every expired session went, or a live one did: ${JSON.stringify({ after, run })}`),
  );
  await stopServer(server.child);
  return { batchSize, rest, baseline, during, run, verified, messagesDeleted };
}

/** Half appends, half history pages (newest 50), each on a random live session. */
function mixedRequest(live) {
  return () => {
    const session = live[Math.floor(Math.random() * live.length)];
    return Math.random() < 0.5
      ? { method: 'POST', path: `/v1/sessions/${session.id}/messages`, headers: { ...session.auth, 'content-type': 'application/json' }, body: APPEND }
      : { method: 'GET', path: `/v1/sessions/${session.id}/messages?limit=50`, headers: session.auth };
  };
}

async function measured(server, run) {
  const cpu = cpuMeter(server.child.pid, DB_NAME);
  const result = await run();
  const { exitCode, signalCode } = server.child;
  if (exitCode !== null || signalCode !== null) throw new Error(`the service exited (${signalCode ?? `code ${exitCode}`}) during the run; see ${server.logFile}`);
  const { nodeMs, postgresMs, otherShare } = cpu();
  return { ...result, nodeCpuMs: nodeMs, postgresCpuMs: postgresMs, otherShare };
}

function print(label, r) {
  console.log(
    `  ${label.padEnd(26)} ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}  ` +
      `other load ${(r.otherShare * 100).toFixed(0)}%`,
  );
  if (r.otherShare > NOISY) console.error(`  !! other processes used ${(r.otherShare * 100).toFixed(0)}% of the CPUs meanwhile: noisy numbers`);
  if (r.errors > 0) console.error(`  !! ${r.errors} errors: ${r.detail}\n  ${r.errorSamples.join('\n  ')}`);
}

async function runCleanup(url) {
  const response = await fetch(`${url}/v1/admin/maintenance/session-cleanup/run`, { method: 'POST', headers: { 'x-admin-key': ADMIN_KEY } });
  if (response.status !== 201) throw new Error(`the job answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function counts() {
  const { rows } = await seeder.query(
    `SELECT (SELECT count(*)::int FROM sessions WHERE last_activity_at < now() - interval '7 days') AS expired,
            (SELECT count(*)::int FROM sessions WHERE last_activity_at >= now() - interval '7 days') AS live,
            (SELECT count(*)::int FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.last_activity_at < now() - interval '7 days') AS "expiredMessages",
            (SELECT count(*)::int FROM messages m WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = m.session_id)) AS orphans`,
  );
  return rows[0];
}

/** Expired sessions idle 8 to 38 days (the oldest are deleted first), each with 10 messages; live ones active now. */
async function seed(live) {
  await seeder.query('TRUNCATE sessions, visitors, maintenance_runs CASCADE');
  await seeder.query(
    `INSERT INTO sessions (owner_id, message_count, last_seq, created_at, last_activity_at)
     SELECT 'user:old-' || (i % 5000), $2, $2, now() - interval '60 days', now() - interval '8 days' - (i % 30) * interval '1 day' - i * interval '1 second'
     FROM generate_series(1, $1::int) AS i`,
    [settings.expiredSessions, settings.messagesPerExpired],
  );
  await seeder.query(
    `INSERT INTO sessions (id, owner_id, message_count, last_seq) SELECT id, owner_id, $3, $3 FROM unnest($1::uuid[], $2::text[]) AS s(id, owner_id)`,
    [live.map((s) => s.id), live.map((s) => s.ownerId), settings.messagesPerLive],
  );
  await seeder.query(
    `INSERT INTO messages (session_id, seq, role, content)
     SELECT s.id, m.seq, CASE WHEN m.seq % 2 = 1 THEN 'user' ELSE 'assistant' END,
            substr(repeat('we keep the last turns verbatim, summarise older ones and count tokens before each model call; ', 3), 1 + m.seq % 40, 200)
     FROM sessions s CROSS JOIN LATERAL generate_series(1, s.last_seq) AS m(seq)`,
  );
  await seeder.query('VACUUM ANALYZE sessions, messages');
  await seeder.query('CHECKPOINT');
}

function renderCleanupReport(machine, rounds) {
  const ms = (value) => value.toFixed(2);
  const lines = [
    '# Session cleanup under load',
    '',
    `- date: ${machine.date}`,
    `- machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; PostgreSQL ${machine.postgres} (local, 127.0.0.1)`,
    `- commit: ${machine.commit}`,
    `- data: ${settings.expiredSessions} sessions idle 8 to 38 days with ${settings.messagesPerExpired} messages each (~200 chars); ` +
      `${settings.liveSessions} live sessions with ${settings.messagesPerLive} messages; SESSION_RETENTION_DAYS=7; reseeded for every round`,
    `- load: ${settings.connections} connections, one request in flight each, half \`POST /v1/sessions/:id/messages\`, half ` +
      '`GET /v1/sessions/:id/messages?limit=50`, on random live sessions (bearer tokens of their owners); ' +
      `the service with DB_POOL_SIZE=${settings.poolSize}`,
    `- procedure: ${settings.warmupSeconds} s warm-up, ${settings.seconds} s of load without the job, then \`POST /v1/admin/maintenance/session-cleanup/run\` ` +
      'with the same load running until the job answers; latency of successful requests, measured by the load generator',
    '- other load: CPU used meanwhile by processes outside the benchmark (other people\'s work on this shared machine), as a share of all cores',
    '',
    '| MAINTENANCE_BATCH_SIZE | rest per batch | job duration | sessions deleted | messages deleted | sessions/s | batches | longest batch | load req/s without / during | p50 ms without / during | p99 ms without / during | p99 ratio | errors | other load without / during |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rounds) {
    const ratio = r.during.p99 / r.baseline.p99;
    lines.push(
      `| ${r.batchSize} | ${r.rest} | ${(r.run.durationMs / 1000).toFixed(1)} s | ${r.run.rowsAffected} | ${r.messagesDeleted} | ${Math.round(r.run.rowsAffected / (r.run.durationMs / 1000))} | ` +
        `${r.run.details.batches} | ${r.run.details.longestBatchMs} ms | ` +
        `${r.baseline.rps.toFixed(0)} / ${r.during.rps.toFixed(0)} | ${ms(r.baseline.p50)} / ${ms(r.during.p50)} | ${ms(r.baseline.p99)} / ${ms(r.during.p99)} | ` +
        `${ratio.toFixed(2)}x ${ratio <= MAX_P99_RATIO ? 'pass' : 'FAIL'} | ${r.baseline.errors + r.during.errors} | ` +
        `${(r.baseline.otherShare * 100).toFixed(0)}% / ${(r.during.otherShare * 100).toFixed(0)}%${Math.max(r.baseline.otherShare, r.during.otherShare) > NOISY ? ' (noisy)' : ''} |`,
    );
  }
  lines.push('', `Target: the load's p99 while the job runs is at most ${MAX_P99_RATIO}x its p99 without it.`, '');
  if (settings.rounds > 1) lines.push(...mediansTable(rounds), '');
  return lines.join('\n');
}

/** Per batch size, the median over its rounds (other people's load on the machine moves single rounds a lot). */
function mediansTable(rounds) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const lines = [
    `Medians over ${settings.rounds} rounds of each (rounds with other load above ${NOISY * 100}%: noisy):`,
    '',
    '| MAINTENANCE_BATCH_SIZE | rest per batch | job duration | longest batch | p99 ms without | p99 ms during | p99 ratio | noisy rounds |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [batchSize, rest] of settings.batchSizes.flatMap((size) => settings.rests.map((r) => [size, r]))) {
    const mine = rounds.filter((r) => r.batchSize === batchSize && r.rest === rest);
    const ratio = median(mine.map((r) => r.during.p99 / r.baseline.p99));
    const noisy = mine.filter((r) => Math.max(r.baseline.otherShare, r.during.otherShare) > NOISY).length;
    lines.push(
      `| ${batchSize} | ${rest} | ${(median(mine.map((r) => r.run.durationMs)) / 1000).toFixed(1)} s | ${median(mine.map((r) => r.run.details.longestBatchMs))} ms | ` +
        `${median(mine.map((r) => r.baseline.p99)).toFixed(2)} | ${median(mine.map((r) => r.during.p99)).toFixed(2)} | ` +
        `${ratio.toFixed(2)}x ${ratio <= MAX_P99_RATIO ? 'pass' : 'FAIL'} | ${noisy} of ${mine.length} |`,
    );
  }
  return lines;
}




let cleaning = null;
function cleanUp() {
  cleaning ??= (async () => {
    await stopAllServers();
    await seeder?.end().catch(() => {});
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch((e) => console.error(`could not drop ${DB_NAME}:`, e.message));
      await admin.end().catch(() => {});
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the service and dropping ${DB_NAME}`);
    cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  console.error('\nbench:cleanup failed:', error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
