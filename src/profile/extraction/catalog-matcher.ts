import { CatalogSpeller } from './catalog-speller';
import { compileTerms, CompiledTerms } from './catalog-terms';
import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { lastMatchEnd } from './last-match';
import { MessageText } from './message-text';
import { readSignOff } from './name-sign-off';
import { ProfileCatalog } from './profile-catalog';
import { ListField } from './profile-field';

interface CompiledKind extends CompiledTerms {
  field: ListField;
}

/** A negation whose scope runs on to the catalog word unless something below resets it. */
const NEGATION =
  /\b(?:no\s{1,3}longer|not(?!\s{1,3}(?:sure|certain|only|just|yet|too|quite|that|bad))|no(?!\s{0,3}[,.!?])(?!\s{1,3}(?:idea|clue|problem|worries|rush|hurry|pressure|matter|doubt|way)\b)|never|neither|nor|without|except|(?:don['’]?t|dont|do\s{1,3}not|doesn['’]?t|does\s{1,3}not|didn['’]?t|won['’]?t|will\s{1,3}not|wouldn['’]?t|would\s{1,3}not)(?:\s{1,3}[a-z]{1,12}){0,2}?\s{1,3}(?:want|need|like|care\s{1,3}(?:for|about)|require|plan\s{1,3}(?:on|to))|(?:can['’]?t|cannot|couldn['’]?t)(?:\s{1,3}[a-z]{1,12})?\s{1,3}(?:do|have|get|afford|use|go\s{1,3}with)|rather\s{1,3}not|instead\s{1,3}of|forget(?:\s{1,3}about)?|decided\s{1,3}against|changed\s{1,3}(?:my|our)\s{1,3}minds?\s{1,3}(?:about|on)|hold(?:ing)?\s{1,3}off\s{1,3}on|pass(?:ing)?\s{1,3}on|skip(?:ping)?|drop(?:ping)?|scratch|rather\s{1,3}than|other\s{1,3}than|cancel(?:led|ling|ed)?|remove\s{1,3}(?:me\s{1,3})?from|opt\s{1,3}out\s{1,3}of|unsubscribe(?:\s{1,3}me)?\s{1,3}from)\b/gi;
/** What ends a negation's scope: a sentence end, a contrast ("but", "just"), or a new wish after a comma or a new subject. */
const RESET =
  /[.!?;\n]|\b(?:but|however|though|although|just|only|instead|rather|yet|so|because|since|actually|yes|ok|okay|sure|maybe|also|definitely|please|pls|plz)\b|(?:,|\band\b|\b(?:i|we)\b)[^.!?;\n]{0,30}?\b(?:want|wants|need|needs|like|add|get|interested|looking|love|prefer)\b/i;
const NEGATED_AFTER =
  /^\s{0,3}(?:,\s{0,3})?(?:no|nope)\s{0,3}(?:[.!?,;]|$)|^[\s,]{0,3}(?:(?:is|are)\s{1,3})?(?:off\s{1,3}the\s{1,3}table|not\s{1,3}(?:doing\s{1,3}it|happening|for\s{1,3}(?:me|us)|interested))\b|^\s{1,3}(?:(?:is|are)\s{1,3}not|isn['’]?t|aren['’]?t)\s{1,3}(?:needed|necessary|wanted|required|for\s{1,3}(?:me|us)|an\s{1,3}option)|^\s{0,3},?\s{0,3}no\s{1,3}thanks?\b/i;
/** "I can't install anything": a catalog verb right after "can't". */
const CANNOT_RIGHT_BEFORE = /\b(?:can['’]?t|cannot|couldn['’]?t|won['’]?t\s{1,3}be\s{1,3}able\s{1,3}to)\s{1,3}(?:really\s{1,3}|even\s{1,3}|actually\s{1,3})?$/i;
const ALREADY_HAVE =
  /\b(?:already|currently)\s{1,3}(?:have|has|own|got)\b|\bwe\s{1,3}have\s{1,3}(?:an?\s{1,3})?(?:existing|old)\b|\b(?:sold|got\s{1,3}rid\s{1,3}of|gave\s{1,3}away)\b/gi;
/** "my neighbor got a Powerwall", "his solar panels": someone else's, not an interest. */
const OTHERS_HAVE =
  /\b(?:(?:neighbou?rs?|friends?|co-?workers?|colleagues?|brother|sister|cousin|boss|he|she)\s{1,3}(?:just\s{1,3}|recently\s{1,3}|already\s{1,3})?(?:got|has|had|bought|installed|put\s{1,3}in|owns)(?!\s{1,3}to\b)|(?:neighbou?r|friend|co-?worker|colleague|brother|sister|cousin|boss)['’]s?(?:\s{1,3}(?:new|old|brand\s{1,3}new))?\s{0,3}$)/gi;
/** A message from someone researching, not a customer: no interest is theirs. */
const NOT_A_PROSPECT =
  /\b(?:school\s{1,3}(?:project|report|assignment|paper)|homework|science\s{1,3}fair|(?:i['’]?m|i\s{1,3}am)\s{1,3}(?:a|an)\s{1,3}(?:reporter|journalist|researcher|writer)|writing\s{1,3}(?:a|an)\s{1,3}(?:story|article|paper|report|thesis)\s{1,3}(?:on|about))\b/i;
/** "the repair you did", "the installer you sent": a service already done (a person is sent, a quote is not). */
const DONE_AFTER =
  /^\s{0,3}(?:\([^)\n]{0,30}\)\s{0,3})?(?:(?:that|who|which)\s{1,3})?(?:you|you\s{1,3}guys|y['’]all|your\s{1,3}(?:team|crew|company|guys))\s{1,3}(?:did|performed|installed|put\s{1,3}in|finished|completed|(sent))\b/i;
/** "the water heater you installed", "was repaired": a service already done, not one wanted. */
const DONE = /\b(?:you|you\s{1,3}guys|they|was|were|been|had|already|previously|recently)\s{1,3}$/i;

/** Products and services of the catalog named in a message: canonical names, whole words, plural-tolerant. */
export class CatalogMatcher {
  private readonly kinds: CompiledKind[];
  private readonly speller: CatalogSpeller;

  constructor(catalog: ProfileCatalog) {
    this.kinds = [
      { field: 'productsOfInterest', ...compileTerms(catalog.products) },
      { field: 'servicesOfInterest', ...compileTerms(catalog.services) },
    ];
    const entries = [...Object.entries(catalog.products), ...Object.entries(catalog.services)];
    this.speller = new CatalogSpeller(entries.flatMap(([name, synonyms]) => [name, ...synonyms]));
  }

  extract(message: MessageText, out: FactCollector): void {
    const corrected = this.speller.correct(message.text);
    const source = corrected === null ? message : new MessageText(corrected);
    let prospect: boolean | undefined;
    let signature: number | undefined;
    for (const kind of this.kinds) {
      for (const match of source.matches(kind.pattern)) {
        const canonical = kind.canonicalOf(match[0]);
        signature ??= readSignOff(source.text)?.blockStart ?? -1;
        if (!canonical || (signature >= 0 && match.index >= signature)) continue;
        prospect ??= !NOT_A_PROSPECT.test(source.text);
        this.classify(source, match.index, match[0].length, kind, canonical, prospect, out);
      }
    }
  }

  private classify(message: MessageText, index: number, length: number, kind: CompiledKind, canonical: string, prospect: boolean, out: FactCollector): void {
    const before = message.before(index, 80);
    const after = message.after(index + length, 40);
    if (negatedBefore(before) || NEGATED_AFTER.test(after)) return out.negate(kind.field, canonical, CONFIDENCE.likely);
    if (!prospect || inScope(OTHERS_HAVE, before)) return;
    if (kind.field === 'productsOfInterest' && inScope(ALREADY_HAVE, before)) return;
    if (kind.field === 'servicesOfInterest' && isDone(message.text.slice(index, index + length), before, after)) return;
    out.add(kind.field, canonical, CONFIDENCE.likely);
  }
}

function isDone(word: string, before: string, after: string): boolean {
  const done = DONE_AFTER.exec(after);
  if (done) return !done[1] || /ers?$/i.test(word);
  return /ed$/i.test(word) && DONE.test(before);
}

function negatedBefore(before: string): boolean {
  return inScope(NEGATION, before) || CANNOT_RIGHT_BEFORE.test(before);
}

/** Whether the last match of `cue` in `before` still applies at its end (nothing resets it in between). */
function inScope(cue: RegExp, before: string): boolean {
  const end = lastMatchEnd(cue, before);
  return end >= 0 && !RESET.test(before.slice(end));
}
