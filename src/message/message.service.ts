import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { ProblemException } from '@/common/errors/problem.exception';
import { hashCanonicalJson } from '@/common/http/canonical-json';
import { Metrics } from '@/common/metrics/metrics';
import { Owner } from '@/session/owner';
import { SessionService } from '@/session/session.service';
import { HistoryMessage } from './history-message';
import { TokenCounter } from '@/common/tokenizer/token-counter';
import { AppendMessageDto } from './dto/append-message.dto';
import { DEFAULT_MESSAGE_PAGE, ListMessagesQuery } from './dto/list-messages.query';
import { MessageDto, MessagePageDto } from './dto/message.dto';
import { IdempotencyService } from './idempotency.service';
import { mapMessage } from './message.mapper';
import { MessageRepository, NewMessage } from './message.repository';
import { UserMessageListeners } from './user-message-listeners';

/** What one batch of message pruning did. */
export interface PruneBatch {
  sessions: number;
  messagesDeleted: number;
  /** Where the next batch starts (the last session of this one); null when this was the last batch. */
  next: string | null;
}

/** Below every uuid: where the first pruning batch starts. */
export const FIRST_SESSION_ID = '00000000-0000-0000-0000-000000000000';

export interface AppendResult {
  message: MessageDto;
  /** True when an Idempotency-Key matched an earlier append and nothing new was stored. */
  replayed: boolean;
}

