import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { lastMatch } from './last-match';
import { NameCase, NameRead, readName } from './name-reader';
import { US_STATES } from './us-states';

/** Sign-offs are looked for only in the message's last characters (a signature block fits). */
const TAIL = 240;
const CLOSING =
  /(?:^|[^\p{L}])(?:thanks(?:\s{1,3}(?:again|so\s{1,3}much|a\s{1,3}lot))?|thank\s{1,3}you(?:\s{1,3}(?:again|so\s{1,3}much))?|thanx|thx|tks|ty|cheers|regards|best\s{1,3}regards|kind\s{1,3}regards|warm\s{1,3}regards|warmly|best(?:\s{1,3}wishes)?|all\s{1,3}the\s{1,3}best|sincerely|yours\s{1,3}truly|respectfully|cordially|take\s{1,3}care|talk\s{1,3}soon|many\s{1,3}thanks|gracias|saludos|merci|danke|grazie|obrigad[oa])([\s,.!:;–—-]{1,6})/giu;
/** "--" on a line of its own starts an email signature. */
const DELIMITER = /(?:^|\n)[ \t]{0,3}(?:--|—|__)[ \t]{0,3}\n[ \t]{0,3}/g;
const DASH = /(?:^|\s)[-–—~]\s{0,2}(?=\p{L})/gu;
const LAST_LINE = /\n[ \t]{0,6}(?=\p{Lu})/gu;
/** A name after the last sentence, on the same line: "... I'll wait for the call. Bongani". */
const LAST_SENTENCE = /(?:[.](?<!(?:^|[^\p{L}])(?:St|Ste|Mt|Ft|Pt|Dr|Mr|Mrs|Ms|Jr|Sr|No|Apt|Ave|Blvd|Rd|[A-Z])[.])|!)[ \t]{1,3}(?=\p{Lu})/gu;
const ENDS = /^[\s.!]*(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+[\s.!]*)*$/u;
/** After a name on its own line: a degree, then the rest of a signature (title, company, contacts). */
const BLOCK = /^(?:[ \t]{0,3},[ \t]{0,3}(?:md|phd|dds|dmd|do|rn|np|pe|cpa|esq|jr|sr|ii|iii|iv|mba)\.?)?[ \t]*\n(?:[^\n]{0,80}\n){0,5}[^\n]{0,80}$/iu;

export interface SignOff {
  name: NameRead;
  confidence: number;
  /** Where the signature lines under the name (title, company, contacts) start, or -1 when there are none. */
  blockStart: number;
}

/** "Thanks, Maria", "Regards,\nDr. Anand Patel\nRiverside Pediatrics", "- Dmitri", or a name alone on the last line or after the last sentence. */
export function extractSignOffName(text: string, out: FactCollector): void {
  const signOff = readSignOff(text);
  if (signOff) out.add('customerName', signOff.name.value, signOff.name.lowercase ? CONFIDENCE.possible : signOff.confidence);
}

export function readSignOff(text: string): SignOff | null {
  const offset = Math.max(0, text.length - TAIL);
  const tail = text.slice(offset);
  const closing = lastMatch(CLOSING, tail);
  // "thanks Mike!" thanks the person addressed; a sign-off has a comma, a dash or a line break before the name.
  if (closing && /[,\n–—-]/.test(closing[1])) {
    const ownLine = closing[1].includes('\n');
    const found = signerAt(text, offset + closing.index + closing[0].length, 'weak', CONFIDENCE.likely, ownLine);
    if (found) return found;
  }
  const delimiter = lastMatch(DELIMITER, tail);
  const signed = delimiter && signerAt(text, offset + delimiter.index + delimiter[0].length, 'weak', CONFIDENCE.likely, true);
  if (signed) return signed;
  const dash = lastMatch(DASH, tail);
  const dashed = dash && signerAt(text, offset + dash.index + dash[0].length, 'weak', CONFIDENCE.likely);
  if (dashed) return dashed;
  const line = lastMatch(LAST_LINE, tail);
  const lined = line && signerAt(text, offset + line.index + line[0].length, 'weak', CONFIDENCE.possible);
  if (lined) return lined;
  const sentence = lastMatch(LAST_SENTENCE, tail);
  const named = sentence && signerAt(text, offset + sentence.index + sentence[0].length, 'weak', CONFIDENCE.possible);
  return named && !US_STATES.has(named.name.value.toLowerCase()) ? named : null;
}

function signerAt(text: string, start: number, mode: NameCase, confidence: number, block = false): SignOff | null {
  const name = readName(text, start, mode);
  if (!name) return null;
  const rest = text.slice(name.end);
  if (ENDS.test(rest)) return { name, confidence, blockStart: -1 };
  return block && BLOCK.test(rest) ? { name, confidence, blockStart: name.end } : null;
}
