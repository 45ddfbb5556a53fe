/** The last match of a global pattern in a (short) text, or null. */
export function lastMatch(pattern: RegExp, text: string): RegExpExecArray | null {
  pattern.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) last = match;
  return last;
}

/** Where the last match of a global pattern in `text` ends, or -1. */
export function lastMatchEnd(pattern: RegExp, text: string): number {
  const match = lastMatch(pattern, text);
  return match ? match.index + match[0].length : -1;
}
