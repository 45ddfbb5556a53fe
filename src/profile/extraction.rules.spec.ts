import { ExtractionResult } from './extraction/extraction-result';
import { planExtraction } from './extraction.rules';
import { emptyState, FieldProvenance, ProfileState, writeField } from './profile-state';

const origin = { sessionId: 's-2', messageId: 'm-2' };
const now = new Date('2026-12-01T10:00:00.000Z');
const extracted = (confidence: number): FieldProvenance => ({ source: 'extracted', sessionId: 's-1', messageId: 'm-1', confidence, updatedAt: '2026-11-30T10:00:00.000Z' });
const manual: FieldProvenance = { source: 'manual', sessionId: null, messageId: null, confidence: 1, updatedAt: '2026-11-30T10:00:00.000Z' };

function stateWith(field: 'email' | 'customerName' | 'productsOfInterest', value: string | string[], provenance: FieldProvenance): ProfileState {
  return { values: writeField(emptyState().values, field, value), provenance: { [field]: provenance } };
}

const result = (partial: Partial<ExtractionResult>): ExtractionResult => ({ facts: [], negations: [], correction: false, ...partial });

describe('planExtraction', () => {
  it('fills an empty field with provenance pointing at the message', () => {
    const plan = planExtraction(emptyState(), result({ facts: [{ field: 'email', value: 'a@x.com', confidence: 0.95 }] }), origin, now);
    expect(plan.changes).toEqual([{ field: 'email', oldValue: null, newValue: 'a@x.com' }]);
    expect(plan.state.provenance.email).toEqual({ source: 'extracted', sessionId: 's-2', messageId: 'm-2', confidence: 0.95, updatedAt: now.toISOString() });
  });

  it.each([
    ['a likely value replaces a stated one', 0.8, 0.95, false, 'b@x.com'],
    ['a guess does not replace a likely value', 0.6, 0.8, false, 'a@x.com'],
    ['a guess replaces another guess', 0.6, 0.6, false, 'b@x.com'],
    ['a correction replaces whatever its confidence', 0.6, 0.95, true, 'b@x.com'],
  ])('%s', (_, confidence, storedConfidence, correction, expected) => {
    const current = stateWith('email', 'a@x.com', extracted(storedConfidence));
    const plan = planExtraction(current, result({ facts: [{ field: 'email', value: 'b@x.com', confidence }], correction }), origin, now);
    expect(plan.state.values.email).toBe(expected);
  });

  it('never touches a manual value, lists included', () => {
    const current = stateWith('productsOfInterest', ['solar panels'], manual);
    const plan = planExtraction(
      current,
      result({ facts: [{ field: 'productsOfInterest', value: 'home batteries', confidence: 0.8 }], negations: [{ field: 'productsOfInterest', value: 'solar panels', confidence: 0.8 }], correction: true }),
      origin,
      now,
    );
    expect(plan).toMatchObject({ changes: [], dirty: false });
  });

  it('clears only the value a negation names, or the stored one when it names none', () => {
    const current = stateWith('email', 'a@x.com', extracted(0.95));
    expect(planExtraction(current, result({ negations: [{ field: 'email', value: 'other@x.com', confidence: 0.95 }] }), origin, now).changes).toEqual([]);
    expect(planExtraction(current, result({ negations: [{ field: 'email', value: 'A@X.com', confidence: 0.95 }] }), origin, now).state.values.email).toBeNull();
    const cleared = planExtraction(current, result({ negations: [{ field: 'email', value: null, confidence: 0.8 }] }), origin, now);
    expect(cleared.changes).toEqual([{ field: 'email', oldValue: 'a@x.com', newValue: null }]);
    expect(cleared.state.provenance.email).toBeUndefined();
  });

  it('applies a negation before the facts of the same message ("my name isn’t Bob, it’s Rob")', () => {
    const current = stateWith('customerName', 'Bob', extracted(0.95));
    const plan = planExtraction(
      current,
      result({ facts: [{ field: 'customerName', value: 'Rob', confidence: 0.95 }], negations: [{ field: 'customerName', value: 'Bob', confidence: 0.95 }], correction: true }),
      origin,
      now,
    );
    expect(plan.changes).toEqual([{ field: 'customerName', oldValue: 'Bob', newValue: 'Rob' }]);
  });

  it('adds list values once and takes a turned-down one off', () => {
    const current = stateWith('productsOfInterest', ['solar panels'], extracted(0.8));
    const plan = planExtraction(
      current,
      result({ facts: [{ field: 'productsOfInterest', value: 'home batteries', confidence: 0.8 }], negations: [{ field: 'productsOfInterest', value: 'solar panels', confidence: 0.8 }] }),
      origin,
      now,
    );
    expect(plan.state.values.productsOfInterest).toEqual(['home batteries']);
    expect(plan.changes).toEqual([{ field: 'productsOfInterest', oldValue: ['solar panels'], newValue: ['home batteries'] }]);
  });

  it('changes nothing for the same value written differently, or for a message without values', () => {
    const current = stateWith('customerName', 'Maria Lopez', extracted(0.8));
    expect(planExtraction(current, result({ facts: [{ field: 'customerName', value: 'maria lopez', confidence: 0.95 }] }), origin, now).dirty).toBe(false);
    expect(planExtraction(current, result({}), origin, now).dirty).toBe(false);
  });
});
