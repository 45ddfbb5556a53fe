import { NOT_A_NAME } from './not-a-name';
import { isEnglishWord, isFirstName } from './word-lists';

/**
 * - `any`: after a strong cue ("my name is"), any case.
 * - `capitalized`: the first word starts with a capital.
 * - `weak`: after a weak cue ("I'm", "it's", "... here", a bare line): a capitalised word that is
 *   a first name or no English word ("I'm Olu", not "I'm Hungry"), or a lower-case first name
 *   ("its jenna"); lower-case words after it must be no English word ("i'm maria lopez").
 */
export type NameCase = 'capitalized' | 'any' | 'weak';

export interface NameRead {
  value: string;
  end: number;
  /** The name was written in lower case (e.g. "my name is maria"). */
  lowercase: boolean;
}

const TOKEN = /[ \t]{0,3}([\p{L}][\p{L}\p{M}'’-]{0,30})/uy;
const HONORIFIC = /[ \t]{0,3}(?:dr|mr|mrs|ms|miss|mx|prof|professor|rev|reverend|pastor|rabbi|imam|capt|captain|sgt)\.?(?=[ \t])/iy;
/**
 * After a lower-case first name that is also a word ("bill", "grace"), what shows it is a name:
 * punctuation, "here", "again", or "from" and a place that is no time ("this is bill from
 * accounting", not "its bill from last month").
 */
const AFTER_LOWERCASE_WORD_NAME =
  /^[ \t]{0,3}(?:[,.!\n]|$|here\b|again\b|from[ \t]{1,3}(?!(?:last|this|next|the|my|our|your|a|an|\d{1,4}|january|february|march|april|may|june|july|august|september|october|november|december)\b)[a-z])/i;
export const PARTICLES: ReadonlySet<string> = new Set(['de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'dos', 'das', 'van', 'von', 'la', 'le', 'bin', 'ibn', 'al', 'ter', 'ten', 'y']);
/** Right after a name: part of an email address, a handle or a number, so not a name after all. */
const GLUED = /^(?:[@_\d]|\.[\p{L}\p{N}])/u;

type Style = 'lower' | 'capital' | 'upper';

/** "Nguyen Thi Thu Hang", "Rosa Elena Cárdenas Soto": a given name, middle names and a surname. */
const MAX_WORDS = 4;

/**
 * Reads a person's name (up to four words, with particles such as "van der") starting at
 * `start`. `capitalized`: the first word must start with a capital (all capitals only when
 * `shouting`). Returns null when the first word is not a name.
 */
export function readName(text: string, start: number, mode: NameCase, shouting = false): NameRead | null {
  const at = skipHonorific(text, start);
  const name = readWords(text, at, mode === 'weak' && at > start ? 'honorific' : mode, shouting);
  if (!name || mode !== 'weak' || !name.lowercase || at > start) return name;
  const first = name.value.split(' ')[0];
  return !isEnglishWord(first) || AFTER_LOWERCASE_WORD_NAME.test(text.slice(name.end, name.end + 24)) ? name : null;
}

/** After a title ("Mrs. henderson") any word that is not an everyday English word is a name. */
type ReadMode = NameCase | 'honorific';

function readWords(text: string, at: number, mode: ReadMode, shouting: boolean): NameRead | null {
  const words: string[] = [];
  const pending: string[] = [];
  let style: Style | null = null;
  let end = at;
  for (let cursor = at; words.length < MAX_WORDS; ) {
    TOKEN.lastIndex = cursor;
    const match = TOKEN.exec(text);
    if (!match) break;
    const word = match[1];
    const wordStyle = styleOf(word);
    if (style && wordStyle === 'lower' && PARTICLES.has(word.toLowerCase())) {
      pending.push(word.toLowerCase());
    } else if (closesStatedName(text, TOKEN.lastIndex, word, wordStyle, style, mode, words.length)) {
      words.push(...pending.splice(0), word);
      end = TOKEN.lastIndex;
      break;
    } else {
      if (!acceptable(word, wordStyle, style, mode, shouting)) break;
      style = wordStyle;
      words.push(...pending.splice(0), word);
      end = TOKEN.lastIndex;
    }
    cursor = TOKEN.lastIndex;
  }
  if (!words.length || GLUED.test(text.slice(end, end + 2))) return null;
  if (/['’]s$/.test(words[words.length - 1])) return null;
  return { value: words.map((word) => normalise(word, style as Style)).join(' '), end, lowercase: style === 'lower' };
}

/** "My name is Nguyen Van An,": a capitalised short word ending a stated name is part of it. */
function closesStatedName(text: string, end: number, word: string, wordStyle: Style, style: Style | null, mode: ReadMode, count: number): boolean {
  if (mode !== 'any' || style !== 'capital' || wordStyle !== 'capital' || count < 2 || word.length > 3) return false;
  return NOT_A_NAME.has(word.toLowerCase()) && /^(?:[,.;\n]|$)/.test(text.slice(end, end + 1));
}

function acceptable(word: string, wordStyle: Style, style: Style | null, mode: ReadMode, shouting: boolean): boolean {
  if (NOT_A_NAME.has(word.toLowerCase().replace(/’/g, "'")) || (/['’]s$/.test(word) && style !== null)) return false;
  if (style !== null) return wordStyle === style && (mode !== 'weak' || style !== 'lower' || !isEnglishWord(word));
  if (mode === 'any') return true;
  if (mode === 'honorific') return wordStyle !== 'lower' || !isEnglishWord(word);
  if (mode === 'weak') return wordStyle === 'lower' ? isFirstName(word) : (wordStyle === 'capital' || shouting) && plausible(word);
  return wordStyle === 'capital' || (wordStyle === 'upper' && shouting);
}

/** A first name, or a word no English dictionary knows ("Olu", "Ngozi"); not "Hungry" or "Moment". */
function plausible(word: string): boolean {
  return isFirstName(word) || !isEnglishWord(word);
}

function skipHonorific(text: string, start: number): number {
  HONORIFIC.lastIndex = start;
  return HONORIFIC.exec(text) ? HONORIFIC.lastIndex : start;
}

function styleOf(word: string): Style {
  if (word[0] === word[0].toLowerCase()) return 'lower';
  return word.length > 1 && word === word.toUpperCase() ? 'upper' : 'capital';
}

function normalise(word: string, style: Style): string {
  if (style === 'capital' || PARTICLES.has(word)) return word;
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}
