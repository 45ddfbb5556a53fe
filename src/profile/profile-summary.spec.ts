import { describeProfile } from './profile-summary';
import { emptyValues } from './profile-state';

describe('describeProfile', () => {
  it('says only what is known, in one short line', () => {
    expect(describeProfile({ ...emptyValues(), customerName: 'Maria Lopez', addressCity: 'Austin', addressState: 'TX', preferences: { language: 'es', contactChannel: 'sms' } })).toBe(
      'What we know about the customer: name Maria Lopez; address Austin, TX; prefers contact by sms, language Spanish (es).',
    );
  });

  it('is null when nothing is known', () => {
    expect(describeProfile(emptyValues())).toBeNull();
  });
});
