import { FormEvent, KeyboardEvent } from 'react';

interface Props {
  draft: string;
  onDraft(text: string): void;
  busy: boolean;
  onSend(text: string): void;
  onStop(): void;
}

/** Enter sends, Shift+Enter starts a new line; while a reply streams, Stop keeps what arrived. */
export function Composer({ draft, onDraft, busy, onSend, onStop }: Props) {
  const send = () => {
    if (busy || !draft.trim()) return;
    onSend(draft);
    onDraft('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="composer-input">Message</label>
      <div className="row">
        <textarea
          id="composer-input"
          rows={2}
          value={draft}
          onChange={(event) => onDraft(event.target.value)}
          onKeyDown={keyDown}
          aria-describedby="composer-hint"
        />
        {busy ? (
          <button type="button" className="danger" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary">
            Send
          </button>
        )}
      </div>
      <p id="composer-hint" className="hint">
        Enter sends, Shift+Enter adds a line.
      </p>
    </form>
  );
}
