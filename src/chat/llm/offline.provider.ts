import { setImmediate, setTimeout } from 'node:timers/promises';
import { OFFLINE_MODEL } from '@/common/config/app-config';
import { linearEncoding } from '@/common/tokenizer/linear-encoding';
import { LlmEvent, LlmMessage, LlmProvider, LlmRequest } from './llm-provider';
import { LlmError } from './llm-error';
import { composeOfflineReply } from './offline-reply';

export interface OfflineProviderOptions {
  /** Pause before each word, to make streaming visible in a demo. */
  wordDelayMs?: number;
}

/**
 * A deterministic model for development and tests: no network, the same answer for the
 * same prompt, streamed word by word, with usage counted in o200k tokens.
 */
export class OfflineProvider implements LlmProvider {
  readonly name = 'offline';

  constructor(private readonly options: OfflineProviderOptions = {}) {}

  async *stream(request: LlmRequest): AsyncGenerator<LlmEvent> {
    const answer = limitTokens(composeOfflineReply(request.messages), request.maxTokens);
    yield { type: 'model', model: OFFLINE_MODEL };
    for (const word of answer.match(/\S+\s*/g) ?? []) {
      await this.pause(request.signal);
      yield { type: 'delta', text: word };
    }
    const usage = { promptTokens: countPromptTokens(request.messages), completionTokens: o200k.count(answer) };
    yield { type: 'finish', reason: 'stop' };
    yield { type: 'usage', usage };
  }

  private async pause(signal: AbortSignal): Promise<void> {
    const delayMs = this.options.wordDelayMs ?? 0;
    try {
      // Even without a delay, give the event loop a turn so an abort can land between words.
      await (delayMs > 0 ? setTimeout(delayMs, undefined, { signal }) : setImmediate(undefined, { signal }));
    } catch {
      throw new LlmError('aborted', 'model call aborted');
    }
  }
}

/** Counted in linear time: a prompt may hold a long message without spaces (see LinearEncoding). */
const o200k = linearEncoding('o200k_base');

function limitTokens(text: string, maxTokens: number | undefined): string {
  if (maxTokens === undefined) return text;
  const tokens = o200k.encode(text);
  return tokens.length <= maxTokens ? text : o200k.decode(tokens.slice(0, maxTokens));
}

function countPromptTokens(messages: LlmMessage[]): number {
  return messages.reduce((sum, message) => sum + o200k.count(message.content), 0);
}
