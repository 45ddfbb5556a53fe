import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { MessageText } from './message-text';
import { continuesAsStreet } from './street-extractor';

type TimeOfDay = 'morning' | 'afternoon' | 'evening';

const WORDS: Record<string, TimeOfDay> = {
  morning: 'morning', mornings: 'morning', afternoon: 'afternoon', afternoons: 'afternoon', evening: 'evening',
  evenings: 'evening', night: 'evening', nights: 'evening', tonight: 'evening', lunch: 'afternoon',
  lunchtime: 'afternoon', midday: 'afternoon', noon: 'afternoon', tonite: 'evening', '2nite': 'evening', '2night': 'evening',
};
const PHRASES: Record<string, TimeOfDay> = {
  'after noon': 'afternoon', 'after lunch': 'afternoon', 'before noon': 'morning', 'before lunch': 'morning',
  'before work': 'morning', 'after work': 'evening', 'after dinner': 'evening', 'after school': 'afternoon',
};
const WORD = /\b(?:after|before)\s{1,3}(?:noon|lunch|work|dinner|school)\b|\b(?:mornings?|afternoons?|evenings?|nights?|tonight|tonite|2nite|2night|lunch\s?time|lunch|midday|noon)\b/gi;
const HOUR = /\b(after|before|around|at|by|from|between|past|until|till|til)\s{1,3}(\d{1,2})(?::([0-5]\d))?(?:\s{0,2}([ap])\.?m\b\.?)?(?![\d:/%]|[.,]\d|-\d{3})/gi;
/** "like 8:30", "about 6pm": an hour without a preposition counts with its minutes or am/pm. */
const LOOSE_HOUR = /\b(?:like|about|say|approx(?:imately)?|~)\s{1,3}(\d{1,2})(?::([0-5]\d)|\s{0,2}([ap])\.?m\b)(?![\d:/%])/gi;
const FOREIGN = /\bpor\s{1,3}la\s{1,3}(ma[nñ]ana|tarde|noche)\b|\b(?:le\s{1,3}(matin|soir)|l['’](apr[eè]s-midi))\b|\b(morgens|vormittags|nachmittags|abends)\b/gi;
const FOREIGN_WORDS: Record<string, TimeOfDay> = {
  mañana: 'morning', manana: 'morning', tarde: 'afternoon', noche: 'evening', matin: 'morning', soir: 'evening',
  'après-midi': 'afternoon', 'apres-midi': 'afternoon', morgens: 'morning', vormittags: 'morning', nachmittags: 'afternoon', abends: 'evening',
};
/** Only a time in a sentence about reaching the customer counts ("the crew came in the morning" does not). */
const CONTACT =
  /\b(?:call|calls|text|txt|ring|reach|contact|phone|e-?mail|hold\s{1,3}of|in\s{1,3}touch|get\s{1,3}back|catch\s{1,3}me|available|availability|free|home|best\s{1,3}time|good\s{1,3}time|prefer|preferably|convenient|be\s{1,3}(?:called|contacted|reached)|pick\s{1,3}up|answer|llamen|llamar|ll[aá]mame|contactar|appel\w*|anrufen)\b|\b(?:works?|is|are)\s{1,3}(?:best|better|good|great|ideal|ok|okay|fine)\b|\bworks?(?:\s{1,3}for\s{1,3}(?:me|us))?\s{0,3}(?:[.!?]|$)/i;
/** "Tuesday at 2 works": an appointment, unless the sentence is about calling or writing. */
const APPOINTMENT = /\b(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day)?s?\b|\b\d{1,2}(?:st|nd|rd|th)\b|\btomorrow\b/i;
const CONTACT_VERB = /\b(?:call|calls|text|txt|ring|reach|contact|phone|e-?mail|get\s{1,3}back)\b/i;
const PREFERENCE = /\b(?:prefer|preferably|best|better|ideal|only|works?)\b/i;
const GREETING_OR_SCHEDULE = /\b(?:good|buen[oa]s?)\s{1,3}$|\bwork(?:s|ing)?\s{1,3}(?:the\s{1,3})?$|\b(?:at\s{1,3}work|working|busy|unavailable|not\s{1,3}available|in\s{1,3}class)\b[^,;]{0,12}$/i;
/** "not home till 6", "not free until 5": the customer can be reached from that hour on. */
const AVAILABLE_FROM = /\b(?:not|n['’]t)\s{1,3}(?:be\s{1,3})?(?:home|available|free|around|back|off|reachable)\b[^,;.!?]{0,20}$/i;
const UNTIL = /^(?:until|till|til|before)$/i;
/** "evenings don't work", "mornings are bad": a time refused after it is named. */
const REFUSED_AFTER = /^\s{1,3}(?:(?:don['’]?t|do\s{1,3}not|doesn['’]?t|does\s{1,3}not|won['’]?t)\s{1,3}work|(?:are|is)\s{1,3}(?:bad|no\s{1,3}good|impossible|tough|hard|out))\b/i;
/** "someone would call between 1 and 3", "was supposed to call this morning": a promise, not a preference. */
const PROMISED =
  /\b(?:would|was\s{1,3}(?:going|supposed)\s{1,3}to|were\s{1,3}(?:going|supposed)\s{1,3}to|said\s{1,3}(?:they|he|she|someone|you)['’]?d|promised\s{1,3}to)\s{1,3}(?:call|text|reach|contact|get\s{1,3}back|come|be\s{1,3}here)\b/i;
const NEGATED = /\b(?:not|don['’]?t|do\s{1,3}not|never|no)\b(?![^,;]*\b(?:but|because|so|just|only)\b)[^,;]*$/i;

/** When the customer wants to be contacted: morning, afternoon or evening; "not in the morning" is a negation. */
export class ContactTimeExtractor {
  extract(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(WORD)) {
      const time = timeOfWords(match[0]);
      if (time && REFUSED_AFTER.test(message.after(match.index + match[0].length, 30))) out.negate('preferences.contactTime', time, CONFIDENCE.likely);
      else this.consider(message, match.index, time, out);
    }
    for (const match of message.matches(LOOSE_HOUR)) {
      // Without am/pm, 8 to 12 may be morning or evening: only the clear hours count.
      if (match[3] || Number(match[1]) <= 7) this.consider(message, match.index, timeOfHour('at', match[1], match[3]), out);
    }
    for (const match of message.matches(HOUR)) {
      if (!match[3] && !match[4] && continuesAsStreet(message.after(match.index + match[0].length, 60))) continue; // "at 12 Oak Street"
      const from = UNTIL.test(match[1]) && AVAILABLE_FROM.test(message.before(match.index, 60));
      this.consider(message, match.index, timeOfHour(from ? 'from' : match[1], match[2], match[4]), out, from);
    }
    for (const match of message.matches(FOREIGN)) {
      const word = (match[1] ?? match[2] ?? match[3] ?? match[4]).toLowerCase();
      this.consider(message, match.index, FOREIGN_WORDS[word] ?? null, out);
    }
  }

  /** `available`: the words before already say when the customer can be reached; no negation applies. */
  private consider(message: MessageText, index: number, time: TimeOfDay | null, out: FactCollector, available = false): void {
    if (!time) return;
    const before = message.before(index, 80);
    if (!available && GREETING_OR_SCHEDULE.test(before)) return;
    const sentence = before + message.after(index, 80);
    if (!CONTACT.test(sentence) && !isShortRequest(message.text)) return;
    if (PROMISED.test(before)) return;
    if (APPOINTMENT.test(sentence) && !CONTACT_VERB.test(sentence)) return;
    if (!available && NEGATED.test(before)) return out.negate('preferences.contactTime', time, CONFIDENCE.likely);
    out.add('preferences.contactTime', time, PREFERENCE.test(sentence) ? CONFIDENCE.stated : CONFIDENCE.likely);
  }
}

/** A short "in the evening please" answers the assistant's question about when to call. */
function isShortRequest(text: string): boolean {
  return text.length < 80 && /\b(?:please|pls|plz)\b/i.test(text);
}

function timeOfWords(words: string): TimeOfDay | null {
  const key = words.toLowerCase().replace(/\s+/g, ' ');
  return PHRASES[key] ?? WORDS[key.replace(' ', '')] ?? null;
}

function timeOfHour(preposition: string, hour: string, meridiem: string | undefined): TimeOfDay | null {
  let h = Number(hour);
  if (h > 23) return null;
  if (meridiem) h = (h % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  else if (h >= 1 && h <= 7) h += 12;
  if (/^(?:before|by|until|till|til)$/i.test(preposition)) h -= 1;
  if (h >= 5 && h < 12) return 'morning';
  if (h >= 12 && h < 17) return 'afternoon';
  return h >= 17 && h < 23 ? 'evening' : null;
}
