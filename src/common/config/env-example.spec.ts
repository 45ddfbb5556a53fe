import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from './app-config';

const ENV_EXAMPLE = join(__dirname, '..', '..', '..', '.env.example');

/** .env.example is what people copy to .env: a shell must be able to source it, and the service to start on it. */
describe('.env.example', () => {
  it('can be sourced by a shell, line by line, and gives a configuration the service accepts', () => {
    const script = `set -eu -a; . '${ENV_EXAMPLE}'; set +a; node -e 'process.stdout.write(JSON.stringify(process.env))'`;
    const env = JSON.parse(execFileSync('bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: process.env.PATH! }, encoding: 'utf8' })) as Record<string, string>;
    expect(env.PORT).toBe('3000');
    expect(() => loadConfig(env)).not.toThrow();
  });
});
