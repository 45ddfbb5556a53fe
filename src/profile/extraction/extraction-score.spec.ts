import { ExtractionResult } from './extraction-result';
import { rowsUnderTargets, scoreExtraction } from './extraction-score';

describe('scoreExtraction', () => {
  const predictions: Record<string, ExtractionResult> = {
    right: { facts: [{ field: 'email', value: 'a@x.com', confidence: 0.95 }], negations: [], correction: false },
    wrong: { facts: [{ field: 'email', value: 'b@x.com', confidence: 0.95 }], negations: [], correction: true },
    extra: { facts: [{ field: 'productsOfInterest', value: 'solar panels', confidence: 0.8 }], negations: [], correction: false },
    missed: { facts: [], negations: [], correction: false },
  };
  const score = scoreExtraction(
    [
      { id: '1', text: 'right', facts: { email: 'a@x.com' } },
      { id: '2', text: 'wrong', facts: { email: 'c@x.com' } },
      { id: '3', text: 'extra', facts: {} },
      { id: '4', text: 'missed', facts: { productsOfInterest: ['heat pumps'] }, negated: [{ field: 'email', value: null }] },
    ],
    (text) => predictions[text],
  );
  const row = (name: string) => score.rows.find((candidate) => candidate.row === name);

  it('counts an equal value as a true positive, a different one as a false positive and a false negative', () => {
    expect(row('email')).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 });
  });

  it('counts list values one by one, and negations and the correction flag as rows of their own', () => {
    expect(row('productsOfInterest')).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    expect(row('negations')).toMatchObject({ truePositives: 0, falsePositives: 0, falseNegatives: 1, precision: 1, recall: 0 });
    expect(row('correction')).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 0, precision: 0, recall: 1 });
  });

  it('has precision and recall 1 for a field with nothing predicted and nothing labelled', () => {
    expect(row('phone')).toMatchObject({ precision: 1, recall: 1 });
  });

  it('lists the rows under the targets and the messages behind them', () => {
    expect(rowsUnderTargets(score).map((under) => under.row)).toEqual(['email', 'productsOfInterest', 'negations', 'correction']);
    expect(score.misses.map((miss) => `${miss.id}:${miss.row}`)).toEqual(['2:email', '2:correction', '3:productsOfInterest', '4:productsOfInterest', '4:negations']);
  });
});
