import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { ProblemException } from '@/common/errors/problem.exception';
import { MessageService } from '@/message/message.service';
import { Owner } from '@/session/owner';
import { AssembledContext, assembleContext, TextMeasure } from './context-assembler';
import { MemorySources } from './memory-source';
import { TokenBudgetConfig } from './token-budget.config';
import { EncodingName, encodingForModel, TokenCounter } from '@/common/tokenizer/token-counter';

export interface ContextOptions {
  /** Tokenizer family to count the prompt and memory in; the default model when omitted. */
  model?: string;
  /** Total tokens; TOKEN_BUDGET_TOTAL when omitted. */
  budget?: number;
  /** Replaces the configured system prompt. */
  systemPrompt?: string;
}

export interface SessionContext extends AssembledContext {
  /** The total the tiers were cut from. */
  budget: number;
  model: string;
  encoding: EncodingName;
}

@Injectable()
export class ContextService {
  constructor(
    private readonly budgets: TokenBudgetConfig,
    private readonly tokens: TokenCounter,
    private readonly messages: MessageService,
    private readonly memorySources: MemorySources,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The model-ready context of the owner's session: system prompt, memory and the newest
   * history that fits one budget, with the tokens used per tier. 404 for a foreign session.
   */
  async buildContext(owner: Owner, sessionId: string, options: ContextOptions = {}): Promise<SessionContext> {
    const model = this.allowedModel(options.model);
    const encoding = encodingForModel(model);
    const history = await this.messages.historyForContext(owner, sessionId, this.config.maxMessagesPerSession);
    const memory = await this.memorySources.memoryFor(owner, sessionId);
    const allocation = this.budgets.allocate(options.budget);
    const assembled = assembleContext({
      allocation,
      systemPrompt: options.systemPrompt ?? this.config.chat.systemPrompt,
      memory,
      history,
      measure: this.measureIn(encoding),
    });
    return { ...assembled, budget: allocation.total, model, encoding };
  }

  /**
   * The model a request names, when it is on the allow-list (LLM_MODEL plus LLM_MODELS), or
   * the default when it names none; 400 otherwise. Clients never pick anything else.
   */
  allowedModel(requested: string | undefined): string {
    const model = requested ?? this.config.llm.model;
    if (this.config.llm.models.includes(model)) return model;
    const allowed = this.config.llm.models.join(', ');
    throw ProblemException.badRequest('model-not-allowed', `model must be one of: ${allowed}.`, [{ field: 'model', messages: [`model must be one of: ${allowed}`] }]);
  }

  private measureIn(encoding: EncodingName): TextMeasure {
    return {
      count: (text) => this.tokens.count(text, encoding),
      truncate: (text, maxTokens) => this.tokens.truncate(text, maxTokens, encoding),
    };
  }
}
