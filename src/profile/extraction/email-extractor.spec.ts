import { CONFIDENCE } from './confidence';
import { confidenceOf, factsOf, negationsOf, profileExtractor } from '@test/support/profile-extraction';

describe('email', () => {
  it('stores the address in lower case', () => {
    expect(factsOf('my emial is CHRIS.O@ICLOUD.COM').email).toBe('chris.o@icloud.com');
    expect(factsOf('E-mail: Hans.Mueller@web.de').email).toBe('hans.mueller@web.de');
  });

  it.each(['laura.b+solar@gmail.com', 'bob_the_builder@hotmail.co.uk', 'sam@samhill.design'])('reads %s whole', (email) => {
    expect(factsOf(`contact: ${email}`).email).toBe(email);
  });

  it('takes the new address over the old one, as a correction', () => {
    const result = profileExtractor.extract('my old email was jlee@aol.com, the new one is jenny.lee@outlook.com');
    expect(result.facts).toEqual([{ field: 'email', value: 'jenny.lee@outlook.com', confidence: CONFIDENCE.stated }]);
    expect(result.correction).toBe(true);
  });

  it('takes the first of two alternatives, with less confidence', () => {
    const text = 'email me at a.khan@example.com or akhan.work@example.org';
    expect(factsOf(text).email).toBe('a.khan@example.com');
    expect(confidenceOf(text, 'email')).toBe(CONFIDENCE.possible);
  });

  it('is sure of a labelled address and of a message that is only an address', () => {
    expect(confidenceOf('my email is dsmith@comcast.net', 'email')).toBe(CONFIDENCE.stated);
    expect(confidenceOf('dsmith@comcast.net', 'email')).toBe(CONFIDENCE.stated);
    expect(confidenceOf('I tried to sign up with dsmith@comcast.net but it failed', 'email')).toBe(CONFIDENCE.likely);
  });

  it('takes the one the author claims, not a relative\'s', () => {
    expect(factsOf("my husband's email is greg.w@gmail.com but please use mine, lisa.w@gmail.com").email).toBe('lisa.w@gmail.com');
    expect(factsOf("send the quote to my wife's email: kim.nguyen@gmail.com").email).toBeUndefined();
  });

  it('ignores business mailboxes and addresses the author writes to', () => {
    expect(factsOf('is support@sunbright.com the right address?').email).toBeUndefined();
    expect(factsOf('I wrote to info@yourcompany.com last week').email).toBeUndefined();
  });

  it('negates the address the author disowns', () => {
    expect(negationsOf("that's not my email")).toEqual(['email=(stored)']);
    expect(negationsOf("that email (k.roberts@gmail.com) isn't mine")).toEqual(['email=k.roberts@gmail.com']);
    const result = profileExtractor.extract('Actually my email is rpatel@proton.me, not rpatel@gmail.com');
    expect(factsOf('Actually my email is rpatel@proton.me, not rpatel@gmail.com').email).toBe('rpatel@proton.me');
    expect(result.negations.map((negation) => negation.value)).toEqual(['rpatel@gmail.com']);
    expect(result.correction).toBe(true);
  });

  it('keeps the current address and disowns the one no longer read', () => {
    const text = "Please use mike.t@fastmail.com from now on, I don't check mike.t@yahoo.com anymore";
    expect(factsOf(text).email).toBe('mike.t@fastmail.com');
    expect(negationsOf(text)).toEqual(['email=mike.t@yahoo.com']);
  });
});
