import { FormEvent, KeyboardEvent, useState } from 'react';
import type { Session } from './api';
import type { Sessions } from './use-sessions';

export function titleOf(session: Session): string {
  return session.title ?? 'Untitled conversation';
}

/** The caller's conversations, most recently active first, with new, rename and delete. */
export function SessionList({ sessions, onChosen }: { sessions: Sessions; onChosen: () => void }) {
  return (
    <nav id="sessions" className="sessions drawer" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Conversations</h2>
      <button type="button" className="primary" onClick={() => void sessions.create().then(onChosen)}>
        New conversation
      </button>
      <ul>
        {sessions.sessions.map((session) => (
          <SessionItem
            key={session.id}
            session={session}
            current={session.id === sessions.currentId}
            onOpen={() => {
              sessions.select(session.id);
              onChosen();
            }}
            onRename={(title) => sessions.rename(session.id, title)}
            onDelete={() => sessions.remove(session.id)}
          />
        ))}
      </ul>
    </nav>
  );
}

interface ItemProps {
  session: Session;
  current: boolean;
  onOpen(): void;
  onRename(title: string): Promise<void>;
  onDelete(): Promise<void>;
}

function SessionItem({ session, current, onOpen, onRename, onDelete }: ItemProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const title = titleOf(session);
  if (mode === 'rename') return <RenameForm title={session.title ?? ''} onDone={() => setMode('view')} onRename={onRename} />;
  if (mode === 'delete') {
    return (
      <li className="session confirm">
        <p>Delete “{title}” and all its messages?</p>
        <div className="row">
          <button type="button" className="danger" onClick={() => void onDelete()}>
            Delete
          </button>
          <button type="button" autoFocus onClick={() => setMode('view')}>
            Keep
          </button>
        </div>
      </li>
    );
  }
  return (
    <li className="session">
      <button type="button" className="session-open" aria-current={current ? 'page' : undefined} onClick={onOpen}>
        {title}
      </button>
      <div className="row">
        <button type="button" className="small" aria-label={`Rename “${title}”`} onClick={() => setMode('rename')}>
          Rename
        </button>
        <button type="button" className="small" aria-label={`Delete “${title}”`} onClick={() => setMode('delete')}>
          Delete
        </button>
      </div>
    </li>
  );
}

function RenameForm({ title, onRename, onDone }: { title: string; onRename(title: string): Promise<void>; onDone(): void }) {
  const [value, setValue] = useState(title);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) void onRename(value).then(onDone);
  };
  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onDone();
  };
  return (
    <li className="session">
      <form className="rename" onSubmit={submit} onKeyDown={escape}>
        <label htmlFor="rename-title">Title</label>
        <input id="rename-title" autoFocus maxLength={200} value={value} onChange={(event) => setValue(event.target.value)} />
        <div className="row">
          <button type="submit" className="primary small">
            Save
          </button>
          <button type="button" className="small" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </li>
  );
}
