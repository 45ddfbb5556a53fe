import { parseRetryAfterMs } from './retry-after';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it.each([
    [{ 'retry-after': '2' }, 2_000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after-ms': '750' }, 750],
    [{ 'retry-after-ms': '750', 'retry-after': '2' }, 750],
    [{ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }, 3_000],
    [{ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, 0],
  ])('reads %j as %i ms', (headers, expected) => {
    expect(parseRetryAfterMs(new Headers(headers), now)).toBe(expected);
  });

  it.each([[{}], [{ 'retry-after': 'soon' }], [{ 'retry-after': '-1' }]])('gives undefined for %j', (headers) => {
    expect(parseRetryAfterMs(new Headers(headers), now)).toBeUndefined();
  });
});
