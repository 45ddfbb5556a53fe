import { factsOf, negationsOf, profileExtractor } from '@test/support/profile-extraction';

describe('address', () => {
  it('reads a whole address line into its parts', () => {
    expect(factsOf('my address is 123 Main St, Austin, TX 78701')).toEqual({
      addressStreet: '123 Main St',
      addressCity: 'Austin',
      addressState: 'TX',
      addressZip: '78701',
    });
    expect(factsOf('Address is 1250 Peachtree St NE, Suite 400, Atlanta, GA 30309')).toEqual({
      addressStreet: '1250 Peachtree St NE, Suite 400',
      addressCity: 'Atlanta',
      addressState: 'GA',
      addressZip: '30309',
    });
  });

  it.each([
    ['4500 N. Oak Avenue, Apt 5B', '4500 N. Oak Avenue, Apt 5B'],
    ['Street address: 8 Harbor View Way', '8 Harbor View Way'],
    ['we just moved to 315 W. Maple Dr.', '315 W. Maple Dr'],
    ['i live at 2210 e 5th st apt 3', '2210 E 5th St Apt 3'],
    ['PO Box 442, Marfa TX 79843', 'PO Box 442'],
    ['I live at 1811 Calle Real, Santa Barbara', '1811 Calle Real'],
  ])('reads the street of %j', (text, street) => {
    expect(factsOf(text).addressStreet).toBe(street);
  });

  it('returns what each message of an address given in parts holds', () => {
    expect(factsOf('I live in Austin')).toEqual({ addressCity: 'Austin' });
    expect(factsOf('the zip is 78701')).toEqual({ addressZip: '78701' });
    expect(factsOf('state is Texas')).toEqual({ addressState: 'TX' });
    expect(factsOf('4500 N. Oak Avenue, Apt 5B')).toEqual({ addressStreet: '4500 N. Oak Avenue, Apt 5B' });
  });

  it.each([
    ["I'm located in Portland, Oregon", { addressCity: 'Portland', addressState: 'OR' }],
    ['We live in Florida part time', { addressState: 'FL' }],
    ["I'm in NJ, close to Newark", { addressState: 'NJ' }],
    ['we just bought a house in Plano, TX', { addressCity: 'Plano', addressState: 'TX' }],
    ['Based in Brooklyn NY 11215', { addressCity: 'Brooklyn', addressState: 'NY', addressZip: '11215' }],
    ["we're in Salt Lake City", { addressCity: 'Salt Lake City' }],
    ['We are located in St. Louis, MO 63101', { addressCity: 'St. Louis', addressState: 'MO', addressZip: '63101' }],
    ['I live in Washington, DC', { addressCity: 'Washington', addressState: 'DC' }],
    ['live in sacramento', { addressCity: 'Sacramento' }],
  ])('reads city and state of %j, states as two-letter codes', (text, facts) => {
    expect(factsOf(text)).toEqual(facts);
  });

  it.each([
    ["my zip's 94110-2231", '94110-2231'],
    ['zip code 10027', '10027'],
    ['postal code is 30309', '30309'],
  ])('reads the ZIP of %j', (text, zip) => {
    expect(factsOf(text).addressZip).toBe(zip);
  });

  it.each([
    'I need 2 heat pumps for a 3 bedroom house',
    "it's a 2 story house, about 1800 sq ft, south facing roof",
    'we need 3 panels on the way to the garage',
    'Your office on 200 Congress Ave was closed when I stopped by',
    'my mom lives at 44 Cedar St in Dayton',
    "I'm in a meeting, will reply later",
    'I live in a small town',
    'We moved from Ohio last spring',
    "I can be reached while I'm in London",
  ])('finds no address in %j', (text) => {
    const facts = factsOf(text);
    for (const field of ['addressStreet', 'addressCity', 'addressState', 'addressZip']) expect(facts[field]).toBeUndefined();
  });

  it('corrects a ZIP and disowns the wrong one', () => {
    const result = profileExtractor.extract('sorry the zip is actually 78702 not 78701');
    expect(factsOf('sorry the zip is actually 78702 not 78701')).toEqual({ addressZip: '78702' });
    expect(negationsOf('sorry the zip is actually 78702 not 78701')).toEqual(['addressZip=78701']);
    expect(result.correction).toBe(true);
  });
});
