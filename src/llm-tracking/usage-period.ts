import { ProblemException } from '@/common/errors/problem.exception';

/** A half-open interval [from, to) of call times. */
export interface UsagePeriod {
  from: Date;
  to: Date;
}

export const DEFAULT_PERIOD_DAYS = 30;
const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The period of a usage report. A date names a whole UTC day (`to=2025-06-30` includes
 * that day); a date-time is an instant (UTC when it has no offset) and `to` excludes it.
 * Defaults: `to` now, `from` 30 days before `to`.
 */
export function resolvePeriod(from: string | undefined, to: string | undefined, now: Date = new Date()): UsagePeriod {
  const end = to === undefined ? now : parseBound(to, 'to', DATE_ONLY.test(to) ? DAY_MS : 0);
  const start = from === undefined ? new Date(end.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS) : parseBound(from, 'from', 0);
  if (start > end) {
    throw ProblemException.badRequest('validation', 'from must not be after to.', [{ field: 'from', messages: ['from must not be after to'] }]);
  }
  return { from: start, to: end };
}

function parseBound(value: string, field: string, offsetMs: number): Date {
  const iso = DATE_ONLY.test(value) || HAS_ZONE.test(value) ? value : `${value}Z`;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    throw ProblemException.badRequest('validation', `${field} must be an ISO 8601 date or date-time.`, [
      { field, messages: [`${field} must be an ISO 8601 date or date-time`] },
    ]);
  }
  return new Date(time + offsetMs);
}
