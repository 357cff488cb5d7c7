/**
 * NAB benchmark: Headroom's default detector (`AnomalyEventDetector` at the default threshold)
 * scored by NAB's rules on the whole corpus (58 files), on the 5-file subset and on the
 * project's synthetic series, in NAB's three profiles, beside the published numenta (HTM)
 * figures; and the scorer's check against numenta's published results. Prints Markdown.
 *
 *   node_modules/.bin/tsc -b bench/anomaly && node bench/anomaly/dist/nab.bench.js
 */
import { cpus } from 'node:os';
import {
  ANOMALY_ALARM_THRESHOLD,
  AnomalyDetector,
  AnomalyEventDetector,
  NAB_PROFILES,
  nabOptimiseThreshold,
  nabScoreCorpus,
  rowTimes,
  type NabProfileName,
  type NabScoredFile,
  type NabWindow,
} from '@headroom/core';
import {
  NAB_SUBSET,
  loadNabCorpus,
  publishedFileScores,
  publishedNormalisedScore,
  publishedRowScores,
  publishedThreshold,
  type NabCorpusFile,
} from './nabCorpus';
import { KINDS, generate } from './synthetic';

const PROFILES: NabProfileName[] = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

interface Series {
  readonly name: string;
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly windows: readonly NabWindow[];
}

type Detector = (s: Series) => Float64Array;

const events: Detector = s => {
  const d = new AnomalyEventDetector();
  return Float64Array.from(s.values, (v, i) => d.update(s.times[i]!, v));
};
const forecastOnly: Detector = s => {
  const d = new AnomalyDetector();
  return Float64Array.from(s.values, (v, i) => d.update(s.times[i]!, v));
};

function fromCorpus(f: NabCorpusFile): Series {
  return { name: f.key, times: rowTimes(f.timestamps).times, values: f.values, windows: f.windows };
}

/** The synthetic series as NAB files: one window from the onset to the horizon, none without. */
function syntheticSeries(seeds: number): Series[] {
  const out: Series[] = [];
  for (const [step, days] of [
    [3600, 56],
    [300, 28],
  ] as const) {
    for (const kind of KINDS) {
      for (let seed = 1; seed <= seeds; seed++) {
        const g = generate(kind, step, days, seed);
        out.push({
          name: `${kind}-${step}-${seed}`,
          times: g.timestamps,
          values: g.values,
          windows: g.onset >= 0 ? [{ start: g.onset, end: g.horizon }] : [],
        });
      }
    }
  }
  return out;
}

interface Row {
  readonly normalised: Record<NabProfileName, number>;
  readonly found: number;
  readonly windows: number;
  readonly falseAlarms: number;
}

