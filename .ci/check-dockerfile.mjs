// Checks the Dockerfile without a Docker engine: dockerfile-utils' linter, then what a build
// would trip over: every file it copies from the build context exists and is not excluded by
// .dockerignore, every file it copies out of the build stage was made by `npm run build`
// (run this after the build), and the runtime stage runs as a non-root user with a
// HEALTHCHECK and an exec-form CMD on the Node major of package.json's engines.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const problems = [];

const lint = execFileSync(join(root, 'node_modules/.bin/dockerfile-utils'), ['lint', join(root, 'Dockerfile')], { encoding: 'utf8' }).trim();
if (lint) problems.push(`dockerfile-utils lint:\n${lint}`);

const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => ({ keyword: line.split(/\s+/)[0].toUpperCase(), args: line.slice(line.indexOf(' ') + 1).trim() }));

const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
const isIgnored = (path) => ignored.some((pattern) => path === pattern || path.startsWith(pattern.replace(/\/$/, '') + '/'));

for (const { keyword, args } of instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
  const words = args.split(/\s+/);
  const fromStage = words.find((w) => w.startsWith('--from='));
  const paths = words.filter((w) => !w.startsWith('--'));
  const sources = paths.slice(0, -1);
  for (const source of sources) {
    const path = fromStage ? source.replace(/^\/app\//, '') : source.replace(/^\.\//, '');
    if (!existsSync(join(root, path))) problems.push(`${keyword} ${args}: ${path} does not exist${fromStage ? ' after npm run build' : ''}`);
    else if (!fromStage && isIgnored(path)) problems.push(`${keyword} ${args}: ${path} is excluded by .dockerignore`);
  }
}

const stages = [];
for (const instruction of instructions) {
  if (instruction.keyword === 'FROM') stages.push([]);
  stages.at(-1)?.push(instruction);
}
const runtime = stages.at(-1) ?? [];
const last = (keyword) => runtime.filter((i) => i.keyword === keyword).at(-1);
if (!last('USER') || /^(root|0)(:|$)/.test(last('USER').args)) problems.push('the runtime stage must switch to a non-root USER');
if (!last('HEALTHCHECK')) problems.push('the runtime stage needs a HEALTHCHECK');
if (!last('CMD')?.args.startsWith('[')) problems.push('CMD must be in exec form, so node is PID 1 and gets SIGTERM');
const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
const targetMajor = Math.max(...[...engines.matchAll(/(\d+)\.\d+\.\d+/g)].map((m) => Number(m[1])));
for (const from of instructions.filter((i) => i.keyword === 'FROM')) {
  const major = /node:(\d+)/.exec(from.args)?.[1];
  if (Number(major) !== targetMajor) problems.push(`FROM ${from.args}: expected the Node ${targetMajor} image (package.json engines: ${engines})`);
}

if (problems.length) {
  console.error(`Dockerfile check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Dockerfile check: lint clean, ${instructions.filter((i) => i.keyword === 'COPY').length} COPY sources present, non-root, HEALTHCHECK, exec-form CMD, Node ${targetMajor}`);
