import { factsOf, negationsOf, profileExtractor } from '@test/support/profile-extraction';

describe('address: formats', () => {
  it.each([
    ['RR 2 Box 145, Hillsboro WV 24946', { addressStreet: 'RR 2 Box 145', addressCity: 'Hillsboro', addressState: 'WV', addressZip: '24946' }],
    ['the house is at 850 County Road 12, Hudson, WI 54016', { addressStreet: '850 County Road 12', addressCity: 'Hudson', addressState: 'WI', addressZip: '54016' }],
    ['1402 BAYOU RD NE, HOUMA LA 70360', { addressStreet: '1402 Bayou Rd NE', addressCity: 'Houma', addressState: 'LA', addressZip: '70360' }],
    ['the address is 6120 Lima Rd, 46818', { addressStreet: '6120 Lima Rd', addressZip: '46818' }],
    ['1001 N Broadway Apt. 3, Oklahoma City, OK 73102', { addressStreet: '1001 N Broadway Apt. 3', addressCity: 'Oklahoma City', addressState: 'OK', addressZip: '73102' }],
    ['Address: 45-12 Parsons Blvd, Flushing, NY 11355', { addressStreet: '45-12 Parsons Blvd', addressCity: 'Flushing', addressState: 'NY', addressZip: '11355' }],
  ])('reads %j', (text, facts) => {
    expect(factsOf(text)).toEqual(facts);
  });

  it('reads no city from the words after a street without a comma, "in" or a state', () => {
    expect(factsOf('I live at 12 Oak St now and love it')).toEqual({ addressStreet: '12 Oak St' });
  });
});

describe('address: cities and states', () => {
  it.each([
    ['hey its jenna, 512 555 0199, austin tx', { addressCity: 'Austin', addressState: 'TX' }],
    ['live in west palm beach fl', { addressCity: 'West Palm Beach', addressState: 'FL' }],
    ["we're over in winston-salem nc", { addressCity: 'Winston-Salem', addressState: 'NC' }],
    ['I am Rajesh from Edison NJ.', { addressCity: 'Edison', addressState: 'NJ' }],
    ['zip 98103 seattle', { addressZip: '98103', addressCity: 'Seattle' }],
    ["We're in 27612", { addressZip: '27612' }],
    ['I live in New York', { addressCity: 'New York', addressState: 'NY' }],
    ["I'm in upstate New York, near Albany", { addressState: 'NY' }],
    ['I live in West Virginia', { addressState: 'WV' }],
    ["I'm in Coeur d'Alene, Idaho", { addressCity: "Coeur d'Alene", addressState: 'ID' }],
    ['we live on the north side of Fort Wayne', { addressCity: 'Fort Wayne' }],
    ["We're in the Dallas area", { addressCity: 'Dallas' }],
    ['moro em Newark', { addressCity: 'Newark' }],
  ])('reads %j', (text, facts) => {
    expect(addressOf(text)).toEqual(facts);
  });

  it.each(["Call me, I'm in London for work this month", 'Is Jackson, MS in your service area?', "We're in the Bay Area", 'heading to austin tx next week'])(
    'reads no home in %j',
    (text) => {
      expect(factsOf(text).addressCity).toBeUndefined();
    },
  );
});

function addressOf(text: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(factsOf(text)).filter(([field]) => field.startsWith('address')));
}

describe('address: disowned', () => {
  it.each([
    ["That's my old address, we moved to 2150 Sycamore Ln", ['addressStreet=(stored)']],
    ['that address is old, we sold that house', ['addressStreet=(stored)']],
    ['1600 Pennsylvania Ave is not my address lol', ['addressStreet=1600 Pennsylvania Ave']],
    ["I no longer live at 45 Oak St, we're at 712 Birchwood Ct now", ['addressStreet=45 Oak St']],
    ["the quote had the wrong address, it's 19 Fenwick St not 91 Fenwick St", ['addressStreet=91 Fenwick St']],
  ])('reads %j', (text, negations) => {
    expect(negationsOf(text)).toEqual(negations);
  });

  it('keeps the new street of a move, as a correction', () => {
    const result = profileExtractor.extract("I no longer live at 45 Oak St, we're at 712 Birchwood Ct now");
    expect(factsOf("I no longer live at 45 Oak St, we're at 712 Birchwood Ct now").addressStreet).toBe('712 Birchwood Ct');
    expect(result.correction).toBe(true);
  });
});

