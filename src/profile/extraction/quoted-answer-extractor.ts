import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { readLocality } from './locality-reader';
import { MessageText } from './message-text';
import { readName } from './name-reader';
import { readUsState } from './us-state-reader';

/** A quoted line ("> What's your name?") that asks for one field, then the line that answers it. */
const QUOTED_QUESTION = /(?:^|\n)[ \t]{0,3}>[^\n?]{0,120}?\b(name|city|town|zip|zip\s?code|postal\s?code|state)\b[^\n?]{0,60}\?[^\n]{0,40}\n(?:[ \t]{0,3}>[^\n]{0,200}\n|[ \t]*\n){0,3}[ \t]*/gi;
const ANSWER_END = /^[ \t.!]*(?:\n|$)/;
const ZIP = /(\d{5}(?:-\d{4})?)(?![\d-])/y;

/**
 * Replies that quote the assistant's question: "> Which city are you in?\nSt. Louis". The
 * question says what the bare answer under it is, which a message alone cannot.
 */
export class QuotedAnswerExtractor {
  extract(message: MessageText, out: FactCollector): void {
    if (!message.text.includes('>')) return;
    for (const match of message.matches(QUOTED_QUESTION, 4)) this.answer(message.text, match.index + match[0].length, match[1].toLowerCase(), out);
  }

  private answer(text: string, start: number, field: string, out: FactCollector): void {
    if (field === 'name') return this.name(text, start, out);
    if (field === 'state') {
      const state = readUsState(text, start, true);
      if (state && ANSWER_END.test(text.slice(state.end, state.end + 4))) out.add('addressState', state.code, CONFIDENCE.stated);
      return;
    }
    if (field === 'city' || field === 'town') return this.city(text, start, out);
    ZIP.lastIndex = start;
    const zip = ZIP.exec(text);
    if (zip && ANSWER_END.test(text.slice(ZIP.lastIndex, ZIP.lastIndex + 4))) out.add('addressZip', zip[1], CONFIDENCE.stated);
  }

  private name(text: string, start: number, out: FactCollector): void {
    const name = readName(text, start, 'any');
    if (name && ANSWER_END.test(text.slice(name.end, name.end + 4))) out.add('customerName', name.value, CONFIDENCE.stated);
  }

  private city(text: string, start: number, out: FactCollector): void {
    const locality = readLocality(text, start, false, true);
    if (!locality?.city || !ANSWER_END.test(text.slice(locality.end, locality.end + 4))) return;
    out.add('addressCity', locality.city, CONFIDENCE.stated);
    if (locality.state) out.add('addressState', locality.state, CONFIDENCE.stated);
    if (locality.zip) out.add('addressZip', locality.zip, CONFIDENCE.stated);
  }
}
