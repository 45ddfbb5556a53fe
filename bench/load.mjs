// Load generators: autocannon against an HTTP target, and async workers against a pg Pool.
// Both record each successful operation's latency (ms, float) and summarise the same way.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

const MAX_ERROR_SAMPLES = 5;

/**
 * `connections` keep-alive connections, one request in flight on each, for `seconds`.
 * `request(connection)` gives { method, path, headers, body } for the request: called once
 * per connection when `perConnection` (connection i always sends the same request), else
 * before every request.
 */
export async function httpLoad({ url, connections, seconds, request, perConnection }) {
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
