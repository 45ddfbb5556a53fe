import type { UseChatHelpers } from '@ai-sdk/react';
import { UIEvent, useLayoutEffect, useRef } from 'react';
import type { ChatMessage } from './api';
import { useOlderMessages } from './use-older-messages';

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
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const older = useOlderMessages(sessionId, chat, initialCursor, list);
  const busy = chat.status === 'submitted' || chat.status === 'streaming';
  const last = chat.messages[chat.messages.length - 1];

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const fromBottom = older.takeScrollAnchor();
    if (fromBottom !== null) element.scrollTop = element.scrollHeight - fromBottom;
    else if (atBottom.current) element.scrollTop = element.scrollHeight;
  }, [chat.messages]);

  const scrolled = (event: UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_EDGE_PX;
    if (element.scrollTop < NEAR_EDGE_PX) void older.load();
  };

  return (
    <div className="messages" ref={list} onScroll={scrolled} tabIndex={0} aria-label="Messages">
      {older.more && (
        <button type="button" className="older" onClick={() => void older.load()} disabled={older.loading}>
          {older.loading ? 'Loading older messages…' : 'Load older messages'}
        </button>
      )}
      {older.error && (
        <p className="error" role="alert">
          {older.error}
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
