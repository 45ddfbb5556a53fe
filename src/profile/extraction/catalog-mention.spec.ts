import { CatalogMatcher } from './catalog-matcher';
import { FactCollector } from './fact-collector';
import { MessageText } from './message-text';
import { factsOf, negationsOf } from '@test/support/profile-extraction';

function interestsOf(text: string): string[] {
  const facts = factsOf(text);
  return [...((facts.productsOfInterest as string[] | undefined) ?? []), ...((facts.servicesOfInterest as string[] | undefined) ?? [])];
}

describe('catalog mentions that are someone else\'s or in the past', () => {
  it.each([
    'Is Truth or Consequences in your service area? My sister lives there and wants solar',
    'Is the $500 referral bonus still a thing? My coworker Jim wants solar',
    'My sister is looking at heat pumps, can I give her your number?',
    'My brother in Tulsa just got solar from you and loves it',
    'my buddy Rick got a heat pump from you and won\'t shut up about it lol',
    'We bought a water heater from you in 2021, great service btw',
    'I paid 1,299 for the thermostat install in March',
    'The thermostat you put in last fall is great btw',
    'we had a generator installed by you guys 3 years ago and it\'s been perfect',
    'We love the panels! Production is way higher than we expected.',
    'Hi, I\'m a realtor and my client is asking if the solar lease transfers with the house.',
    'Are you guys hiring installers?',
    'Who installed my neighbor\'s panels? They look great',
  ])('reads no interest in %j', (text) => {
    expect(interestsOf(text)).toEqual([]);
  });

  it('keeps what the household wants and what the author arranges', () => {
    expect(factsOf('my husband wants a Tesla charger').productsOfInterest).toEqual(['EV chargers']);
    expect(factsOf("dad's generator needs its annual service").servicesOfInterest).toEqual(['maintenance']);
    expect(factsOf("My son just got solar panels from you guys and says you're great. I'm thinking about it too").productsOfInterest).toEqual(['solar panels']);
  });

  it('keeps a product with a problem, even one bought or installed before', () => {
    expect(factsOf('We bought the water heater from you in 2021 and now it leaks').productsOfInterest).toEqual(['water heaters']);
    expect(factsOf('The tankless water heater you installed is leaking').productsOfInterest).toEqual(['water heaters']);
  });

  it('does not count solar bought elsewhere, even in a message with a question', () => {
    expect(factsOf('We got solar from another company in 2019. Can you add a battery to it?').productsOfInterest).toEqual(['home batteries']);
  });
});

describe('catalog words that name another thing', () => {
  it.each([
    ['y\'all ever gonna fix the website? been down all morning'],
    ['I got charged a $75 trip fee for a tech who didnt even fix anything'],
    ['I\'m retired and on a fixed income, what are my options?'],
    ['Hope this gets fixed soon'],
    ['We have a 200 amp panel, is that enough?'],
    ['the breaker panel is in the garage'],
    ['Can you install the app for me?'],
  ])('reads no interest in %j', (text) => {
    expect(interestsOf(text)).toEqual([]);
  });

  it('reads a repair wished for, and bare panels as solar panels', () => {
    expect(factsOf('neither solar panels nor batteries, I just want my AC fixed').servicesOfInterest).toEqual(['repair']);
    expect(factsOf('How many panels fit on a 1,500 sq ft roof?').productsOfInterest).toEqual(['solar panels']);
  });
});

describe('catalog terms turned around with "for"', () => {
  it.each([
    ['I want to install a charger for my electric car at home', ['EV chargers', 'installation']],
    ['The charger for my wife\'s car stopped working', ['EV chargers']],
    ['chargers for our electric cars', ['EV chargers']],
  ])('reads %j', (text, interests) => {
    expect(interestsOf(text)).toEqual(interests);
  });

  it('turns around the terms of a custom catalog too', () => {
    const matcher = new CatalogMatcher({ products: { 'pool heaters': ['pool heater'] }, services: {} });
    const out = new FactCollector();
    matcher.extract(new MessageText('we need a heater for the pool'), out);
    expect(out.result(false).facts.map((fact) => fact.value)).toEqual(['pool heaters']);
  });
});

describe('interests turned down in more words', () => {
  it.each([
    ["don't bother with the audit", ['servicesOfInterest=energy audit']],
    ['please take the EV charger off the order, we returned the car', ['productsOfInterest=EV chargers']],
    ['thermostat: no. heat pump: yes.', ['productsOfInterest=smart thermostats']],
    ["We're good on the battery, just want the panels cleaned", ['productsOfInterest=home batteries']],
    ['please remove the battery from my quote, keep the panels', ['productsOfInterest=home batteries']],
    ['Do you do battery-only installs? No panels, we\'re in a condo', ['productsOfInterest=solar panels']],
  ])('reads %j', (text, negations) => {
    expect(negationsOf(text)).toEqual(negations);
  });
});
