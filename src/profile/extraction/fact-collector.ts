import { ExtractedFact, ExtractionResult, NegatedFact } from './extraction-result';
import { isListField, ProfileField } from './profile-field';

/** Gathers the candidates of one message: keeps the best per single-valued field, every list value once. */
export class FactCollector {
  private readonly single = new Map<ProfileField, ExtractedFact>();
  private readonly listed: ExtractedFact[] = [];
  private readonly negations: NegatedFact[] = [];

  add(field: ProfileField, value: string, confidence: number): void {
    if (isListField(field)) {
      if (!this.listed.some((fact) => fact.field === field && fact.value === value)) this.listed.push({ field, value, confidence });
      return;
    }
    const current = this.single.get(field);
    if (!current || confidence > current.confidence) this.single.set(field, { field, value, confidence });
    else if (fuller(value, current.value)) this.single.set(field, { field, value, confidence: current.confidence });
  }

  negate(field: ProfileField, value: string | null, confidence: number): void {
    if (!this.negations.some((negation) => negation.field === field && negation.value === value)) {
      this.negations.push({ field, value, confidence });
    }
  }

  has(field: ProfileField): boolean {
    return this.single.has(field);
  }

  /** The best value of a single-valued field so far. */
  valueOf(field: ProfileField): string | undefined {
    return this.single.get(field)?.value;
  }


  /** `correctionCue`: the message words itself as a correction ("actually", "I meant", "new number"). */
  result(correctionCue: boolean): ExtractionResult {
    const negated = (fact: ExtractedFact): boolean => this.negations.some((n) => n.field === fact.field && n.value === fact.value);
    const facts = [...this.single.values(), ...this.listed].filter((fact) => !negated(fact));
    const scalarNegations = this.negations.filter((negation) => !isListField(negation.field));
    const scalarFacts = facts.filter((fact) => !isListField(fact.field));
    const replaces = scalarNegations.some((negation) => !negation.field.startsWith('preferences.') && this.single.has(negation.field));
    const correction = replaces || (correctionCue && (scalarFacts.length > 0 || scalarNegations.length > 0));
    return { facts, negations: [...this.negations], correction };
  }
}

/** The same name written out in full later ("It's Jonathan. ... Jonathan Reyes"): keep the longer one. */
function fuller(value: string, current: string): boolean {
  return value.startsWith(`${current} `);
}