function run(
  series: readonly Series[],
  detector: Detector,
): { scored: NabScoredFile[]; pointsPerSecond: number } {
  const started = process.hrtime.bigint();
  const scored = series.map(s => ({ scores: detector(s), windows: s.windows }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const points = series.reduce((n, s) => n + s.values.length, 0);
  return { scored, pointsPerSecond: points / seconds };
}

/** NAB's scores at one threshold for every profile; windows found and alarm rows outside them. */
function atThreshold(scored: readonly NabScoredFile[], threshold: number): Row {
  const normalised = {} as Record<NabProfileName, number>;
  for (const profile of PROFILES) {
    normalised[profile] = nabScoreCorpus(scored, NAB_PROFILES[profile], threshold).normalised;
  }
  const standard = nabScoreCorpus(scored, NAB_PROFILES.standard, threshold);
  let found = 0;
  let falseAlarms = 0;
  standard.files.forEach((f, k) => {
    falseAlarms += f.fp;
    found += scored[k]!.windows.length - missed(scored[k]!, threshold);
  });
  return {
    normalised,
    found,
    windows: scored.reduce((n, s) => n + s.windows.length, 0),
    falseAlarms,
  };
}

/** NAB's own way: per profile, the threshold that maximises the summed score over the set. */
function optimised(scored: readonly NabScoredFile[]): {
  normalised: Record<NabProfileName, number>;
  thresholds: Record<NabProfileName, number>;
} {
  const normalised = {} as Record<NabProfileName, number>;
  const thresholds = {} as Record<NabProfileName, number>;
  for (const profile of PROFILES) {
    const { threshold } = nabOptimiseThreshold(scored, NAB_PROFILES[profile]);
    thresholds[profile] = threshold;
    normalised[profile] = nabScoreCorpus(scored, NAB_PROFILES[profile], threshold).normalised;
  }
  return { normalised, thresholds };
}

/** Windows of a file with no score at or above the threshold after the probationary period. */
function missed(file: NabScoredFile, threshold: number): number {
  const probation = Math.min(Math.floor(0.15 * file.scores.length), 750);
  return file.windows.filter(w => {
    for (let i = Math.max(w.start, probation); i <= w.end; i++) {
      if (file.scores[i]! >= threshold) return false;
    }
    return true;
  }).length;
}

function fmt(x: number): string {
  return x.toFixed(2);
}

function main(): void {
  const corpus = loadNabCorpus();
  const subsetKeys = new Set<string>(NAB_SUBSET);
  const all = corpus.map(fromCorpus);
  const subset = all.filter(s => subsetKeys.has(s.name));
  const synthetic = syntheticSeries(Number(process.env.BENCH_SEEDS ?? 10));

  console.log(`## NAB benchmark — ${new Date().toISOString().slice(0, 10)}\n`);
  console.log(
    `- Machine: ${cpus().length} cores, "${cpus()[0]?.model ?? '?'}", Node ${process.version}.`,
  );
  console.log(
    `- Threshold: ${ANOMALY_ALARM_THRESHOLD} (\`ANOMALY_ALARM_THRESHOLD\`, the product default) in all three profiles; not optimised per profile or per set.\n`,
  );

  console.log('### Scorer check (numenta’s published per-row results, published thresholds)\n');
  console.log('| profile | computed | final_results.json | largest per-file difference in score |');
  console.log('| --- | --- | --- | --- |');
  for (const profile of PROFILES) {
    const scored = corpus.map(f => ({
      scores: publishedRowScores('numenta', f.key),
      windows: f.windows,
    }));
    const r = nabScoreCorpus(scored, NAB_PROFILES[profile], publishedThreshold('numenta', profile));
    const published = publishedFileScores('numenta', profile);
    const worst = Math.max(
      ...corpus.map((f, k) => Math.abs(r.files[k]!.score - published.files.get(f.key)!.score)),
    );
    console.log(
      `| ${profile} | ${r.normalised.toFixed(6)} | ${publishedNormalisedScore('numenta', profile).toFixed(6)} | ${worst.toExponential(2)} |`,
    );
  }

  console.log('\n### Normalised NAB scores\n');
  console.log(
    '| set | detector | θ | standard | reward_low_FP_rate | reward_low_FN_rate | windows found | alarm rows outside windows |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const sets: [string, Series[]][] = [
    [`whole corpus (${all.length} files)`, all],
    [`5-file subset (${subset.length} files)`, subset],
    [`synthetic (${synthetic.length} series)`, synthetic],
  ];
  const speed: string[] = [];
  for (const [label, series] of sets) {
    for (const [name, detector] of [
      ['Headroom `AnomalyEventDetector`', events],
      ['forecast stage alone (`AnomalyDetector`)', forecastOnly],
    ] as const) {
      const { scored, pointsPerSecond } = run(series, detector);
      const r = atThreshold(scored, ANOMALY_ALARM_THRESHOLD);
      console.log(
        `| ${label} | ${name} | ${ANOMALY_ALARM_THRESHOLD} | ${fmt(r.normalised.standard)} | ${fmt(r.normalised.reward_low_FP_rate)} | ${fmt(r.normalised.reward_low_FN_rate)} | ${r.found}/${r.windows} | ${r.falseAlarms} |`,
      );
      const o = optimised(scored);
      console.log(
        `| ${label} | ${name} | optimised per profile (${PROFILES.map(p => o.thresholds[p].toPrecision(4)).join(' / ')}) | ${fmt(o.normalised.standard)} | ${fmt(o.normalised.reward_low_FP_rate)} | ${fmt(o.normalised.reward_low_FN_rate)} | | |`,
      );
      speed.push(`${label}, ${name}: ${Math.round(pointsPerSecond).toLocaleString('en')} points/s`);
    }
  }
  const numenta = PROFILES.map(p => fmt(publishedNormalisedScore('numenta', p)));
  const artime = PROFILES.map(p => fmt(publishedNormalisedScore('ARTime', p)));
  console.log(
    `| whole corpus | numenta HTM (published) | NAB-optimised | ${numenta.join(' | ')} | | |`,
  );
  console.log(`| whole corpus | ARTime (published) | NAB-optimised | ${artime.join(' | ')} | | |`);
  console.log(`\nScoring speed (one run, wall clock, machine shared): ${speed.join('; ')}.`);
}

main();
