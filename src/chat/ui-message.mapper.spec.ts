import { ProblemException } from '@/common/errors/problem.exception';
import { MessageDto } from '@/message/dto/message.dto';
import { UiChatRequestDto } from './dto/ui-chat-request.dto';
import { toChatRequest, toUiFinishReason, toUiMessage } from './ui-message.mapper';

const SESSION = '5b0c1a8e-4f63-4d4b-9a57-1f1f6d1c2a10';
const user = (...parts: object[]) => ({ id: 'm1', role: 'user', parts });

describe('toChatRequest', () => {
  const body = (over: Partial<UiChatRequestDto>): UiChatRequestDto => ({ id: SESSION, ...over });

  it('takes the newest message of useChat’s body and nothing before it', () => {
    const request = toChatRequest(body({ messages: [user({ type: 'text', text: 'old' }), user({ type: 'text', text: 'new' })], model: 'm' }));
    expect(request).toEqual({ sessionId: SESSION, message: 'new', model: 'm' });
  });

  it('prefers the lighter {message} body, and joins text parts while skipping data parts', () => {
    const message = user({ type: 'text', text: 'line one' }, { type: 'data-client', data: {} }, { type: 'text', text: 'line two' });
    expect(toChatRequest(body({ message, messages: [user({ type: 'text', text: 'ignored' })] })).message).toBe('line one\nline two');
  });

  it.each([
    ['regenerate', { trigger: 'regenerate-message' as const, messages: [user({ type: 'text', text: 'x' })] }, 'trigger'],
    ['an edit', { messageId: 'm0', messages: [user({ type: 'text', text: 'x' })] }, 'messageId'],
    ['nothing', { messages: [] }, 'messages'],
    ['an assistant message last', { messages: [{ id: 'a', role: 'assistant', parts: [{ type: 'text', text: 'x' }] }] }, 'messages'],
    ['no parts', { message: { id: 'm', role: 'user' } }, 'message'],
    ['only blanks', { message: user({ type: 'text', text: '  ' }) }, 'message'],
    ['a file', { message: user({ type: 'file', url: 'data:,x', mediaType: 'text/plain' }) }, 'message'],
    ['U+0000', { message: user({ type: 'text', text: 'a\u0000b' }) }, 'message'],
  ])('refuses %s with a 400 naming the field', (_name, over, field) => {
    const error = captured(() => toChatRequest(body(over as Partial<UiChatRequestDto>)));
    expect(error).toBeInstanceOf(ProblemException);
    expect(error).toMatchObject({ status: 400, errors: [{ field }] });
  });
});

describe('toUiFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content-filter'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['something_new', 'other'],
    [undefined, 'other'],
  ])('maps %s to %s', (stored, expected) => expect(toUiFinishReason(stored)).toBe(expected));
});

describe('toUiMessage', () => {
  const stored = (over: Partial<MessageDto>): MessageDto => ({
    id: 'id-1',
    sessionId: SESSION,
    seq: 3,
    role: 'assistant',
    content: 'Hello.',
    metadata: { model: 'gpt', finishReason: 'stop', citations: [1] },
    toolsUsed: null,
    toolCalls: null,
    toolCallId: null,
    tokenCount: 2,
    processingTimeMs: 10,
    hasError: false,
    errorMessage: null,
    createdAt: new Date('2026-01-02T03:04:05Z'),
    ...over,
  });

  it('keeps the id, a done text part, and Continuum’s facts over the stored metadata', () => {
    expect(toUiMessage(stored({ metadata: { model: 'gpt', seq: 99 } }))).toEqual({
      id: 'id-1',
      role: 'assistant',
      parts: [{ type: 'text', text: 'Hello.', state: 'done' }],
      metadata: { model: 'gpt', sessionId: SESSION, seq: 3, createdAt: '2026-01-02T03:04:05.000Z' },
    });
  });

  it('says why a reply failed, and has no empty text part', () => {
    const message = toUiMessage(stored({ content: '', hasError: true, errorMessage: 'timed out' }));
    expect(message.parts).toEqual([]);
    expect(message.metadata.error).toBe('timed out');
  });

  it('shows tool calls and tool results as data parts of the assistant', () => {
    const calls = [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }];
    expect(toUiMessage(stored({ content: '', toolCalls: calls })).parts).toEqual([{ type: 'data-tool-calls', data: { toolCalls: calls } }]);
    const result = toUiMessage(stored({ role: 'tool', content: '42', toolCallId: 'c1' }));
    expect([result.role, result.parts]).toEqual(['assistant', [{ type: 'data-tool-result', data: { toolCallId: 'c1', content: '42' } }]]);
  });
});

function captured(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
