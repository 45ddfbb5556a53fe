import { compileTerms, CompiledTerms } from './catalog-terms';
import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { lastMatchEnd } from './last-match';
import { MessageText } from './message-text';
import { ProfileCatalog } from './profile-catalog';
import { ListField } from './profile-field';

interface CompiledKind extends CompiledTerms {
  field: ListField;
}

/** A negation whose scope runs on to the catalog word unless something below resets it. */
const NEGATION =
  /\b(?:no\s{1,3}longer|not(?!\s{1,3}(?:sure|certain|only|just|yet|too|quite|that|bad))|no(?!\s{0,3}[,.!?])(?!\s{1,3}(?:idea|clue|problem|worries|rush|hurry|pressure|matter|doubt|way)\b)|never|neither|nor|without|except|(?:don['’]?t|dont|do\s{1,3}not|doesn['’]?t|does\s{1,3}not|didn['’]?t|won['’]?t|will\s{1,3}not|wouldn['’]?t|would\s{1,3}not)(?:\s{1,3}[a-z]{1,12}){0,2}?\s{1,3}(?:want|need|like|care\s{1,3}(?:for|about)|require|plan\s{1,3}(?:on|to))|(?:can['’]?t|cannot|couldn['’]?t)(?:\s{1,3}[a-z]{1,12})?\s{1,3}(?:do|have|get|afford|use|go\s{1,3}with)|rather\s{1,3}not|instead\s{1,3}of|rather\s{1,3}than|other\s{1,3}than|cancel(?:led|ling|ed)?|remove\s{1,3}(?:me\s{1,3})?from|opt\s{1,3}out\s{1,3}of|unsubscribe(?:\s{1,3}me)?\s{1,3}from)\b/gi;
/** What ends a negation's scope: a sentence end, a contrast ("but", "just"), or a new wish after a comma or a new subject. */
const RESET =
  /[.!?;\n]|\b(?:but|however|though|although|just|only|instead|rather|yet|so|because|since|actually|yes|ok|okay|sure|maybe|also|definitely)\b|(?:,|\band\b|\b(?:i|we)\b)[^.!?;\n]{0,30}?\b(?:want|wants|need|needs|like|add|get|interested|looking|love|prefer)\b/i;
const NEGATED_AFTER =
  /^\s{0,3}(?:,\s{0,3})?(?:no|nope)\s{0,3}(?:[.!?,;]|$)|^\s{1,3}(?:(?:is|are)\s{1,3}not|isn['’]?t|aren['’]?t)\s{1,3}(?:needed|necessary|wanted|required|for\s{1,3}(?:me|us)|an\s{1,3}option)|^\s{0,3},?\s{0,3}no\s{1,3}thanks?\b/i;
const ALREADY_HAVE = /\b(?:already|currently)\s{1,3}(?:have|has|own|got)\b|\bwe\s{1,3}have\s{1,3}(?:an?\s{1,3})?(?:existing|old)\b/gi;
/** "the water heater you installed", "was repaired": a service already done, not one wanted. */
const DONE = /\b(?:you|you\s{1,3}guys|they|was|were|been|had|already|previously|recently)\s{1,3}$/i;

/** Products and services of the catalog named in a message: canonical names, whole words, plural-tolerant. */
export class CatalogMatcher {
  private readonly kinds: CompiledKind[];

  constructor(catalog: ProfileCatalog) {
    this.kinds = [
      { field: 'productsOfInterest', ...compileTerms(catalog.products) },
      { field: 'servicesOfInterest', ...compileTerms(catalog.services) },
    ];
  }

  extract(message: MessageText, out: FactCollector): void {
    for (const kind of this.kinds) {
      for (const match of message.matches(kind.pattern)) {
        const canonical = kind.canonicalOf(match[0]);
        if (canonical) this.classify(message, match.index, match[0].length, kind, canonical, out);
      }
    }
  }

  private classify(message: MessageText, index: number, length: number, kind: CompiledKind, canonical: string, out: FactCollector): void {
    const before = message.before(index, 80);
    if (negatedBefore(before) || NEGATED_AFTER.test(message.after(index + length, 40))) {
      return out.negate(kind.field, canonical, CONFIDENCE.likely);
    }
    if (kind.field === 'productsOfInterest' && inScope(ALREADY_HAVE, before)) return;
    if (kind.field === 'servicesOfInterest' && /ed$/i.test(message.text.slice(index, index + length)) && DONE.test(before)) return;
    out.add(kind.field, canonical, CONFIDENCE.likely);
  }
}

function negatedBefore(before: string): boolean {
  return inScope(NEGATION, before);
}

/** Whether the last match of `cue` in `before` still applies at its end (nothing resets it in between). */
function inScope(cue: RegExp, before: string): boolean {
  const end = lastMatchEnd(cue, before);
  return end >= 0 && !RESET.test(before.slice(end));
}
