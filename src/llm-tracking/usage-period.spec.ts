import { ProblemException } from '@/common/errors/problem.exception';
import { resolvePeriod } from './usage-period';

const now = new Date('2026-11-22T10:30:00Z');

describe('resolvePeriod', () => {
  it('defaults to the 30 days before now', () => {
    expect(resolvePeriod(undefined, undefined, now)).toEqual({ from: new Date('2026-10-23T10:30:00Z'), to: now });
  });

  it('reads dates as whole UTC days, the last one included', () => {
    expect(resolvePeriod('2026-11-01', '2026-11-30', now)).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
  });

  it('reads date-times as instants, UTC unless they carry an offset', () => {
    expect(resolvePeriod('2026-11-01T12:00', '2026-11-02T12:00+02:00', now)).toEqual({
      from: new Date('2026-11-01T12:00:00Z'),
      to: new Date('2026-11-02T10:00:00Z'),
    });
  });

  it('accepts an empty period and refuses a reversed one', () => {
    expect(() => resolvePeriod('2026-11-02T00:00:00Z', '2026-11-02T00:00:00Z', now)).not.toThrow();
    expect(() => resolvePeriod('2026-11-03', '2026-11-01', now)).toThrow(ProblemException);
  });

  it('refuses garbage as a 400', () => {
    expect(() => resolvePeriod('yesterday', undefined, now)).toThrow(/from must be an ISO 8601/);
  });
});
