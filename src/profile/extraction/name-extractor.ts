import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { MessageText } from './message-text';
import { atOpening, continuesIntroduction, extractOpeningName } from './name-opening';
import { NameRead, readName } from './name-reader';
import { extractFormName, extractNameLine } from './name-line';
import { extractSignOffName } from './name-sign-off';
import { extractNameSwap } from './name-swap';
import { NOT_A_NAME } from './not-a-name';
import { belongsToSomeoneElse } from './third-party';

/** "my name is", "name:", "name's", "my name isn't", and the same in a few other languages. */
const NAME_IS =
  /\bname(?:\s{0,3}(is\s{1,3}not|isn['’]?t|isnt|ain['’]?t)\b|[\s.]{0,12}(?:is\b|=|:|-|–)|['’]s\b)\s{0,3}(?:(?:spelled|spelt)\s{1,3})?|\bmy\s{1,3}names\s{1,3}(?!(?:are|were|is|on|in)\b)|\bcontact\s{1,3}person\s{0,3}[:=–-]\s{0,3}|\b(?:me\s{1,3}llamo|mi\s{1,3}nombre\s{1,3}es|je\s{1,3}m['’]appelle|mon\s{1,3}nom\s{1,3}est|ich\s{1,3}hei(?:ß|ss)e|mein\s{1,3}name\s{1,3}ist|mi\s{1,3}chiamo|meu\s{1,3}nome\s{1,3}[ée]|me\s{1,3}chamo)\s{1,3}/gi;
