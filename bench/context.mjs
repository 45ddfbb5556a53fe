// Context assembly in-process: the compiled service code (dist/, CommonJS) on a 200-message
// session, timed without HTTP; then the same assembly after reading the session from
// PostgreSQL with the service's SQL, to show where a chat turn's context time goes.
// Also the realistic history both use (and the chat benchmark seeds). See bench/README.md.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SQL } from './ops.mjs';

/** The pieces of the built service the benchmarks call directly (run `npm run build` first). */
export function loadService(root) {
  const require = createRequire(join(root, 'package.json'));
  const dist = (path) => require(join(root, 'dist', 'src', path));
  const { assembleContext } = dist('token-budget/context-assembler.js');
  const { TokenCounter, encodingForModel } = dist('common/tokenizer/token-counter.js');
  const { TokenBudgetConfig } = dist('token-budget/token-budget.config.js');
  const { loadConfig } = dist('common/config/app-config.js');
  const { composeOfflineReply } = dist('chat/llm/offline-reply.js');
  const config = loadConfig({}); // the defaults, whatever this shell's environment holds
  const tokens = new TokenCounter(config);
  const budgets = new TokenBudgetConfig(config);
  const encoding = encodingForModel(config.llm.model);
  return {
    historyRead: historyReadOf(readFileSync(join(root, 'dist', 'src', 'message', 'message.service.js'), 'utf8')),
    config,
    tokens,
    budgets,
    encoding,
    assembleContext,
    composeOfflineReply,
    /** What ContextService.measureIn(encoding) hands to assembleContext. */
    measure: {
      count: (text) => tokens.count(text, encoding),
      truncate: (text, maxTokens) => tokens.truncate(text, maxTokens, encoding),
    },
  };
}

/**
 * The SQL MessageService.historyForContext reads a context's history with, in the build being
 * benchmarked: `listNewestForContext` (only the columns a context needs) where the build has it,
 * else `listNewestBefore` (every column). Both copied from message.repository.ts.
 */
