import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@/common/config/app-config';
import { prepareDataDir } from './data-dir';

describe('prepareDataDir', () => {
  let scratch: string;
  beforeAll(() => (scratch = mkdtempSync(join(tmpdir(), 'continuum-data-dir-'))));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates a missing directory with its parents', () => {
    expect(prepareDataDir(join(scratch, 'a', 'b'))).toBe(join(scratch, 'a', 'b'));
  });

  it.each([
    ['a file', () => writeAndReturn(join(scratch, 'file'))],
    ['a path under a file', () => join(writeAndReturn(join(scratch, 'other-file')), 'data')],
    ['a path on a special file system', () => '/proc/continuum-data'],
  ])('refuses %s with a sentence naming DATA_DIR and the path', (_, path) => {
    const dataDir = path();
    expect(() => prepareDataDir(dataDir)).toThrow(ConfigError);
    expect(() => prepareDataDir(dataDir)).toThrow(new RegExp(`^DATA_DIR=${dataDir.replace(/[/.]/g, '\\$&')} cannot hold the embedded database: `));
  });

  function writeAndReturn(path: string): string {
    writeFileSync(path, 'not a directory');
    return path;
  }
});