@Injectable()
export class MessageService {
  constructor(
    private readonly sessions: SessionService,
    private readonly messages: MessageRepository,
    private readonly idempotency: IdempotencyService,
    private readonly tokens: TokenCounter,
    private readonly metrics: Metrics,
    private readonly userMessages: UserMessageListeners,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Appends a message with the session's next seq, dropping the oldest beyond the cap.
   * With an idempotency key, a retry of the same request returns the first message and
   * stores nothing; the same key on a different request is a 422.
   */
  async append(owner: Owner, sessionId: string, dto: AppendMessageDto, idempotencyKey?: string): Promise<AppendResult> {
    this.assertContentFits(dto.content);
    if (idempotencyKey === undefined) return { message: await this.store(owner, sessionId, dto), replayed: false };

    this.idempotency.assertValidKey(idempotencyKey);
    const requestHash = hashCanonicalJson({ sessionId, message: dto });
    await this.sessions.lockOwned(owner, sessionId);
    const earlier = await this.idempotency.earlierResponse(owner.id, idempotencyKey, requestHash);
    if (earlier) return { message: earlier as unknown as MessageDto, replayed: true };

    const message = await this.store(owner, sessionId, dto);
    await this.idempotency.remember(owner.id, idempotencyKey, sessionId, requestHash, message);
    return { message, replayed: false };
  }

  /**
   * Appends a message under an id the caller chose: a streamed reply announces its id
   * before it is stored. No idempotency key: the id itself is unique.
   */
  async appendWithId(owner: Owner, sessionId: string, id: string, dto: AppendMessageDto): Promise<MessageDto> {
    this.assertContentFits(dto.content);
    return this.store(owner, sessionId, dto, id);
  }

  /**
   * A page of the session's messages, oldest first: the newest `limit` (before a seq,
   * when given), or with `after` the oldest `limit` newer than that seq.
   */
  async list(owner: Owner, sessionId: string, query: ListMessagesQuery): Promise<MessagePageDto> {
    if (query.before !== undefined && query.after !== undefined) {
      throw ProblemException.badRequest('validation', 'Pass either before or after, not both.', [
        { field: 'before', messages: ['before and after cannot be combined'] },
      ]);
    }
    await this.sessions.getOwned(owner, sessionId);
    const limit = query.limit ?? DEFAULT_MESSAGE_PAGE;
    return query.after !== undefined
      ? this.pageAfter(sessionId, query.after, limit)
      : this.pageBefore(sessionId, query.before ?? null, limit);
  }

  /**
   * One batch of the message-pruning job, in the caller's transaction: the next `limit`
   * sessions after `afterId` (id order) holding more than MAX_MESSAGES_PER_SESSION messages
   * lose their oldest ones down to it, as an append would prune them, and get their true
   * message_count back. seq is left alone (seqs are never reused). The sessions stay locked
   * until the transaction ends, so appends to them wait rather than interleave.
   */
  async pruneOverCapBatch(afterId: string, limit: number): Promise<PruneBatch> {
    const cap = this.config.maxMessagesPerSession;
    const sessions = await this.sessions.lockOverCapBatch(afterId, cap, limit);
    if (sessions.length === 0) return { sessions: 0, messagesDeleted: 0, next: null };
    const messagesDeleted = await this.messages.deleteOutsideNewest(sessions, cap);
    const ids = sessions.map((session) => session.id);
    const counted = new Map((await this.messages.countBySession(ids)).map((row) => [row.sessionId, row.count]));
    await this.sessions.setMessageCounts(ids.map((sessionId) => ({ sessionId, count: counted.get(sessionId) ?? 0 })));
    return { sessions: sessions.length, messagesDeleted, next: sessions.length < limit ? null : ids[ids.length - 1] };
  }

  /** Stores a new message; a user's message then goes to the UserMessageListeners, in the same transaction. */
  private async store(owner: Owner, sessionId: string, dto: AppendMessageDto, id?: string): Promise<MessageDto> {
    const cap = this.config.maxMessagesPerSession;
    const { seq } = await this.sessions.reserveNextSeq(owner, sessionId, cap);
    const message = mapMessage(await this.messages.insertKeepingNewest(sessionId, seq, { ...this.toNewMessage(dto), id }, cap));
    this.metrics.messageAppended(message.role);
    if (message.role === 'user') await this.userMessages.notify({ owner, sessionId, messageId: message.id, content: message.content });
    return message;
  }

  /**
   * Counted once, here, so that assembling context never re-tokenizes history. A count the
   * client sends is kept when it is larger (it may include what its model adds).
   */
  private toNewMessage(dto: AppendMessageDto): NewMessage {
    const counted = this.tokens.countMessage(dto.content, dto.toolCalls);
    return { ...messageFields(dto), tokenCount: Math.max(counted, dto.tokenCount ?? 0) };
  }

  /** The newest `limit` messages of the owner's session, oldest first, with their token counts. */
  async historyForContext(owner: Owner, sessionId: string, limit: number): Promise<HistoryMessage[]> {
    await this.sessions.getOwned(owner, sessionId);
    const rows = await this.messages.listNewestForContext(sessionId, limit);
    return rows.reverse().map((row) => ({ ...row, tokenCount: row.tokenCount ?? this.tokens.countMessage(row.content, row.toolCalls) }));
  }

  private async pageBefore(sessionId: string, before: number | null, limit: number): Promise<MessagePageDto> {
    const rows = await this.messages.listNewestBefore(sessionId, before, limit + 1);
    const page = rows.slice(0, limit).reverse();
    const nextCursor = rows.length > limit ? String(page[0].seq) : null;
    return { items: page.map(mapMessage), nextCursor };
  }

  private async pageAfter(sessionId: string, after: number, limit: number): Promise<MessagePageDto> {
    const rows = await this.messages.listOldestAfter(sessionId, after, limit + 1);
    const page = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? String(page[page.length - 1].seq) : null;
    return { items: page.map(mapMessage), nextCursor };
  }

  /** A batch of an export: the session's messages after seq `afterSeq`, oldest first. The caller checked the session is the owner's. */
  async exportBatch(sessionId: string, afterSeq: number, limit: number): Promise<MessageDto[]> {
    return (await this.messages.listOldestAfter(sessionId, afterSeq, limit)).map(mapMessage);
  }

  /** Erasure: deletes the messages of these sessions (before the sessions go), for the receipt's count. */
  deleteAllIn(sessionIds: string[]): Promise<number> {
    return this.messages.deleteInSessions(sessionIds);
  }

  /** 400 when the text is longer than MAX_CONTENT_CHARS; `field` names it in the error. */
  assertContentFits(content: string, field = 'content'): void {
    const max = this.config.maxContentChars;
    if (content.length <= max) return;
    throw ProblemException.badRequest('validation', `${field} must be at most ${max} characters (got ${content.length}).`, [
      { field, messages: [`${field} must be at most ${max} characters`] },
    ]);
  }
}

/** The stored fields of an append, with the defaults of what it left out. */
function messageFields(dto: AppendMessageDto): NewMessage {
  return {
    role: dto.role,
    content: dto.content,
    metadata: dto.metadata ?? {},
    toolsUsed: dto.toolsUsed ?? null,
    toolCalls: dto.toolCalls ?? null,
    toolCallId: dto.toolCallId ?? null,
    tokenCount: dto.tokenCount ?? null,
    processingTimeMs: dto.processingTimeMs ?? null,
    hasError: dto.hasError ?? false,
    errorMessage: dto.errorMessage ?? null,
  };
}
