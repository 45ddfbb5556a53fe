import { ExtractionResult } from './extraction-result';
import { isListField, PROFILE_FIELDS, ProfileField } from './profile-field';

/** One message of the labelled set and what it says. */
export interface LabelledMessage {
  id: string;
  text: string;
  facts?: Partial<Record<ProfileField, string | string[]>>;
  negated?: Array<{ field: ProfileField; value: string | null }>;
  correction?: boolean;
}

export interface RowScore {
  /** A profile field, "negations" (every negated field=value pair) or "correction" (the flag). */
  row: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface Miss {
  id: string;
  row: string;
  expected: string[];
  predicted: string[];
}

export interface ExtractionScore {
  rows: RowScore[];
  misses: Miss[];
}

export const EXTRACTION_TARGETS = { precision: 0.95, recall: 0.9 } as const;

/**
 * Precision and recall per field over a labelled set. Per message and field:
 * - a predicted value equal to a labelled value is a true positive;
 * - a predicted value that differs from the label, or where nothing is labelled, is a false positive;
 * - a labelled value that is not predicted is a false negative.
 * (A wrong single value therefore counts once as a false positive and once as a false negative.)
 * List fields compare sets of values. "negations" compares the set of negated `field=value`
 * pairs (value null for "the stored one"); "correction" treats the flag as one value, "true".
 * precision = TP / (TP + FP) and recall = TP / (TP + FN); each is 1 when its denominator is 0.
 */
export function scoreExtraction(messages: readonly LabelledMessage[], extract: (text: string) => ExtractionResult): ExtractionScore {
  const rows = new Map<string, RowScore>([...PROFILE_FIELDS, 'negations', 'correction'].map((row) => [row, emptyRow(row)]));
  const misses: Miss[] = [];
  for (const message of messages) {
    const result = extract(message.text);
    for (const [row, expected, predicted] of comparisons(message, result)) {
      const score = rows.get(row) as RowScore;
      const hits = predicted.filter((value) => expected.includes(value)).length;
      score.truePositives += hits;
      score.falsePositives += predicted.length - hits;
      score.falseNegatives += expected.length - hits;
      if (hits !== predicted.length || hits !== expected.length) misses.push({ id: message.id, row, expected, predicted });
    }
  }
  return { rows: [...rows.values()].map(withRates), misses };
}

/** Rows whose precision or recall is under the targets. */
export function rowsUnderTargets(score: ExtractionScore): RowScore[] {
  return score.rows.filter((row) => row.precision < EXTRACTION_TARGETS.precision || row.recall < EXTRACTION_TARGETS.recall);
}

function comparisons(message: LabelledMessage, result: ExtractionResult): Array<[string, string[], string[]]> {
  const compared: Array<[string, string[], string[]]> = PROFILE_FIELDS.map((field) => {
    const label = message.facts?.[field];
    const expected = label === undefined ? [] : Array.isArray(label) ? label : [label];
    const predicted = result.facts.filter((fact) => fact.field === field).map((fact) => fact.value);
    return [field, isListField(field) ? expected : expected.slice(0, 1), predicted];
  });
  const pair = (negation: { field: string; value: string | null }): string => `${negation.field}=${negation.value ?? '(stored)'}`;
  compared.push(['negations', (message.negated ?? []).map(pair), result.negations.map(pair)]);
  compared.push(['correction', message.correction ? ['true'] : [], result.correction ? ['true'] : []]);
  return compared;
}

function emptyRow(row: string): RowScore {
  return { row, truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 };
}

function withRates(row: RowScore): RowScore {
  const predicted = row.truePositives + row.falsePositives;
  const labelled = row.truePositives + row.falseNegatives;
  return { ...row, precision: predicted ? row.truePositives / predicted : 1, recall: labelled ? row.truePositives / labelled : 1 };
}
