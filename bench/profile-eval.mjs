// `npm run eval:profile`: precision and recall per field of the profile extractor over the
// labelled set (exit code 1 when a field is under the targets) and over each held-out file
// (test/fixtures/profile/holdout*.json, reported, not gated), then how long extraction takes. Runs the compiled code in dist/,
// with the shipped catalog and the default region, whatever the environment says.
// `--verbose` also lists every message the extractor gets wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const dist = (file) => require(join(ROOT, 'dist', 'src', 'profile', 'extraction', file));
const { ProfileExtractor } = dist('profile-extractor.js');
const { loadProfileExtractionOptions } = dist('profile-extraction-options.js');
const { EXTRACTION_TARGETS, rowsUnderTargets, scoreExtraction } = dist('extraction-score.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'profile');
const fixture = (name) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const verbose = process.argv.includes('--verbose');
/** The longest message the API accepts (MAX_CONTENT_CHARS). */
const LONGEST = 32_000;

const extractor = new ProfileExtractor(loadProfileExtractionOptions({}));
const extract = (text) => extractor.extract(text);
const labelled = fixture('labelled-messages.json');
const heldOutFiles = readdirSync(FIXTURES).filter((name) => /^holdout.*\.json$/.test(name)).sort();

const labelledScore = report(`Labelled set (${labelled.length} messages)`, labelled);
for (const name of heldOutFiles) {
  const heldOut = fixture(name);
  report(`Held-out ${name} (${heldOut.length} messages written apart from the labelled set; reported, not gated)`, heldOut);
}
speed();

const under = rowsUnderTargets(labelledScore);
if (under.length) {
  console.log(`\nUnder the targets on the labelled set: ${under.map((row) => row.row).join(', ')}`);
  process.exit(1);
}
console.log('\nEvery field of the labelled set meets the targets.');

function report(title, messages) {
  const score = scoreExtraction(messages, extract);
  console.log(`\n${title}; targets: precision >= ${EXTRACTION_TARGETS.precision}, recall >= ${EXTRACTION_TARGETS.recall}`);
  console.log(`${'field'.padEnd(28)} precision  recall    TP   FP   FN`);
  for (const row of score.rows) {
    const flag = row.precision < EXTRACTION_TARGETS.precision || row.recall < EXTRACTION_TARGETS.recall ? '  <' : '';
    console.log(`${row.row.padEnd(28)} ${fixed(row.precision, 9)} ${fixed(row.recall, 7)} ${pad(row.truePositives)} ${pad(row.falsePositives)} ${pad(row.falseNegatives)}${flag}`);
  }
  if (verbose) {
    const texts = new Map(messages.map((message) => [message.id, message.text]));
    for (const miss of score.misses) {
      console.log(`  ${miss.id} ${miss.row}: expected ${JSON.stringify(miss.expected)}, got ${JSON.stringify(miss.predicted)}: ${JSON.stringify(texts.get(miss.id).slice(0, 100))}`);
    }
  }
  return score;
}

function speed() {
  const texts = labelled.map((message) => message.text);
  const load = loadavg()[0].toFixed(1);
  console.log(`\nTime per message (microseconds, one core, after a warm-up; load average ${load} on ${availableParallelism()} cores)`);
  console.log(`${'input'.padEnd(44)} median      p99      max`);
  line(`labelled set, ${texts.length} messages x 30`, timings(texts, 30));
  const adversarial = fixture('adversarial-inputs.json').map(adversarialText);
  line(`32,000-char adversarial inputs, ${adversarial.length} x 10`, timings(adversarial, 10));
  line('32,000 chars of labelled messages, x 50', timings([labelledText(texts)], 50));
}

function timings(texts, rounds) {
  for (const text of texts) extract(text);
  const micros = [];
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      const start = process.hrtime.bigint();
      extract(text);
      micros.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  return micros.sort((a, b) => a - b);
}

function line(label, sorted) {
  const at = (share) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
  console.log(`${label.padEnd(44)} ${fixed(at(0.5), 6, 1)} ${fixed(at(0.99), 8, 1)} ${fixed(sorted[sorted.length - 1], 8, 1)}`);
}

function adversarialText(input) {
  const suffix = input.suffix ?? '';
  return input.unit.repeat(Math.ceil(LONGEST / input.unit.length)).slice(0, LONGEST - suffix.length) + suffix;
}

function labelledText(texts) {
  let text = '';
  for (let i = 0; text.length < LONGEST; i++) text += `${texts[i % texts.length]}\n`;
  return text.slice(0, LONGEST);
}

function fixed(value, width, digits = 3) {
  return value.toFixed(digits).padStart(width);
}

function pad(value) {
  return String(value).padStart(4);
}