describe('address: places asked about and places of others', () => {
  it.each([
    ["Is Macon, GA something y'all cover or is that too far out"],
    ['Do you guys go out as far as Lake Havasu City, AZ?'],
    ['What about Sugar Land, TX, do you cover that?'],
    ["dad's generator needs its annual service, he's at 44 Pell Rd in Warwick RI. can someone go by?"],
  ])('reads no home in %j', (text) => {
    expect(addressOf(text)).toEqual({});
  });

  it('keeps a place asked about when the message gives its ZIP', () => {
    expect(addressOf('Kansas City, MO 64111 - is that in your area?')).toEqual({ addressCity: 'Kansas City', addressState: 'MO', addressZip: '64111' });
  });

  it("keeps the home city, not another place's state", () => {
    expect(addressOf('Our church is in Lafayette, LA but I live in Breaux Bridge')).toEqual({ addressCity: 'Breaux Bridge' });
  });

  it('disowns the place set against the home', () => {
    const text = "I'm in Santa Rosa Beach, FL, not Santa Rosa CA, your rep keeps mixing that up";
    expect(addressOf(text)).toEqual({ addressCity: 'Santa Rosa Beach', addressState: 'FL' });
    expect(negationsOf(text)).toEqual(['addressCity=Santa Rosa', 'addressState=CA']);
  });
});

describe('address: more cities and formats', () => {
  it.each([
    ['I live in King of Prussia, PA and want a quote', { addressCity: 'King of Prussia', addressState: 'PA' }],
    ['P.O. Box 92, Truth or Consequences, NM 87901', { addressStreet: 'PO Box 92', addressCity: 'Truth or Consequences', addressState: 'NM', addressZip: '87901' }],
    ["We're at 2810 Mesquite Trl, Round Rock 78681", { addressStreet: '2810 Mesquite Trl', addressCity: 'Round Rock', addressZip: '78681' }],
    ['Hello I want to ask about the solar for my house in Lahore', { addressCity: 'Lahore' }],
    ['My zip? 94107', { addressZip: '94107' }],
  ])('reads %j', (text, facts) => {
    expect(addressOf(text)).toEqual(facts);
  });
});

describe('address: corrections without the word zip or a second street name', () => {
  it.each([
    ['oops, I meant 78746 not 78764', '78746', '78764'],
    ['oops 60647* (not 60674)', '60647', '60674'],
    ["Typo on my end, it's 33139 (you have 33193)", '33139', '33193'],
  ])('reads %j', (text, zip, wrong) => {
    expect(addressOf(text)).toEqual({ addressZip: zip });
    expect(negationsOf(text)).toEqual([`addressZip=${wrong}`]);
    expect(profileExtractor.extract(text).correction).toBe(true);
  });

  it('reads no ZIP from two numbers in a message that corrects nothing', () => {
    expect(addressOf('we used 12345 not 23456 kWh last year')).toEqual({});
  });

  it('reads a house number corrected before the street', () => {
    const text = "Address correction: it's 4112 not 4121 Lakeshore Dr";
    expect(addressOf(text)).toEqual({ addressStreet: '4112 Lakeshore Dr' });
    expect(negationsOf(text)).toEqual(['addressStreet=4121 Lakeshore Dr']);
  });

  it('reads "Not 4410. It\'s 4140 ..." as a correction', () => {
    expect(profileExtractor.extract("Wait. Not 4410. It's 4140 Winding Creek Rd.").correction).toBe(true);
  });
});
