import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { Database } from '@/common/database/database';
import { isDatabaseDown } from '@/common/errors/problem-details';
import { logUnderSession } from '@/common/logging/log-context';
import { Metrics } from '@/common/metrics/metrics';
import { ProblemException } from '@/common/errors/problem.exception';
import { LlmTrackingService } from '@/llm-tracking/llm-tracking.service';
import { hashCanonicalJson } from '@/common/http/canonical-json';
import { IdempotencyService } from '@/message/idempotency.service';
import { MessageService } from '@/message/message.service';
import { Owner } from '@/session/owner';
import { SessionService } from '@/session/session.service';
import { ContextService } from '@/token-budget/context.service';
import { ReplayedTurn, Turn, TurnIdempotency } from './chat-turn';
import { ChatRequestDto } from './dto/chat-request.dto';
import { ChatResponseDto } from './dto/chat-response.dto';
import { SessionLeaseService } from './session-lease.service';
import { TurnCompletion } from './turn-completion.service';

export interface TurnListener {
  /** Aborts the model call (the client went away); what was generated is kept. */
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
}

/**
 * One chat turn around one model call, in two short transactions: the first stores the
 * user's message and reads the context, the second stores the reply with its llm_request.
 * No transaction or pooled connection is held while the model runs, and a lease keeps a
 * second turn on the same session waiting until the first is stored.
 */
@Injectable()
export class ChatService {
  private readonly logger = new Logger(ChatService.name);

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
    private readonly idempotency: IdempotencyService,
    private readonly contexts: ContextService,
    private readonly tracking: LlmTrackingService,
    private readonly leases: SessionLeaseService,
    private readonly completion: TurnCompletion,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A whole turn: prepare, call the model, store the reply. */
  async chat(owner: Owner | null, request: ChatRequestDto, idempotencyKey?: string): Promise<ChatResponseDto> {
    return this.completeTurn(await this.startTurn(owner, request, idempotencyKey));
  }

  /** The model call and the stored reply of a started turn; 502 (after storing) when the model fails. */
  completeTurn(turn: Turn, listener: TurnListener = {}): Promise<ChatResponseDto> {
    return this.completion.complete(turn, listener);
  }

  /**
   * Everything before the model call; every refusal (bad model, foreign session, a turn
   * still running, the daily cap) happens here, before anything is streamed. When the
   * database is unreachable the turn goes on without history and without being stored.
   */
  async startTurn(owner: Owner | null, request: ChatRequestDto, idempotencyKey?: string): Promise<Turn> {
    try {
      return await this.beginTurn(owner, request, idempotencyKey);
    } catch (error) {
      this.metrics.chatTurn('refused');
      throw error;
    }
  }

  private async beginTurn(owner: Owner | null, request: ChatRequestDto, idempotencyKey?: string): Promise<Turn> {
    const model = this.contexts.allowedModel(request.model);
    this.messages.assertContentFits(request.message, 'message');
    const systemPrompt = request.systemPrompt ?? this.config.chat.systemPrompt;
    if (!owner) return this.unrecorded(model, request, systemPrompt);
    try {
      const idempotency = this.idempotencyOf(request, idempotencyKey);
      return (await this.replay(owner, idempotency)) ?? (await this.prepare(owner, request, model, idempotency));
    } catch (error) {
      if (!isDatabaseDown(error)) throw error;
      this.logger.warn('database unreachable: answering a chat turn without history');
      return this.unrecorded(model, request, systemPrompt);
    }
  }

  /** A turn without the database; refused when spending is capped, since the cap cannot be checked. */
  private unrecorded(model: string, request: ChatRequestDto, systemPrompt: string): Turn {
    if (this.config.chat.dailyCostLimitUsd !== null) {
      throw new ProblemException(503, 'database-unavailable', 'Service Unavailable', 'The database cannot be reached and spending is capped; retry shortly.');
    }
    return { kind: 'unrecorded', model, sessionId: request.sessionId ?? null, message: request.message, systemPrompt };
  }

  private idempotencyOf(request: ChatRequestDto, key: string | undefined): TurnIdempotency | null {
    if (key === undefined) return null;
    this.idempotency.assertValidKey(key);
    return { key, requestHash: hashCanonicalJson({ chat: request }) };
  }

  /** The stored response of an earlier turn with the same Idempotency-Key, if there is one. */
  private async replay(owner: Owner, idempotency: TurnIdempotency | null): Promise<ReplayedTurn | null> {
    if (!idempotency) return null;
    const earlier = await this.idempotency.earlierResponse(owner.id, idempotency.key, idempotency.requestHash);
    return earlier ? { kind: 'replay', response: earlier as unknown as ChatResponseDto } : null;
  }

  private async prepare(owner: Owner, request: ChatRequestDto, model: string, idempotency: TurnIdempotency | null): Promise<Turn> {
    // A named session is one read (autocommit); resuming may create one, atomically.
    const session = request.sessionId
      ? await this.sessions.getOwned(owner, request.sessionId)
      : await this.db.inTransaction(() => this.sessions.resumeCurrent(owner));
    const sessionId = session.id;
    logUnderSession(sessionId);
    const lease = await this.leases.acquire(sessionId);
    try {
      const turn = await this.db.inTransaction(async (): Promise<Turn> => {
        // A concurrent retry may have finished while this one waited for the lease.
        const replayed = await this.replay(owner, idempotency);
        if (replayed) return replayed;
        await this.assertUnderDailyLimit(owner);
        const userMessage = await this.messages.append(owner, sessionId, { role: 'user', content: request.message });
        const context = await this.contexts.buildContext(owner, sessionId, { model, systemPrompt: request.systemPrompt });
        const assistantMessageId = randomUUID();
        return { kind: 'recorded', owner, model, sessionId, userMessage: userMessage.message, assistantMessageId, context, lease, idempotency };
      });
      if (turn.kind === 'replay') await lease.release();
      return turn;
    } catch (error) {
      await lease.release().catch(() => undefined);
      throw error;
    }
  }

  private async assertUnderDailyLimit(owner: Owner): Promise<void> {
    const limit = this.config.chat.dailyCostLimitUsd;
    if (limit === null) return;
    const spent = await this.tracking.spentTodayUsd(owner.id);
    if (Number(spent) < limit) return;
    throw new ProblemException(429, 'daily-cost-limit', 'Too Many Requests', `The daily spend limit of ${limit} USD is reached (spent ${spent} USD today, UTC).`, undefined, {
      'retry-after': String(secondsUntilUtcMidnight()),
    });
  }
}

function secondsUntilUtcMidnight(): number {
  const now = new Date();
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.ceil((midnight - now.getTime()) / 1000);
}
