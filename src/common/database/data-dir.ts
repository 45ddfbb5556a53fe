import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '@/common/config/app-config';

/**
 * Makes sure DATA_DIR can hold the embedded database: created when missing, and a writable
 * directory. Anything else stops the service at once with a sentence naming the variable and
 * the path, never a bare errno or a hang inside PGlite.
 */
export function prepareDataDir(dataDir: string): string {
  const path = resolve(dataDir);
  try {
    createWithParents(path);
  } catch (error) {
    throw unusable(path, reasonOf(error));
  }
  if (!statSync(path).isDirectory()) throw unusable(path, 'it is not a directory');
  try {
    accessSync(path, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    throw unusable(path, 'this process cannot write to it');
  }
  return path;
}

/** One level at a time: Node's `recursive: true` can spin forever on special file systems (/proc). */
function createWithParents(path: string): void {
  if (existsSync(path)) return;
  const parent = dirname(path);
  if (parent !== path) createWithParents(parent);
  mkdirSync(path);
}

function unusable(path: string, reason: string): ConfigError {
  return new ConfigError(`DATA_DIR=${path} cannot hold the embedded database: ${reason} (set DATA_DIR to a writable directory, or DATABASE_URL)`);
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a part of the path is a file, not a directory';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT') return 'it cannot be created here (no permission, or a read-only or special file system)';
  return `it cannot be created (${code ?? 'unknown error'})`;
}
