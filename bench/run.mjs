// `npm run bench`: Continuum against two floors (a minimal node:http + pg server, and raw pg
// with no HTTP) on a fresh local PostgreSQL database; POST /v1/chat (offline model) against
// the raw-pg floor; and context assembly in-process. See bench/README.md.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { chatFloor } from './chat-ops.mjs';
import { assemblyBench, contextFromDatabaseBench, describeHistory, loadService, makeHistory, offlinePromptCountBench, SAMPLE_MEMORY } from './context.mjs';
import { cpuMeter, httpLoad, poolLoad } from './load.mjs';
import { appendMessage, getSession, listMessages } from './ops.mjs';
import { machineInfo, renderReport } from './report.mjs';
import { startServer as startServerIn, stopAllServers } from './servers.mjs';

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
  /** Rounds of every HTTP operation on every target (the report gives medians and the spread). */
  runs: Number(process.env.BENCH_RUNS ?? 3),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 3),
  concurrency: 32,
  poolSize: 16,
  sessions: 500,
  messagesPerSession: 100,
  /** Chat: one session per connection, seeded at the cap (MAX_MESSAGES_PER_SESSION, 200) with the context benchmark's history. */
  chatMessagesPerSession: 200,
  /** Context assembly: seconds timed per case (after a third of it as warm-up). */
  contextSeconds: Math.min(3, Number(process.env.BENCH_DURATION ?? 10)),
};

/** The chat turn's message (~200 characters, like an append). */
const CHAT_MESSAGE =
  'Thanks, that helps. Could you now compare the two approaches we discussed for keeping the conversation ' +
  'history inside the context window, and tell me which one you would pick for a support chatbot?';

/** Continuum runs with no LLM configured (the offline model) and the defaults of everything a chat turn reads, whatever this shell's environment holds. */
const OFFLINE_ENV = Object.fromEntries(
  ['LLM_PROVIDER', 'LLM_BASE_URL', 'LLM_API_KEY', 'LLM_MODEL', 'LLM_MODELS', 'MODEL_PRICES', 'CHAT_SYSTEM_PROMPT', 'DAILY_COST_LIMIT_USD',
    'TOKEN_BUDGET_TOTAL', 'TOKEN_BUDGET_SYSTEM_SHARE', 'TOKEN_BUDGET_MEMORY_SHARE', 'TOKEN_BUDGET_RESERVE_SHARE', 'MAX_MESSAGES_PER_SESSION',
    'MAX_CONTENT_CHARS', 'CHAT_TURN_WAIT_MS', 'CHAT_LEASE_TTL_MS'].map((name) => [name, '']),
);

const APPEND_DTO = {
  role: 'user',
  content:
    'Thanks, that helps. Could you now compare the two approaches we discussed for keeping the conversation ' +
    'history inside the context window, and tell me which one you would pick for a support chatbot?',
};

