// What the benchmark ran on, and the Markdown report (bench/results/latest.md).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';

const TARGETS = { minThroughputRatio: 0.6, maxP99Ratio: 1.5 };

export async function machineInfo(root, serverUrl) {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  let commit = 'unknown';
  try {
    commit = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain') ? ' (dirty)' : '');
  } catch {}
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  const { rows } = await client.query('SHOW server_version');
  await client.end();
  return {
    date: new Date().toISOString(),
    cpu,
    cores: os.cpus().length,
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    postgres: rows[0].server_version,
    commit,
  };
}

export function renderReport({ machine, settings, results, context, historyRead, noisy }) {
  const lines = [
    '# Continuum benchmark',
    '',
    `- date: ${machine.date}`,
    `- machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; PostgreSQL ${machine.postgres} (local, 127.0.0.1)`,
    `- commit: ${machine.commit}`,
    `- settings: ${settings.seconds} s per run after a ${settings.warmupSeconds} s warm-up, ${settings.runs} rounds; ${settings.concurrency} concurrent requests; ` +
      `pg pool of ${settings.poolSize} everywhere; ${settings.sessions} sessions x ${settings.messagesPerSession} messages (~200 chars), reseeded before every run`,
    '- latency: per successful request, measured by the load generator (HTTP) or around the pool call (raw pg); errors = non-2xx + socket errors + timeouts',
    '- CPU ms/req: CPU time (all threads) of the Node process serving the requests (the server; the bench process itself for raw pg), ' +
      'and of PostgreSQL, during the measured run, per successful request',
    '- other load: CPU used during the run by processes outside the benchmark (tests, builds), as a share of the machine; ' +
      `above ${noisy * 100}% the run is noisy and the numbers should not be trusted`,
  ];
  const verdict = (pass) => (pass ? '**pass**' : '**FAIL**');
  const sections = results.filter((r) => !r.operation.chat);
  const chat = results.find((r) => r.operation.chat);
  for (const { operation, rows } of sections) lines.push(...operationSection(operation, rows, settings, noisy, verdict));
  if (context) lines.push(...contextSection(context, noisy, verdict));
  if (chat) lines.push(...chatSection(chat, settings, historyRead, noisy));
  return lines.join('\n') + '\n';
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const spread = (values, digits, unit = '') =>
  values.length > 1 ? ` (${Math.min(...values).toFixed(digits)}${unit}-${Math.max(...values).toFixed(digits)}${unit} over ${values.length} runs)` : '';

/**
 * One HTTP operation: each target's median over the rounds, then Continuum's ratios to each
 * floor, computed per round (both measured in the same round) and given as median and range.
 * The targets hold against the minimal-work floor; the framework-only floor is for information.
 */
function operationSection(operation, rows, settings, noisy, verdict) {
  const targets = [...new Set(rows.map((r) => r.target))];
  const of = (target) => rows.filter((r) => r.target === target);
  const med = (target, key) => median(of(target).map((r) => r[key]));
  const [service, minimalWork, frameworkFloor] = targets;
  const ratios = (floor, key) => of(service).map((r) => r[key] / of(floor).find((f) => f.round === r.round)[key]);
  const ratioLines = (floor, label, judged) => {
    const throughput = ratios(floor, 'rps');
    const p99 = ratios(floor, 'p99');
    const t = median(throughput);
    const p = median(p99);
    return [
      `- Continuum / ${label} throughput: ${(t * 100).toFixed(0)}%${spread(throughput.map((v) => v * 100), 0, '%')}` +
        (judged ? ` (target >= ${TARGETS.minThroughputRatio * 100}%): ${verdict(t >= TARGETS.minThroughputRatio)}` : ''),
      `- Continuum p99 / ${label} p99: ${p.toFixed(2)}x${spread(p99, 2, 'x')}` + (judged ? ` (target <= ${TARGETS.maxP99Ratio}x): ${verdict(p <= TARGETS.maxP99Ratio)}` : ''),
    ];
  };
  return [
    '',
    `## ${operation.name}: ${operation.route}`,
    '',
    `Medians over ${settings.runs} rounds (each round runs every target once, one after the other).`,
    '',
    '| target | req/s | p50 ms | p99 ms | errors | Node CPU ms/req | PostgreSQL CPU ms/req | other load |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...targets.map((target) => {
      const errors = of(target).reduce((sum, r) => sum + r.errors, 0);
      const other = Math.max(...of(target).map((r) => r.otherShare));
      return (
        `| ${target} | ${med(target, 'rps').toFixed(0)} | ${med(target, 'p50').toFixed(2)} | ${med(target, 'p99').toFixed(2)} | ${errors > 0 ? `**${errors}**` : 0} | ` +
        `${med(target, 'nodeCpuMs').toFixed(2)} | ${med(target, 'postgresCpuMs').toFixed(2)} | ${share(other, noisy)} |`
      );
    }),
    '',
    ...ratioLines(minimalWork, 'minimal-work floor', true),
    ...ratioLines(frameworkFloor, 'framework-only floor', false),
    ...extractionLines(targets, med),
    ...errorLines(rows),
  ];
}

