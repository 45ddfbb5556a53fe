import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { MessageText } from './message-text';
import { readName } from './name-reader';

/** "not" before a capitalised word, at a word start: "Not Kathy.", "it's not Jon", ", not Aysha". */
const NOT = /[Nn]ot(?<![\p{L}\p{N}'’][Nn]ot)\s{1,3}(?=\p{Lu})/gu;
/** Between the two names: punctuation, a dash, then "it's", "I'm", "should be" or nothing. */
const BETWEEN = /[\s.,;:!—–-]{1,6}(?:(?:[Ii]t['’]?s|[Ii]ts|[Ii]t\s{1,3}is|I['’]?m|I\s{1,3}am|[Ss]hould\s{1,3}be)\s{1,3})?/y;
/** The name set before the "not": "Its Bryan. Not Brian", "Should be Aisha Rahman, not Aysha". */
const NAMED_BEFORE =
  /(?:^|[^\p{L}])(?:[Ii]t['’]?s|[Ii]ts|[Ii]t\s{1,3}is|I['’]?m|I\s{1,3}am|[Ss]hould\s{1,3}be|[Nn]ame\s{1,3}is)\s{1,3}(\p{Lu}[\p{L}'’-]{0,30}(?:\s\p{Lu}[\p{L}'’-]{0,30}){0,2})[\s.,;:!—–-]{1,6}$/u;

/**
 * A name set against a similar one, across sentences or dashes: "Not Kathy. Katherine.",
 * "Not Mark — Marc", "it's not Jon. It's Jonathan.", "Its Bryan. Not Brian.", "Should be Aisha
 * Rahman, not Aysha". The two must look alike (same first letter, a few letters apart), so
 * "not Austin, Dallas" says nothing about a name. Returns whether a pair was found.
 */
export function extractNameSwap(message: MessageText, out: FactCollector): boolean {
  for (const match of message.matches(NOT, 8)) {
    const end = match.index + match[0].length;
    const wrong = readName(message.text, end, 'capitalized');
    if (!wrong) continue;
    const right = nameAfter(message.text, wrong.end) ?? nameBefore(message, match.index);
    if (!right || !alike(firstWord(right), firstWord(wrong.value))) continue;
    out.add('customerName', right, CONFIDENCE.likely);
    out.negate('customerName', wrong.value, CONFIDENCE.stated);
    return true;
  }
  return false;
}

function nameAfter(text: string, start: number): string | null {
  BETWEEN.lastIndex = start;
  if (!BETWEEN.exec(text)) return null;
  const name = readName(text, BETWEEN.lastIndex, 'capitalized');
  return name && /^[\s.,;:!)]*(?:$|[\n,.!]|with\b|without\b|spelled\b)/.test(text.slice(name.end, name.end + 12)) ? name.value : null;
}

function nameBefore(message: MessageText, index: number): string | null {
  return NAMED_BEFORE.exec(message.text.slice(Math.max(0, index - 60), index))?.[1] ?? null;
}

function firstWord(name: string): string {
  return name.split(' ')[0].toLowerCase();
}

/** Same first letter, and either the same first three letters or at most two edits apart. */
function alike(a: string, b: string): boolean {
  if (a === b || a[0] !== b[0]) return false;
  return a.slice(0, 3) === b.slice(0, 3) || editDistance(a, b) <= 2;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
