import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const WEB = join(__dirname, '..', '..', 'web');
const BUILT = join(WEB, 'dist', 'index.html');

/** Builds the reference page (web/ into web/dist) unless the build is newer than every source file. */
export function ensureWebBuild(): void {
  if (existsSync(BUILT) && newestSource(WEB) <= statSync(BUILT).mtimeMs) return;
  const vite = join(WEB, '..', 'node_modules', 'vite', 'bin', 'vite.js');
  // jest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync(process.execPath, [vite, 'build', WEB, '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}
