import FlatQueue from 'flatqueue';

/**
 * The rank of the token made of exactly `bytes[start, end)` (a binary string: one char per
 * byte), if there is one. Positions rather than a slice: most lookups are of two bytes,
 * which need no string at all.
 */
export type RankLookup = (bytes: string, start: number, end: number) => number | undefined;

/** Heap priorities order by rank, then by position: ranks stay below 2^21, positions below 2^32. */
const POSITIONS = 2 ** 32;

/**
 * Byte-pair merging exactly as tiktoken defines it: repeatedly merge the adjacent pair of
 * parts whose bytes form the lowest-ranked token, the leftmost one on a tie, until no pair
 * is a token. The reference implementations (tiktoken, gpt-tokenizer) rescan every part and
 * splice an array for each merge, which is quadratic in the length of one pre-token: a run of
 * 32,000 CJK characters froze the event loop for seconds. Here the parts are a linked list
 * over byte offsets and candidate pairs wait in a heap (stale entries are skipped when
 * popped), so a piece of n bytes costs O(n log n) and gives the same tokens.
 * Returns the ranks of the final parts, in order.
 */
export function mergeBytePairs(bytes: string, rankOf: RankLookup): number[] {
  const length = bytes.length;
  // end[i]: where the part starting at byte i ends; prev[i]: where the part before it starts.
  const end = new Int32Array(length);
  const prev = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    end[i] = i + 1;
    prev[i] = i - 1;
  }
  // pairRank[i]: the rank of part i merged with the part after it (Infinity: none, or i is no longer a part).
  const pairRank = new Float64Array(length).fill(Infinity);
  const queue = new FlatQueue<number>();
  const rate = (i: number): void => {
    const rank = end[i] < length ? rankOf(bytes, i, end[end[i]]) : undefined;
    pairRank[i] = rank ?? Infinity;
    if (rank !== undefined) queue.push(i, rank * POSITIONS + i);
  };
  for (let i = 0; i < length - 1; i++) rate(i);
  while (queue.length > 0) {
    const priority = queue.peekValue()!;
    const i = queue.pop()!;
    if (pairRank[i] * POSITIONS + i !== priority) continue;
    const absorbed = end[i];
    end[i] = end[absorbed];
    if (end[i] < length) prev[end[i]] = i;
    pairRank[absorbed] = Infinity;
    rate(i);
    if (i > 0) rate(prev[i]);
  }
  const ranks: number[] = [];
  for (let i = 0; i < length; i = end[i]) ranks.push(rankOf(bytes, i, end[i])!);
  return ranks;
}
