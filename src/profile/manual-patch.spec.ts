import { ProblemException } from '@/common/errors/problem.exception';
import { loadProfileExtractionOptions } from './extraction/profile-extraction-options';
import { normalizePatch, planManual } from './manual-patch';
import { emptyState, FieldProvenance } from './profile-state';

const rules = loadProfileExtractionOptions({});
const now = new Date('2026-12-01T10:00:00.000Z');

describe('normalizePatch', () => {
  it('stores values in their canonical form', () => {
    expect(
      normalizePatch(
        { email: 'Ana@Example.COM', phone: '(512) 555-0134', addressState: 'new york', addressZip: '787011234', servicesOfInterest: ['Installation', 'installation'], customerName: '  Ana  ' },
        rules,
      ),
    ).toEqual([
      ['customerName', 'Ana'],
      ['email', 'ana@example.com'],
      ['phone', '+15125550134'],
      ['addressState', 'NY'],
      ['addressZip', '78701-1234'],
      ['servicesOfInterest', ['installation']],
    ]);
  });

  it('reads a phone without a country code in the configured region', () => {
    expect(normalizePatch({ phone: '020 7946 0958' }, { ...rules, defaultRegion: 'GB' })).toEqual([['phone', '+442079460958']]);
  });

  it('turns null into a clear, and a null preferences object into three', () => {
    expect(normalizePatch({ email: null, preferences: null }, rules)).toEqual([
      ['email', null],
      ['preferences.contactChannel', null],
      ['preferences.contactTime', null],
      ['preferences.language', null],
    ]);
    expect(normalizePatch({ preferences: { language: 'de' } }, rules)).toEqual([['preferences.language', 'de']]);
  });

  it('names every bad field in one 400', () => {
    try {
      normalizePatch({ phone: '12', addressState: 'Bavaria', productsOfInterest: ['jetpacks'] }, rules);
      throw new Error('expected a 400');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).errors!.map((e) => e.field)).toEqual(['phone', 'addressState', 'productsOfInterest']);
    }
  });
});

describe('planManual', () => {
  const extracted: FieldProvenance = { source: 'extracted', sessionId: 's', messageId: 'm', confidence: 0.8, updatedAt: '2026-11-01T00:00:00.000Z' };

  it('makes a confirmed value manual without recording a change', () => {
    const current = { values: { ...emptyState().values, email: 'a@x.com' }, provenance: { email: extracted } };
    const plan = planManual(current, [['email', 'a@x.com']], now);
    expect(plan).toMatchObject({ changes: [], dirty: true });
    expect(plan.state.provenance.email).toMatchObject({ source: 'manual', confidence: 1 });
    expect(planManual(plan.state, [['email', 'a@x.com']], now).dirty).toBe(false);
  });

  it('clears a list with null', () => {
    const current = { values: { ...emptyState().values, productsOfInterest: ['solar panels'] }, provenance: { productsOfInterest: extracted } };
    expect(planManual(current, [['productsOfInterest', []]], now).changes).toEqual([{ field: 'productsOfInterest', oldValue: ['solar panels'], newValue: [] }]);
  });
});
