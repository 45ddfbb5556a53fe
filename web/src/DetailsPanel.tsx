import { useEffect, useState } from 'react';
import { api, Profile, UsageTotals } from './api';
import { readableError } from './errors';

/**
 * The session's usage and what the service knows about the customer. Both wait for the session:
 * a first visit has no cookie yet, and a request sent before the one that resumes the session
 * answered would make the service issue a second visitor (and cookie) of its own.
 */
export function DetailsPanel({ sessionId, refreshKey }: { sessionId: string | null; refreshKey: string }) {
  return (
    <aside id="details" className="details drawer" aria-labelledby="details-heading">
      <h2 id="details-heading">This conversation</h2>
      {sessionId && <Usage sessionId={sessionId} refreshKey={refreshKey} />}
      {sessionId && <Customer refreshKey={refreshKey} />}
    </aside>
  );
}

function useLoaded<T>(load: () => Promise<T>, deps: unknown[]): { value: T | undefined; error: string | null } {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && (setValue(loaded), setError(null)),
      (failure: unknown) => live && setError(readableError(failure)),
    );
    return () => {
      live = false;
    };
  }, deps);
  return { value, error };
}

function Usage({ sessionId, refreshKey }: { sessionId: string; refreshKey: string }) {
  const { value, error } = useLoaded(() => api.usage(sessionId), [sessionId, refreshKey]);
  if (error) return <p className="error" role="alert">{error}</p>;
  const totals: UsageTotals | undefined = value?.totals;
  if (!totals) return null;
  const cost = totals.cost === null ? (totals.requests ? 'no price for this model' : '$0') : `$${totals.cost}`;
  return (
    <section aria-labelledby="usage-heading">
      <h3 id="usage-heading">Usage</h3>
      <Facts
        testId="usage"
        rows={[
          ['Model calls', String(totals.requests)],
          ['Tokens in', totals.promptTokens.toLocaleString('en')],
          ['Tokens out', totals.completionTokens.toLocaleString('en')],
          ['Total tokens', totals.totalTokens.toLocaleString('en')],
          ['Cost', cost],
        ]}
      />
    </section>
  );
}

function Facts({ rows, testId }: { rows: [string, string][]; testId?: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Hidden, without an error, while GET /v1/profile answers 404 (no profile module yet). */
function Customer({ refreshKey }: { refreshKey: string }) {
  const { value: profile, error } = useLoaded(api.profile, [refreshKey]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!profile) return null;
  const rows = profileRows(profile);
  return (
    <section aria-labelledby="customer-heading" data-testid="customer">
      <h3 id="customer-heading">What we know about you</h3>
      {rows.length === 0 ? <p className="muted">Nothing yet.</p> : <Facts rows={rows} />}
    </section>
  );
}

function profileRows(profile: Profile): [string, string][] {
  const address = [profile.addressStreet, profile.addressCity, profile.addressState, profile.addressZip].filter(Boolean).join(', ');
  const preferences = profile.preferences ?? {};
  const rows: [string, string | null | undefined][] = [
    ['Name', profile.customerName],
    ['Email', profile.email],
    ['Phone', profile.phone],
    ['Address', address],
    ['Products of interest', profile.productsOfInterest?.join(', ')],
    ['Services of interest', profile.servicesOfInterest?.join(', ')],
    ['Preferred channel', preferences.contactChannel],
    ['Preferred time', preferences.contactTime],
    ['Language', preferences.language],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]));
}
