// The CommonJS builds: TypeScript's classic node resolution does not read package exports.
import cl100kRanks from 'gpt-tokenizer/cjs/bpeRanks/cl100k_base';
import o200kRanks from 'gpt-tokenizer/cjs/bpeRanks/o200k_base';
import * as cl100k from 'gpt-tokenizer/cjs/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/cjs/encodingParams/constants';
import { mergeBytePairs, RankLookup } from './byte-pair-merge';

export type EncodingName = 'o200k_base' | 'cl100k_base';

/** The part of gpt-tokenizer's encoding API used here. */
interface LibraryEncoding {
  countTokens(text: string, options: typeof PLAIN_TEXT): number;
  encode(text: string, options: typeof PLAIN_TEXT): number[];
  decode(tokens: number[]): string;
}

/**
 * Text that looks like a special token ("<|endoftext|>") is counted as the text it is, as
 * providers treat it in message content; gpt-tokenizer's default would throw on it.
 */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * Pre-tokens longer than this (UTF-16 units; at most 3 bytes each) go to our own merge.
 * Below it gpt-tokenizer's quadratic merge is cheaper than a heap, and costs at most
 * ~LONG_PIECE² per piece, so O(n · LONG_PIECE) for a whole text; its merge cache also only
 * ever holds pieces this short.
 */
export const LONG_PIECE = 64;

/**
 * One tokenizer encoding: gpt-tokenizer's (its pre-tokenizer, its vocabulary, its counts for
 * ordinary text), with pre-tokens longer than LONG_PIECE merged by `mergeBytePairs` in
 * O(n log n) instead of gpt-tokenizer's O(n²). The counts are exact, identical to
 * gpt-tokenizer's (the unit tests compare them).
 */
export class LinearEncoding {
  private vocabulary: BinaryVocabulary | null = null;

  constructor(
    private readonly library: LibraryEncoding,
    private readonly splitter: RegExp,
    private readonly rankData: readonly (string | readonly number[])[],
  ) {}

  count(text: string): number {
    if (!this.hasLongPiece(text)) return this.library.countTokens(text, PLAIN_TEXT);
    let total = 0;
    for (const [piece] of text.matchAll(this.splitter)) {
      total += piece.length > LONG_PIECE ? this.mergeLong(piece).length : this.library.countTokens(piece, PLAIN_TEXT);
    }
    return total;
  }

  encode(text: string): number[] {
    if (!this.hasLongPiece(text)) return this.library.encode(text, PLAIN_TEXT);
    const tokens: number[] = [];
    for (const [piece] of text.matchAll(this.splitter)) {
      for (const token of piece.length > LONG_PIECE ? this.mergeLong(piece) : this.library.encode(piece, PLAIN_TEXT)) tokens.push(token);
    }
    return tokens;
  }

  decode(tokens: number[]): string {
    return this.library.decode(tokens);
  }

  /** Builds the byte-sequence vocabulary now (~50-80 ms for o200k) rather than during a request. */
  prepare(): this {
    this.vocabulary ??= binaryVocabulary(this.rankData);
    return this;
  }

  private hasLongPiece(text: string): boolean {
    if (text.length <= LONG_PIECE) return false;
    for (const [piece] of text.matchAll(this.splitter)) if (piece.length > LONG_PIECE) return true;
    return false;
  }

  private mergeLong(piece: string): number[] {
    const { rankOf } = this.prepare().vocabulary!;
    const bytes = Buffer.from(piece, 'utf8').toString('latin1');
    const whole = rankOf(bytes, 0, bytes.length);
    return whole !== undefined ? [whole] : mergeBytePairs(bytes, rankOf);
  }
}

interface BinaryVocabulary {
  rankOf: RankLookup;
}

/**
 * Token bytes to rank, from gpt-tokenizer's rank table (index = rank, value = the token as
 * text, or as bytes when they are not UTF-8): two-byte tokens in a table indexed by the
 * bytes, longer ones in a map keyed by binary strings.
 */
function binaryVocabulary(rankData: readonly (string | readonly number[])[]): BinaryVocabulary {
  const pairs = new Int32Array(65_536).fill(-1);
  const longer = new Map<string, number>();
  rankData.forEach((token, rank) => {
    const bytes = typeof token === 'string' ? (/^[\x00-\x7f]*$/.test(token) ? token : Buffer.from(token, 'utf8').toString('latin1')) : Buffer.from(token).toString('latin1');
    if (bytes.length === 2) pairs[(bytes.charCodeAt(0) << 8) | bytes.charCodeAt(1)] = rank;
    else longer.set(bytes, rank);
  });
  const rankOf: RankLookup = (bytes, start, end) => {
    if (end - start !== 2) return longer.get(bytes.slice(start, end));
    const rank = pairs[(bytes.charCodeAt(start) << 8) | bytes.charCodeAt(start + 1)];
    return rank < 0 ? undefined : rank;
  };
  return { rankOf };
}

const encodings: Record<EncodingName, LinearEncoding> = {
  o200k_base: new LinearEncoding(o200k, O200K_TOKEN_SPLIT_REGEX, o200kRanks),
  cl100k_base: new LinearEncoding(cl100k, CL100K_TOKEN_SPLIT_REGEX, cl100kRanks),
};

/** The shared instance of an encoding (its vocabulary is built once per process). */
export function linearEncoding(name: EncodingName): LinearEncoding {
  return encodings[name];
}
