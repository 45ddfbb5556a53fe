// Load generators: autocannon against an HTTP target, and async workers against a pg Pool.
// Both record each successful operation's latency (ms, float) and summarise the same way.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

const MAX_ERROR_SAMPLES = 5;

/**
 * `connections` keep-alive connections, one request in flight on each, for `seconds`.
 * `request(connection)` gives { method, path, headers, body } for the request: called once
 * per connection when `perConnection` (connection i always sends the same request), else
 * before every request. With `stopWhen` (a promise) the run ends when it settles, if that comes before `seconds`.
 */
export async function httpLoad({ url, connections, seconds, request, perConnection, stopWhen }) {
  const errorSamples = [];
  const onResponse = (status, body) => {
    if ((status < 200 || status > 299) && errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(`${status} ${String(body).slice(0, 300)}`);
  };
  let nextConnection = 0;
  const options = perConnection
    ? { setupClient: (client) => client.setRequests([{ ...request(nextConnection++), onResponse }]) }
    : { requests: [{ setupRequest: (defaults) => ({ ...defaults, ...request() }), onResponse }] };

  const latencies = [];
  const instance = autocannon({ url, connections, pipelining: 1, duration: seconds, ...options });
  const stop = () => instance.stop();
  stopWhen?.then(stop, stop);
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status <= 299) latencies.push(ms);
  });
  const started = performance.now();
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  const statusCounts = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}: ${count}`).join(', ');
  return summarise(latencies, elapsed, {
    errors: result.non2xx + result.errors + result.timeouts,
    detail: `non-2xx ${result.non2xx}, socket errors ${result.errors}, timeouts ${result.timeouts} (status codes ${statusCounts})`,
    errorSamples,
  });
}

/** `concurrency` async workers calling `operation(worker)` back to back for `seconds`; null or a throw is an error. */
export async function poolLoad({ concurrency, seconds, operation }) {
  const latencies = [];
  const errorSamples = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (index) => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        if ((await operation(index)) === null) throw new Error('not found');
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(String(error?.message ?? error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  const elapsed = (performance.now() - started) / 1000;
  return summarise(latencies, elapsed, { errors, detail: `${errors} failed operations`, errorSamples });
}

function summarise(latencies, elapsed, errorInfo) {
  const sorted = Float64Array.from(latencies).sort();
  const percentile = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
  return { rps: latencies.length / elapsed, p50: percentile(0.5), p99: percentile(0.99), ok: latencies.length, ...errorInfo };
}

/**
 * Starts counting CPU time (ms, all threads) while a run goes on: of the Node process `pid` doing
 * the work, of PostgreSQL (background processes and the backends of database `dbName`), and of
 * everything else on the machine (other people's tests, builds: noise). The bench process's own
 * CPU (the load generator) is counted with neither. Linux /proc, USER_HZ = 100.
 */
export function cpuMeter(pid, dbName) {
  const start = { node: processCpuMs(pid), bench: processCpuMs(process.pid), postgres: postgresCpuMs(dbName), busy: machineBusyMs(), at: performance.now() };
  return () => {
    let postgresMs = 0;
    for (const [p, ms] of postgresCpuMs(dbName)) postgresMs += ms - (start.postgres.get(p) ?? 0);
    const nodeMs = processCpuMs(pid) - start.node;
    const benchMs = pid === process.pid ? 0 : processCpuMs(process.pid) - start.bench;
    const otherMs = Math.max(0, machineBusyMs() - start.busy - nodeMs - benchMs - postgresMs);
    return { nodeMs, postgresMs, otherShare: otherMs / ((performance.now() - start.at) * os.cpus().length) };
  };
}

const TICK_MS = 10;

function processCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
}

/** CPU ms so far of each PostgreSQL process but the client backends of other databases. */
function postgresCpuMs(dbName) {
  const byPid = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const backendOf = /^postgres: [^:]+: \S+ (\S+) (?:\S+\(\d+\)|\[local\]) /.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1];
      if (backendOf === undefined || backendOf === dbName) byPid.set(pid, processCpuMs(pid));
    } catch {} // the process ended meanwhile
  }
  return byPid;
}

/** CPU ms the whole machine spent busy (not idle or waiting for I/O) so far. */
function machineBusyMs() {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}
