import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { lastMatch } from './last-match';
import { readName } from './name-reader';

/** Sign-offs are looked for only in the message's last characters. */
const TAIL = 120;
const CLOSING =
  /(?:^|[^\p{L}])(?:thanks(?:\s{1,3}(?:again|so\s{1,3}much|a\s{1,3}lot))?|thank\s{1,3}you(?:\s{1,3}(?:again|so\s{1,3}much))?|thanx|thx|tks|ty|cheers|regards|best\s{1,3}regards|kind\s{1,3}regards|warm\s{1,3}regards|warmly|best(?:\s{1,3}wishes)?|all\s{1,3}the\s{1,3}best|sincerely|yours\s{1,3}truly|respectfully|cordially|take\s{1,3}care|talk\s{1,3}soon|many\s{1,3}thanks|gracias|saludos|merci|danke|grazie|obrigad[oa])([\s,.!:;–—-]{1,6})/giu;
const DASH = /(?:^|\s)[-–—~]\s{0,2}(?=\p{L})/gu;
const LAST_LINE = /\n[ \t]{0,6}(?=\p{Lu})/gu;
const ENDS = /^[\s.!]*(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+[\s.!]*)*$/u;

/** "Thanks, Maria", "Regards,\nDr. Anand Patel", "- Dmitri", or a name alone on the last line. */
export function extractSignOffName(text: string, out: FactCollector): void {
  const offset = Math.max(0, text.length - TAIL);
  const tail = text.slice(offset);
  const closing = lastMatch(CLOSING, tail);
  if (closing) {
    const start = offset + closing.index + closing[0].length;
    const mode = closing[1].includes(',') || closing[1].includes('\n') ? 'any' : 'capitalized';
    if (addIfLast(text, start, mode, out)) return;
  }
  const dash = lastMatch(DASH, tail);
  if (dash && addIfLast(text, offset + dash.index + dash[0].length, 'capitalized', out)) return;
  const line = lastMatch(LAST_LINE, tail);
  if (line) addIfLast(text, offset + line.index + line[0].length, 'capitalized', out, CONFIDENCE.possible);
}

function addIfLast(text: string, start: number, mode: 'any' | 'capitalized', out: FactCollector, confidence: number = CONFIDENCE.likely): boolean {
  const name = readName(text, start, mode);
  if (!name || !ENDS.test(text.slice(name.end))) return false;
  out.add('customerName', name.value, name.lowercase ? CONFIDENCE.possible : confidence);
  return true;
}
