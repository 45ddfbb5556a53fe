import fc from 'fast-check';
import * as cl100k from 'gpt-tokenizer/cjs/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { LONG_PIECE, linearEncoding } from './linear-encoding';

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
const LIBRARIES = { o200k_base: o200k, cl100k_base: cl100k } as const;

/** Characters that build every kind of pre-token: letters of several scripts, marks, digits, punctuation, spaces, emoji, broken surrogates. */
const UNITS = ['a', 'Z', 'é', 'e\u0301', '中', '文', 'の', 'ก', 'ั', '1', '7', ' ', '  ', '\n', '\t', '{}', '"', "'s", '_', '-', '/', '😀', '\ud800', ',', '，'];
const run = fc.tuple(fc.constantFrom(...UNITS), fc.integer({ min: 1, max: 3 * LONG_PIECE })).map(([unit, times]) => unit.repeat(times));
const textWithLongPieces = fc.array(fc.oneof(run, fc.constantFrom(...UNITS)), { maxLength: 12 }).map((parts) => parts.join(''));

describe.each(['o200k_base', 'cl100k_base'] as const)('LinearEncoding (%s)', (name) => {
  const encoding = linearEncoding(name).prepare();
  const library = LIBRARIES[name];

  it('counts and encodes exactly as gpt-tokenizer does, long pre-tokens included', () => {
    fc.assert(
      fc.property(textWithLongPieces, (text) => {
        const expected = library.encode(text, PLAIN_TEXT);
        expect(encoding.encode(text)).toEqual(expected);
        expect(encoding.count(text)).toBe(expected.length);
        expect(encoding.decode(encoding.encode(text))).toBe(library.decode(expected));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['one long CJK run', '中'.repeat(2_000)],
    ['mixed CJK', '我们今天讨论的是中文文本没有空格的情况'.repeat(60)],
    ['a long punctuation run', '{}'.repeat(1_500)],
    ['a long lower-case word', 'abcdefghijklmnopqrstuvwxyz'.repeat(80)],
    ['a long upper-case word', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(80)],
    ['long whitespace', ' '.repeat(1_000) + 'x' + '\n'.repeat(1_000)],
    ['Thai without spaces', 'สวัสดีครับยินดีต้อนรับ'.repeat(60)],
    ['emoji', '😀👍🏽🇫🇷'.repeat(300)],
  ])('matches gpt-tokenizer on %s', (_, text) => {
    expect(encoding.encode(text)).toEqual(library.encode(text, PLAIN_TEXT));
  });

  it('counts text that looks like a special token as plain text instead of throwing', () => {
    expect(encoding.count('say <|endoftext|> now')).toBe(library.countTokens('say <|endoftext|> now', PLAIN_TEXT));
    expect(encoding.count('<|endoftext|>')).toBeGreaterThan(1);
  });
});
