import { US_STATES } from './us-states';

export interface StateRead {
  code: string;
  end: number;
  /** Written as its two-letter code rather than its name. */
  abbreviated: boolean;
}

const CODES = new Set(US_STATES.values());
const NAME = new RegExp(
  `(${[...US_STATES.keys()].sort((a, b) => b.length - a.length).map((name) => name.replace(/ /g, '\\s{1,3}')).join('|')})(?![\\p{L}])`,
  'iuy',
);
const CODE = /([A-Za-z]{2})(?![\p{L}])/uy;
/** Lower-case codes that are also words ("in", "or", "me", "ok"): never read as states in lower case at a line's end. */
const WORDS = new Set(['in', 'or', 'me', 'ok', 'hi', 'oh', 'la', 'pa', 'ma', 'co', 'al', 'id', 'de', 'mo', 'ne', 'ms', 'mt', 'as', 'mi', 'ga', 'wa']);
const SEGMENT_END = /^[ \t]{0,3}(?:[,.!?;\n]|$)/;

/** Where a lower-case code counts: never, anywhere (after a street, before a ZIP), or at the end of a line or clause. */
export type LowercaseCode = boolean | 'at-end';

/**
 * Reads a US state at `start`: its name in any case ("Texas", "new york") or its code
 * ("TX"; lower-case "tx" only when `lowercaseCode`, as after a street or before a ZIP, or
 * 'at-end' of a clause when the code is no word: "austin tx,").
 */
export function readUsState(text: string, start: number, lowercaseCode: LowercaseCode = false): StateRead | null {
  NAME.lastIndex = start;
  const name = NAME.exec(text);
  if (name) return { code: US_STATES.get(name[1].toLowerCase().replace(/\s+/g, ' ')) as string, end: NAME.lastIndex, abbreviated: false };
  CODE.lastIndex = start;
  const code = CODE.exec(text);
  if (!code) return null;
  const upper = code[1].toUpperCase();
  if (!CODES.has(upper) || (code[1] !== upper && !lowercaseAllowed(code[1], lowercaseCode, text, CODE.lastIndex))) return null;
  return { code: upper, end: CODE.lastIndex, abbreviated: true };
}

function lowercaseAllowed(code: string, allowed: LowercaseCode, text: string, end: number): boolean {
  if (allowed !== 'at-end') return allowed;
  return !WORDS.has(code.toLowerCase()) && SEGMENT_END.test(text.slice(end, end + 4));
}
