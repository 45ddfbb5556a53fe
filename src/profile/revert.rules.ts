import { ProfileDraft, ProfilePlan } from './profile-draft';
import { FieldChange, PROFILE_FIELDS, ProfileField, ProfileState, readField, sameValue } from './profile-state';

/** The fields a merge changed that have changed again since: reverting them would lose that change. */
export function changedSince(current: ProfileState, changes: FieldChange[]): ProfileField[] {
  return changes.filter((change) => !sameValue(readField(current.values, change.field), change.newValue)).map((change) => change.field);
}

/** The target of a merge with the fields the merge changed set back, with their former provenance. */
export function planRevert(current: ProfileState, changes: FieldChange[], before: ProfileState | null): ProfilePlan {
  const draft = new ProfileDraft(current);
  for (const change of changes) draft.set(change.field, change.oldValue, before?.provenance[change.field]);
  return draft.plan();
}

/** A profile set to a snapshot, every field with the snapshot's provenance. */
export function planRestore(current: ProfileState, snapshot: ProfileState): ProfilePlan {
  const draft = new ProfileDraft(current);
  for (const field of PROFILE_FIELDS) draft.set(field, readField(snapshot.values, field), snapshot.provenance[field]);
  return draft.plan();
}
