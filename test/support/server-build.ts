import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const BUILT_MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** Builds the service (dist/) unless the build is newer than every file of src/ and migrations/. */
export function ensureServerBuild(): void {
  const sources = Math.max(newestFile(join(ROOT, 'src')), newestFile(join(ROOT, 'migrations')));
  if (existsSync(BUILT_MAIN) && sources <= statSync(BUILT_MAIN).mtimeMs) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
}

function newestFile(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestFile(path) : statSync(path).mtimeMs);
  }
  return newest;
}
