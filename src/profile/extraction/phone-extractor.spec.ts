import { CONFIDENCE } from './confidence';
import { loadProfileExtractionOptions } from './profile-extraction-options';
import { ProfileExtractor } from './profile-extractor';
import { confidenceOf, factsOf, negationsOf, profileExtractor } from '@test/support/profile-extraction';

describe('phone', () => {
  it.each([
    ['my number is 512-555-0199', '+15125550199'],
    ['call me at (737) 555-0182', '+17375550182'],
    ['Cell: 214.555.0163', '+12145550163'],
    ['text me 4155550123', '+14155550123'],
    ['my phone is +1 (303) 555-0114 ext. 22', '+13035550114'],
    ['my cell phone number is (202)555-0182.', '+12025550182'],
  ])('reads %j as a US number in E.164', (text, phone) => {
    expect(factsOf(text).phone).toBe(phone);
  });

  it.each([
    ['you can reach me on +44 20 7946 0321', '+442079460321'],
    ['whatsapp: +91 98450 12345', '+919845012345'],
    ['Mon numéro: +33 6 12 34 56 78', '+33612345678'],
    ['my mobile +49 151 23456789', '+4915123456789'],
    ['I can be reached at 00 44 20 7946 0777', '+442079460777'],
    ['Phone: 0161 496 0000 (UK)', '+441614960000'],
    ['Phone number: 9845012345 (India)', '+919845012345'],
  ])('reads the international number in %j', (text, phone) => {
    expect(factsOf(text).phone).toBe(phone);
  });

  it('reads numbers without a country code in the configured default region', () => {
    const british = new ProfileExtractor(loadProfileExtractionOptions({ PROFILE_DEFAULT_REGION: 'GB' }));
    expect(factsOf('my number is 020 7946 0958', british).phone).toBe('+442079460958');
    expect(factsOf('my number is 020 7946 0958').phone).toBeUndefined();
  });

  it.each([
    'My order number is 4417823091, it still has not shipped',
    'Serial number on the unit is 3125550199, model HP-4000',
    'our account # is 7135550123',
    'zip is 78701 and the ZIP+4 is 78701-1234',
    'I ordered 2 chargers on 03/14/2024 and paid $1,249.99',
    'it costs 15,000 - 20,000 right?',
    'We have 3 kids and a 2400 sq ft house, built in 1987',
    'Tracking 9400 1000 0000 0000 0000 00 has not updated',
    'my phone number is 555-0134',
    'Call 1-800-555-0100, is that your number?',
    'I got a call from 1-888-555-0143 claiming to be you',
    "If it helps my husband's number is 602-555-0147",
    'Credit card 4111 1111 1111 1111',
  ])('finds no phone in %j', (text) => {
    expect(factsOf(text).phone).toBeUndefined();
  });

  it('is sure of a labelled number, less of a bare formatted one', () => {
    expect(confidenceOf('my cell is 512-555-0199', 'phone')).toBe(CONFIDENCE.stated);
    expect(confidenceOf('see you then. 512-555-0199 if anything changes', 'phone')).toBe(CONFIDENCE.likely);
    expect(factsOf('see you then. 5125550199 if anything changes').phone).toBeUndefined();
  });

  it('takes the new number and disowns the old one', () => {
    const result = profileExtractor.extract("new number: 503-555-0175 (the old 503-555-0101 doesn't work anymore)");
    expect(factsOf("new number: 503-555-0175 (the old 503-555-0101 doesn't work anymore)").phone).toBe('+15035550175');
    expect(result.negations.map((negation) => negation.value)).toEqual(['+15035550101']);
    expect(result.correction).toBe(true);
  });

  it('disowns the stored number when the message names none', () => {
    expect(negationsOf("that's not my number")).toEqual(['phone=(stored)']);
  });
});
