import { factsOf, negationsOf, profileExtractor } from '@test/support/profile-extraction';

describe('customerName: introductions checked against first names and English words', () => {
  it.each([
    ['hey its jenna, 512 555 0199', 'Jenna'],
    ["i'm maria, i live in san luis obispo", 'Maria'],
    ['mike here. 4 batteries?', 'Mike'],
    ['hiii 👋 sarah here!! 😊', 'Sarah'],
    ['hi my names carlos and i want a heat pump', 'Carlos'],
    ["it's mrs. henderson, i called about the leak", 'Henderson'],
    ['THIS IS DONNA FROM 14 ELM ST', 'Donna'],
    ["I'm the treasurer, Gloria Esposito. Email me", 'Gloria Esposito'],
  ])('reads %j', (text, name) => {
    expect(factsOf(text).customerName).toBe(name);
  });

  it.each(["I'm Hungry lol, can we finish this later", 'Im Moment habe ich keine Zeit', "i'm good, thanks", 'hey its me again', 'thanks, boston ma', 'sounds good, thanks Mike!'])(
    'finds no name in %j',
    (text) => {
      expect(factsOf(text).customerName).toBeUndefined();
    },
  );

  it('reads the name set against another after an opening', () => {
    expect(factsOf("sorry, it's Jon without an h, not John").customerName).toBe('Jon');
    expect(negationsOf("sorry, it's Jon without an h, not John")).toEqual(['customerName=John']);
  });
});

describe('customerName: forms, name lines and signatures', () => {
  it.each([
    ['First Name: Ana\nLast Name: Gutierrez\nEmail: ana.gtz@gmail.com', 'Ana Gutierrez'],
    ['Name......: Okoro, Chinedu\nTel.......: +1 312 555 0164', 'Chinedu Okoro'],
    ['Contact person: Luis Ortega (owner)\nTel 210-555-0148', 'Luis Ortega'],
    ['Pat Sullivan\n412 555 0107\npat.sully@gmail.com', 'Pat Sullivan'],
    ['Ms. Patricia Owens, 55 Lakeview Dr, Madison WI 53703', 'Patricia Owens'],
    ['I want a heat pump install. Joanna Reyes, 505-555-0129, Albuquerque NM', 'Joanna Reyes'],
    ['Please send the proposal.\n\nBest,\nKaren Whitfield\nFacilities Manager | Oakridge Dental\n(919) 555-0155', 'Karen Whitfield'],
    ['Thanks,\n\nDr. Samuel Okafor, MD\nRiverside Pediatrics\nColumbus, OH 43221', 'Samuel Okafor'],
    ['Can we move the visit?\n--\nJames Holloway\nSenior Project Engineer\nM: 469-555-0144', 'James Holloway'],
  ])('reads the name in %j', (text, name) => {
    expect(factsOf(text).customerName).toBe(name);
  });

  it('takes no interest from the company line of a signature', () => {
    const facts = factsOf('Following up on my voicemail.\n\nRegards,\nMelissa Grant\nSunrise Solar Supply');
    expect(facts).toEqual({ customerName: 'Melissa Grant' });
  });

  it.each(['Summer Solstice Party\n8 PM\nSee you there', 'Customer Service\n1-800-555-0100', 'Austin Texas\n512 555 0199'])('reads no name line in %j', (text) => {
    expect(factsOf(text).customerName).toBeUndefined();
  });
});

describe('quoted questions', () => {
  it.each([
    ["> What's your name?\nDeShawn", { customerName: 'DeShawn' }],
    ['> Which city are you in?\nSt. Louis', { addressCity: 'St. Louis' }],
    ["> What's your zip code?\n\n94611", { addressZip: '94611' }],
  ])('reads the bare answer under %j', (text, facts) => {
    expect(factsOf(text)).toEqual(facts);
  });

  it('reads nothing from an answer that is not the value', () => {
    expect(profileExtractor.extract("> What's your name?\nwhy do you need it").facts).toEqual([]);
  });
});
