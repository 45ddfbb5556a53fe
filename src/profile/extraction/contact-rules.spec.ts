import { factsOf, negationsOf, profileExtractor } from '@test/support/profile-extraction';

describe('channel, time and language phrasings', () => {
  it.each([
    ["i'm not home till 6 so call after that", { 'preferences.contactChannel': 'phone', 'preferences.contactTime': 'evening' }],
    ['can you call? I work 9-5 so evenings are best', { 'preferences.contactChannel': 'phone', 'preferences.contactTime': 'evening' }],
    ['shoot me a text when ur close', { 'preferences.contactChannel': 'sms' }],
    ["email works, I'm never near my phone", { 'preferences.contactChannel': 'email' }],
    ['Vous pouvez m\'appeler demain', { 'preferences.contactChannel': 'phone' }],
    ['call me 2nite pls', { 'preferences.contactChannel': 'phone', 'preferences.contactTime': 'evening' }],
    ['Please call my cell after 7', { 'preferences.contactChannel': 'phone', 'preferences.contactTime': 'evening' }],
    ['I speak mostly Vietnamese', { 'preferences.language': 'vi' }],
    ['mandarin or cantonese both ok', { 'preferences.language': 'zh' }],
    ['Hablo inglés pero prefiero español', { 'preferences.language': 'es' }],
  ])('reads %j', (text, facts) => {
    expect(factsOf(text)).toEqual(facts);
  });

  it.each([
    ['dont text, call', ['preferences.contactChannel=sms']],
    ["I don't do email, phone only", ['preferences.contactChannel=email']],
    ["I'd prefer not to get phone calls, email only please", ['preferences.contactChannel=phone']],
    ['English please, not Spanish', ['preferences.language=es']],
  ])('reads what %j refuses', (text, negations) => {
    expect(negationsOf(text)).toEqual(negations);
  });

  it('takes "I do not speak English" said in French as French', () => {
    expect(factsOf('Je ne parle pas anglais, désolé')['preferences.language']).toBe('fr');
    expect(negationsOf('Je ne parle pas anglais, désolé')).toEqual(['preferences.language=en']);
  });

  it.each(['Tuesday at 2 works', "I'll call you back", 'we should call it a day', 'Spanish food is great'])('reads no preference in %j', (text) => {
    expect(profileExtractor.extract(text).facts).toEqual([]);
  });

  it('takes "instead" as a correction and "hasn\'t changed" as none', () => {
    expect(profileExtractor.extract('can u txt me instead? 737-555-0148').correction).toBe(true);
    expect(profileExtractor.extract("My number hasn't changed, call me before noon").correction).toBe(false);
  });
});

describe('emails and phones written around', () => {
  it.each([
    ['reach me at dgreene at gmail dot com', 'dgreene@gmail.com'],
    ['j.doe [at] yahoo [dot] co [dot] uk', 'j.doe@yahoo.co.uk'],
  ])('reads the spelled-out address in %j', (text, email) => {
    expect(factsOf(text).email).toBe(email);
  });

  it.each(['I bought it at walmart.com', 'Can you send the invoice to my accountant, dana@brightbooks.com?'])('reads no email of the author in %j', (text) => {
    expect(factsOf(text).email).toBeUndefined();
  });

  it('reads a number seen on a truck as not the author\'s, and an Aussie number as Australian', () => {
    expect(factsOf('the number on the truck was 214-555-0100, is that you?').phone).toBeUndefined();
    expect(factsOf('Aussie number is 0412 345 678').phone).toBe('+61412345678');
  });

  it('disowns the stored number when told so, not on "sorry, wrong number"', () => {
    expect(negationsOf('Sorry, wrong number lol')).toEqual([]);
    expect(negationsOf('nope, wrong number. the right one is 646-555-0187')).toEqual(['phone=(stored)']);
    expect(negationsOf('the phone number you have is my old one. new one: 414-555-0150')).toEqual(['phone=(stored)']);
    expect(negationsOf('That email bounces, try dwilson at outlook dot com')).toEqual(['email=(stored)']);
  });
});

describe('channel, time and language phrasings (holdout-4 and holdout-5)', () => {
  it.each([
    ['Text ok after 5:30', { 'preferences.contactChannel': 'sms', 'preferences.contactTime': 'evening' }],
    ["I'm hard to reach by phone during the day, email is more reliable", { 'preferences.contactChannel': 'email' }],
    ['Call after the kids are in bed', { 'preferences.contactChannel': 'phone' }],
    ["Hello, I'm Arjun. Can we do a call at 6?", { customerName: 'Arjun', 'preferences.contactChannel': 'phone', 'preferences.contactTime': 'evening' }],
    ['Can I get a call around 10 tomorrow?', { 'preferences.contactChannel': 'phone', 'preferences.contactTime': 'morning' }],
    ['Können Sie mich morgens anrufen?', { 'preferences.contactChannel': 'phone', 'preferences.contactTime': 'morning' }],
    ['Do you have Punjabi-speaking staff?', { 'preferences.language': 'pa' }],
  ])('reads %j', (text, facts) => {
    expect(factsOf(text)).toEqual(facts);
  });

  it.each([
    ['Please only email. I\'m deaf and phone calls don\'t work for me.', ['preferences.contactChannel=phone']],
    ['Correo electrónico por favor, no llamadas', ['preferences.contactChannel=phone']],
    ["Nope, evenings don't work, I have night classes. Mornings are fine.", ['preferences.contactTime=evening']],
  ])('reads what %j refuses', (text, negations) => {
    expect(negationsOf(text)).toEqual(negations);
  });

  it.each([
    ['I was told someone would call between 1 and 3 today.', 'preferences.contactTime'],
    ['Call after the kids are in bed, like 8:30', 'preferences.contactTime'],
    ['Any chance someone speaks Haitian Creole? My mom is the homeowner', 'preferences.language'],
    ['Do you have Chinese-speaking staff? My parents only speak Mandarin.', 'preferences.language'],
  ])('reads nothing for %j in %s', (text, field) => {
    expect(factsOf(text)[field]).toBeUndefined();
  });
});

describe('stored values disowned in more words', () => {
  it.each([
    ['The email on my account is old. Please use kwame.boateng@outlook.com going forward', 'email=(stored)'],
    ["my email is wrong on the portal, it's j.smith.nyc@gmail.com", 'email=(stored)'],
    ["My email isn't right on the quote. Should be hb.larsen@gmail.com", 'email=(stored)'],
    ['my new # is 415-555-0106, the 650 one is disconnected', 'phone=(stored)'],
  ])('reads %j as a correction', (text, negation) => {
    expect(negationsOf(text)).toEqual([negation]);
    expect(profileExtractor.extract(text).correction).toBe(true);
  });
});
