import { EXTRACTION_TARGETS, rowsUnderTargets, scoreExtraction } from './extraction-score';
import { profileExtractor, readProfileFixture } from '@test/support/profile-extraction';

describe('the labelled set', () => {
  const messages = readProfileFixture('labelled-messages.json');

  it('is large, and a third of it states nothing about the customer', () => {
    expect(messages.length).toBeGreaterThanOrEqual(150);
    const empty = messages.filter((message) => !message.facts && !message.negated);
    expect(empty.length / messages.length).toBeGreaterThanOrEqual(1 / 3);
  });

  it(`meets precision >= ${EXTRACTION_TARGETS.precision} and recall >= ${EXTRACTION_TARGETS.recall} on every field`, () => {
    const score = scoreExtraction(messages, (text) => profileExtractor.extract(text));
    const under = rowsUnderTargets(score).map((row) => ({ ...row, misses: score.misses.filter((miss) => miss.row === row.row) }));
    expect(under).toEqual([]);
  });
});
