import { useEffect, useRef, useState } from 'react';
import { userOf } from './auth';
import { ChatView } from './ChatView';
import { DetailsPanel } from './DetailsPanel';
import { SessionList } from './SessionList';
import { useSessions } from './use-sessions';
import { useToken } from './use-token';

type Drawer = 'sessions' | 'details' | null;

export function App() {
  const token = useToken();
  const sessions = useSessions(token);
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [turns, setTurns] = useState(0);
  const notice = useIdentityNotice(token);
  const toggle = (which: Drawer) => setDrawer((open) => (open === which ? null : which));

  return (
    <div className="app" data-drawer={drawer ?? 'none'} onKeyDown={(event) => event.key === 'Escape' && setDrawer(null)}>
      <header className="topbar">
        <button type="button" className="narrow-only" aria-expanded={drawer === 'sessions'} aria-controls="sessions" onClick={() => toggle('sessions')}>
          Conversations
        </button>
        <h1>Continuum</h1>
        <p className="identity" data-testid="identity">
          {token ? `Signed in as ${userOf(token)}` : 'Anonymous visitor'}
        </p>
        <button type="button" className="narrow-only" aria-expanded={drawer === 'details'} aria-controls="details" onClick={() => toggle('details')}>
          Details
        </button>
      </header>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {sessions.error && (
        <p className="error" role="alert">
          {sessions.error}
        </p>
      )}
      <div className="columns">
        <SessionList
          sessions={sessions}
          onChosen={() => setDrawer(null)}
        />
        <main className="chat" aria-label="Chat">
          {sessions.currentId && (
            <ChatView
              key={sessions.currentId}
              sessionId={sessions.currentId}
              onTurnFinished={(firstUserText) => {
                setTurns((count) => count + 1);
                void sessions.turnFinished(sessions.currentId!, firstUserText);
              }}
            />
          )}
        </main>
        <DetailsPanel sessionId={sessions.currentId} refreshKey={`${turns}:${token ?? ''}`} />
      </div>
    </div>
  );
}

/** Says so when the host page signs the visitor in or out (not on the first render). */
function useIdentityNotice(token: string | null): string | null {
  const [notice, setNotice] = useState<string | null>(null);
  const previous = useRef(token);
  useEffect(() => {
    if (previous.current === token) return;
    previous.current = token;
    setNotice(
      token
        ? `Signed in as ${userOf(token)}. The conversations you had as a visitor are now in your account.`
        : 'Signed out. You are an anonymous visitor again.',
    );
  }, [token]);
  return notice;
}