/** The targets every HTTP operation runs against (see bench/README.md). */
const TARGET = {
  continuum: 'Continuum (HTTP)',
  minimalWork: 'minimal-work floor: node:http + pg, least SQL, prepared (HTTP)',
  frameworkFloor: "framework-only floor: node:http + pg, the service's SQL (HTTP)",
  raw: "raw pg, the service's SQL (no HTTP)",
  withoutExtraction: 'Continuum with PROFILE_EXTRACTION=false (HTTP)',
};

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
  // The rate limiter runs on every request, but at a limit the load never reaches.
  const serverEnv = { DATABASE_URL, AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DB_POOL_SIZE: String(settings.poolSize), RATE_LIMIT_REQUESTS: '1000000000' };
  const continuum = await startServer('continuum', [...profile('continuum'), ...(process.env.BENCH_SERVICE_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), 'dist/src/main.js'], { ...serverEnv, ...OFFLINE_ENV, ...JSON.parse(process.env.BENCH_SERVICE_ENV ?? '{}') });
  // The same service with profile extraction off: what reading every user message costs an append.
  const withoutExtraction = await startServer('continuum-no-extraction', [...profile('continuum-no-extraction'), 'dist/src/main.js'], { ...serverEnv, ...OFFLINE_ENV, PROFILE_EXTRACTION: 'false' });
  const minimalWork = await startServer('minimal-work', [...profile('minimal-work'), 'bench/minimal-server.mjs'], { ...serverEnv, OPS: 'minimal-work' });
  const frameworkFloor = await startServer('framework-floor', [...profile('framework-floor'), 'bench/minimal-server.mjs'], { ...serverEnv, OPS: 'service' });

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
  const chatSessions = await Promise.all(
    Array.from({ length: settings.concurrency }, async (_, i) => {
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(`bench-chat-${i}`).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
      return { id: randomUUID(), ownerId: `user:bench-chat-${i}`, auth: { authorization: `Bearer ${token}` } };
    }),
  );

  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
  const selected = (name) => !only || only.includes(name);
  // The built service's pure pieces (dist/): for context assembly, and for the chat floor and its data.
  const service = selected('context') || selected('chat') ? loadService(ROOT) : null;
  const history = service ? makeHistory(service, settings.chatMessagesPerSession) : null;
  const chatTurn = service ? chatFloor(service) : null;
  const chatSeed = { sessions: chatSessions, history };

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
    {
      name: 'chat',
      route: 'POST /v1/chat with the offline model (connection/worker i always chats on its own session i)',
      perConnection: true,
      // No minimal-server floor for chat: Continuum against the raw pg floor only.
      targets: [TARGET.continuum, TARGET.raw],
      floor: TARGET.raw,
      runs: 1,
      chat: true,
      request: (i) => ({
        method: 'POST',
        path: '/v1/chat',
        headers: { ...chatSessions[i].auth, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: chatSessions[i].id, message: CHAT_MESSAGE }),
      }),
      raw: (i) => chatTurn(rawPool, chatSessions[i], CHAT_MESSAGE),
      /** One turn on session 0, for counting what a turn does in PostgreSQL. */
      probe: (target) => async () => {
        if (!target.server) return chatTurn(rawPool, chatSessions[0], CHAT_MESSAGE);
        const { method, path, headers, body } = operations.find((op) => op.chat).request(0);
        const response = await fetch(target.server.url + path, { method, headers, body });
        if (response.status !== 200) throw new Error(`probe turn: ${response.status} ${await response.text()}`);
      },
    },
  ];

  // BENCH_TARGETS=continuum,minimalWork,... runs only those (for quick comparisons while optimizing).
  const onlyTargets = process.env.BENCH_TARGETS?.split(',').map((name) => TARGET[name.trim()]);
  const targets = [
    { name: TARGET.continuum, server: continuum },
    { name: TARGET.minimalWork, server: minimalWork },
    { name: TARGET.frameworkFloor, server: frameworkFloor },
    { name: TARGET.raw, server: null },
    { name: TARGET.withoutExtraction, server: withoutExtraction, only: 'append' },
  ].filter((target) => !onlyTargets || onlyTargets.includes(target.name));

  const results = [];
  let context = null;
  for (const operation of operations.filter((op) => selected(op.name))) {
    if (operation.chat && selected('context')) context = await runContext(service, history, sessions, chatSeed);
    console.log(`\n## ${operation.name}: ${operation.route}`);
    const rows = [];
    const rounds = operation.runs ?? settings.runs;
    for (let round = 1; round <= rounds; round++)
    for (const target of targets.filter((t) => (!operation.targets || operation.targets.includes(t.name)) && (!t.only || t.only === operation.name))) {
      // Turns cut off at the end of the last run go on in the server: let them end before the tables are truncated.
      if (operation.chat) await settleChat();
      await reseed(sessions, operation.chat ? chatSeed : null); // every run starts from the same data
      const run = (seconds) =>
        target.server
          ? httpLoad({ url: target.server.url, connections: settings.concurrency, seconds, request: operation.request, perConnection: operation.perConnection })
          : poolLoad({ concurrency: settings.concurrency, seconds, operation: operation.raw });
      if (settings.warmupSeconds > 0) await run(settings.warmupSeconds);
      // Likewise after the warm-up, or the measured run would start by polling for leases those turns still hold.
      if (operation.chat) await settleChat();
      const cpu = cpuMeter(target.server?.child.pid ?? process.pid, DB_NAME);
      const result = { target: target.name, round, ...(await run(settings.seconds)) };
      const { nodeMs, postgresMs, otherShare } = cpu();
      Object.assign(result, { nodeCpuMs: nodeMs / result.ok, postgresCpuMs: postgresMs / result.ok, otherShare });
      if (target.server && target.server.child.exitCode !== null) throw new Error(`${target.name} exited during the run; see ${target.server.logFile}`);
      rows.push(result);
      console.log(
        `  [${round}/${rounds}] ${target.name.padEnd(30)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  ` +
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
    if (operation.probe) {
      await settleChat();
      const probed = targets.filter((t) => rows.some((r) => r.target === t.name));
      const counts = await countDatabaseWork(probed.map((target) => operation.probe(target)));
      probed.forEach((target, i) => {
        const row = rows.find((r) => r.target === target.name);
        row.perTurn = counts?.[i] ?? null;
        if (row.perTurn) {
          const { transactions, inserted, updated, deleted } = row.perTurn;
          console.log(`  ${target.name.padEnd(30)} per turn, counted by PostgreSQL: ${transactions.toFixed(2)} transactions, rows ${inserted.toFixed(2)} inserted, ${updated.toFixed(2)} updated, ${deleted.toFixed(2)} deleted`);
        }
      });
    }
    results.push({ operation, rows });
  }
  // Context assembly on its own (BENCH_ONLY=context), or after the other operations when chat is left out.
  if (selected('context') && !context) context = await runContext(service, history, sessions, chatSeed);

  const report = renderReport({ machine, settings, results, context, historyRead: service?.historyRead.name, noisy: NOISY });
  writeFileSync(join(RESULTS, 'latest.md'), report);
  console.log(`\n${report}\nwritten to bench/results/latest.md`);
  const errors = results.flatMap((r) => r.rows).reduce((sum, row) => sum + row.errors, 0);
  if (errors > 0) {
    console.error(`\n!!!!! ${errors} requests failed during the benchmark: the numbers above are not trustworthy.`);
    process.exitCode = 1;
  }
}

/**
 * Context assembly: in-process on the 200-message history (no memory, as the service has no
 * memory source yet; then with five memory items), what the offline model costs per turn, and
 * the database read plus assembly on a seeded chat session. Servers idle meanwhile.
 */
async function runContext(service, history, sessions, chatSeed) {
  console.log('\n## context assembly (in-process, compiled service code, no HTTP)');
  await reseed(sessions, chatSeed);
  const timing = { seconds: settings.contextSeconds, warmupSeconds: settings.contextSeconds / 3 };
  const cpu = cpuMeter(process.pid, DB_NAME);
  const cases = [
    { name: 'no memory (as the service runs today: no memory source registered)', ...(await assemblyBench(service, history, { ...timing })) },
    { name: `${SAMPLE_MEMORY.length} memory items (profile facts)`, ...(await assemblyBench(service, history, { ...timing, memory: SAMPLE_MEMORY })) },
  ];
  for (const c of cases) {
    console.log(
      `  ${c.name}: ${c.opsPerSecond.toFixed(0)} ops/s  p50 ${c.p50.toFixed(3)} ms  p99 ${c.p99.toFixed(3)} ms  max ${c.max.toFixed(3)} ms  ` +
        `tokenized per assembly: ${c.perAssembly.chars} chars (system prompt ${c.perAssembly.systemChars} + memory ${c.perAssembly.memoryChars}), history: ${c.total.historyChars}`,
    );
    if (c.total.historyChars > 0) console.error(`  !! assembly tokenized ${c.total.historyChars} characters of history`);
  }
  const offline = await offlinePromptCountBench(service, cases[0].assembled, { seconds: timing.seconds / 2, warmupSeconds: timing.warmupSeconds / 2 });
  console.log(`  offline model, tokenizing the assembled prompt for its usage report: p50 ${offline.p50.toFixed(2)} ms  p99 ${offline.p99.toFixed(2)} ms`);
  const database = await contextFromDatabaseBench(service, rawPool, chatSeed.sessions[0], { ...timing, limit: settings.chatMessagesPerSession });
  console.log(
    `  from PostgreSQL: ${database.opsPerSecond.toFixed(0)} ops/s  total p50 ${database.steps.total.p50.toFixed(2)} ms  p99 ${database.steps.total.p99.toFixed(2)} ms ` +
      `(session ${database.steps.session.p50.toFixed(2)}, ${database.rows} messages ${database.steps.messages.p50.toFixed(2)}, assembly ${database.steps.assembly.p50.toFixed(2)} ms at p50)`,
  );
  const { otherShare } = cpu();
  if (otherShare > NOISY) console.error(`  !! other processes used ${(otherShare * 100).toFixed(0)}% of the CPUs meanwhile: noisy numbers`);
  for (const c of cases) delete c.assembled;
  return { history: describeHistory(history), cases, offline, database, otherShare, settings: timing, systemPrompt: service.config.chat.systemPrompt, historyRead: service.historyRead.name };
}

/**
 * Waits (up to 30 s) until no chat turn holds a lease, twice 200 ms apart (a turn takes its
 * lease a few ms after it starts): none is in flight in the server any more.
 */
async function settleChat() {
  const deadline = Date.now() + 30_000;
  let free = 0;
  while (Date.now() < deadline) {
    const { rows } = await seeder.query('SELECT count(*)::int AS n FROM chat_leases');
    free = rows[0].n === 0 ? free + 1 : 0;
    if (free === 2) return;
    await sleep(free ? 200 : 50);
  }
  console.error('  !! chat turns still hold leases after 30 s');
}

const PROBE_TURNS = 20;
/** PostgreSQL sends an idle backend's pending statistics after 10 s (PGSTAT_IDLE_INTERVAL); a busy one's at most once a second. */
const IDLE_REPORT_MS = 10_500;

/**
 * What one turn of each target does in PostgreSQL, counted by PostgreSQL itself: transactions
 * (commits and rollbacks, pg_stat_database) and rows inserted, updated and deleted in the
 * benchmark's tables (pg_stat_user_tables, without TOAST), over PROBE_TURNS turns one after
 * another, per turn. Exact: everything is idle long enough before and after each target's
 * turns for every backend to have reported (the snapshot's own transaction and those new
 * connections start with are subtracted).
 * `turns`: one function per target running one turn. Null when it fails.
 */
async function countDatabaseWork(turns) {
  const snapshot = async () =>
    (await seeder.query(
      `SELECT d.xact_commit + d.xact_rollback AS transactions, d.sessions,
              sum(t.n_tup_ins) AS inserted, sum(t.n_tup_upd) AS updated, sum(t.n_tup_del) AS deleted
       FROM pg_stat_database d, pg_stat_user_tables t WHERE d.datname = current_database() GROUP BY d.xact_commit, d.xact_rollback, d.sessions`,
    )).rows[0];
  try {
    console.log(`  counting what one turn does in PostgreSQL (${PROBE_TURNS} turns per target, ${(((turns.length + 1) * IDLE_REPORT_MS) / 1000).toFixed(0)} s of waiting for its statistics)`);
    await sleep(IDLE_REPORT_MS);
    let before = await snapshot();
    const counts = [];
    for (const turn of turns) {
      for (let i = 0; i < PROBE_TURNS; i++) await turn();
      await sleep(IDLE_REPORT_MS);
      const after = await snapshot();
      const delta = (name) => Number(after[name]) - Number(before[name]);
      // Not the turns': the snapshot's own transaction, and the one each new connection starts with (a pool reopening what it closed while idle).
      const own = 1 + delta('sessions');
      counts.push({
        turns: PROBE_TURNS,
        transactions: (delta('transactions') - own) / PROBE_TURNS,
        inserted: delta('inserted') / PROBE_TURNS,
        updated: delta('updated') / PROBE_TURNS,
        deleted: delta('deleted') / PROBE_TURNS,
      });
      before = after;
    }
    return counts;
  } catch (error) {
    console.error(`  !! could not count the database work of a turn: ${error.message}`);
    return null;
  }
}

/**
 * Empties every table. A request the load generator abandoned at the end of the last run may still be
 * running in its server, reading messages before sessions while TRUNCATE locks them the other way round:
 * PostgreSQL then breaks the deadlock by failing one side, and TRUNCATE is simply tried again.
 */
async function truncateAll() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await seeder.query('TRUNCATE sessions, visitors CASCADE'); // and every table that references them
    } catch (error) {
      if (error.code !== '40P01' || attempt === 5) throw error;
      await sleep(100);
    }
  }
}

