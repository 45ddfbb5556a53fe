import { planMerge } from './merge.rules';
import { emptyValues, FieldProvenance, ProfileState } from './profile-state';

const at = (updatedAt: string, source: 'extracted' | 'manual' = 'extracted'): FieldProvenance => ({ source, sessionId: null, messageId: null, confidence: 0.9, updatedAt });

function profile(values: Partial<ProfileState['values']>, provenance: ProfileState['provenance']): ProfileState {
  return { values: { ...emptyValues(), ...values }, provenance };
}

describe('planMerge', () => {
  it('takes the newer value between two extracted ones and keeps the target’s on a tie', () => {
    const into = profile({ customerName: 'Bob', email: 'a@x.com' }, { customerName: at('2026-01-01T00:00:00Z'), email: at('2026-03-01T00:00:00Z') });
    const from = profile({ customerName: 'Robert', email: 'b@x.com' }, { customerName: at('2026-02-01T00:00:00Z'), email: at('2026-03-01T00:00:00Z') });
    const plan = planMerge(from, into);
    expect(plan.state.values).toMatchObject({ customerName: 'Robert', email: 'a@x.com' });
    expect(plan.changes).toEqual([{ field: 'customerName', oldValue: 'Bob', newValue: 'Robert' }]);
    expect(plan.state.provenance.customerName).toEqual(from.provenance.customerName);
  });

  it('lets a manual value beat a newer extracted one, either way round', () => {
    const into = profile({ phone: '+15125550134' }, { phone: at('2026-01-01T00:00:00Z', 'manual') });
    const from = profile({ phone: '+17375550188', email: 'm@x.com' }, { phone: at('2026-05-01T00:00:00Z'), email: at('2026-01-01T00:00:00Z', 'manual') });
    expect(planMerge(from, into).state.values).toMatchObject({ phone: '+15125550134', email: 'm@x.com' });
    const manualFrom = profile({ phone: '+17375550188' }, { phone: at('2025-01-01T00:00:00Z', 'manual') });
    const extractedInto = profile({ phone: '+15125550134' }, { phone: at('2026-01-01T00:00:00Z') });
    expect(planMerge(manualFrom, extractedInto).state.values.phone).toBe('+17375550188');
  });

  it('unions lists, the target’s order first, and fills preferences the target lacks', () => {
    const into = profile({ productsOfInterest: ['solar panels'], preferences: { language: 'es' } }, { productsOfInterest: at('2026-01-01T00:00:00Z'), 'preferences.language': at('2026-01-01T00:00:00Z') });
    const from = profile(
      { productsOfInterest: ['home batteries', 'solar panels'], preferences: { contactTime: 'evening' } },
      { productsOfInterest: at('2026-02-01T00:00:00Z'), 'preferences.contactTime': at('2026-02-01T00:00:00Z') },
    );
    const plan = planMerge(from, into);
    expect(plan.state.values.productsOfInterest).toEqual(['solar panels', 'home batteries']);
    expect(plan.state.values.preferences).toEqual({ language: 'es', contactTime: 'evening' });
    expect(plan.changes.map((change) => change.field)).toEqual(['productsOfInterest', 'preferences.contactTime']);
  });

  it('changes nothing when the visitor knew nothing', () => {
    const into = profile({ customerName: 'Bob' }, { customerName: at('2026-01-01T00:00:00Z') });
    expect(planMerge(profile({}, {}), into)).toMatchObject({ changes: [], dirty: false });
  });
});
