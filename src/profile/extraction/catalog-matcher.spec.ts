import { CatalogMatcher } from './catalog-matcher';
import { FactCollector } from './fact-collector';
import { MessageText } from './message-text';
import { factsOf, negationsOf } from '@test/support/profile-extraction';

describe('products and services of interest', () => {
  it.each([
    ['do you sell Powerwalls?', { productsOfInterest: ['home batteries'] }],
    ['interested in mini-splits for the upstairs', { productsOfInterest: ['heat pumps'] }],
    ['what brands of EV chargers do you carry?', { productsOfInterest: ['EV chargers'] }],
    ['What rebates are available for heat pump water heaters?', { productsOfInterest: ['water heaters'], servicesOfInterest: ['rebate assistance'] }],
    ['I want to install an EV charger and a smart thermostat', { productsOfInterest: ['EV chargers', 'smart thermostats'], servicesOfInterest: ['installation'] }],
    ['can I get a free estimate for solar?', { productsOfInterest: ['solar panels'], servicesOfInterest: ['free quote'] }],
  ])('gives canonical names for %j', (text, facts) => {
    expect(factsOf(text)).toEqual(facts);
  });

  it.each(['I love my solarium', 'contact: laura.b+solar@gmail.com', 'the generators.com website'])('matches whole words only, not in %j', (text) => {
    expect(factsOf(text).productsOfInterest).toBeUndefined();
  });

  it.each([
    ["I don't want solar panels, just a battery", { productsOfInterest: ['home batteries'] }, ['productsOfInterest=solar panels']],
    ['not interested in financing, we will pay cash', {}, ['servicesOfInterest=financing']],
    ['neither solar panels nor batteries please', {}, ['productsOfInterest=solar panels', 'productsOfInterest=home batteries']],
    ['Solar panels yes, battery no', { productsOfInterest: ['solar panels'] }, ['productsOfInterest=home batteries']],
    ['I want an EV charger but I don\'t need installation', { productsOfInterest: ['EV chargers'] }, ['servicesOfInterest=installation']],
    ['cancel my battery order', {}, ['productsOfInterest=home batteries']],
  ])('keeps what %j turns down out of the interests', (text, facts, negations) => {
    expect(factsOf(text)).toEqual(facts);
    expect(negationsOf(text)).toEqual(negations);
  });

  it('counts neither what the customer already has nor a service already done', () => {
    expect(factsOf('We already have solar, looking to add a battery')).toEqual({ productsOfInterest: ['home batteries'] });
    expect(factsOf('The tankless water heater you installed is leaking')).toEqual({ productsOfInterest: ['water heaters'] });
    expect(factsOf('Do you install ductless mini-splits?').servicesOfInterest).toEqual(['installation']);
  });

  it('matches a custom catalog by its synonyms, whole words, plural-tolerant', () => {
    const matcher = new CatalogMatcher({ products: { 'hot tubs': ['spa', 'jacuzzi'], saunas: [] }, services: { delivery: [] } });
    const out = new FactCollector();
    matcher.extract(new MessageText('Two Jacuzzis or two spas, with delivery please, no sauna'), out);
    const result = out.result(false);
    expect(result.facts.map((fact) => `${fact.field}=${fact.value}`)).toEqual(['productsOfInterest=hot tubs', 'servicesOfInterest=delivery']);
    expect(result.negations.map((negation) => `${negation.field}=${negation.value}`)).toEqual(['productsOfInterest=saunas']);
  });
});
