import { factsOf, profileExtractor } from '@test/support/profile-extraction';

describe('ProfileExtractor', () => {
  it('returns nothing for a message that says nothing about its author', () => {
    expect(profileExtractor.extract('What are your hours?')).toEqual({ facts: [], negations: [], correction: false });
    expect(profileExtractor.extract('')).toEqual({ facts: [], negations: [], correction: false });
  });

  it('reads several fields from one long message', () => {
    const text =
      'Just so you have everything in one place:\nName: Beatriz Santos\nEmail: bia.santos@hotmail.com\nPhone: (408) 555-0193\n' +
      'Address: 220 Lincoln Ave, San Jose, CA 95126\nInterested in: solar panels, home battery, financing\nBest time: evenings\nThanks!';
    expect(factsOf(text)).toEqual({
      customerName: 'Beatriz Santos',
      email: 'bia.santos@hotmail.com',
      phone: '+14085550193',
      addressStreet: '220 Lincoln Ave',
      addressCity: 'San Jose',
      addressState: 'CA',
      addressZip: '95126',
      productsOfInterest: ['solar panels', 'home batteries'],
      servicesOfInterest: ['financing'],
      'preferences.contactTime': 'evening',
    });
  });

  it.each([
    ['actually my number is 512-555-0199', true],
    ['My number changed, it is now 720-555-0166', true],
    ['pls update my email to nora.h@outlook.com', true],
    ['my number is 512-555-0199', false],
    ['Actually, I have a question about my bill', false],
    ["I'd like a battery instead", false],
    ["Please don't email me, I'd rather get a phone call", false],
  ])('flags %j as a correction: %s', (text, correction) => {
    expect(profileExtractor.extract(text).correction).toBe(correction);
  });
});
