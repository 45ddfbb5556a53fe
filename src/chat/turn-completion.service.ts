import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { Database } from '@/common/database/database';
import { ProblemException } from '@/common/errors/problem.exception';
import { ChatTurnOutcome, Metrics } from '@/common/metrics/metrics';
import { LlmTrackingService } from '@/llm-tracking/llm-tracking.service';
import { IdempotencyService } from '@/message/idempotency.service';
import { MessageService } from '@/message/message.service';
import { ContextMessage } from '@/token-budget/context-assembler';
import { TokenCounter } from '@/common/tokenizer/token-counter';
import { PreparedTurn, Turn, UnrecordedTurn } from './chat-turn';
import type { TurnListener } from './chat.service';
import { ChatResponseDto, ChatUsageDto } from './dto/chat-response.dto';
import { LlmError } from './llm/llm-error';
import { LlmMessage, LlmUsage } from './llm/llm-provider';
import { ResilientLlm } from './llm/resilient-llm';
import { ModelCallOutcome, runModelCall } from './model-call';

const NO_HISTORY_WARNING = 'The database is unreachable: this turn was answered without history and was not saved.';
/** Reply budget when there is no context to take the reserve from. */
const UNRECORDED_MAX_TOKENS = 1024;

/** The second half of a turn: the model call and, in one transaction, the reply and its llm_request. */
@Injectable()
export class TurnCompletion {
  constructor(
    private readonly llm: ResilientLlm,
    private readonly db: Database,
    private readonly messages: MessageService,
    private readonly idempotency: IdempotencyService,
    private readonly tracking: LlmTrackingService,
    private readonly tokens: TokenCounter,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Calls the model and stores what it said; a failed call is stored as an error message, then answered with 502. */
  async complete(turn: Turn, listener: TurnListener): Promise<ChatResponseDto> {
    if (turn.kind === 'replay') {
      this.metrics.chatTurn('replayed');
      return turn.response;
    }
    return turn.kind === 'recorded' ? this.completeRecorded(turn, listener) : this.completeUnrecorded(turn, listener);
  }

  private async completeRecorded(turn: PreparedTurn, listener: TurnListener): Promise<ChatResponseDto> {
    try {
      const messages = turn.context.messages.map(toLlmMessage);
      const maxTokens = turn.context.tiers.reserve.allocated;
      const outcome = await this.call(turn.model, messages, maxTokens, listener);
      const usage = this.usageOf(outcome, turn.context.totalTokens);
      const response = await this.db.inTransaction(async () => {
        const stored = await this.store(turn, { messages, maxTokens }, outcome, usage);
        this.countTurn(turn.model, outcome, usage, stored.cost);
        const answer: ChatResponseDto = {
          sessionId: turn.sessionId,
          reply: outcome.text,
          userMessage: turn.userMessage,
          assistantMessage: stored.assistantMessage,
          usage: this.usageDto(turn.model, outcome, usage, stored.cost),
        };
        if (turn.idempotency && outcome.status !== 'error') {
          const { key, requestHash } = turn.idempotency;
          await this.idempotency.remember(turn.owner.id, key, turn.sessionId, requestHash, answer);
        }
        return answer;
      });
      if (outcome.status === 'error') throw modelFailure(outcome.error!, 'The user message and the failure were saved.');
      return response;
    } finally {
      await turn.lease.release().catch(() => undefined);
    }
  }

  private async store(turn: PreparedTurn, sent: { messages: LlmMessage[]; maxTokens: number }, outcome: ModelCallOutcome, usage: CountedUsage) {
    const content = this.storable(outcome.text);
    const truncated = outcome.status === 'truncated' || content !== outcome.text;
    // No tokenCount: the message module counts the content itself. The provider's completion
    // tokens include hidden reasoning tokens and would crowd history out of later contexts.
    const message = await this.messages.appendWithId(turn.owner, turn.sessionId, turn.assistantMessageId, {
      role: 'assistant',
      content,
      toolsUsed: [],
      processingTimeMs: outcome.latencyMs,
      hasError: outcome.status === 'error',
      errorMessage: outcome.status === 'error' ? outcome.error!.message : undefined,
      metadata: {
        model: outcome.reportedModel ?? turn.model,
        ...(outcome.finishReason ? { finishReason: outcome.finishReason } : {}),
        ...(truncated ? { truncated: true } : {}),
      },
    });
    const recorded = await this.tracking.record({
      sessionId: turn.sessionId,
      ownerId: turn.owner.id,
      messageId: message.id,
      provider: this.llm.name,
      model: turn.model,
      requestBody: { model: turn.model, messages: sent.messages, max_tokens: sent.maxTokens, stream: true, stream_options: { include_usage: true } },
      responseMeta: { model: outcome.reportedModel, finishReason: outcome.finishReason },
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      usageSource: usage.source,
      latencyMs: outcome.latencyMs,
      ttftMs: outcome.ttftMs,
      attempts: outcome.attempts,
      status: outcome.status,
      error: outcome.error?.message ?? null,
      contextManifest: { ...turn.context.manifest, tiers: turn.context.tiers, encoding: turn.context.encoding },
    });
    return { assistantMessage: message, cost: recorded.cost };
  }

  private async completeUnrecorded(turn: UnrecordedTurn, listener: TurnListener): Promise<ChatResponseDto> {
    const messages: LlmMessage[] = [
      { role: 'system', content: turn.systemPrompt },
      { role: 'user', content: turn.message },
    ];
    const outcome = await this.call(turn.model, messages, UNRECORDED_MAX_TOKENS, listener);
    if (outcome.status === 'error') {
      this.metrics.chatTurn('model_error');
      throw modelFailure(outcome.error!, 'Nothing was saved: the database is unreachable.');
    }
    const prompt = messages.reduce((sum, m) => sum + this.tokens.count(m.content), 0);
    const usage = this.usageOf(outcome, prompt);
    this.countTurn(turn.model, outcome, usage, null, 'unrecorded');
    return {
      sessionId: turn.sessionId,
      reply: outcome.text,
      userMessage: null,
      assistantMessage: null,
      usage: this.usageDto(turn.model, outcome, usage, null),
      warning: NO_HISTORY_WARNING,
    };
  }

  private countTurn(model: string, outcome: ModelCallOutcome, usage: CountedUsage, cost: string | null, as?: ChatTurnOutcome): void {
    this.metrics.modelCall(outcome.reportedModel ?? model, usage.promptTokens, usage.completionTokens, cost);
    this.metrics.chatTurn(as ?? (outcome.status === 'error' ? 'model_error' : outcome.status));
  }

  /**
   * A reply is stored even when it breaks the limits set for clients: it has been paid
   * for. PostgreSQL cannot hold U+0000, and MAX_CONTENT_CHARS still bounds what is kept.
   */
  private storable(text: string): string {
    return text.replace(/\u0000/g, '').slice(0, this.config.maxContentChars);
  }

  private call(model: string, messages: LlmMessage[], maxTokens: number, listener: TurnListener): Promise<ModelCallOutcome> {
    return runModelCall(this.llm, {
      model,
      messages,
      maxTokens,
      signal: listener.signal ?? new AbortController().signal,
      onDelta: listener.onDelta ?? (() => undefined),
    });
  }

  /** The provider's counts when it reported them; else ours (a streamed call is never logged at zero). */
  private usageOf(outcome: ModelCallOutcome, promptTokens: number): CountedUsage {
    if (outcome.usage) return { ...outcome.usage, source: 'provider' };
    return { promptTokens, completionTokens: this.tokens.count(outcome.text), source: 'counted' };
  }

  private usageDto(model: string, outcome: ModelCallOutcome, usage: CountedUsage, cost: string | null): ChatUsageDto {
    return {
      model: outcome.reportedModel ?? model,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      totalTokens: usage.promptTokens + usage.completionTokens,
      source: usage.source,
      cost,
      latencyMs: outcome.latencyMs,
      timeToFirstTokenMs: outcome.ttftMs,
    };
  }
}

interface CountedUsage extends LlmUsage {
  source: 'provider' | 'counted';
}

function toLlmMessage(message: ContextMessage): LlmMessage {
  const result: LlmMessage = { role: message.role, content: message.content };
  if (message.toolCalls) result.tool_calls = message.toolCalls;
  if (message.toolCallId) result.tool_call_id = message.toolCallId;
  return result;
}

function modelFailure(error: LlmError, whatWasSaved: string): ProblemException {
  const code = error.kind === 'timeout' ? 'model-timeout' : 'model-error';
  return new ProblemException(502, code, 'Bad Gateway', `The model did not answer: ${error.message}. ${whatWasSaved}`);
}
