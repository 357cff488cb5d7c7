import {
  AnomalyDetector,
  NAB_PROFILES,
  WindowedGaussianDetector,
  nabNormalisedScore,
  nabNullScore,
  nabOptimiseThreshold,
  nabScoreFile,
  type AnomalyDetectorOptions,
  type NabProfileName,
} from '@headroom/core';
import {
  NAB_FILES,
  loadNabFile,
  publishedFileScore,
  publishedScores,
  publishedThreshold,
  type NabFile,
} from './nabData';

export const PROFILES: NabProfileName[] = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

export function headroomScores(file: NabFile, options: AnomalyDetectorOptions = {}): Float64Array {
  const d = new AnomalyDetector(options);
  return file.values.map((v, i) => d.update(file.timestamps[i]!, v));
}

export function windowedGaussianScores(file: NabFile): Float64Array {
  const d = new WindowedGaussianDetector();
  return file.values.map(v => d.update(v));
}

export interface ProfileResult {
  readonly profile: NabProfileName;
  readonly threshold: number;
  /** Per file, in NAB_FILES order. */
  readonly perFile: number[];
  readonly total: number;
  /** 100·(S − S_null)/(S_perfect − S_null) over the subset's windows only. */
  readonly subsetNormalised: number;
}

function resultFor(
  files: readonly NabFile[],
  scores: readonly Float64Array[],
  profile: NabProfileName,
  threshold: number,
): ProfileResult {
  const cost = NAB_PROFILES[profile];
  const perFile = files.map((f, k) => nabScoreFile(scores[k]!, f.windows, cost, threshold).score);
  const total = perFile.reduce((a, b) => a + b, 0);
  const windows = files.reduce((a, f) => a + f.windows.length, 0);
  return {
    profile,
    threshold,
    perFile,
    total,
    subsetNormalised: nabNormalisedScore(
      total,
      nabNullScore(windows, cost),
      windows * cost.tpWeight,
    ),
  };
}

/** Thresholds chosen the way NAB chooses them, but over this subset. */
export function optimised(
  files: readonly NabFile[],
  scores: readonly Float64Array[],
): ProfileResult[] {
  return PROFILES.map(profile => {
    const { threshold } = nabOptimiseThreshold(
      files.map((f, k) => ({ scores: scores[k]!, windows: f.windows })),
      NAB_PROFILES[profile],
    );
    return resultFor(files, scores, profile, threshold);
  });
}

/** Published detectors at their published (58-file corpus) thresholds. */
export function atPublishedThresholds(
  detector: string,
  files: readonly NabFile[],
  scores: readonly Float64Array[],
): ProfileResult[] {
  return PROFILES.map(p => resultFor(files, scores, p, publishedThreshold(detector, p)));
}

export function loadAll(): NabFile[] {
  return NAB_FILES.map(loadNabFile);
}

export { publishedFileScore, publishedScores };
