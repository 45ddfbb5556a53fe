import { CONFIDENCE } from './extraction/confidence';
import { ExtractedFact, ExtractionResult, NegatedFact } from './extraction/extraction-result';
import { ProfileDraft, ProfilePlan } from './profile-draft';
import { FieldProvenance, isListField, ProfileState } from './profile-state';

/** The message a plan's values come from. */
export interface MessageOrigin {
  sessionId: string;
  messageId: string;
}

/**
 * What one user message changes in a profile:
 * - a manual value (set through PATCH) is never touched by extraction, lists included;
 * - a negation clears the stored value it names, or the stored value when it names none
 *   ("that's not my email"), and takes a named product or service off its list;
 * - a fact fills an empty field; it replaces a stored extracted value when the message is a
 *   correction, when it is at least likely (0.8), or when it is as confident as the stored one
 *   (a mere guess never displaces a better value);
 * - list facts are added; a message without a value changes nothing (no value is replaced by nothing).
 * Negations go first, so "that's not my email, it's b@x.com" ends with b@x.com.
 */
export function planExtraction(current: ProfileState, result: ExtractionResult, origin: MessageOrigin, now: Date): ProfilePlan {
  const draft = new ProfileDraft(current);
  for (const negation of result.negations) applyNegation(draft, negation, origin, now);
  for (const fact of result.facts) applyFact(draft, fact, result.correction, origin, now);
  return draft.plan();
}

function applyNegation(draft: ProfileDraft, negation: NegatedFact, origin: MessageOrigin, now: Date): void {
  const { field } = negation;
  if (draft.provenanceOf(field)?.source === 'manual') return;
  const stored = draft.get(field);
  if (isListField(field)) {
    const list = stored as string[];
    if (negation.value === null || !list.some((item) => sameText(item, negation.value!))) return;
    const remaining = list.filter((item) => !sameText(item, negation.value!));
    draft.set(field, remaining, remaining.length ? provenance(origin, negation.confidence, now) : undefined);
    return;
  }
  if (stored === null) return;
  if (negation.value === null || sameText(stored as string, negation.value)) draft.set(field, null, undefined);
}

function applyFact(draft: ProfileDraft, fact: ExtractedFact, correction: boolean, origin: MessageOrigin, now: Date): void {
  const { field, value, confidence } = fact;
  const stored = draft.provenanceOf(field);
  if (stored?.source === 'manual') return;
  const current = draft.get(field);
  if (isListField(field)) {
    const list = current as string[];
    if (!list.includes(value)) draft.set(field, [...list, value], provenance(origin, confidence, now));
    return;
  }
  if (current !== null && sameText(current as string, value)) return;
  if (current === null || correction || replaces(confidence, stored?.confidence ?? 0)) {
    draft.set(field, value, provenance(origin, confidence, now));
  }
}

function replaces(confidence: number, storedConfidence: number): boolean {
  return confidence >= CONFIDENCE.likely || confidence >= storedConfidence;
}

function provenance(origin: MessageOrigin, confidence: number, now: Date): FieldProvenance {
  return { source: 'extracted', sessionId: origin.sessionId, messageId: origin.messageId, confidence, updatedAt: now.toISOString() };
}

function sameText(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}
