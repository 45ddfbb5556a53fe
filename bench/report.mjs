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

export function renderReport({ machine, settings, results, noisy }) {
  const lines = [
    '# Continuum benchmark',
    '',
    `- date: ${machine.date}`,
    `- machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; PostgreSQL ${machine.postgres} (local, 127.0.0.1)`,
    `- commit: ${machine.commit}`,
    `- settings: ${settings.seconds} s per run after a ${settings.warmupSeconds} s warm-up; ${settings.concurrency} concurrent requests; ` +
      `pg pool of ${settings.poolSize} everywhere; ${settings.sessions} sessions x ${settings.messagesPerSession} messages (~200 chars), reseeded before every run`,
    '- latency: per successful request, measured by the load generator (HTTP) or around the pool call (raw pg); errors = non-2xx + socket errors + timeouts',
    '- CPU ms/req: CPU time (all threads) of the Node process serving the requests (the server; the bench process itself for raw pg), ' +
      'and of PostgreSQL, during the measured run, per successful request',
    '- other load: CPU used during the run by processes outside the benchmark (tests, builds), as a share of the machine; ' +
      `above ${noisy * 100}% the run is noisy and the numbers should not be trusted`,
  ];
  for (const { operation, rows } of results) {
    const [service, minimal] = rows;
    const throughput = service.rps / minimal.rps;
    const p99 = service.p99 / minimal.p99;
    const verdict = (pass) => (pass ? '**pass**' : '**FAIL**');
    lines.push(
      '',
      `## ${operation.name}: ${operation.route}`,
      '',
      '| target | req/s | p50 ms | p99 ms | errors | Node CPU ms/req | PostgreSQL CPU ms/req | other load |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.target} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.errors > 0 ? `**${r.errors}**` : 0} | ` +
          `${r.nodeCpuMs.toFixed(2)} | ${r.postgresCpuMs.toFixed(2)} | ${r.otherShare > noisy ? '**' : ''}${(r.otherShare * 100).toFixed(0)}%${r.otherShare > noisy ? '**' : ''} |`,
      ),
      '',
      `- Continuum / minimal throughput: ${(throughput * 100).toFixed(0)}% (target >= ${TARGETS.minThroughputRatio * 100}%): ${verdict(throughput >= TARGETS.minThroughputRatio)}`,
      `- Continuum p99 / minimal p99: ${p99.toFixed(2)}x (target <= ${TARGETS.maxP99Ratio}x): ${verdict(p99 <= TARGETS.maxP99Ratio)}`,
    );
    for (const r of rows.filter((row) => row.errors > 0)) {
      lines.push(`- **ERRORS on ${r.target}**: ${r.detail}`, ...r.errorSamples.map((s) => `  - \`${s.replace(/`/g, "'")}\``));
    }
  }
  return lines.join('\n') + '\n';
}
