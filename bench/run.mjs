// `npm run bench`: Continuum against two floors (a minimal node:http + pg server, and raw pg
// with no HTTP) on a fresh local PostgreSQL database. See bench/README.md.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { cpuMeter, httpLoad, poolLoad } from './load.mjs';
import { appendMessage, getSession, listMessages } from './ops.mjs';
import { machineInfo, renderReport } from './report.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results');
const SERVER = 'postgresql://postgres@127.0.0.1:5432';
const DB_NAME = 'continuum_bench';
const DATABASE_URL = `${SERVER}/${DB_NAME}`;
/** Share of the machine's CPU used by processes outside the benchmark above which a run is flagged as noisy. */
const NOISY = 0.1;
const SECRET = 'continuum-bench-secret-do-not-use-anywhere-else';

const settings = {
  seconds: Number(process.env.BENCH_DURATION ?? 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 3),
  concurrency: 32,
  poolSize: 16,
  sessions: 500,
  messagesPerSession: 100,
};

const APPEND_DTO = {
  role: 'user',
  content:
    'Thanks, that helps. Could you now compare the two approaches we discussed for keeping the conversation ' +
    'history inside the context window, and tell me which one you would pick for a support chatbot?',
};

const children = [];
let admin, seeder, rawPool;

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const machine = await machineInfo(ROOT, SERVER);
  console.log(`bench: ${settings.seconds}s per run (+${settings.warmupSeconds}s warm-up), ${settings.concurrency} concurrent, pool ${settings.poolSize}`);

  admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);

  // The service migrates the new database as it starts.
  const serverEnv = { DATABASE_URL, AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DB_POOL_SIZE: String(settings.poolSize) };
  const continuum = await startServer('continuum', [...profile('continuum'), 'dist/src/main.js'], serverEnv);
  const minimal = await startServer('minimal', [...profile('minimal'), 'bench/minimal-server.mjs'], serverEnv);

  seeder = new pg.Client({ connectionString: DATABASE_URL });
  await seeder.connect();
  rawPool = new pg.Pool({ connectionString: DATABASE_URL, max: settings.poolSize });
  rawPool.on('error', () => {}); // an idle client dropped at clean-up; a failing query still throws
  const sessions = await Promise.all(
    Array.from({ length: settings.sessions }, async (_, i) => {
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(`bench-${i}`).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
      return { id: randomUUID(), ownerId: `user:bench-${i}`, auth: { authorization: `Bearer ${token}` } };
    }),
  );
  const randomSession = () => sessions[Math.floor(Math.random() * sessions.length)];

  const operations = [
    {
      name: 'append',
      route: 'POST /v1/sessions/:id/messages (connection/worker i always appends to session i)',
      perConnection: true,
      request: (i) => ({
        method: 'POST',
        path: `/v1/sessions/${sessions[i].id}/messages`,
        headers: { ...sessions[i].auth, 'content-type': 'application/json' },
        body: JSON.stringify(APPEND_DTO),
      }),
      raw: (i) => appendMessage(rawPool, sessions[i].ownerId, sessions[i].id, APPEND_DTO),
    },
    {
      name: 'history',
      route: 'GET /v1/sessions/:id/messages?limit=50 (random session per request)',
      request: (s = randomSession()) => ({ method: 'GET', path: `/v1/sessions/${s.id}/messages?limit=50`, headers: s.auth }),
      raw: (_, s = randomSession()) => listMessages(rawPool, s.ownerId, s.id, 50),
    },
    {
      name: 'get session',
      route: 'GET /v1/sessions/:id (random session per request)',
      request: (s = randomSession()) => ({ method: 'GET', path: `/v1/sessions/${s.id}`, headers: s.auth }),
      raw: (_, s = randomSession()) => getSession(rawPool, s.ownerId, s.id),
    },
  ];

  const targets = [
    { name: 'Continuum (HTTP)', server: continuum },
    { name: 'minimal node:http + pg (HTTP)', server: minimal },
    { name: 'raw pg (no HTTP)', server: null },
  ];

  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
  const results = [];
  for (const operation of operations.filter((op) => !only || only.includes(op.name))) {
    console.log(`\n## ${operation.name}: ${operation.route}`);
    const rows = [];
    for (const target of targets) {
      await reseed(sessions); // every run starts from the same data
      const run = (seconds) =>
        target.server
          ? httpLoad({ url: target.server.url, connections: settings.concurrency, seconds, request: operation.request, perConnection: operation.perConnection })
          : poolLoad({ concurrency: settings.concurrency, seconds, operation: operation.raw });
      if (settings.warmupSeconds > 0) await run(settings.warmupSeconds);
      const cpu = cpuMeter(target.server?.child.pid ?? process.pid, DB_NAME);
      const result = { target: target.name, ...(await run(settings.seconds)) };
      const { nodeMs, postgresMs, otherShare } = cpu();
      Object.assign(result, { nodeCpuMs: nodeMs / result.ok, postgresCpuMs: postgresMs / result.ok, otherShare });
      if (target.server && target.server.child.exitCode !== null) throw new Error(`${target.name} exited during the run; see ${target.server.logFile}`);
      rows.push(result);
      console.log(
        `  ${target.name.padEnd(30)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  ` +
          `errors ${result.errors}  CPU/req: node ${result.nodeCpuMs.toFixed(2)} ms, postgres ${result.postgresCpuMs.toFixed(2)} ms  ` +
          `other load ${(result.otherShare * 100).toFixed(0)}%`,
      );
      if (result.otherShare > NOISY) console.error(`  !! other processes used ${(result.otherShare * 100).toFixed(0)}% of the CPUs during this run: noisy numbers`);
      if (result.errors > 0) {
        console.error(`\n!!!!! ${result.errors} ERRORS: ${operation.name} on ${target.name}: ${result.detail}`);
        for (const sample of result.errorSamples) console.error(`!!!!!   ${sample}`);
        console.error('');
      }
    }
    results.push({ operation, rows });
  }

  const report = renderReport({ machine, settings, results, noisy: NOISY });
  writeFileSync(join(RESULTS, 'latest.md'), report);
  console.log(`\n${report}\nwritten to bench/results/latest.md`);
  const errors = results.flatMap((r) => r.rows).reduce((sum, row) => sum + row.errors, 0);
  if (errors > 0) {
    console.error(`\n!!!!! ${errors} requests failed during the benchmark: the numbers above are not trustworthy.`);
    process.exitCode = 1;
  }
}

