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

/**
 * Reads a US state at `start`: its name in any case ("Texas", "new york") or its code
 * ("TX"; lower-case "tx" only when `lowercaseCode`, as after a street or before a ZIP).
 */
export function readUsState(text: string, start: number, lowercaseCode = false): StateRead | null {
  NAME.lastIndex = start;
  const name = NAME.exec(text);
  if (name) return { code: US_STATES.get(name[1].toLowerCase().replace(/\s+/g, ' ')) as string, end: NAME.lastIndex, abbreviated: false };
  CODE.lastIndex = start;
  const code = CODE.exec(text);
  if (!code) return null;
  const upper = code[1].toUpperCase();
  if (!CODES.has(upper) || (code[1] !== upper && !lowercaseCode)) return null;
  return { code: upper, end: CODE.lastIndex, abbreviated: true };
}
