import { addMonths, isRetired, monthOfPartition, monthStart, partitionName, planPartitions } from './ledger-months';

const utc = (text: string) => new Date(text);

describe('ledger months', () => {
  it('starts a month at 00:00 UTC of its first day, whatever the time', () => {
    expect(monthStart(utc('2026-03-31T23:59:59.999Z'))).toEqual(utc('2026-03-01T00:00:00Z'));
    expect(monthStart(utc('2026-03-01T00:00:00Z'))).toEqual(utc('2026-03-01T00:00:00Z'));
    // 2026-04-01T00:30 in UTC+02:00 is still March in UTC.
    expect(monthStart(utc('2026-04-01T00:30:00+02:00'))).toEqual(utc('2026-03-01T00:00:00Z'));
  });

  it('adds months across year ends, forwards and backwards', () => {
    expect(addMonths(utc('2026-11-01T00:00:00Z'), 3)).toEqual(utc('2027-02-01T00:00:00Z'));
    expect(addMonths(utc('2026-01-01T00:00:00Z'), -1)).toEqual(utc('2025-12-01T00:00:00Z'));
    expect(addMonths(utc('2024-02-01T00:00:00Z'), 12)).toEqual(utc('2025-02-01T00:00:00Z'));
  });

  it('names partitions by year and month, and reads the names back', () => {
    expect(partitionName(utc('2026-01-01T00:00:00Z'))).toBe('llm_requests_y2026m01');
    expect(partitionName(utc('2026-12-01T00:00:00Z'))).toBe('llm_requests_y2026m12');
    expect(monthOfPartition('llm_requests_y2026m12')).toEqual(utc('2026-12-01T00:00:00Z'));
    expect(monthOfPartition('llm_requests_default')).toBeNull();
    expect(monthOfPartition('llm_requests_y2026m13')).toBeNull();
    expect(monthOfPartition('other_y2026m01')).toBeNull();
  });

  it('retires a month only once its last instant is older than the retention', () => {
    const january = utc('2025-01-01T00:00:00Z');
    // January ends at 2025-02-01T00:00Z; with 400 days that is old from 2026-03-08T00:00Z on.
    expect(isRetired(january, utc('2026-03-07T23:59:59Z'), 400)).toBe(false);
    expect(isRetired(january, utc('2026-03-08T00:00:00Z'), 400)).toBe(true);
    expect(isRetired(utc('2026-03-01T00:00:00Z'), utc('2026-03-08T00:00:00Z'), 1)).toBe(false);
  });
});

describe('planPartitions', () => {
  const now = utc('2026-11-22T10:00:00Z');
  const months = (...texts: string[]) => texts.map((text) => utc(`${text}-01T00:00:00Z`));

  it('creates the current month and the next ones that are missing', () => {
    const plan = planPartitions(months('2026-10', '2026-11', '2026-12'), [], now, 3, 400);
    expect(plan).toEqual({ create: months('2027-01', '2027-02'), drop: [] });
  });

  it('creates nothing when every month is there', () => {
    expect(planPartitions(months('2026-11', '2026-12', '2027-01'), [], now, 2, 400)).toEqual({ create: [], drop: [] });
  });

  it('gives rows waiting in the default partition their month, up to the horizon', () => {
    const plan = planPartitions(months('2026-11', '2026-12'), months('2026-06', '2026-12', '2030-01'), now, 1, 400);
    expect(plan.create).toEqual(months('2026-06'));
  });

  it('drops the months the retention left behind, including ones just filed from the default', () => {
    const plan = planPartitions(months('2025-08', '2025-09', '2025-10', '2026-11'), months('2024-01'), now, 0, 400);
    // 400 days before 2026-11-22T10:00Z is 2025-10-18T10:00Z: September ended before it, October did not.
    expect(plan).toEqual({ create: months('2024-01'), drop: months('2024-01', '2025-08', '2025-09') });
  });
});
