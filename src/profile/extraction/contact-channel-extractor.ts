import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { MessageText } from './message-text';
import { readName } from './name-reader';

type Channel = 'email' | 'phone' | 'sms';

interface ChannelCue {
  channel: Channel;
  pattern: RegExp;
  confidence: number;
  /** The cue does not count when the sentence before it matches this ("text me on my cell"). */
  unless?: RegExp;
}

const LIKED = String.raw`(?:is|are|works|would\s{1,3}be)\s{1,3}(?:best|better|easier|easiest|preferred|great|good|ideal|fine|ok|okay|(?:more\s{1,3})?(?:reliable|convenient)|quicker|quickest|faster|fastest)\b`;
/** "text ok after 5:30", "email fine": a channel accepted without a verb (not "text ok?"). */
const ACCEPTED = String.raw`\s{1,3}(?:ok|okay|fine)\b(?!\s{0,3}\?)`;
const PREFERS = String.raw`\b(?:prefer(?:ably)?|rather(?:\s{1,3}(?:get|have|receive))?)\s{1,3}(?:an?\s{1,3})?`;

/**
 * "can you call?", "so call after that", "pls call", "call anytime", "..., call": a request
 * for a call without "me".
 */
const CALL_REQUEST = String.raw`\bcall\b(?:(?<=(?:\b(?:(?:can|could|would|will)\s{1,3}(?:you|u|someone|somebody|anyone)\s{1,3}(?:please\s{1,3}|pls\s{1,3})?|please\s{1,3}|pls\s{1,3}|plz\s{1,3}|just\s{1,3}|so\s{1,3}|then\s{1,3})|,\s{0,3}|^\s{0,3}|[.!?]\s{1,3})call)(?=\s{0,3}(?:[?.!,]|$)|\s{1,3}(?:anytime|any\s{1,3}time|whenever|after|before|around|tomorrow|today|tonight|instead|in\s{1,3}the|between)\b)|(?=\s{1,3}(?:anytime|any\s{1,3}time|whenever|after\s{1,3}that)\b))`;

/** "email works, I'm never near my phone": a channel that works, said plainly. */
const WORKS = String.raw`\s{1,3}works?\b(?=\s{0,3}(?:[,.!;]|$|for\s{1,3}me))`;