/** The append with and without profile extraction (PROFILE_EXTRACTION=false), when both ran. */
function extractionLines(targets, med) {
  const without = targets.find((target) => target.includes('PROFILE_EXTRACTION=false'));
  if (!without) return [];
  const [service] = targets;
  const cost = 1 - med(service, 'rps') / med(without, 'rps');
  return [
    `- profile extraction on every user message: ${(cost * 100).toFixed(0)}% of the append's throughput ` +
      `(${med(service, 'rps').toFixed(0)} req/s with it, ${med(without, 'rps').toFixed(0)} without; Node CPU ${med(service, 'nodeCpuMs').toFixed(3)} vs ` +
      `${med(without, 'nodeCpuMs').toFixed(3)} ms/req; the benchmark's message holds no fact, so no profile statement is sent)`,
  ];
}

function errorLines(rows) {
  return rows
    .filter((row) => row.errors > 0)
    .flatMap((r) => [`- **ERRORS on ${r.target}**: ${r.detail}`, ...r.errorSamples.map((s) => `  - \`${s.replace(/`/g, "'")}\``)]);
}

const share = (value, noisy) => `${value > noisy ? '**' : ''}${(value * 100).toFixed(0)}%${value > noisy ? '**' : ''}`;

function contextSection(context, noisy, verdict) {
  const { history: h, cases, offline, database: db } = context;
  const ms = (value) => value.toFixed(3);
  const [plain] = cases;
  const target = 2;
  return [
    '',
    '## context assembly (in-process): `assembleContext` from dist/ on a 200-message session, no HTTP, no database',
    '',
    `- history: ${h.messages} messages (${h.users} user, ${h.assistants} assistant, ${h.tools} tool results; ${h.toolCallGroups} assistant messages with tool calls), ` +
      `${h.minTokens}-${h.maxTokens} tokens each, ${h.storedTokens} stored tokens (${h.chars} characters) in all, \`tokenCount\` precomputed as the service stores it`,
    `- budget: the default ${plain.allocation.total} (system ${plain.allocation.system}, memory ${plain.allocation.memory}, history ${plain.allocation.history}, reserve ${plain.allocation.reserve}); ` +
      `system prompt: the default (${context.systemPrompt.length} characters); o200k encoding (the default model, continuum-offline)`,
    `- result: ${plain.result.historyMessages} of ${h.messages} messages fit (seq ${plain.result.seqFrom}-${plain.result.seqTo}, ${plain.result.omitted} older ones left out, ${plain.result.truncated} cut), ` +
      `${plain.result.tokens.total} tokens in all (system ${plain.result.tokens.system}, memory ${plain.result.tokens.memory}, history ${plain.result.tokens.history}, priming ${plain.result.tokens.priming})`,
    `- timing: ${context.settings.seconds} s per case after ${context.settings.warmupSeconds.toFixed(1)} s of warm-up, one assembly after another, each timed; other load ${share(context.otherShare, noisy)}`,
    '',
    '| case | assemblies/s | p50 ms | p99 ms | max ms | tokenized per assembly | history tokenized (all assemblies) |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: |',
    ...cases.map(
      (c) =>
        `| ${c.name} | ${c.opsPerSecond.toFixed(0)} | ${ms(c.p50)} | ${ms(c.p99)} | ${ms(c.max)} | ` +
        `${c.perAssembly.chars} chars in ${c.perAssembly.calls} call${c.perAssembly.calls === 1 ? '' : 's'} (system prompt ${c.perAssembly.systemChars} + memory ${c.perAssembly.memoryChars}) | ` +
        `${c.total.historyChars > 0 ? `**${c.total.historyChars} chars**` : 0} chars in ${c.total.assemblies} assemblies |`,
    ),
    '',
    `- p99 under ${target} ms (the issue's target), no memory: ${ms(plain.p99)} ms: ${verdict(plain.p99 < target)}; with memory: ${ms(cases[1].p99)} ms: ${verdict(cases[1].p99 < target)}`,
    `- history is never tokenized: \`measure.count\` / \`measure.truncate\` were wrapped with counters; over all assemblies they saw ` +
      `${cases.reduce((sum, c) => sum + c.total.historyChars, 0)} characters of history (${verdict(cases.every((c) => c.total.historyChars === 0))}), only the system prompt and the memory block`,
    `- for comparison, tokenizing that assembled context (${offline.chars} characters), as the offline model does for its usage report on every chat turn ` +
      `(\`OfflineProvider\`, in the service process): p50 ${offline.p50.toFixed(2)} ms, p99 ${offline.p99.toFixed(2)} ms`,
    '',
    `Reading the session from PostgreSQL (the service's SQL: \`findOwned\`, then \`${context.historyRead}\` with limit ${db.rows}, as this build does), then the same assembly: ` +
      `one after another on one pooled connection, no concurrency, ${db.opsPerSecond.toFixed(0)} per second:`,
    '',
    '| step | p50 ms | p99 ms |',
    '| --- | ---: | ---: |',
    `| session row (findOwned) | ${ms(db.steps.session.p50)} | ${ms(db.steps.session.p99)} |`,
    `| ${db.rows} messages (${context.historyRead}, rows parsed by pg) | ${ms(db.steps.messages.p50)} | ${ms(db.steps.messages.p99)} |`,
    `| mapping + assembleContext (${db.included} messages fit) | ${ms(db.steps.assembly.p50)} | ${ms(db.steps.assembly.p99)} |`,
    `| total | ${ms(db.steps.total.p50)} | ${ms(db.steps.total.p99)} |`,
  ];
}

