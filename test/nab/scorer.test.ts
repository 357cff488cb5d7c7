import { NAB_PROFILES, nabScoreCorpus, type NabProfileName } from '@headroom/core';
import {
  loadNabCorpus,
  publishedFileScores,
  publishedNormalisedScore,
  publishedRowScores,
  publishedThreshold,
} from '../../bench/anomaly/nabCorpus';

/**
 * Headroom's NAB scorer against NAB's own results on the whole corpus: the published `numenta`
 * (HTM) per-row scores, scored at NAB's published thresholds, must give NAB's published per-file
 * scores and counts, its corpus totals and its normalised scores (results/final_results.json).
 */
const PROFILES: NabProfileName[] = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

describe('NAB scorer on the whole corpus (numenta’s published results)', () => {
  const corpus = loadNabCorpus();
  const scored = corpus.map(f => ({
    scores: publishedRowScores('numenta', f.key),
    windows: f.windows,
  }));

  it('reads 58 files, 116 windows, 365,558 rows; the results have the data’s rows', () => {
    expect(corpus).toHaveLength(58);
    expect(corpus.reduce((n, f) => n + f.windows.length, 0)).toBe(116);
    expect(corpus.reduce((n, f) => n + f.values.length, 0)).toBe(365_558);
    corpus.forEach((f, k) =>
      expect([f.key, scored[k]!.scores.length]).toEqual([f.key, f.values.length]),
    );
  });

  it.each(PROFILES)(
    '%s: every file’s score and counts, the totals and the normalised score',
    profile => {
      const threshold = publishedThreshold('numenta', profile);
      const published = publishedFileScores('numenta', profile);
      const result = nabScoreCorpus(scored, NAB_PROFILES[profile], threshold);
      corpus.forEach((f, k) => {
        const got = result.files[k]!;
        const want = published.files.get(f.key)!;
        // The CSV prints 12 significant digits.
        expect([f.key, Math.abs(got.score - want.score) < 1e-9]).toEqual([f.key, true]);
        expect([f.key, got.tp, got.tn, got.fp, got.fn, got.total]).toEqual([
          f.key,
          want.tp,
          want.tn,
          want.fp,
          want.fn,
          want.total,
        ]);
      });
      expect(result.score).toBeCloseTo(published.totals.score, 8);
      const normalised = publishedNormalisedScore('numenta', profile);
      expect(Math.abs(result.normalised - normalised)).toBeLessThan(1e-6);
    },
  );
});
