import type { UIMessageChunk } from 'ai';
import { ProblemException } from '@/common/errors/problem.exception';
import { MessageDto } from '@/message/dto/message.dto';
import { ChatRequestDto } from './dto/chat-request.dto';
import { ChatResponseDto } from './dto/chat-response.dto';
import { UiChatRequestDto } from './dto/ui-chat-request.dto';
import { UiMessageDto, UiMessageMetadataDto, UiMessagePart } from './dto/ui-message.dto';

export type UiFinishReason = NonNullable<Extract<UIMessageChunk, { type: 'finish' }>['finishReason']>;

/** OpenAI's finish_reason (what providers report and Continuum stores) in the AI SDK's words. */
const FINISH_REASONS: Record<string, UiFinishReason> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
};

export function toUiFinishReason(reason: unknown): UiFinishReason {
  return (typeof reason === 'string' && FINISH_REASONS[reason]) || 'other';
}

/**
 * The chat turn a useChat request asks for: its newest message, which must be the user's.
 * Everything before it is ignored: history comes from the database.
 */
export function toChatRequest(body: UiChatRequestDto): ChatRequestDto {
  if (body.trigger === 'regenerate-message') {
    throw invalid('trigger', 'Regenerating a reply is not supported: Continuum keeps every reply. Send the message again instead.');
  }
  if (body.messageId !== undefined) {
    throw invalid('messageId', 'Editing an earlier message is not supported: send a new message instead.');
  }
  const field = body.message ? 'message' : 'messages';
  const newest = body.message ?? body.messages?.[body.messages.length - 1];
  if (!newest) throw invalid('messages', 'The request has no message: send it as `message`, or as the last of `messages`.');
  if (newest.role !== 'user') throw invalid(field, 'The newest message must be the user’s (role "user").');
  return { sessionId: body.id, message: textOf(newest.parts, field), model: body.model };
}

/** The text parts of a user message, joined; attachments are refused rather than dropped. */
function textOf(parts: unknown, field: string): string {
  if (!Array.isArray(parts)) throw invalid(field, 'The message must have `parts` (an array).');
  const texts: string[] = [];
  for (const part of parts as { type?: unknown; text?: unknown }[]) {
    if (part?.type === 'text' && typeof part.text === 'string') texts.push(part.text);
    else if (part?.type === 'file') throw invalid(field, 'Attachments are not supported: send the message as text.');
  }
  const text = texts.join('\n');
  if (text.trim().length === 0) throw invalid(field, 'The message has no text.');
  if (text.includes('\u0000')) throw invalid(field, 'The message must not contain the character U+0000.');
  return text;
}

function invalid(field: string, detail: string): ProblemException {
  return ProblemException.badRequest('validation', detail, [{ field, messages: [detail] }]);
}

/** A stored message in the AI SDK's UIMessage shape (tool messages appear as the assistant's). */
export function toUiMessage(message: MessageDto): UiMessageDto {
  return {
    id: message.id,
    role: message.role === 'tool' ? 'assistant' : message.role,
    parts: partsOf(message),
    metadata: {
      ...message.metadata,
      sessionId: message.sessionId,
      seq: message.seq,
      createdAt: new Date(message.createdAt).toISOString(),
      ...(message.hasError ? { error: message.errorMessage ?? 'Producing this message failed.' } : {}),
    },
  };
}

function partsOf(message: MessageDto): UiMessagePart[] {
  if (message.role === 'tool') {
    return [{ type: 'data-tool-result', data: { toolCallId: message.toolCallId, content: message.content } }];
  }
  const parts: UiMessagePart[] = message.content ? [{ type: 'text', text: message.content, state: 'done' }] : [];
  if (message.toolCalls?.length) parts.push({ type: 'data-tool-calls', data: { toolCalls: message.toolCalls } });
  return parts;
}

/** What a stream's `start` chunk says about the turn: its session and the stored user message. */
export function startMetadata(sessionId: string, userMessage: MessageDto | null): UiMessageMetadataDto {
  return { sessionId, ...(userMessage ? { userMessageId: userMessage.id } : {}) };
}

/** What a stream's `finish` chunk adds: the stored reply's place, the model, usage and cost. */
export function finishMetadata(sessionId: string, response: ChatResponseDto): UiMessageMetadataDto {
  const stored = response.assistantMessage;
  return {
    sessionId,
    model: response.usage.model,
    usage: response.usage,
    ...(stored ? { seq: stored.seq, createdAt: new Date(stored.createdAt).toISOString() } : {}),
    ...(typeof stored?.metadata.finishReason === 'string' ? { finishReason: stored.metadata.finishReason } : {}),
    ...(stored?.metadata.truncated === true ? { truncated: true } : {}),
    ...(response.warning ? { warning: response.warning } : {}),
  };
}
