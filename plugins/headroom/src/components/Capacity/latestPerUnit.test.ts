import { ledgerAssessment } from './fixtures';
import { latestPerUnit } from './latestPerUnit';

const memory = (version: number) => {
  const a = ledgerAssessment({ version });
  return { ...a, recommendation: { ...a.recommendation, unit: 'GiB' as const } };
};

describe('latestPerUnit', () => {
  it('keeps the newest version of each resource, CPU first', () => {
    const history = [
      memory(5),
      ledgerAssessment({ version: 4 }),
      memory(2),
      ledgerAssessment({ version: 1 }),
    ];
    expect(latestPerUnit(history).map(a => [a.recommendation.unit, a.version])).toEqual([
      ['cores', 4],
      ['GiB', 5],
    ]);
  });

  it('does not rely on the order of the history', () => {
    expect(latestPerUnit([memory(2), memory(7), memory(3)]).map(a => a.version)).toEqual([7]);
  });

  it('is empty without assessments', () => {
    expect(latestPerUnit([])).toEqual([]);
  });
});
