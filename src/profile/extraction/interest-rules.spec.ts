import { CatalogSpeller } from './catalog-speller';
import { factsOf, negationsOf } from '@test/support/profile-extraction';

describe('catalog words misspelled by one letter', () => {
  const speller = new CatalogSpeller(['solar panels', 'battery', 'water heater', 'backup generator']);

  it.each([
    ['im intrested in solar pannels and a batery', 'im intrested in solar panels and a battery'],
    ['wats the price of a tankless water heter', 'wats the price of a tankless water heater'],
    ['my genrator died', 'my generator died'],
  ])('corrects %j', (text, corrected) => {
    expect(speller.correct(text)).toBe(corrected);
  });

  it.each(['a polar vortex', 'the theater downtown', 'email batery@example.com', 'all fine here'])('leaves %j alone', (text) => {
    expect(speller.correct(text)).toBeNull();
  });

  it('finds the interests of a misspelled message', () => {
    expect(factsOf('im intrested in solar pannels and a batery').productsOfInterest).toEqual(['solar panels', 'home batteries']);
  });
});

describe('mentions that are no interest', () => {
  it.each([
    "Do solar panels still work when it's cloudy? Asking for a school project",
    "I'm a reporter writing a story on heat pump rebates, who can I talk to?",
    'My neighbor got a Powerwall and now his lights flicker, is that normal?',
    'I sold the house with the solar panels last year',
    'the installer you sent (Carlos) was great',
  ])('reads no interest in %j', (text) => {
    const facts = factsOf(text);
    expect(facts.productsOfInterest).toBeUndefined();
    expect(facts.servicesOfInterest).toBeUndefined();
  });

  it('keeps a quote the company sent as an interest, and an install someone must approve', () => {
    expect(factsOf('the quote you sent had the wrong address').servicesOfInterest).toEqual(['free quote']);
    expect(factsOf('my landlord has to approve any install').servicesOfInterest).toEqual(['installation']);
  });
});

describe('interests turned down', () => {
  it.each([
    ['forget the battery, too expensive', ['productsOfInterest=home batteries']],
    ['Changed my mind about the heat pump, not doing it', ['productsOfInterest=heat pumps']],
    ['we decided against financing', ['servicesOfInterest=financing']],
    ['Skip the thermostat, we will buy our own', ['productsOfInterest=smart thermostats']],
    ["My landlord said I can't install anything on the roof", ['servicesOfInterest=installation']],
  ])('reads %j', (text, negations) => {
    expect(negationsOf(text)).toEqual(negations);
  });

  it('ends a negation at "please"', () => {
    expect(factsOf('I no longer need the generator, please take it off my quote').servicesOfInterest).toEqual(['free quote']);
    expect(factsOf("I can't wait for my solar install!").productsOfInterest).toEqual(['solar panels']);
  });
});
