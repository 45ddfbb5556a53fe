import { CONFIDENCE } from './confidence';
import { confidenceOf, factsOf, negationsOf, profileExtractor } from '@test/support/profile-extraction';

describe('customerName: introductions in other languages', () => {
  it.each([
    ['Mera naam Rohit Sharma hai, Edison se.', 'Rohit Sharma'],
    ['Namaste, main Priya hoon. Need a quote', 'Priya'],
    ['Tôi là Trần Thị Mai. Tôi muốn hỏi', 'Trần Thị Mai'],
    ['Ako si Maricel Dizon, from Daly City.', 'Maricel Dizon'],
    ['Меня зовут Ольга Петрова.', 'Ольга Петрова'],
    ["Benim adım Elif Yılmaz, Paterson'da oturuyorum.", 'Elif Yılmaz'],
    ['Habari! Jina langu ni Amani Mwangi.', 'Amani Mwangi'],
    ['wo shi Chen Jing, can someone speak Mandarin with me?', 'Chen Jing'],
    ['Annyeonghaseyo. My name Park Ji-hoon. I want know price.', 'Park Ji-hoon'],
  ])('reads %j', (text, name) => {
    expect(factsOf(text).customerName).toBe(name);
  });

  it('needs the closing word around a Hindi name and a capital after a bare "my name"', () => {
    expect(factsOf('the main panel is full').customerName).toBeUndefined();
    expect(factsOf('My name is Maria').customerName).toBe('Maria');
    expect(factsOf('what is my name on the account?').customerName).toBeUndefined();
  });
});

describe('customerName: introductions in later sentences and with "from"', () => {
  it.each([
    ["hey, following up. it's Deshawn again. any word on the permit?", 'Deshawn'],
    ['Good morning! Its Joy from the Maple Ridge HOA. Can we set up a time?', 'Joy'],
    ['This is bill from Greenway Property Mgmt, we manage 12 units', 'Bill'],
    ['Hi team, Chidi from 4B here — can I get on the list?', 'Chidi'],
    ['Sup. Kenji here. EV charger quote?', 'Kenji'],
    ["This is Summer, I'm the office manager at Coastal Pediatrics", 'Summer'],
    ["I'm Precious, we spoke yesterday about the battery", 'Precious'],
    ["I'm his widow, Doris Feldman.", 'Doris Feldman'],
    ['Hi, Dana speaking. Any update?', 'Dana'],
    ['I go by Liz', 'Liz'],
    ['My first name is Sarah, last name Cole', 'Sarah'],
    ['This is Reverend Okafor from Grace Fellowship.', 'Okafor'],
  ])('reads %j', (text, name) => {
    expect(factsOf(text).customerName).toBe(name);
  });

  it.each(['this is bill from last month, why so high?', "It's Monday from now on", 'This is Ridiculous, I want a refund', 'ok sounds good. Will do', "I'm in Santa Rosa Beach, FL, not Santa Rosa CA"])(
    'reads no name in %j',
    (text) => {
      expect(factsOf(text).customerName).toBeUndefined();
    },
  );
});

describe('customerName: a name after the last sentence', () => {
  it.each([
    ['hi again! my email is le.anh.home at gmail dot com. Anh', 'Anh'],
    ['Anyways, thanks for your patience with me. Talk soon. Esperanza', 'Esperanza'],
    ['text me at 404 555 0178. Siddharth', 'Siddharth'],
  ])('reads %j, with less confidence', (text, name) => {
    expect(factsOf(text).customerName).toBe(name);
    expect(confidenceOf(text, 'customerName')).toBe(CONFIDENCE.possible);
  });

  it.each(['> Which city are you in?\nSt. Louis', 'Thanks! Merci! Gracias!', 'Thanks for nothing. Cancelling.', 'See you soon. Cheers', 'I live in Austin. Texas'])(
    'reads no name from the last words of %j',
    (text) => {
      expect(factsOf(text).customerName).toBeUndefined();
    },
  );

  it('keeps the name written out in full later in the message', () => {
    expect(factsOf("Nope, it's not Jon. It's Jonathan. Jonathan Reyes.").customerName).toBe('Jonathan Reyes');
  });
});

describe('customerName: alike names set against each other', () => {
  it.each([
    ['Not Kathy. Katherine.', 'Katherine', 'Kathy'],
    ['Not Mark — Marc, with a c', 'Marc', 'Mark'],
    ['You spelled it wrong on the invoice. Its Bryan. Not Brian.', 'Bryan', 'Brian'],
    ['Wrong name on the contract. Should be Aisha Rahman, not Aysha.', 'Aisha Rahman', 'Aysha'],
    ['Not Jon, John. J-O-H-N.', 'John', 'Jon'],
  ])('reads %j as a correction', (text, name, wrong) => {
    const result = profileExtractor.extract(text);
    expect(factsOf(text).customerName).toBe(name);
    expect(negationsOf(text)).toEqual([`customerName=${wrong}`]);
    expect(result.correction).toBe(true);
  });

  it.each(['Not Austin. Dallas.', 'Not Tuesday. Thursday.', 'not now. later'])('sets no names against each other in %j', (text) => {
    expect(negationsOf(text)).toEqual([]);
  });
});

describe('customerName: name lines and longer names', () => {
  it.each([
    ['ok so here is my info. Kateryna Bondarenko, 1960 Lakeview Ave, Apt 3, Rochester NY 14612.', 'Kateryna Bondarenko'],
    ['Nguyen Van Binh\n(408) 555-0144\nbinh.nguyen.sj@gmail.com', 'Nguyen Van Binh'],
    ['My name is Nguyen Thi Thu Hang, I live at 3417 Bellaire Blvd', 'Nguyen Thi Thu Hang'],
    ['Sorry my english. My name is Nguyen Van An, phone 408 555 0123', 'Nguyen Van An'],
  ])('reads %j', (text, name) => {
    expect(factsOf(text).customerName).toBe(name);
  });

  it('reads no name line of words an English list knows', () => {
    expect(factsOf('Home Depot, 512-555-0199').customerName).toBeUndefined();
  });
});
