import { LlmError } from './llm-error';
import { MAX_RETRY_WAIT_MS, retryDelayMs } from './retry-policy';

const unavailable = new LlmError('unavailable', 'down', 503);
const BUDGET = 30_000;

describe('retryDelayMs', () => {
  it('backs off 250 ms, then 1 s', () => {
    expect(retryDelayMs(unavailable, 1, 2, BUDGET)).toBe(250);
    expect(retryDelayMs(unavailable, 2, 2, BUDGET)).toBe(1_000);
  });

  it('stops after maxRetries retries', () => {
    expect(retryDelayMs(unavailable, 3, 2, BUDGET)).toBeNull();
    expect(retryDelayMs(unavailable, 1, 0, BUDGET)).toBeNull();
  });

  it('waits as long as the provider asked', () => {
    expect(retryDelayMs(new LlmError('rate-limited', 'slow down', 429, 2_000), 1, 2, BUDGET)).toBe(2_000);
  });

  it('gives up when the provider asks for more than the cap or than the first-token budget left', () => {
    expect(retryDelayMs(new LlmError('rate-limited', 'slow down', 429, MAX_RETRY_WAIT_MS + 1), 1, 2, BUDGET)).toBeNull();
    expect(retryDelayMs(new LlmError('rate-limited', 'slow down', 429, 2_000), 1, 2, 1_500)).toBeNull();
    expect(retryDelayMs(unavailable, 1, 2, 200)).toBeNull();
  });

  it.each(['rejected', 'timeout', 'aborted'] as const)('never retries %s', (kind) => {
    expect(retryDelayMs(new LlmError(kind, 'no'), 1, 2, BUDGET)).toBeNull();
  });
});