function historyReadOf(messageServiceJs) {
  if (/\.listNewestForContext\(/.test(messageServiceJs)) {
    return {
      name: 'listNewestForContext',
      sql: `SELECT id, seq, role, content, tool_calls AS "toolCalls", tool_call_id AS "toolCallId", token_count AS "tokenCount"
       FROM messages WHERE session_id = $1 ORDER BY seq DESC LIMIT $2`,
      params: (sessionId, limit) => [sessionId, limit],
    };
  }
  return { name: 'listNewestBefore', sql: SQL.listNewestBefore, params: (sessionId, limit) => [sessionId, 2_147_483_647, limit] };
}

// ---------------------------------------------------------------------------------------
// A realistic conversation: a support/engineering chat, user and assistant alternating,
// with a tool-call group (an assistant message calling tools, then the tool results) every
// few turns. Deterministic (seeded), 50-400 tokens a message, token counts as the service
// stores them at write time (MessageService: TokenCounter.countMessage(content, toolCalls)).

const SENTENCES = [
  'We keep the last few turns verbatim and summarise the older ones before each model call.',
  'The customer says the export to CSV stopped working after the upgrade to version 4.2 on Tuesday.',
  'Could you check whether the background job that rebuilds the search index is still running?',
  'In my experience the simplest fix is to pin the dependency and add a regression test first.',
  'The latency graph shows a spike every hour, which lines up with the cron job that vacuums the big table.',
  'Here is what I would try: restart the worker, clear the cache, then replay the failed messages from the queue.',
  'That makes sense, but our compliance team needs every change to the billing address to be logged with a reason.',
  'A token budget splits the context window into the system prompt, memory, history and a reserve for the reply.',
  'If the newest message alone does not fit, it is cut with a visible marker instead of being dropped silently.',
  'I pasted the stack trace below; the error starts in the retry handler when the upstream answers with 429.',
  'Let us compare both approaches on cost, latency and how hard they are to operate at three in the morning.',
  'The order was placed on the 3rd, shipped on the 5th, and the tracking number has not updated since then.',
  'Please answer in short bullet points, and mention the trade-offs rather than a single recommendation.',
  'Refunds above two hundred euros need a second approval, so the bot should hand those over to a human.',
  'The model kept forgetting the user name after twenty turns, which is exactly what the memory tier is for.',
  'PostgreSQL handles this well as long as every query filters by the session id and uses the composite index.',
  'I would not store raw prompts forever; keep the sanitized request and the cost, and expire the rest after 90 days.',
  'Streaming the reply word by word makes the chat feel faster even when the total time stays the same.',
  'Two replicas behind the load balancer must never answer the same session at once, hence the lease row.',
  'Can you rewrite the onboarding email so it sounds friendlier but still lists the three setup steps?',
  'Our support team works in German and English, and the tone should stay polite but not overly formal.',
  'The benchmark runs 32 concurrent connections against the service and against a minimal server for comparison.',
  'When the database is unreachable the chat still answers, without history, and says so in a warning.',
  'Yes, the migration is reversible, but dropping the column loses the data, so take a snapshot beforehand.',
  '```ts\nconst budget = allocate(20_000);\nconst context = assembleContext({ allocation: budget, systemPrompt, memory, history });\n```',
  'Thanks, that worked. One more question about the pricing table for the models we route through OpenRouter.',
];
const TOOLS = ['search_orders', 'get_invoice', 'lookup_customer', 'run_sql_readonly', 'fetch_shipment_status'];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` chronological HistoryMessage objects (seq 1..count) with stored token counts. */
export function makeHistory(service, count = 200, seed = 42) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const text = (minTokens, maxTokens) => {
    const target = minTokens + Math.floor(random() * (maxTokens - minTokens));
    const parts = [];
    while (service.tokens.count(parts.join(' ')) < target) parts.push(pick(SENTENCES));
    return parts.join(' ');
  };
  const messages = [];
  const push = (role, content, toolCalls = null, toolCallId = null) =>
    messages.push({
      id: randomUUID(),
      seq: messages.length + 1,
      role,
      content,
      toolCalls,
      toolCallId,
      tokenCount: service.tokens.countMessage(content, toolCalls),
    });
  let turn = 0;
  while (messages.length < count) {
    push('user', text(50, 250));
    if (messages.length >= count) break;
    if (++turn % 6 === 3 && messages.length + 4 <= count) {
      // A tool-call group: the call, one or two results, then the answer.
      const calls = Array.from({ length: 1 + Math.floor(random() * 2) }, (_, i) => ({
        id: `call_${turn}_${i}`,
        type: 'function',
        function: { name: pick(TOOLS), arguments: JSON.stringify({ query: pick(SENTENCES).slice(0, 60), limit: 10 }) },
      }));
      push('assistant', 'Let me look that up.', calls);
      for (const call of calls) push('tool', JSON.stringify({ ok: true, result: text(50, 300) }), null, call.id);
    }
    if (messages.length < count) push('assistant', text(80, 400));
  }
  return messages.slice(0, count);
}

/** Facts about a history, for the report. */
export function describeHistory(history) {
  const byRole = (role) => history.filter((m) => m.role === role).length;
  const tokens = history.map((m) => m.tokenCount);
  return {
    messages: history.length,
    users: byRole('user'),
    assistants: byRole('assistant'),
    tools: byRole('tool'),
    toolCallGroups: history.filter((m) => m.toolCalls?.length).length,
    storedTokens: tokens.reduce((a, b) => a + b, 0),
    minTokens: Math.min(...tokens),
    maxTokens: Math.max(...tokens),
    chars: history.reduce((sum, m) => sum + m.content.length, 0),
  };
}

/** Five profile facts, as a memory source would provide them (none is registered in the service yet). */
export const SAMPLE_MEMORY = [
  { id: 'fact-1', text: 'The user is called Ada and runs the support team of a small online shop.' },
  { id: 'fact-2', text: 'Prefers short answers in bullet points, and wants trade-offs spelled out.' },
  { id: 'fact-3', text: 'Works in German and English; the shop ships to Germany, Austria and Switzerland.' },
  { id: 'fact-4', text: 'Their stack is NestJS on PostgreSQL, deployed as two replicas behind a load balancer.' },
  { id: 'fact-5', text: 'Refunds above 200 EUR need a second approval and must be handed to a human.' },
];

const MEMORY_HEADER = 'What you know about the user from earlier conversations:'; // context-assembler.ts fitMemory

/**
 * `measure` wrapped with counters: calls and characters tokenized, split into the system
 * prompt, the memory block and anything else (history: a message being cut, or a bug).
 */
function countingMeasure(measure, systemPrompt) {
  const seen = { calls: 0, chars: 0, systemChars: 0, memoryChars: 0, historyChars: 0, historyCalls: 0 };
  const note = (text) => {
    seen.calls++;
    seen.chars += text.length;
    if (text === systemPrompt) seen.systemChars += text.length;
    else if (text.startsWith(MEMORY_HEADER)) seen.memoryChars += text.length;
    else {
      seen.historyChars += text.length;
      seen.historyCalls++;
    }
  };
  return {
    seen,
    measure: {
      count: (text) => (note(text), measure.count(text)),
      truncate: (text, maxTokens) => (note(text), measure.truncate(text, maxTokens)),
    },
  };
}

function percentiles(samples) {
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
  return { p50: at(0.5), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN, n: sorted.length };
}

/** Runs the synchronous `fn` back to back for `seconds` (after `warmupSeconds`), timing each call. */
function timed(fn, { seconds, warmupSeconds }) {
  for (let end = performance.now() + warmupSeconds * 1000; performance.now() < end; ) fn();
  const samples = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { ...percentiles(samples), opsPerSecond: samples.length / ((performance.now() - started) / 1000) };
}

/**
 * assembleContext on `history` with the default budget and system prompt, exactly as
 * ContextService.buildContext calls it, timed per call. Returns the timings, what one
 * assembly tokenized, and what it produced.
 */
export async function assemblyBench(service, history, { memory = [], seconds, warmupSeconds }) {
  const systemPrompt = service.config.chat.systemPrompt;
  const allocation = service.budgets.allocate();
  // One counted assembly to see what is tokenized, then the timed ones with the same wrapper.
  const probe = countingMeasure(service.measure, systemPrompt);
  const input = { allocation, systemPrompt, memory, history, measure: probe.measure };
  const assembled = service.assembleContext(input);
  const perAssembly = { ...probe.seen };
  let sink = 0;
  let assemblies = 1;
  const timing = timed(() => {
    assemblies++;
    sink += service.assembleContext(input).totalTokens;
  }, { seconds, warmupSeconds });
  // Over every assembly (warm-up and timed ones included), the wrapper kept counting.
  const total = { ...probe.seen, assemblies };
  return {
    ...timing,
    sink,
    perAssembly,
    total,
    allocation,
    result: {
      messages: assembled.messages.length,
      historyMessages: assembled.manifest.messageIds.length,
      omitted: assembled.manifest.omittedMessages,
      truncated: assembled.manifest.truncatedMessageIds.length,
      tokens: assembled.manifest.tokens,
      seqFrom: assembled.manifest.seqFrom,
      seqTo: assembled.manifest.seqTo,
    },
    assembled,
  };
}

/**
 * What the offline model does per turn in the service process besides answering: it
 * tokenizes the whole prompt for its usage report (OfflineProvider.countPromptTokens).
 * A real provider reports usage itself; this is the offline model's cost, not Continuum's.
 */
export async function offlinePromptCountBench(service, assembled, { seconds, warmupSeconds }) {
  const contents = assembled.messages.map((m) => m.content);
  let sink = 0;
  const timing = timed(() => {
    for (const c of contents) sink += service.tokens.count(c, 'o200k_base');
  }, { seconds, warmupSeconds });
  return { ...timing, sink, chars: contents.reduce((s, c) => s + c.length, 0) };
}

/**
 * The database half of ContextService.buildContext for a 200-message session, then the
 * assembly, one after the other on one pooled connection (no concurrency, no transaction):
 * findOwned, the history read (limit 200) with pg parsing the rows, the mapping of
 * MessageService.historyForContext, then assembleContext.
 */
export async function contextFromDatabaseBench(service, pool, session, { seconds, warmupSeconds, limit = 200 }) {
  const client = await pool.connect();
  const steps = { session: [], messages: [], assembly: [], total: [] };
  const allocation = service.budgets.allocate();
  const systemPrompt = service.config.chat.systemPrompt;
  try {
    const once = async (record) => {
      const t0 = performance.now();
      const owned = (await client.query(SQL.findOwned, [session.id, session.ownerId])).rows[0];
      if (!owned) throw new Error(`session ${session.id} not found`);
      const t1 = performance.now();
      const rows = (await client.query(service.historyRead.sql, service.historyRead.params(session.id, limit))).rows;
      const t2 = performance.now();
      const history = rows.reverse().map((row) => ({ ...row, tokenCount: row.tokenCount ?? service.tokens.countMessage(row.content, row.toolCalls) }));
      const assembled = service.assembleContext({ allocation, systemPrompt, memory: [], history, measure: service.measure });
      const t3 = performance.now();
      if (record) {
        steps.session.push(t1 - t0);
        steps.messages.push(t2 - t1);
        steps.assembly.push(t3 - t2);
        steps.total.push(t3 - t0);
      }
      return { rows: rows.length, included: assembled.manifest.messageIds.length };
    };
    for (let end = performance.now() + warmupSeconds * 1000; performance.now() < end; ) await once(false);
    let last;
    const started = performance.now();
    for (let end = started + seconds * 1000; performance.now() < end; ) last = await once(true);
    const elapsed = (performance.now() - started) / 1000;
    return {
      rows: last.rows,
      included: last.included,
      opsPerSecond: steps.total.length / elapsed,
      steps: Object.fromEntries(Object.entries(steps).map(([name, samples]) => [name, percentiles(samples)])),
    };
  } finally {
    client.release();
  }
}
