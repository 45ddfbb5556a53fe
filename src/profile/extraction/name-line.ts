import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { PARTICLES, readName } from './name-reader';
import { NOT_A_NAME } from './not-a-name';
import { US_STATES } from './us-states';
import { isEnglishWord, isFirstName } from './word-lists';

const FIRST_NAME = /(?:^|\n)[ \t]*(?:first|given)[ \t]{0,3}name[ \t.]{0,12}[:=–-][ \t]{0,3}/i;
const LAST_NAME = /(?:^|\n)[ \t]*(?:last|family|sur)[ \t]{0,3}name[ \t.]{0,12}[:=–-][ \t]{0,3}/i;
/** A line, or a sentence, that starts with a title or capitalised words. */
const LINE_START = /(?:^|\n|[.!?][ \t]{1,3})[ \t]{0,6}(?=\p{Lu})/gu;
/** After a name in mid-text: a comma and a phone or an email ("Joanna Reyes, 505-555-0129"). */
const CONTACT_AFTER = /^[ \t]{0,3},[ \t]{0,3}(?:\+?\(?\d|[^\s@,]{1,64}@)/;
const HONORIFIC = /^(?:dr|mr|mrs|ms|miss|mx|prof)\.?[ \t]/i;
/** What shows the line is a contact block: a phone, an email or a street number nearby. */
const CONTACT = /@|\d{3}|\b(?:phone|cell|mobile|tel|e-?mail)\b/i;
const LINES_LOOKED_AT = 8;

/** "First Name: Ana\nLast Name: Gutierrez": a form pasted in. */
export function extractFormName(text: string, out: FactCollector): void {
  const first = fieldValue(FIRST_NAME, text);
  if (!first) return;
  const last = fieldValue(LAST_NAME, text);
  out.add('customerName', last ? `${first} ${last}` : first, CONFIDENCE.stated);
}

function fieldValue(field: RegExp, text: string): string | null {
  const match = field.exec(text);
  return match ? readName(text, match.index + match[0].length, 'any')?.value ?? null : null;
}

/**
 * A first name and a surname, or words no English dictionary knows ("Kateryna Bondarenko",
 * "Nguyen Van Binh"), not a company or a place ("Summer Solstice Party", "Customer Service").
 */
function personLike(name: string): boolean {
  const [first, ...rest] = name.split(' ');
  if (isFirstName(first)) return true;
  return !isEnglishWord(first) && rest.every((word) => PARTICLES.has(word.toLowerCase()) || isFirstName(word) || !isEnglishWord(word));
}

/**
 * A name on a line of its own in a contact block ("Pat Sullivan\n412 555 0107", "Ms. Patricia
 * Owens, 55 Lakeview Dr"): two to four capitalised words that read as a person's name (or follow
 * a title), no word a state or a common word, and a phone, an email or an address in the message.
 */
export function extractNameLine(text: string, out: FactCollector): void {
  if (!CONTACT.test(text)) return;
  let seen = 0;
  for (const line of text.matchAll(LINE_START)) {
    if (++seen > LINES_LOOKED_AT) return;
    const start = line.index + line[0].length;
    const name = readName(text, start, 'capitalized');
    if (!name || !name.value.includes(' ')) continue;
    const rest = text.slice(name.end, name.end + 70);
    if (line[0].includes('\n') || line.index === 0 ? !/^[ \t]*(?:,|\n|$)/.test(rest) : !CONTACT_AFTER.test(rest)) continue;
    const titled = HONORIFIC.test(text.slice(start, start + 6));
    if (!titled && !personLike(name.value)) continue;
    if (name.value.split(' ').some((word) => US_STATES.has(word.toLowerCase()) || NOT_A_NAME.has(word.toLowerCase()))) continue;
    out.add('customerName', name.value, titled ? CONFIDENCE.likely : CONFIDENCE.possible);
    return;
  }
}
