import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { MessageText } from './message-text';
import { regionHint } from './phone-region-hint';
import { belongsToSomeoneElse } from './third-party';
import { lastMatchEnd } from './last-match';
import { valueState, ValueState } from './value-state';

/** A run of digits and phone punctuation that starts a token and ends on a digit: bounded, so linear. */
const RUN = /(?<![\p{L}\p{N}+$€£#%_@\/.,-])(?:\+|\(|00)?\d[\d ().\-/\u00a0]{5,26}[\d)]/gu;
/** More candidates than any message about one person holds; bounds the parsing work on long inputs. */
const MAX_CANDIDATES = 12;
const DATE = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;
const ZIP4 = /^\d{5}-\d{4}$/;
const PHONE_CUE = /\b(?:phone|cell|cellphone|cellular|mobile|mob|tel|telephone|number|num|ph|call|text|txt|sms|whatsapp|reach|contact|ring|dial|landline|digits)\b|[📞☎📱]/giu;
const ID_NUMBER =
  /\b(?:order|serial|model|account|acct|invoice|tracking|confirmation|reference|ref|ticket|case|policy|claim|customer|member|loan|project|job|part|transaction|po|permit|meter|routing|card)\s{0,3}(?:number|no\.?|num|#|id)(?![\p{L}])/giu;
const ID_RIGHT_BEFORE =
  /\b(?:order|invoice|inv|account|acct|ref|reference|tracking|confirmation|ticket|case|serial|model|part|sku|po|receipt|transaction|txn|policy|claim|permit|meter|license|licence|vin|routing|card|member|customer|loan|project|job|quote|estimate|id|pin|code|zip|postal|from)\s{0,3}(?:number|no\.?|num|#|id|code)?\s{0,3}(?:is|was|:|=|-)?\s{0,3}#?\s{0,3}$/i;
const NOT_THE_AUTHORS = /\b(?:your|you\s{1,3}guys['’]?)\s{1,3}(?:number|phone|line|office)\b|\bclaiming\b|\bis\s{1,3}(?:that|this|it)\s{1,3}(?:you|yours|your\s{1,3}(?:number|company|office))\b/i;
/** "the number on the truck was ...", "a number from your website": a number seen somewhere, not the author's. */
const SEEN_SOMEWHERE =
  /\b(?:number|phone|#)\s{1,3}(?:on|from|in)\s{1,3}(?:the|your|a|their|this|that)\s{1,3}(?:truck|van|website|site|sign|card|flyer|ad|advert|letter|bill|invoice|door\s?hanger|voicemail|caller\s?id|mailer|brochure|postcard)\b/i;
/** "that's not my number", "wrong number on file", "gave you the wrong number"; a bare "sorry, wrong number" is a misdirected chat. */
const DISOWNED =
  /\b(?:(?:that|this|it)['’]?s|(?:that|this|it)\s{1,3}is|thats|its)\s{1,3}not\s{1,3}my\s{1,3}(?:phone\s{1,3}|cell\s{1,3})?(?:number|phone|cell)\b|\b(?:the|a|my)\s{1,3}wrong\s{1,3}(?:phone\s{1,3})?number\b|\bwrong\s{1,3}(?:phone\s{1,3})?number\s{1,3}(?:on\s{1,3}file|for\s{1,3}me|in\s{1,3}your|on\s{1,3}(?:my|the)\s{1,3}account)\b|\b(?:my\s{1,3})?(?:phone\s{1,3})?number\s{1,3}(?:you\s{1,3}have|on\s{1,3}file)(?:\s{1,3}for\s{1,3}me)?\s{1,3}is\s{1,3}(?:my\s{1,3})?(?:wrong|old|incorrect|outdated|previous)\b|\b(?:the|my)\s{1,3}(?:old|other|previous|\d{3})\s{1,3}(?:one|number|#|cell|line)\s{1,3}(?:is|was)\s{1,3}(?:disconnected|dead|gone|wrong|no\s{1,3}longer\s{1,3}(?:active|in\s{1,3}service|working|mine))\b/gi;
/** "the old one", "the 650 one": words that point at a number other than the one just written. */
const ANOTHER = /^(?:the|my)\s{1,3}(?:old|other|previous|\d{3})\b/i;
/** "nope, wrong number. the right one is ...": a bare "wrong number" counts when a number follows. */
const BARE_WRONG = /\bwrong\s{1,3}(?:phone\s{1,3})?number\b/gi;
const ALONE = /^[\s"'(]*[+\d][\d ().\-/]{5,26}[\s"').!]*$/;

interface Candidate {
  value: string;
  index: number;
  end: number;
  state: ValueState;
  confidence: number;
}

/** The author's phone number in E.164, parsed with libphonenumber-js; ids, dates, ZIPs and prices are not phones. */
export class PhoneExtractor {
  constructor(private readonly defaultRegion: CountryCode) {}

  extract(message: MessageText, out: FactCollector): void {
    const candidates = /\d/.test(message.text) ? this.candidates(message) : [];
    for (const candidate of candidates) if (candidate.state === 'negated') out.negate('phone', candidate.value, CONFIDENCE.stated);
    this.addBest(candidates, out);
    const disowned = /number|phone|cell|#|\bone\b/i.test(message.text) ? [...message.matches(DISOWNED)] : [];
    if (!disowned.length && candidates.length) disowned.push(...message.matches(BARE_WRONG));
    for (const match of disowned) {
      const another = ANOTHER.test(match[0]);
      if (another || !candidates.some((candidate) => candidate.end <= match.index && match.index - candidate.end < 20)) out.negate('phone', null, CONFIDENCE.likely);
    }
  }

  private candidates(message: MessageText): Candidate[] {
    const found: Candidate[] = [];
    for (const match of message.matches(RUN, MAX_CANDIDATES)) {
      const candidate = this.candidate(message, match[0], match.index);
      if (candidate) found.push(candidate);
    }
    return found;
  }

  private candidate(message: MessageText, raw: string, index: number): Candidate | null {
    const end = index + raw.length;
    if (!looksLikePhone(raw) || /^[\p{L}\p{N}%]|^[.,]\d/u.test(message.text.slice(end, end + 2))) return null;
    const before = message.before(index, 60);
    const after = message.after(end, 60);
    if (ID_RIGHT_BEFORE.test(before) || isIdNumber(before) || belongsToSomeoneElse(before) || NOT_THE_AUTHORS.test(after) || SEEN_SOMEWHERE.test(before)) return null;
    const value = this.parse(raw, `${before} ${after}`);
    if (!value) return null;
    const cued = lastMatchEnd(PHONE_CUE, before) >= 0 || (message.text.length < 60 && ALONE.test(message.text));
    const formatted = /[+\s().\-/]/.test(raw);
    if (!cued && !formatted) return null;
    return { value, index, end, state: valueState(before, after), confidence: cued ? CONFIDENCE.stated : CONFIDENCE.likely };
  }

  private parse(raw: string, sentence: string): string | null {
    const international = raw.replace(/^00\s?/, '+');
    const hint = international.startsWith('+') ? null : regionHint(sentence);
    for (const region of hint ? [hint, this.defaultRegion] : [this.defaultRegion]) {
      const phone = parsePhoneNumberFromString(international, region);
      if (phone?.isValid() && phone.getType() !== 'TOLL_FREE' && phone.getType() !== 'PREMIUM_RATE') return phone.number;
    }
    return null;
  }

  private addBest(candidates: Candidate[], out: FactCollector): void {
    const usable = candidates.filter((candidate) => candidate.state === 'current' || candidate.state === 'preferred');
    const preferred = usable.find((candidate) => candidate.state === 'preferred');
    if (preferred) return out.add('phone', preferred.value, CONFIDENCE.stated);
    if (!usable.length) return;
    const several = new Set(usable.map((candidate) => candidate.value)).size > 1;
    out.add('phone', usable[0].value, several ? Math.min(usable[0].confidence, CONFIDENCE.likely) : usable[0].confidence);
  }
}

function looksLikePhone(raw: string): boolean {
  const digits = raw.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15 && !DATE.test(raw) && !ZIP4.test(raw);
}

/** "order number ...", "serial number on the unit is ..." unless a phone word comes after it. */
function isIdNumber(before: string): boolean {
  const id = lastMatchEnd(ID_NUMBER, before);
  return id >= 0 && id >= lastMatchEnd(PHONE_CUE, before);
}
