import { CONFIDENCE } from './confidence';
import { confidenceOf, factsOf, negationsOf } from '@test/support/profile-extraction';

describe('preferences.contactChannel', () => {
  it.each([
    ['you can email me at tk88@yahoo.com', 'email'],
    ['Email is best for me', 'email'],
    ['Can you send me the info by email?', 'email'],
    ['call me tomorrow please', 'phone'],
    ["I'd rather get a phone call", 'phone'],
    ['Could I get a call back?', 'phone'],
    ['prefiero que me llamen', 'phone'],
    ['text me 4155550123', 'sms'],
    ['sms only pls', 'sms'],
    ['my phone # is 678-555-0145, texting works best', 'sms'],
  ])('reads %j as %s', (text, channel) => {
    expect(factsOf(text)['preferences.contactChannel']).toBe(channel);
  });

  it.each(['you can call me Bill', 'did you email me?', 'someone said they would call me back', 'you can text or call, whatever', 'my email is dana@example.com', 'I called yesterday'])(
    'reads no channel in %j',
    (text) => {
      expect(factsOf(text)['preferences.contactChannel']).toBeUndefined();
    },
  );

  it('negates a refused channel and keeps the wished one', () => {
    expect(factsOf("don't call me, I'm at work all day. Text is fine")['preferences.contactChannel']).toBe('sms');
    expect(negationsOf("don't call me, I'm at work all day. Text is fine")).toEqual(['preferences.contactChannel=phone']);
    expect(negationsOf('Please stop sending me marketing emails')).toEqual(['preferences.contactChannel=email']);
  });

  it('takes "don\'t call before 10" as a refused time, not a refused channel', () => {
    expect(negationsOf('dont call before 10, I work night shifts')).toEqual(['preferences.contactTime=morning']);
  });

  it('is surer of a stated preference than of a request', () => {
    expect(confidenceOf('Email is best for me', 'preferences.contactChannel')).toBe(CONFIDENCE.stated);
    expect(confidenceOf('email me the quote', 'preferences.contactChannel')).toBe(CONFIDENCE.likely);
  });
});

describe('preferences.contactTime', () => {
  it.each([
    ['call me in the evening please', 'evening'],
    ['mornings work best, I am at work after noon', 'morning'],
    ['best time to reach me is between 12 and 2', 'afternoon'],
    ['any time after 7pm works', 'evening'],
    ['call me at (737) 555-0182 after 5', 'evening'],
    ["I'm usually free after lunch", 'afternoon'],
    ['prefiero que me llamen por la tarde', 'afternoon'],
    ['call me at 12 please', 'afternoon'],
    ['call me after 5 on the way home', 'evening'],
    ['I live at 12 Oak Street, call me after 6', 'evening'],
  ])('reads %j as %s', (text, time) => {
    expect(factsOf(text)['preferences.contactTime']).toBe(time);
  });

  it.each([
    'Good morning! Quick question about my bill',
    'The house gets up to 85 degrees in the afternoon',
    'Are you open Saturday morning?',
    'I called yesterday morning and nobody answered',
    'The technician was supposed to come at 9',
    'my email is maria@example.com, I live at 12 Oak Street, Austin, TX 78701',
    'Email me, we are at 7 Maple Drive now',
    'you can reach me at 9 N Elm St, Springfield',
  ])('reads no contact time in %j', (text) => {
    expect(factsOf(text)['preferences.contactTime']).toBeUndefined();
  });

  it('negates a refused time', () => {
    expect(negationsOf('not in the morning please, I work nights')).toEqual(['preferences.contactTime=morning']);
  });
});

describe('preferences.language', () => {
  it.each([
    ['Can we do this in Spanish? Mi inglés no es muy bueno', 'es'],
    ['Hablo español, ¿alguien me puede ayudar?', 'es'],
    ['Bitte auf Deutsch, danke', 'de'],
    ["Je préfère qu'on parle en français", 'fr'],
    ['Podemos falar em português?', 'pt'],
    ['in italiano per favore', 'it'],
    ['我想用中文沟通', 'zh'],
    ['日本語でお願いします', 'ja'],
    ['Можно по-русски?', 'ru'],
    ['my preferred language is Tagalog', 'tl'],
    ['Do you have anyone who speaks Vietnamese?', 'vi'],
    ['I prefer English, my husband speaks Portuguese', 'en'],
  ])('reads %j as %s (ISO 639-1)', (text, language) => {
    expect(factsOf(text)['preferences.language']).toBe(language);
  });

  it.each(['Gracias!', 'merci beaucoup', 'my kids speak Spanish at school', "I'm Spanish", 'my English is not good'])('reads no language in %j', (text) => {
    expect(factsOf(text)['preferences.language']).toBeUndefined();
  });

  it('negates a language the customer does not speak', () => {
    expect(negationsOf("I don't speak English very well. ¿Español?")).toEqual(['preferences.language=en']);
    expect(factsOf("I don't speak English very well. ¿Español?")['preferences.language']).toBe('es');
  });
});