/** Fresh tables holding `sessions` x messagesPerSession messages, shaped like the service's own rows. */
async function reseed(sessions) {
  await seeder.query('TRUNCATE sessions, visitors CASCADE'); // and every table that references them
  await seeder.query(
    `INSERT INTO sessions (id, owner_id, title, context_data, metadata, message_count, last_seq)
     SELECT id, owner_id, NULL, '{}', '{}', $3, $3 FROM unnest($1::uuid[], $2::text[]) AS s(id, owner_id)`,
    [sessions.map((s) => s.id), sessions.map((s) => s.ownerId), settings.messagesPerSession],
  );
  await seeder.query(
    `INSERT INTO messages (session_id, seq, role, content)
     SELECT s.id, m.seq, CASE WHEN m.seq % 2 = 1 THEN 'user' ELSE 'assistant' END,
            format('%s %s of %s: ', CASE WHEN m.seq % 2 = 1 THEN 'Question' ELSE 'Answer' END, m.seq, s.owner_id)
              || substr(repeat('we keep the last turns verbatim, summarise older ones and count tokens before each model call; ', 3), 1 + m.seq % 40, 170)
     FROM sessions s CROSS JOIN generate_series(1, $1::int) AS m(seq)`,
    [settings.messagesPerSession],
  );
  await seeder.query('VACUUM ANALYZE sessions, messages');
  await seeder.query('CHECKPOINT');
}

/** With BENCH_CPU_PROF=1, node's CPU profile of a server, written when it exits (it must exit normally on SIGTERM). */
function profile(name) {
  if (!process.env.BENCH_CPU_PROF) return [];
  const exitOnSigterm = `--import=data:text/javascript,process.once('SIGTERM',()=>process.exit(0))`;
  return ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS, 'profiles')}`, `--cpu-prof-name=${name}.cpuprofile`, exitOnSigterm];
}

async function startServer(name, args, env) {
  const port = await freePort();
  const logFile = join(RESULTS, `${name}.log`);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting; see ${logFile}`);
    const status = await fetch(`${url}/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) return { child, url, logFile };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready within 60 s; see ${logFile}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}

let cleaning = null;
function cleanUp() {
  cleaning ??= (async () => {
    await Promise.all(children.map(stopChild));
    await seeder?.end().catch(() => {});
    await rawPool?.end().catch(() => {});
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch((e) => console.error(`could not drop ${DB_NAME}:`, e.message));
      await admin.end().catch(() => {});
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping servers and dropping ${DB_NAME}`);
    cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  console.error('\nbench failed:', error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
