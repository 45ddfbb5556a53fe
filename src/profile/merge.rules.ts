import { ProfileDraft, ProfilePlan } from './profile-draft';
import { FieldProvenance, isBlank, isListField, PROFILE_FIELDS, ProfileState, readField } from './profile-state';

/**
 * The profile of `from` folded into that of `into`, field by field (a login claim and an
 * admin merge share it): a manual value beats an extracted one, then the newer value wins
 * (provenance.updatedAt), a tie keeps `into`'s; lists are unioned, `into`'s order first.
 */
export function planMerge(from: ProfileState, into: ProfileState): ProfilePlan {
  const draft = new ProfileDraft(into);
  for (const field of PROFILE_FIELDS) {
    const theirs = readField(from.values, field);
    if (isBlank(theirs)) continue;
    const theirProvenance = from.provenance[field];
    const ours = draft.get(field);
    const theyWin = wins(theirProvenance, draft.provenanceOf(field));
    if (isListField(field)) {
      const union = [...new Set([...(ours as string[]), ...(theirs as string[])])];
      const provenance = theyWin ? theirProvenance : (draft.provenanceOf(field) ?? theirProvenance);
      if (union.length !== (ours as string[]).length) draft.set(field, union, provenance);
    } else if (isBlank(ours) || theyWin) {
      draft.set(field, theirs, theirProvenance);
    }
  }
  return draft.plan();
}

function wins(candidate: FieldProvenance | undefined, incumbent: FieldProvenance | undefined): boolean {
  if (!candidate) return false;
  if (!incumbent) return true;
  if (candidate.source !== incumbent.source) return candidate.source === 'manual';
  return candidate.updatedAt > incumbent.updatedAt;
}
