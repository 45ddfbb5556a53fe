import type { UseChatHelpers } from '@ai-sdk/react';
import { UIEvent, useLayoutEffect, useRef, useState } from 'react';
import { api, ChatMessage } from './api';
import { readableError } from './errors';

export function textOf(message: ChatMessage): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

const NEAR_EDGE_PX = 48;

interface Props {
  sessionId: string;
  chat: UseChatHelpers<ChatMessage>;
  initialCursor: string | null;
}

/**
 * The conversation, oldest at the top. It opens at the bottom and stays there while a reply
 * streams; scrolling to the top (or the button there) brings the next older page, keeping
 * the reader's place.
 */
export function Messages({ sessionId, chat, initialCursor }: Props) {
  const busy = chat.status === 'submitted' || chat.status === 'streaming';
  const last = chat.messages[chat.messages.length - 1];
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const keepFromBottom = useRef<number | null>(null);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A ref, not the state: a scroll and a click in the same tick must not load one page twice.
  const inFlight = useRef(false);

  const loadOlder = async () => {
    if (!cursor || inFlight.current || !list.current) return;
    inFlight.current = true;
    setLoading(true);
    try {
      const page = await api.history(sessionId, cursor);
      keepFromBottom.current = list.current.scrollHeight - list.current.scrollTop;
      chat.setMessages((messages) => [...page.items, ...messages]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(readableError(failure));
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  };

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    if (keepFromBottom.current !== null) element.scrollTop = element.scrollHeight - keepFromBottom.current;
    else if (atBottom.current) element.scrollTop = element.scrollHeight;
    keepFromBottom.current = null;
  }, [chat.messages]);

  const scrolled = (event: UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_EDGE_PX;
    if (element.scrollTop < NEAR_EDGE_PX) void loadOlder();
  };

  return (
    <div className="messages" ref={list} onScroll={scrolled} tabIndex={0} aria-label="Messages">
      {cursor && (
        <button type="button" className="older" onClick={() => void loadOlder()} disabled={loading}>
          {loading ? 'Loading older messages…' : 'Load older messages'}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {chat.messages.length === 0 && <p className="muted empty">No messages yet. Say hello below.</p>}
      <ol>
        {chat.messages.map((message) => (
          <MessageItem key={message.id} message={message} streaming={busy && message.id === last?.id} />
        ))}
      </ol>
    </div>
  );
}

function MessageItem({ message, streaming }: { message: ChatMessage; streaming: boolean }) {
  const text = textOf(message);
  const mine = message.role === 'user';
  return (
    <li className={`message ${mine ? 'user' : 'assistant'}`} data-role={message.role}>
      <span className="who">{mine ? 'You' : message.role === 'system' ? 'System' : 'Assistant'}</span>
      {text ? <p className="text">{text}</p> : <p className="text muted">{streaming ? '…' : 'No reply.'}</p>}
      {message.metadata?.error && <p className="note error-note">This reply failed: {message.metadata.error}</p>}
      {message.metadata?.truncated && <p className="note">The reply was cut short.</p>}
      {message.metadata?.warning && <p className="note">{message.metadata.warning}</p>}
    </li>
  );
}
