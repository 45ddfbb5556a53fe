import { FieldChange, FieldProvenance, FieldValue, ProfileField, ProfileState, readField, sameValue, writeField } from './profile-state';

/** A planned change of a profile: the state to store and the fields that changed. */
export interface ProfilePlan {
  state: ProfileState;
  changes: FieldChange[];
  /** True when something must be written, a provenance alone included. */
  dirty: boolean;
}

/**
 * A working copy of a profile that rules edit field by field. A field changed twice in one
 * plan is one change from its first old value to its last new one (none if they are equal).
 */
export class ProfileDraft {
  private state: ProfileState;
  private readonly original: Map<ProfileField, FieldValue> = new Map();
  private provenanceTouched = false;

  constructor(private readonly base: ProfileState) {
    this.state = { values: base.values, provenance: { ...base.provenance } };
  }

  get(field: ProfileField): FieldValue {
    return readField(this.state.values, field);
  }

  provenanceOf(field: ProfileField): FieldProvenance | undefined {
    return this.state.provenance[field];
  }

  /** Sets a value with where it came from; null clears both. */
  set(field: ProfileField, value: FieldValue, provenance: FieldProvenance | undefined): void {
    if (!this.original.has(field)) this.original.set(field, this.get(field));
    this.state = { ...this.state, values: writeField(this.state.values, field, value) };
    this.setProvenance(field, value === null ? undefined : provenance);
  }

  /** Changes only where a value came from (a manual PATCH confirming an extracted value). */
  setProvenance(field: ProfileField, provenance: FieldProvenance | undefined): void {
    if (provenance) this.state.provenance[field] = provenance;
    else delete this.state.provenance[field];
    this.provenanceTouched = true;
  }

  plan(): ProfilePlan {
    const changes: FieldChange[] = [];
    for (const [field, oldValue] of this.original) {
      const newValue = readField(this.state.values, field);
      if (!sameValue(oldValue, newValue)) changes.push({ field, oldValue, newValue });
    }
    const dirty = changes.length > 0 || (this.provenanceTouched && JSON.stringify(this.state.provenance) !== JSON.stringify(this.base.provenance));
    return { state: this.state, changes, dirty };
  }
}
