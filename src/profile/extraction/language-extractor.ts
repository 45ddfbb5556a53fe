import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { LANGUAGE_NAMES, languageKey } from './language-names';
import { MessageText } from './message-text';
import { belongsToSomeoneElse } from './third-party';

interface LanguageCue {
  pattern: RegExp;
  confidence: number;
  negated?: boolean;
  /** The language named must end the clause ("English please, not Spanish"). */
  last?: boolean;
  /** The languages the cue's groups are written in: "no hablo inglés" (group 1) speaks Spanish. */
  speaks?: string[];
}

const CUES: LanguageCue[] = [
  {
    pattern: /\b(?:prefer(?:ably)?|prefiero|preferimos|pr[ée]f[eè]re|prefiro|bevorzuge|(?:preferred|first|native|primary|main|mother)\s{1,3}(?:language|tongue)\s{0,3}(?:is|:)?|language\s{0,3}(?:is|:))\s{1,3}(?:in\s{1,3})?/gi,
    confidence: CONFIDENCE.stated,
  },
  {
    pattern: /\b(?:speak|speaks|speaking|talk|talking|write|writing|respond|reply|answer|communicate|chat|continue|switch\s{1,3}to|hablo|habla|hablan|hablar|hablamos|hable|hablen|hablas|parle|parles|parlez|parler|parlons|spreche|sprechen|sprichst|spricht|falo|fala|falar|falam|fale|falem|parli|parla|parlare)\s{1,3}(?:(?:to|with)\s{1,3}(?:me|us)\s{1,3}|sie\s{1,3}|vous\s{1,3}|usted\s{1,3})?(?:(?:mostly|mainly|primarily|only|better)\s{1,3})?(?:in\s{1,3}|en\s{1,3}|em\s{1,3})?/gi,
    confidence: CONFIDENCE.likely,
  },
  { pattern: /\b(?:in|en|em|auf)\s{1,3}/gi, confidence: CONFIDENCE.likely },
  { pattern: /\b(?:don['’]?t|do\s{1,3}not|doesn['’]?t|can['’]?t|cannot|no)\s{1,3}(?:speak|read|understand)\s{1,3}(?:much\s{1,3}|any\s{1,3})?|\bnot\s{1,3}in\s{1,3}/gi, confidence: CONFIDENCE.likely, negated: true },
  { pattern: /\bnot\s{1,3}/gi, confidence: CONFIDENCE.likely, negated: true, last: true },
  {
    pattern: /\b(?:(no\s{1,3}(?:hablo|entiendo)\s{1,3}(?:mucho\s{1,3})?)|(je\s{1,3}ne\s{1,3}(?:parle|comprends)\s{1,3}pas\s{1,3}(?:bien\s{1,3})?(?:l['’]\s?)?)|(ich\s{1,3}(?:spreche|verstehe)\s{1,3}(?:kein|nicht)\s{1,3})|(n[aã]o\s{1,3}(?:falo|entendo)\s{1,3})|(non\s{1,3}(?:parlo|capisco)\s{1,3}(?:l['’]\s?)?))/gi,
    confidence: CONFIDENCE.likely,
    negated: true,
    speaks: ['es', 'fr', 'de', 'pt', 'it'],
  },
];
/** "Spanish is fine", "mandarin or cantonese both ok": a language the customer accepts. */
const ACCEPTED = /\b(?:ok|okay|fine|good|great|better|best|preferred|works)\b/gi;
const ACCEPTED_BEFORE =
  /([\p{L}\p{M}-]{2,20})(?:\s{1,3}(?:or|and|\/)\s{1,3}[\p{L}\p{M}-]{2,20})?\s{1,3}(?:(?:both|either)\s{1,3})?(?:(?:is|are|would\s{1,3}be)\s{1,3})?$/u;
/** Where "Spanish is fine" is about language, not food: a short message or one about talking. */
const ABOUT_TALKING = /\b(?:speak|speaks|language|talk|call|write|translat\w*|communicat\w*|understand)\b/i;
const CLAUSE_END = /^[\s]{0,3}(?:[,.!?;\n]|$|(?:please|pls|plz)\b)/i;
const WORDS = /([\p{L}\p{M}-]{2,20})(?:[ \t]{1,3}([\p{L}\p{M}-]{2,20}))?/uy;
/** "Spanish please", "English only please", "Vietnamese speakers". */
const PLEASE = /\b(?:please|pls|plz|por\s{1,3}favor|s['’]il\s{1,3}vous\s{1,3}pla[iî]t|bitte|per\s{1,3}favore|speakers?|speaking\s{1,3}(?:agent|rep|representative|person|staff|someone))\b/gi;
const WORD_BEFORE = /([\p{L}\p{M}-]{2,20})(?:\s{1,3}only)?[\s,]{0,3}$/u;
/** "Punjabi-speaking staff", "a Spanish speaker": a language asked for. */
const SPEAKING = /[-\s]speak(?:ing\s{1,3}(?:staff|agents?|reps?|representatives?|person|people|someone|technicians?|techs?|employees?|crew|installers?|team|support|folks)|ers?)\b/gi;
const LANGUAGE_BEFORE = /(?:^|[^\p{L}\p{M}])([\p{L}\p{M}]{2,20})\s{0,2}$/u;
/** A parent or grandparent named in the message: a language asked for is theirs ("someone who speaks Creole? My mom is the homeowner"). */
const ELDER =
  /\b(?:mom|mother|mum|dad|father|parents?|grandma|grandpa|grandmother|grandfather|grandparents|mother[-\s]in[-\s]law|father[-\s]in[-\s]law|in-laws?|abuela|abuelo|abuelita)\b/i;
/** "she only speaks Korean": someone else's language. */
const THIRD_PERSON = /\b(?:she|he|they)(?:\s{1,3}[a-z]{1,12})?\s{1,3}$/i;
const NEGATED_CUE = /\b(?:don['’]?t|do\s{1,3}not|doesn['’]?t|never|can['’]?t|not)\s{1,3}$/i;
/** A sentence that is only a language name: "¿Español?", "English please". */
const ALONE = /(?<=^|[.!?\n¿¡])[\s¿¡]{0,3}([\p{L}\p{M}-]{2,20})[\s]{0,3}(?=[.!?\n]|$)/gu;
const RUSSIAN_ADVERB = /(?<![\p{L}])по-(?:русски|английски|украински)(?![\p{L}])/giu;
const CYRILLIC = /[\u0400-\u04ff]/;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const CJK_NAME = /(?:用|说|說|讲|講|会|會)?(中文|汉语|漢語|普通话|普通話|国语|國語|华语|華語|粤语|粵語|广东话|廣東話|日本語|日本语|한국어|한국말)(で|로|으로|可以|吗|嗎|沟通|溝通|交流)?/gu;
const CJK_CODES: Record<string, string> = { 日本語: 'ja', 日本语: 'ja', 한국어: 'ko', 한국말: 'ko' };

/** The language the customer wants to be served in, as ISO 639-1, only when they say so. */
export class LanguageExtractor {
  extract(message: MessageText, out: FactCollector): void {
    for (const cue of CUES) this.afterCue(message, cue, out);
    this.beforePlease(message, out);
    this.accepted(message, out);
    this.alone(message, out);
    if (CYRILLIC.test(message.text)) for (const match of message.matches(RUSSIAN_ADVERB)) this.add(match[0], CONFIDENCE.likely, out);
    if (CJK.test(message.text)) this.cjk(message, out);
  }

  private afterCue(message: MessageText, cue: LanguageCue, out: FactCollector): void {
    for (const match of message.matches(cue.pattern)) {
      const found = languageAt(message.text, match.index + match[0].length);
      if (!found || (cue.last && !CLAUSE_END.test(message.text.slice(found.end, found.end + 8)))) continue;
      const before = message.before(match.index, 40);
      if (cue.negated) {
        out.negate('preferences.language', found.code, cue.confidence);
        const speaks = cue.speaks?.find((_, group) => match[group + 1] !== undefined);
        if (speaks && speaks !== found.code) out.add('preferences.language', speaks, CONFIDENCE.likely);
      } else if (!NEGATED_CUE.test(before) && !THIRD_PERSON.test(before) && !belongsToSomeoneElse(before) && !forAnElder(message, match[0])) {
        out.add('preferences.language', found.code, cue.confidence);
      }
    }
  }

  private accepted(message: MessageText, out: FactCollector): void {
    if (message.text.length > 60 && !ABOUT_TALKING.test(message.text)) return;
    for (const match of message.matches(ACCEPTED)) {
      const word = ACCEPTED_BEFORE.exec(message.before(match.index, 50));
      if (word) this.add(word[1], CONFIDENCE.likely, out);
    }
  }

  private beforePlease(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(PLEASE)) {
      const word = WORD_BEFORE.exec(message.before(match.index, 30));
      if (word && !forAnElder(message, match[0])) this.add(word[1], CONFIDENCE.likely, out);
    }
    if (!/speak/i.test(message.text)) return;
    for (const match of message.matches(SPEAKING, 4)) {
      const word = LANGUAGE_BEFORE.exec(message.before(match.index, 24));
      if (word && !forAnElder(message, 'speaking')) this.add(word[1], CONFIDENCE.likely, out);
    }
  }

  private alone(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(ALONE)) this.add(match[1], CONFIDENCE.likely, out);
  }

  private cjk(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(CJK_NAME)) {
      if (match[0] !== match[1]) out.add('preferences.language', CJK_CODES[match[1]] ?? 'zh', CONFIDENCE.likely);
    }
  }

  private add(word: string, confidence: number, out: FactCollector): void {
    const code = LANGUAGE_NAMES.get(languageKey(word));
    if (code) out.add('preferences.language', code, confidence);
  }
}

/** A language asked for in the third person ("someone who speaks X", "X speakers") when the message names a parent. */
function forAnElder(message: MessageText, cue: string): boolean {
  return /^(?:speaks|speaking|speakers?)\b/i.test(cue) && ELDER.test(message.text);
}

/** The language named at `start`: two-word names first ("Haitian Creole"), then one word. */
function languageAt(text: string, start: number): { code: string; end: number } | null {
  WORDS.lastIndex = start;
  const words = WORDS.exec(text);
  if (!words) return null;
  const two = words[2] ? LANGUAGE_NAMES.get(languageKey(`${words[1]} ${words[2]}`)) : undefined;
  if (two) return { code: two, end: WORDS.lastIndex };
  const one = LANGUAGE_NAMES.get(languageKey(words[1]));
  return one ? { code: one, end: start + words[0].indexOf(words[1]) + words[1].length } : null;
}
