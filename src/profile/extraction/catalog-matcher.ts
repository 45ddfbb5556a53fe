import { CatalogSpeller } from './catalog-speller';
import { compileTerms, CompiledTerms, TermMatch } from './catalog-terms';
import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { mentionOf } from './catalog-mention';
import { MessageText } from './message-text';
import { readSignOff } from './name-sign-off';
import { ProfileCatalog } from './profile-catalog';
import { ListField } from './profile-field';

interface CompiledKind extends CompiledTerms {
  field: ListField;
}

/** A message from someone researching, applying for a job or asking for a client: no interest is theirs. */
const NOT_A_PROSPECT =
  /\b(?:school\s{1,3}(?:project|report|assignment|paper|thing|presentation|class)|homework|science\s{1,3}fair|(?:i['’]?m|i\s{1,3}am)\s{1,3}(?:a|an)\s{1,3}(?:reporter|journalist|researcher|writer|student|realtor|real\s{1,3}estate\s{1,3}agent|broker)|writing\s{1,3}(?:a|an)\s{1,3}(?:story|article|paper|report|thesis)\s{1,3}(?:on|about)|(?:are\s{1,3}you|you\s{1,3}guys|y['’]all)\s{1,3}hiring|job\s{1,3}(?:opening|posting|application)s?|apply\s{1,3}for\s{1,3}(?:a|the)\s{1,3}job)\b/i;
/** A message about a problem or asking something: an owned or bought product is still of interest. */
const PROBLEM =
  /\?|\b(?:broke|broken|break|breaks|not\s{1,3}working|stopped|won['’]?t|doesn['’]?t|isn['’]?t|error|leak\w*|nois\w*|beep\w*|click\w*|buzz\w*|fault\w*|issues?|problems?|fix|repair|replace|warranty|died|dead|trips?|tripping|smell\w*|help)\b/i;

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
    let problem: boolean | undefined;
    for (const kind of this.kinds) {
      for (const found of this.matchesOf(source, kind)) {
        signature ??= readSignOff(source.text)?.blockStart ?? -1;
        if (!found.canonical || (signature >= 0 && found.index >= signature)) continue;
        prospect ??= !NOT_A_PROSPECT.test(source.text);
        problem ??= PROBLEM.test(source.text);
        const mention = mentionOf({
          word: found.matched,
          before: source.before(found.index, 80),
          after: source.after(found.index + found.matched.length, 40),
          isProduct: kind.field === 'productsOfInterest',
          problem,
        });
        if (mention === 'negated') out.negate(kind.field, found.canonical, CONFIDENCE.likely);
        else if (mention === 'interest' && prospect) out.add(kind.field, found.canonical, CONFIDENCE.likely);
      }
    }
  }

  /** The kind's words as written, then its terms turned around with "for" ("charger for my electric car"). */
  private *matchesOf(source: MessageText, kind: CompiledKind): Generator<TermMatch> {
    for (const match of source.matches(kind.pattern)) yield { index: match.index, matched: match[0], canonical: kind.canonicalOf(match[0]) };
    yield* kind.inverted(source.text, 8);
  }
}
