import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { toProblem } from '@/common/errors/problem-details';
import { MessageService } from '@/message/message.service';
import { Owner } from '@/session/owner';
import { Turn } from './chat-turn';
import { ChatService } from './chat.service';
import { ChatResponseDto } from './dto/chat-response.dto';
import { UiChatRequestDto } from './dto/ui-chat-request.dto';
import { UiMessagePageDto } from './dto/ui-message.dto';
import { UiMessagesQuery } from './dto/ui-messages.query';
import { abortOnDisconnect } from './sse-writer';
import { UiMessageStream } from './ui-message-stream';
import { finishMetadata, startMetadata, toChatRequest, toUiFinishReason, toUiMessage } from './ui-message.mapper';

/**
 * The AI SDK's side of Continuum: a chat turn as a UI message stream for useChat, and the
 * stored history as UI messages. The turn is ChatService's, exactly as POST /v1/chat/stream
 * runs it: same lease, same storage, same cost record, same behaviour on disconnect.
 */
@Injectable()
export class UiChatService {
  constructor(
    private readonly chat: ChatService,
    private readonly messages: MessageService,
  ) {}

  /**
   * Refusals (bad body, foreign session, a turn still running, the daily cap) are answered
   * as problem+json before anything is streamed; a model failure after that is an `error` chunk.
   */
  async stream(owner: Owner | null, body: UiChatRequestDto, idempotencyKey: string | undefined, reply: FastifyReply): Promise<void> {
    const turn = await this.chat.startTurn(owner, toChatRequest(body), idempotencyKey);
    const disconnect = abortOnDisconnect(reply);
    const messageId = replyIdOf(turn);
    const stream = UiMessageStream.open(reply, messageId);
    stream.write({ type: 'start', messageId, messageMetadata: startMetadata(body.id, userMessageOf(turn)) });
    // completeTurn releases the turn's lease whatever happens; nothing before it can throw.
    await this.chat.completeTurn(turn, { signal: disconnect.signal, onDelta: (text) => stream.text(text) }).then(
      (response) => finish(stream, body.id, response),
      (error: unknown) => fail(stream, error),
    );
    stream.end();
  }

  /** A page of the session's stored messages as UI messages, oldest first. */
  async history(owner: Owner, sessionId: string, query: UiMessagesQuery): Promise<UiMessagePageDto> {
    const page = await this.messages.list(owner, sessionId, { limit: query.limit, before: query.before });
    return { items: page.items.map(toUiMessage), nextCursor: page.nextCursor };
  }
}

/** The id the reply is stored under; a turn answered without the database stores nothing. */
function replyIdOf(turn: Turn): string {
  if (turn.kind === 'recorded') return turn.assistantMessageId;
  if (turn.kind === 'replay') return turn.response.assistantMessage?.id ?? randomUUID();
  return randomUUID();
}

function userMessageOf(turn: Turn) {
  if (turn.kind === 'recorded') return turn.userMessage;
  return turn.kind === 'replay' ? turn.response.userMessage : null;
}

function finish(stream: UiMessageStream, sessionId: string, response: ChatResponseDto): void {
  // A replayed turn (same Idempotency-Key) streamed nothing: its stored reply comes whole.
  if (!stream.hasText) stream.text(response.reply);
  stream.endText();
  const finishReason = toUiFinishReason(response.assistantMessage?.metadata.finishReason);
  stream.write({ type: 'finish', finishReason, messageMetadata: finishMetadata(sessionId, response) });
}

function fail(stream: UiMessageStream, error: unknown): void {
  stream.endText();
  stream.write({ type: 'error', errorText: toProblem(error).body.detail });
  stream.write({ type: 'finish', finishReason: 'error' });
}