const CUES: ChannelCue[] = [
  { channel: 'email', pattern: /\be-?mail\s{1,3}me\b|\b(?:send|shoot|drop)\s{1,3}(?:me\s{1,3})?(?:an?\s{1,3})?e-?mail\b|\b(?:by|via|over|through|thru|per)\s{1,3}e-?mail\b|\bto\s{1,3}my\s{1,3}e-?mail\b|\b(?:por|al)\s{1,3}correo\b|\bcorreo(?:\s{1,3}electr[oó]nico)?\s{1,3}(?:por\s{1,3}favor|es\s{1,3}mejor|mejor)|\bprefiero\s{1,3}(?:el\s{1,3})?correo\b|\bpar\s{1,3}(?:e-?mail|courriel)\b/gi, confidence: CONFIDENCE.likely },
  { channel: 'email', pattern: new RegExp(String.raw`\be-?mail\s{1,3}${LIKED}|${PREFERS}e-?mails?\b|\bbest\s{1,3}(?:way|to)\b[^.!?\n]{0,30}?\be-?mail\b|\be-?mails?\s{1,3}only\b|\bonly\s{1,3}(?:by\s{1,3})?e-?mail\b|\be-?mails?${WORKS}|\be-?mail${ACCEPTED}`, 'gi'), confidence: CONFIDENCE.stated },
  { channel: 'phone', pattern: new RegExp(String.raw`\bcall\s{1,3}me\b(?!\s{1,3}(?:crazy|old[-\s]fashioned|paranoid|skeptical|whatever)\b)|\bgive\s{1,3}me\s{1,3}a\s{1,3}(?:call|ring|buzz)\b|\b(?:ring|phone)\s{1,3}me\b|\b(?:by|via|over\s{1,3}the)\s{1,3}phone\b|\b(?:for|want|like|schedule|book|request|need|do|set\s{1,3}up|hop\s{1,3}on|jump\s{1,3}on|(?:can|could|may)\s{1,3}(?:i|we)\s{1,3}get)\s{1,3}a\s{1,3}(?:quick\s{1,3})?(?:phone\s{1,3})?call\b|\bcall\s{1,3}(?:the\s{1,3}house|the\s{1,3}landline|my\s{1,3}(?:house|home|work))\b|\bmich\s{1,3}(?:[a-zäöü]{1,12}\s{1,3}){0,2}anrufen\b|\bpor\s{1,3}tel[eé]fono\b|\b(?:get|have|need|want|request|schedule|book|like)\s{1,3}a\s{1,3}call\s?back\b|\b(?:best|good|ok|okay|fine|better|easiest)\s{1,3}(?:time\s{1,3})?to\s{1,3}call\b|\b(?:ll[aá]mame|ll[aá]menme|me\s{1,3}llamen|llamarme|m['’]appeler)\b|\bme\s{1,3}(?:pueden|puede|podr[ií]an?)\s{1,3}llamar\b|\bcall\s{1,3}(?:me\s{1,3})?(?:on\s{1,3})?my\s{1,3}(?:cell|mobile|phone|number|landline|home\s{1,3}phone)\b|\b(?:appelez|appelle)-moi\b|\bruf(?:en\s{1,3}sie)?\s{1,3}mich\s{1,3}an\b|${CALL_REQUEST}`, 'gi'), confidence: CONFIDENCE.likely },
  { channel: 'phone', pattern: /\b(?:on|at|via)\s{1,3}my\s{1,3}(?:cell|mobile|landline)\b/gi, confidence: CONFIDENCE.likely, unless: /\b(?:text|txt|sms)\b/i },
  { channel: 'phone', pattern: new RegExp(String.raw`\b(?:phone|calls?|a\s{1,3}(?:phone\s{1,3})?call)\s{1,3}${LIKED}|${PREFERS}(?:phone(?:\s{1,3}calls?)?|calls?|calling)\b|\bbest\s{1,3}(?:way|to)\b[^.!?\n]{0,30}?\b(?:phone|call)\b|\b(?:calls?|phone)\s{1,3}only\b|\b(?:phone|calls?|calling)${WORKS}|\b(?:phone|calls)${ACCEPTED}`, 'gi'), confidence: CONFIDENCE.stated },
  { channel: 'sms', pattern: /\b(?:text|txt|sms)\s{1,3}me\b|\b(?:send|shoot|drop)\s{1,3}(?:me\s{1,3})?an?\s{1,3}(?:text|txt|sms)\b|\b(?:by|via|over)\s{1,3}(?:text|sms)\b|\b(?:text|txt)\s{1,3}(?:first|instead)\b/gi, confidence: CONFIDENCE.likely },
  { channel: 'sms', pattern: new RegExp(String.raw`\b(?:text|texts|texting|sms|text\s{1,3}messages?)\s{1,3}${LIKED}|${PREFERS}(?:texts?|texting|sms)\b|\bbest\s{1,3}(?:way|to)\b[^.!?\n]{0,30}?\b(?:text|sms)\b|\b(?:sms|texts?|texting)\s{1,3}only\b|\bonly\s{1,3}(?:by\s{1,3})?(?:text|sms)\b|\b(?:text|texting|texts)${WORKS}|\b(?:text|texts|texting|sms)${ACCEPTED}`, 'gi'), confidence: CONFIDENCE.stated },
];
/** "don't call before 10", "no calls after 9pm": a time, not a channel, is refused. */
const ABOUT_TIMING = String.raw`(?!(?:\s{1,3}me)?\s{1,3}(?:before|after|until|till|during|between|early|late|past|tomorrow|today|tonight|in\s{1,3}the|at\s{1,3}\d|on\s{1,3}(?:weekends?|weekdays?|sundays?|saturdays?)))`;
const REFUSALS = new RegExp(
  String.raw`\b(?:don['’]?t|dont|do\s{1,3}not)\s{1,3}(?:do|use|check|read)\s{1,3}(e-?mails?|texts?|texting|sms)\b|\b(?:prefer|rather|like)\s{1,3}not\s{1,3}to\s{1,3}(?:get|receive|have)\s{1,3}(?:any\s{1,3})?(calls|phone\s{1,3}calls|texts|text\s{1,3}messages|e-?mails)\b|\bnot\s{1,3}be\s{1,3}(called|texted|e-?mailed)\b|\b(?:don['’]?t|dont|do\s{1,3}not|never|stop)\s{1,3}(e-?mail(?:ing)?|call(?:ing)?|text(?:ing)?|sms)\b${ABOUT_TIMING}|\bno\s{1,3}(?:more\s{1,3})?(phone\s{1,3}calls|calls|e-?mails|texts|text\s{1,3}messages|sms)\b${ABOUT_TIMING}|\bdon['’]?t\s{1,3}want\s{1,3}(?:any\s{1,3})?(?:more\s{1,3})?(calls|phone\s{1,3}calls|e-?mails|texts)\b|\b(?:stop|don['’]?t|dont|do\s{1,3}not|never)\s{1,3}send(?:ing)?\s{1,3}(?:me\s{1,3})?(?:any\s{1,3})?(?:more\s{1,3})?(?:[a-z]{1,20}\s{1,3})?(e-?mails|texts|text\s{1,3}messages|sms)\b|\b(phone\s{1,3}calls|calls|texts|texting|text\s{1,3}messages)\s{1,3}(?:don['’]?t|do\s{1,3}not|won['’]?t|doesn['’]?t)\s{1,3}work\b|\bno\s{1,3}(?:me\s{1,3})?(llamadas|llamen|mensajes)\b`,
  'gi',
);
const NEGATED_BEFORE = /\b(?:don['’]?t|do\s{1,3}not|never|stop|not|no)\s{1,3}(?:[a-z]{1,12}\s{1,3})?$/i;
/** "I'm hard to reach by phone": a channel that does not work, not one preferred. */
const HARD_TO_REACH = /\b(?:hard|difficult|impossible|tough|tricky)\s{1,3}to\s{1,3}(?:reach|get|contact|catch)(?:\s{1,3}(?:me|hold\s{1,3}of\s{1,3}me))?\s{1,3}$/i;
/** "did you email me?", "someone would call me back": the past or a promise, not a preference. */
const ASKED_ABOUT_THE_PAST =
  /\b(?:(?:did|have|has|had)\s{1,3}(?:you|u|y['’]all|someone|anyone|anybody)(?:\s{1,3}guys)?|would|was\s{1,3}(?:going|supposed)\s{1,3}to|were\s{1,3}(?:going|supposed)\s{1,3}to)\s{1,3}$/i;

/** How the customer wants to be contacted: email, phone or sms; "don't call me" is a negation. */
export class ContactChannelExtractor {
  extract(message: MessageText, out: FactCollector): void {
    for (const cue of CUES) {
      for (const match of message.matches(cue.pattern)) {
        const before = message.before(match.index, 30);
        if (NEGATED_BEFORE.test(before) || ASKED_ABOUT_THE_PAST.test(before) || HARD_TO_REACH.test(before) || cue.unless?.test(before)) continue;
        if (this.isNaming(message.text, match[0], match.index)) continue;
        out.add('preferences.contactChannel', cue.channel, cue.confidence);
      }
    }
    for (const match of message.matches(REFUSALS)) {
      const word = match.slice(1).find((group) => group !== undefined)?.toLowerCase() ?? '';
      out.negate('preferences.contactChannel', channelOf(word), CONFIDENCE.likely);
    }
  }

  /** "call me Bill" names the customer; it says nothing about phone calls. */
  private isNaming(text: string, cue: string, index: number): boolean {
    return /^call\s/i.test(cue) && readName(text, index + cue.length, 'capitalized') !== null;
  }
}

function channelOf(word: string): Channel {
  if (word.includes('mail')) return 'email';
  return /^(?:text|sms|mensaj)/.test(word) ? 'sms' : 'phone';
}