/** "my name is" in other languages, written in ASCII ("mera naam", "benim adim", "jina langu ni"). */
const FOREIGN_CUES = String.raw`mera\s{1,3}naa?m|benim\s{1,3}adim|jina\s{1,3}langu\s{1,3}ni|nazywam\s{1,3}sie|ik\s{1,3}heet|mijn\s{1,3}naam\s{1,3}is|il\s{1,3}mio\s{1,3}nome\s{1,3}e|nama\s{1,3}saya|ang\s{1,3}pangalan\s{1,3}ko(?:\s{1,3}ay)?|ten\s{1,3}(?:cua\s{1,3})?toi\s{1,3}la`;
const FOREIGN_NAME_IS = new RegExp(String.raw`\b(?:${FOREIGN_CUES})\s{1,3}`, 'gi');
/** The same and those with letters past ASCII ("benim adım", "меня зовут", "tên tôi là"); looked for only in such messages. */
const FOREIGN_NAME_IS_UNICODE = new RegExp(
  String.raw`(?:${FOREIGN_CUES}|benim\s{1,3}adım|меня\s{1,3}зовут|моё\s{1,3}имя|nazywam\s{1,3}się|il\s{1,3}mio\s{1,3}nome\s{1,3}è|tên\s{1,3}(?:của\s{1,3})?tôi\s{1,3}là)\s{1,3}`,
  'giu',
);
/** "My name Park Ji-hoon": the verb left out, a capitalised name right after. */
const MY_NAME_BARE = /\b[Mm]y\s{1,3}name\s{1,3}(?!(?:Is|IS|Was|WAS)\b)(?=\p{Lu})/gu;
/** Hindi "main Priya hoon": the name between "main" and "hoon". */
const MAIN_HOON = /\bmain\s{1,3}(?=[A-Z])/gi;
const HOON = /^\s{1,3}h(?:oo|u)n?(?![\p{L}])/u;
const NOT_NAME_OWNER = /(?:^|\s)(?:last|middle|maiden|family|company|business|brand|product|model|file|street|account|user|screen|pet|dog|cat|project|plan|team|site|domain|network|his|her|their|your|[\p{L}]+['’]s)\s{0,3}$/iu;
const CALL_ME = /\b(?:call\s{1,3}me|i\s{1,3}go\s{1,3}by)\s{1,3}/gi;
const I_AM = /(?<![A-Za-z\u00c0-\u024f'’])(?:i\s{0,2}['’]m|i\s{1,3}am|im|soy|je\s{1,3}suis|sono|sou|t[ôo]i\s{1,3}l[àa]|ako\s{1,3}si|wo\s{1,3}shi|ik\s{1,3}ben|jestem)(?![A-Za-z\u00c0-\u024f'’])\s{1,3}/gi;
const DISOWNED = /\b(?:(?:that|this|it)['’]?s|(?:that|this|it)\s{1,3}is|thats|its)\s{1,3}not\s{1,3}my\s{1,3}name\b|\b(?:wrong|incorrect)\s{1,3}name\b|\bgot\s{1,3}my\s{1,3}name\s{1,3}wrong\b|\bmisspel(?:led|t)\s{1,3}my\s{1,3}name\b/i;
const NAMED_NOT_MINE = /(?:is\s{1,3}not|isn['’]?t)\s{1,3}my\s{1,3}name\b/gi;
const NAME_BEFORE = /(\p{Lu}[\p{L}'’-]{0,30}(?:\s\p{Lu}[\p{L}'’-]{0,30})?)\s{1,3}$/u;
const RELATION = /\s{1,3}(?:wife|husband|partner|son|daughter|mom|mother|dad|father|brother|sister|assistant)\s{0,3},\s{0,3}/iy;
/** "I'm the treasurer, " / "I am the homeowner, " / "I'm his widow, ": a role, then the name after a comma. */
const ROLE = /(?:the|a|an|his|her|their)\s{1,3}(?:[a-z]{2,15}\s{1,3}){0,2}[a-z]{2,15}\s{0,3},\s{0,3}/y;
const NOT_AFTER = /^[^.!?\n]{0,40}?\bnot\s{1,3}(?=\p{Lu})/u;
const IT_IS_AFTER = /^[^.!?\n]{0,40}?\b(?:it['’]?s|it\s{1,3}is|its)\s{1,3}/iu;

/** The customer's name from name patterns, sign-offs and introductions; negations of names. */
export class NameExtractor {
  extract(message: MessageText, out: FactCollector): void {
    this.fromNameIs(message, out);
    this.fromForeignNameIs(message, out);
    this.fromCallMe(message, out);
    this.fromIAm(message, out);
    const swapped = extractNameSwap(message, out);
    if (!swapped) this.fromDisowned(message, out);
    const opening = extractOpeningName(message.text, out);
    if (opening >= 0) this.followedByNot(message, opening, out);
    extractSignOffName(message.text, out);
    extractFormName(message.text, out);
    extractNameLine(message.text, out);
  }

  private fromNameIs(message: MessageText, out: FactCollector): void {
    const text = message.text;
    for (const match of message.matches(NAME_IS)) {
      const before = message.before(match.index, 40);
      if (NOT_NAME_OWNER.test(before) || belongsToSomeoneElse(before)) continue;
      const end = match.index + match[0].length;
      const name = readName(text, end, 'any');
      if (!name) continue;
      if (match[1]) {
        out.negate('customerName', name.value, CONFIDENCE.stated);
        this.followedByItIs(message, name.end, out);
      } else {
        out.add('customerName', surnameFirst(text, match[0], name), CONFIDENCE.stated);
        this.followedByNot(message, name.end, out);
      }
    }
  }

  /** "mera naam Rohit Sharma hai", "меня зовут Ольга", "main Priya hoon". */
  private fromForeignNameIs(message: MessageText, out: FactCollector): void {
    const unicode = /[ıęèàôêủ\u0400-\u04ff]/.test(message.text);
    for (const match of message.matches(unicode ? FOREIGN_NAME_IS_UNICODE : FOREIGN_NAME_IS, 4)) {
      if (/\p{L}/u.test(message.text[match.index - 1] ?? '')) continue;
      const name = readName(message.text, match.index + match[0].length, 'any');
      if (name) out.add('customerName', name.value, CONFIDENCE.stated);
    }
    for (const match of message.matches(MY_NAME_BARE, 4)) {
      const name = readName(message.text, match.index + match[0].length, 'capitalized');
      if (name) out.add('customerName', name.value, CONFIDENCE.likely);
    }
    for (const match of message.matches(MAIN_HOON, 4)) {
      const name = readName(message.text, match.index + match[0].length, 'capitalized');
      if (name && HOON.test(message.text.slice(name.end, name.end + 8))) out.add('customerName', name.value, CONFIDENCE.likely);
    }
  }

  private fromCallMe(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(CALL_ME)) {
      if (/(?:don['’]?t|not|never)\s{1,3}$/i.test(message.before(match.index, 20))) continue;
      const name = readName(message.text, match.index + match[0].length, 'any');
      if (!name || (name.lowercase && !/^\s*(?:[,.!]|$)/.test(message.text.slice(name.end, name.end + 3)))) continue;
      out.add('customerName', name.value, name.lowercase ? CONFIDENCE.likely : CONFIDENCE.stated);
    }
  }

  private fromIAm(message: MessageText, out: FactCollector): void {
    const text = message.text;
    for (const match of message.matches(I_AM)) {
      const end = match.index + match[0].length;
      if (/^im\s/i.test(match[0]) && !atOpening(text, match.index)) continue;
      const negated = /^not\s{1,3}/i.exec(text.slice(end, end + 8));
      const name = readName(text, end + (negated ? negated[0].length : 0), 'weak', isShouting(match[0]));
      if (negated) {
        if (name) out.negate('customerName', name.value, CONFIDENCE.likely);
      } else {
        this.addIntroduced(text, end, name, out);
      }
    }
  }

  /** "I'm Maria", "I'm Precious, we spoke yesterday", "I'm Jack's wife, Sarah" or "I'm the treasurer, Gloria Esposito." */
  private addIntroduced(text: string, end: number, name: NameRead | null, out: FactCollector): void {
    if (name) return out.add('customerName', name.value, name.lowercase ? CONFIDENCE.possible : CONFIDENCE.likely);
    const word = readName(text, end, 'capitalized');
    if (word && !word.value.includes(' ') && continuesIntroduction(text, word.end)) return out.add('customerName', word.value, CONFIDENCE.likely);
    const possessive = /^\s{0,3}\p{Lu}[\p{L}-]{0,30}['’]s/u.exec(text.slice(end, end + 40));
    if (possessive) {
      RELATION.lastIndex = end + possessive[0].length;
      if (!RELATION.exec(text)) return;
      const named = readName(text, RELATION.lastIndex, 'capitalized');
      if (named) out.add('customerName', named.value, CONFIDENCE.likely);
      return;
    }
    ROLE.lastIndex = end;
    const named = ROLE.exec(text) && readName(text, ROLE.lastIndex, 'capitalized');
    if (named && /^\s{0,2}(?:[.,!\n]|$)/.test(text.slice(named.end, named.end + 3))) out.add('customerName', named.value, CONFIDENCE.likely);
  }

  private fromDisowned(message: MessageText, out: FactCollector): void {
    if (DISOWNED.test(message.text)) out.negate('customerName', null, CONFIDENCE.likely);
    for (const match of message.matches(NAMED_NOT_MINE)) {
      const named = NAME_BEFORE.exec(message.before(match.index, 60));
      if (named && !NOT_A_NAME.has(named[1].toLowerCase())) out.negate('customerName', named[1], CONFIDENCE.stated);
    }
  }

  /** "Katherine with a K, not Catherine". */
  private followedByNot(message: MessageText, end: number, out: FactCollector): void {
    const not = NOT_AFTER.exec(message.after(end, 60));
    const name = not && readName(message.text, end + not[0].length, 'capitalized');
    if (name) out.negate('customerName', name.value, CONFIDENCE.stated);
  }

  /** "my name isn't Bob, it's Rob". */
  private followedByItIs(message: MessageText, end: number, out: FactCollector): void {
    const itIs = IT_IS_AFTER.exec(message.after(end, 60));
    const name = itIs && readName(message.text, end + itIs[0].length, 'any');
    if (name) out.add('customerName', name.value, CONFIDENCE.stated);
  }
}

/** "Name: Okoro, Chinedu": a form field written surname first. */
function surnameFirst(text: string, cue: string, name: NameRead): string {
  if (!/:\s{0,3}$/.test(cue) || name.value.includes(' ')) return name.value;
  const rest = /^\s{0,3},\s{0,3}/.exec(text.slice(name.end, name.end + 5));
  const given = rest && readName(text, name.end + rest[0].length, 'capitalized');
  return given && /^[ \t]*(?:\n|$)/.test(text.slice(given.end, given.end + 3)) ? `${given.value} ${name.value}` : name.value;
}

function isShouting(cue: string): boolean {
  return cue === cue.toUpperCase() && /\p{L}{2}/u.test(cue.replace(/['’\s]/g, ''));
}
