import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { MessageText } from './message-text';
import { belongsToSomeoneElse } from './third-party';
import { valueState, ValueState } from './value-state';

/** Bounded parts (64-char local part, 63-char labels), and no start inside a word: linear on any input. */
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}][\p{L}\p{N}._%+-]{0,63}@[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9][a-z0-9-]{0,62}){0,6}\.[a-z]{2,24}(?![a-z0-9-])/giu;
/**
 * An address written to dodge spam filters: "dgreene at gmail dot com", "j.doe [at] yahoo [dot] com".
 * Labels cannot hold spaces or separators, so the match is linear; the last label must be a common top-level domain.
 */
const SPELLED =
  /(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}][\p{L}\p{N}._%+-]{0,63})\s{0,2}(?:\(at\)|\[at\]|\{at\}|\s(?:at|AT)\s)\s{0,2}((?:[a-z0-9][a-z0-9-]{0,62}(?:\.|\s{0,2}(?:\(dot\)|\[dot\])\s{0,2}|\s(?:dot|DOT)\s)){1,4})(com|net|org|edu|gov|us|io|co|me|info|biz|ca|uk|de|fr|es|it|nl|au|in|mx|br)(?![\p{L}\p{N}])/giu;
const SPELLED_SEPARATOR = /\.|\s{0,2}(?:\(dot\)|\[dot\])\s{0,2}|\s(?:dot|DOT)\s/gi;
/** A plain " at " with plain dots ("bought it at walmart.com") is a place, not an address. */
const SPELLED_ON_PURPOSE = /\bdot\b|[[({]at[\])}]/i;
/** Mailboxes of businesses, not of the person writing. */
const ROLE = /^(?:support|info|help|sales|contact|hello|admin|billing|service|customerservice|noreply|no-reply|team|office|orders|care|enquiries|inquiries|webmaster|postmaster|marketing|hr|jobs|careers|press)@/;
const SENT_TO = /\b(?:wrote|sent|emailed|write|send|mailed)\s{1,3}(?:it\s{1,3}|them\s{1,3}|this\s{1,3})?to\s{0,3}$/i;
const CUE = /\b(?:e-?mail|mail|contact|reach|address)\b/i;
const DISOWNED = /\b(?:(?:that|this|it)['’]?s|(?:that|this|it)\s{1,3}is|thats|its)\s{1,3}not\s{1,3}my\s{1,3}e-?mail\b|\b(?:wrong|incorrect)\s{1,3}e-?mail\b|\be-?mail(?:\s{1,3}address)?\s{1,3}(?:you\s{1,3}have(?:\s{1,3}for\s{1,3}me)?|on\s{1,3}file)\s{1,3}is\s{1,3}(?:my\s{1,3})?(?:wrong|old|incorrect|outdated|previous)\b|\b(?:that|the|this|my)\s{1,3}e-?mail(?:\s{1,3}address)?\s{1,3}(?:bounces|bounced|doesn['’]?t\s{1,3}work|no\s{1,3}longer\s{1,3}works|isn['’]?t\s{1,3}working)\b|\b(?:the|my)\s{1,3}e-?mail(?:\s{1,3}address)?(?:\s{1,3}(?:on|in|for)\s{1,3}(?:my|the)\s{1,3}(?:account|file|profile|portal|quote|invoice|contract|record))?\s{1,3}(?:is|was)\s{1,3}(?:old|wrong|incorrect|outdated)\b|\b(?:the|my)\s{1,3}e-?mail(?:\s{1,3}address)?\s{1,3}(?:isn['’]?t|is\s{1,3}not)\s{1,3}(?:right|correct)\b/gi;
/** A message that is nothing but the address (the answer to "what's your email?"). */
const ALONE = /^[\s"'<(]*\S+?[\s"'>).!]*$/;

interface Candidate {
  value: string;
  index: number;
  end: number;
  state: ValueState;
  cued: boolean;
}

/** The author's email address: lower-case; with several, the one marked new, else the first with less confidence. */
export class EmailExtractor {
  extract(message: MessageText, out: FactCollector): void {
    const candidates = message.text.includes('@') ? this.candidates(message) : this.spelled(message);
    for (const candidate of candidates) if (candidate.state === 'negated') out.negate('email', candidate.value, CONFIDENCE.stated);
    this.addBest(candidates, message.text.length < 200 && ALONE.test(message.text), out);
    this.disowned(message, candidates, out);
  }

  private candidates(message: MessageText): Candidate[] {
    const found: Candidate[] = [];
    for (const match of message.matches(EMAIL)) {
      const value = match[0].toLowerCase();
      const before = message.before(match.index, 80);
      if (ROLE.test(value) || SENT_TO.test(before) || belongsToSomeoneElse(before)) continue;
      const end = match.index + match[0].length;
      found.push({ value, index: match.index, end, state: valueState(before, message.after(end, 60)), cued: CUE.test(before) });
      if (found.length >= 10) break;
    }
    return found;
  }

  private spelled(message: MessageText): Candidate[] {
    if (!/\b(?:at|dot)\b|\[at\]|\(at\)/i.test(message.text)) return [];
    const found: Candidate[] = [];
    for (const match of message.matches(SPELLED, 4)) {
      const before = message.before(match.index, 80);
      if (belongsToSomeoneElse(before) || !SPELLED_ON_PURPOSE.test(match[0])) continue;
      const value = `${match[1]}@${match[2].replace(SPELLED_SEPARATOR, '.')}${match[3]}`.toLowerCase();
      const end = match.index + match[0].length;
      found.push({ value, index: match.index, end, state: valueState(before, message.after(end, 60)), cued: CUE.test(before) });
    }
    return found;
  }

  private addBest(candidates: Candidate[], alone: boolean, out: FactCollector): void {
    const usable = candidates.filter((candidate) => candidate.state === 'current' || candidate.state === 'preferred');
    const distinct = new Set(usable.map((candidate) => candidate.value));
    const preferred = usable.find((candidate) => candidate.state === 'preferred');
    if (preferred) return out.add('email', preferred.value, CONFIDENCE.stated);
    if (!usable.length) return;
    if (distinct.size > 1) return out.add('email', usable[0].value, CONFIDENCE.possible);
    out.add('email', usable[0].value, usable[0].cued || alone ? CONFIDENCE.stated : CONFIDENCE.likely);
  }

  /** "that's not my email" disowns the stored address, unless it names the one it means. */
  private disowned(message: MessageText, candidates: Candidate[], out: FactCollector): void {
    for (const match of message.matches(DISOWNED)) {
      const named = candidates.some((candidate) => candidate.end <= match.index && match.index - candidate.end < 20);
      if (!named) out.negate('email', null, CONFIDENCE.likely);
    }
  }
}
