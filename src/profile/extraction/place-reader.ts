import { NOT_A_NAME } from './not-a-name';
import { readUsState } from './us-state-reader';

export interface PlaceRead {
  value: string;
  end: number;
  lowercase: boolean;
}

const WORD = /[ \t]{0,3}([\p{L}][\p{L}\p{M}'’.-]{0,24})/uy;
const COUNTY = /[ \t]{1,3}(?:county|parish)\b/iy;
/** Words that end or rule out a place name ("I live in a small town", "I'm in a meeting"). */
const NOT_A_PLACE = new Set(
  `town city area suburbs suburb county neighborhood neighbourhood apartment apartments condo house home building
  state country countryside region rural downtown uptown middle process market hurry meeting trouble charge
  sales business school hospital office work bed line love fear debt touch contact place need favor favour
  canada mexico germany france spain italy england uk britain europe asia africa india china japan australia
  america usa us ireland brazil philippines part is are was were do does did can could will would should has have had
  i'm we're it's they're you're that's there's here's what's`.split(/\s+/),
);

/** Small words inside a place name between capitalised words ("Paso de Robles", "King of Prussia", "Truth or Consequences"). */
const CONNECTORS = new Set(['de', 'del', 'la', 'las', 'los', 'du', 'sur', 'of', 'or', 'on', 'upon']);
/** "d'Alene", "l'Anse": an elided particle glued to a capitalised word. */
const ELIDED = /^[dl]['’]\p{Lu}/u;

/** "St. Louis", "Ft. Worth": a period that does not end the sentence. */
const ABBREVIATION = /^(?:st|ste|ft|mt|pt)\.$/i;
/** Words that start many place names ("New Haven", "Old Saybrook") though they are not names of people. */
const PLACE_WORDS = new Set(['new', 'old', 'north', 'south', 'east', 'west', 'fort', 'port', 'mount', 'long', 'big', 'little', 'grand', 'great', 'lake', 'palm']);

/**
 * Reads a place name of up to three words at `start` ("Austin", "Salt Lake City", "St. Louis"),
 * stopping before a US state ("Austin TX"). Lower case only when `lowercase` is allowed.
 */
export function readPlace(text: string, start: number, lowercase: boolean): PlaceRead | null {
  const words: string[] = [];
  let end = start;
  let lower = false;
  for (let cursor = start; words.length < 3; ) {
    WORD.lastIndex = cursor;
    const match = WORD.exec(text);
    if (match && words.length > 0 && !lower && isConnector(match[1], text, WORD.lastIndex)) {
      words.push(match[1]);
      cursor = WORD.lastIndex;
      continue;
    }
    if (!match || !acceptable(match[1], words.length === 0 ? null : lower, lowercase)) break;
    if (words.length > 0 && readUsState(text, cursor + match[0].length - match[1].length, lower) !== null) break;
    if (words.length === 0) lower = isLower(match[1]);
    words.push(match[1]);
    cursor = end = WORD.lastIndex;
    if (match[1].endsWith('.') && !ABBREVIATION.test(match[1])) break;
  }
  while (words.length && CONNECTORS.has(words[words.length - 1])) words.pop();
  if (!words.length) return null;
  COUNTY.lastIndex = end;
  if (COUNTY.test(text)) return null;
  const value = words.join(' ').replace(/\.$/, '');
  const shouted = value.length > 3 && !/\p{Ll}/u.test(value);
  return { value: lower || shouted ? titleCase(value.toLowerCase()) : value, end: value.length < words.join(' ').length ? end - 1 : end, lowercase: lower };
}

/** A connector word followed by a capitalised word. */
function isConnector(word: string, text: string, after: number): boolean {
  if (!CONNECTORS.has(word)) return false;
  return /^[ \t]{1,3}\p{Lu}/u.test(text.slice(after, after + 4));
}

function acceptable(word: string, previousLower: boolean | null, lowercase: boolean): boolean {
  const key = word.toLowerCase().replace(/\.$/, '').replace(/’/g, "'");
  const endsCityName = key === 'city' && previousLower === false && !isLower(word);
  if ((NOT_A_NAME.has(key) && !PLACE_WORDS.has(key)) || (NOT_A_PLACE.has(key) && !endsCityName) || /['’]s$/.test(word)) return false;
  if (previousLower === null) return lowercase || !isLower(word);
  return isLower(word) === previousLower;
}

function isLower(word: string): boolean {
  return word[0] === word[0].toLowerCase() && !ELIDED.test(word);
}

function titleCase(value: string): string {
  return value.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}
