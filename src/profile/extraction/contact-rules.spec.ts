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
