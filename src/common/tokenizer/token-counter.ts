import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { EncodingName, linearEncoding } from './linear-encoding';

export type { EncodingName } from './linear-encoding';

/** What the chat format adds around each message (role, separators), as OpenAI counts it. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** What the format adds once to prime the reply. */
export const REPLY_PRIMING_TOKENS = 3;

/**
 * cl100k for the GPT-4 / GPT-3.5 generation, o200k for everything newer. Models of other
 * vendors (Claude, Llama, Mistral, ...) have tokenizers that are not published in npm;
 * they are counted with o200k, which lands within about 10-20% of theirs (documented in
 * docs/token-budget.md), and the reply reserve absorbs the difference.
 */
export function encodingForModel(model: string): EncodingName {
  const name = model.toLowerCase().split('/').pop() ?? '';
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|chatgpt-4o|o\d)/.test(name)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5|text-embedding-(ada|3))/.test(name)) return 'cl100k_base';
  return 'o200k_base';
}

@Injectable()
export class TokenCounter {
  /** The encoding of the default model: the one message token counts are stored in. */
  readonly storedEncoding: EncodingName;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.storedEncoding = encodingForModel(config.llm.model);
    // Built at boot (~100 ms, ~13 MB for both), not by the first request that brings a long pre-token.
    linearEncoding('o200k_base').prepare();
    linearEncoding('cl100k_base').prepare();
  }

  /**
   * Exact counts (identical to gpt-tokenizer's), in time linear in the text (n log n for one
   * long pre-token): see LinearEncoding. An exact count is never an undercount, so the budget
   * can trust it; text that looks like a special token counts as plain text.
   */
  count(text: string, encoding: EncodingName = this.storedEncoding): number {
    return text.length === 0 ? 0 : linearEncoding(encoding).count(text);
  }

  /** A message's own tokens: its content plus its tool calls, without the per-message overhead. */
  countMessage(content: string, toolCalls: unknown[] | null | undefined, encoding?: EncodingName): number {
    const calls = toolCalls?.length ? this.count(JSON.stringify(toolCalls), encoding) : 0;
    return this.count(content, encoding) + calls;
  }

  /**
   * Cuts `text` to at most `maxTokens` tokens, a marker included, so a message too big for
   * the budget is shortened visibly rather than dropped. Empty when not even the marker fits.
   */
  truncate(text: string, maxTokens: number, encoding: EncodingName = this.storedEncoding): { text: string; tokens: number } {
    const tokens = linearEncoding(encoding).encode(text);
    if (tokens.length <= maxTokens) return { text, tokens: tokens.length };
    const marker = `\n[… truncated: this message had ${tokens.length} tokens, more than the context budget allows …]`;
    let keep = maxTokens - this.count(marker, encoding);
    while (keep > 0) {
      const cut = linearEncoding(encoding).decode(tokens.slice(0, keep)) + marker;
      const count = this.count(cut, encoding);
      if (count <= maxTokens) return { text: cut, tokens: count };
      keep -= count - maxTokens; // re-encoding at the cut can merge differently: shrink and retry
    }
    return { text: '', tokens: 0 };
  }
}
