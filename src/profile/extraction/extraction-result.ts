import { ProfileField } from './profile-field';

/** A value found in a message. For list fields, one fact per value to add. */
export interface ExtractedFact {
  field: ProfileField;
  /** Normalised: E.164 phone, lower-case email, two-letter state, canonical catalog name, ISO 639-1 code. */
  value: string;
  /** One of the CONFIDENCE levels. */
  confidence: number;
}

/**
 * A value the user disowns or turns down: "my name isn't Bob", "that's not my email",
 * "I don't want solar panels", "please don't call". `value` null means the user disowns
 * the field's current value without naming it ("that's not my number").
 */
export interface NegatedFact {
  field: ProfileField;
  value: string | null;
  confidence: number;
}

/** What one user message says about its author. */
export interface ExtractionResult {
  /** At most one fact per single-valued field (the best candidate); any number for list fields. */
  facts: ExtractedFact[];
  negations: NegatedFact[];
  /**
   * The message corrects what was said before ("actually my number is ...", "my name isn't
   * Bob, it's Rob"): its single-valued facts should replace stored values whatever their
   * confidence. Never true for a message with no fact and no negation.
   */
  correction: boolean;
}