/**
 * Fresh tables holding `sessions` x messagesPerSession messages, shaped like the service's own rows;
 * with `chat`, also its sessions, each holding the chat history (with token counts, as the service stores them).
 */
async function reseed(sessions, chat = null) {
  await truncateAll();
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
  if (chat) await seedChat(chat);
  await seeder.query('VACUUM ANALYZE sessions, messages');
  await seeder.query('CHECKPOINT');
}

async function seedChat({ sessions, history }) {
  await seeder.query(
    `INSERT INTO sessions (id, owner_id, title, context_data, metadata, message_count, last_seq)
     SELECT id, owner_id, NULL, '{}', '{}', $3, $3 FROM unnest($1::uuid[], $2::text[]) AS s(id, owner_id)`,
    [sessions.map((s) => s.id), sessions.map((s) => s.ownerId), history.length],
  );
  const column = (pick) => history.map(pick);
  await seeder.query(
    `INSERT INTO messages (session_id, seq, role, content, tool_calls, tool_call_id, token_count)
     SELECT s.id, m.seq, m.role, m.content, m.tool_calls::jsonb, m.tool_call_id, m.token_count
     FROM unnest($1::uuid[]) AS s(id)
     CROSS JOIN unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS m(seq, role, content, tool_calls, tool_call_id, token_count)`,
    [
      sessions.map((s) => s.id), column((m) => m.seq), column((m) => m.role), column((m) => m.content),
      column((m) => (m.toolCalls ? JSON.stringify(m.toolCalls) : null)), column((m) => m.toolCallId), column((m) => m.tokenCount),
    ],
  );
}

/** With BENCH_CPU_PROF=1, node's CPU profile of a server, written when it exits (it must exit normally on SIGTERM). */
const startServer = (name, args, env) => startServerIn({ name, args, env, cwd: ROOT, logDir: RESULTS });

function profile(name) {
  if (!process.env.BENCH_CPU_PROF) return [];
  const exitOnSigterm = `--import=data:text/javascript,process.once('SIGTERM',()=>process.exit(0))`;
  return ['--cpu-prof', `--cpu-prof-dir=${join(RESULTS, 'profiles')}`, `--cpu-prof-name=${name}.cpuprofile`, exitOnSigterm];
}




let cleaning = null;
function cleanUp() {
  cleaning ??= (async () => {
    await stopAllServers();
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
