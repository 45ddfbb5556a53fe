import { ExecutionContext } from '@nestjs/common';
import { loadConfig } from '@/common/config/app-config';
import { ProblemException } from '@/common/errors/problem.exception';
import { AdminKeyGuard } from './admin-key.guard';

const guardWith = (adminApiKey: string | null) => new AdminKeyGuard({ ...loadConfig({}), adminApiKey });
const requestWith = (headers: Record<string, unknown>) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ headers }) }) }) as unknown as ExecutionContext;

function statusOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    return (error as ProblemException).status;
  }
  return undefined;
}

describe('AdminKeyGuard', () => {
  const guard = guardWith('the-admin-key');

  it('lets the right key through', () => {
    expect(guard.canActivate(requestWith({ 'x-admin-key': 'the-admin-key' }))).toBe(true);
  });

  it.each([
    ['no key', {}],
    ['an empty key', { 'x-admin-key': '' }],
    ['a wrong key', { 'x-admin-key': 'the-admin-kez' }],
    ['a prefix of the key', { 'x-admin-key': 'the-admin' }],
    ['the key twice', { 'x-admin-key': ['the-admin-key', 'the-admin-key'] }],
  ])('refuses %s with 401', (_, headers) => {
    expect(statusOf(() => guard.canActivate(requestWith(headers)))).toBe(401);
  });

  it('refuses everything with 403 when ADMIN_API_KEY is not configured', () => {
    expect(statusOf(() => guardWith(null).canActivate(requestWith({ 'x-admin-key': 'anything' })))).toBe(403);
  });
});
