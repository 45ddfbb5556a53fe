import { profileExtractor, readProfileFixture } from '@test/support/profile-extraction';

interface AdversarialInput {
  name: string;
  unit: string;
  suffix?: string;
}

/** The longest message the API accepts (MAX_CONTENT_CHARS). */
const LENGTH = 32_000;

function adversarialText(input: AdversarialInput): string {
  const suffix = input.suffix ?? '';
  return input.unit.repeat(Math.ceil(LENGTH / input.unit.length)).slice(0, LENGTH - suffix.length) + suffix;
}

describe('32,000-character adversarial inputs', () => {
  const inputs = readProfileFixture<AdversarialInput>('adversarial-inputs.json');

  // Every pattern is linear, so each of these runs to completion; the time they take is
  // measured by `npm run eval:profile`, not asserted here.
  it.each(inputs.map((input) => [input.name, input] as const))('runs to completion on %s', (_, input) => {
    const result = profileExtractor.extract(adversarialText(input));
    expect(Array.isArray(result.facts)).toBe(true);
    expect(Array.isArray(result.negations)).toBe(true);
  });

  it('still finds a fact at the end of a long run of noise', () => {
    const result = profileExtractor.extract(adversarialText({ name: 'digits', unit: '9', suffix: ' call me at 512-555-0199' }));
    expect(result.facts.find((fact) => fact.field === 'phone')?.value).toBe('+15125550199');
  });
});