function chatSection({ operation, rows }, settings, historyRead, noisy) {
  const service = rows.find((r) => r.target === operation.targets[0]);
  const floor = rows.find((r) => r.target === operation.floor);
  const lines = [
    '',
    `## chat: ${operation.route}`,
    '',
    `${settings.concurrency} sessions, one per connection/worker, each seeded with ${settings.chatMessagesPerSession} messages (at the cap: every turn prunes, ` +
      'and the context is full from the first turn), reseeded before every run. The raw pg floor runs the statements one turn sends, ' +
      `in the same transactions (\`chat-ops.mjs\`; history read with \`${historyRead}\`, as this build does); there is no minimal-server floor for chat.`,
    '',
    '| target | turns/s | p50 ms | p99 ms | errors | Node CPU ms/turn | PostgreSQL CPU ms/turn | other load |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors > 0 ? `**${r.errors}**` : 0} | ` +
        `${r.nodeCpuMs.toFixed(2)} | ${r.postgresCpuMs.toFixed(2)} | ${share(r.otherShare, noisy)} |`,
    ),
    '',
  ];
  if (service && floor) lines.push(`- Continuum / raw pg throughput: ${((service.rps / floor.rps) * 100).toFixed(0)}% (for information; no target for chat but 0 errors)`);
  const counted = rows.filter((r) => r.perTurn);
  if (counted.length > 0) {
    const turns = counted[0].perTurn.turns;
    const fields = ['transactions', 'inserted', 'updated', 'deleted'];
    const same = counted.length === rows.length && fields.every((f) => counted.every((r) => Math.abs(r.perTurn[f] - counted[0].perTurn[f]) < 0.5));
    lines.push(
      `- the database work of one turn, counted by PostgreSQL (\`pg_stat_database\`, \`pg_stat_user_tables\`; ${turns} turns one after another per target after the runs): ` +
        (same
          ? 'the same for both targets'
          : '**not the same**: the service does work the floor does not (a statement the floor leaves out on purpose, or `chat-ops.mjs` out of date: see bench/README.md)'),
      '',
      '| target | transactions | rows inserted | rows updated | rows deleted |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...counted.map((r) => `| ${r.target} | ${fields.map((f) => r.perTurn[f].toFixed(2)).join(' | ')} |`),
      '',
    );
  }
  lines.push(
    '- Node CPU of Continuum includes the offline model itself (composing the reply, tokenizing the whole prompt for its usage report: see context assembly above)',
    ...errorLines(rows),
  );
  return lines;
}
