import { CONFIDENCE } from './confidence';
import { confidenceOf, factsOf, negationsOf, profileExtractor } from '@test/support/profile-extraction';

describe('customerName', () => {
  it.each([
    ['Hi, my name is Maria Lopez and I need help', 'Maria Lopez'],
    ['Hello, I am Priya Raghavan. We just bought a house', 'Priya Raghavan'],
    ["hey im Grant, looking into a heat pump", 'Grant'],
    ['this is Chase Whitaker with a question about my invoice', 'Chase Whitaker'],
    ['you can call me Bill', 'Bill'],
    ["Name's Dave, I called yesterday", 'Dave'],
    ['name: Lars van der Berg', 'Lars van der Berg'],
    ["Good afternoon, my name is Siobhan O'Connor", "Siobhan O'Connor"],
    ['my name is carlos mendoza', 'Carlos Mendoza'],
    ['MY NAME IS JOHN SMITH AND I NEED HELP', 'John Smith'],
    ['Hi! Sofía here 😊 quick question', 'Sofía'],
    ["It's Grace again, did you get my message?", 'Grace'],
    ['hola, me llamo Andrés y quiero información', 'Andrés'],
    ["je m'appelle Camille Durand, je voudrais un devis", 'Camille Durand'],
    ["I'm Jack's wife, Sarah. He set up the account", 'Sarah'],
  ])('finds the name in %j', (text, name) => {
    expect(factsOf(text).customerName).toBe(name);
  });

  it.each([
    ['ok that makes sense. Thanks, Rose', 'Rose'],
    ['Can someone get back to me? Cheers,\nTom', 'Tom'],
    ['Please send the options.\n\nRegards,\nDr. Anand Patel', 'Anand Patel'],
    ['is the credit still a thing?\nthx - Jen', 'Jen'],
    ['sure, whatever works.\n\n— Keiko Tanaka', 'Keiko Tanaka'],
  ])('finds the name in the sign-off of %j', (text, name) => {
    expect(factsOf(text).customerName).toBe(name);
  });

  it.each([
    ['My name is Hope.', 'Hope'],
    ['this is Will from the Oak street job', 'Will'],
    ["Hi, I'm Rose, my neighbor recommended you", 'Rose'],
    ['I am Grant and I need a quote', 'Grant'],
    ['you can call me Bill', 'Bill'],
    ["I'm June Park, we spoke last week", 'June Park'],
    ['My name is Summer and I live in Phoenix', 'Summer'],
    ['Hi this is Mark, my heat pump is making a noise', 'Mark'],
  ])('finds a name that is also a common word in %j', (text, name) => {
    expect(factsOf(text).customerName).toBe(name);
  });

  it.each([
    "I'm interested in solar panels",
    "I'm tired of paying $400 a month",
    "I'm looking for someone to do an energy audit",
    "I'm in Boston, do you service that area?",
    'I am Interested in Solar',
    "I'm Canadian but live in Seattle now",
    'This is ridiculous, I have been waiting for weeks',
    'call me crazy but this seems expensive',
    'Thanks so much!',
    'Thanks, bye',
    "Hope you're having a good day!",
    'Will someone get back to me today?',
    'Bill is way too high this month',
    'My neighbor Tom said you did his roof',
    "my wife's name is Ana, she handles the account",
    'my name is maria.lopez@gmail.com',
  ])('finds no name in %j', (text) => {
    expect(factsOf(text).customerName).toBeUndefined();
  });

  it('takes "my name isn\'t Bob" as a negation, and the name that follows as a correction', () => {
    expect(negationsOf("my name isn't Bob")).toEqual(['customerName=Bob']);
    expect(factsOf("my name isn't Bob").customerName).toBeUndefined();
    const result = profileExtractor.extract("my name isn't Bob, it's Rob");
    expect(result.facts).toEqual([{ field: 'customerName', value: 'Rob', confidence: CONFIDENCE.stated }]);
    expect(result.negations).toEqual([{ field: 'customerName', value: 'Bob', confidence: CONFIDENCE.stated }]);
    expect(result.correction).toBe(true);
  });

  it('disowns the stored name when the message names none', () => {
    expect(negationsOf("that's not my name")).toEqual(['customerName=(stored)']);
    expect(negationsOf("I'm not Bob, Bob is my husband. I'm Linda.")).toEqual(['customerName=Bob']);
    expect(negationsOf('My name is spelled Katherine with a K, not Catherine')).toEqual(['customerName=Catherine']);
  });

  it('is sure of a labelled name, less of an introduction, least of a lower-case sign-off', () => {
    expect(confidenceOf('my name is Maria', 'customerName')).toBe(CONFIDENCE.stated);
    expect(confidenceOf("I'm Maria", 'customerName')).toBe(CONFIDENCE.likely);
    expect(confidenceOf('perfect, thank you, ana', 'customerName')).toBe(CONFIDENCE.possible);
  });
});
