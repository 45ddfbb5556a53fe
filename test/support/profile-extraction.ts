import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractionResult } from '@/profile/extraction/extraction-result';
import { LabelledMessage } from '@/profile/extraction/extraction-score';
import { loadProfileExtractionOptions } from '@/profile/extraction/profile-extraction-options';
import { ProfileExtractor } from '@/profile/extraction/profile-extractor';

/** The extractor with the shipped catalog and the default region (US). */
export const profileExtractor = new ProfileExtractor(loadProfileExtractionOptions({}));

/** The facts of one message by field: a string for single-valued fields, an array for lists. */
export function factsOf(text: string, extractor: ProfileExtractor = profileExtractor): Record<string, string | string[]> {
  return flatten(extractor.extract(text));
}

/** The negations of one message as `field=value` (value "(stored)" when the message names none). */
export function negationsOf(text: string): string[] {
  return profileExtractor.extract(text).negations.map((negation) => `${negation.field}=${negation.value ?? '(stored)'}`);
}

export function confidenceOf(text: string, field: string): number | undefined {
  return profileExtractor.extract(text).facts.find((fact) => fact.field === field)?.confidence;
}

export function readProfileFixture<T = LabelledMessage>(name: string): T[] {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'profile', name), 'utf8')) as T[];
}

function flatten(result: ExtractionResult): Record<string, string | string[]> {
  const facts: Record<string, string | string[]> = {};
  for (const fact of result.facts) {
    if (fact.field === 'productsOfInterest' || fact.field === 'servicesOfInterest') {
      facts[fact.field] = [...((facts[fact.field] as string[] | undefined) ?? []), fact.value];
    } else {
      facts[fact.field] = fact.value;
    }
  }
  return facts;
}
