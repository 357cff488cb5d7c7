/**
 * Anomaly detector benchmark: NAB subset scored by NAB's rules next to the published detectors,
 * labelled synthetic cost/traffic series, and throughput. Prints Markdown. See README.md.
 */
import { cpus, loadavg } from 'node:os';
import {
  AnomalyDetector,
  WindowedGaussianDetector,
  type AnomalyDetectorOptions,
} from '@headroom/core';
import { NAB_FILES } from './nabData';
import {
  PROFILES,
  atPublishedThresholds,
  headroomScores,
  loadAll,
  optimised,
  publishedFileScore,
  publishedScores,
  windowedGaussianScores,
  type ProfileResult,
} from './nabBench';
import { KINDS, evaluate, generate, type LabelledSeries } from './synthetic';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 10);
const THROUGHPUT_SERIES = Number(process.env.BENCH_SERIES ?? 1000);
const f3 = (x: number) => x.toFixed(3);
const f1 = (x: number) => x.toFixed(1);

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function nabSection(): { threshold: number; noDriftThreshold: number } {
  const files = loadAll();
  const t0 = performance.now();
  const ours = files.map(f => headroomScores(f));
  const oursNoDrift = files.map(f => headroomScores(f, { drift: false }));
  const port = files.map(windowedGaussianScores);
  const numenta = files.map(f => publishedScores('numenta', f.name));
  const gaussian = files.map(f => publishedScores('windowedGaussian', f.name));
  const elapsed = (performance.now() - t0) / 1000;

  console.log('### Scorer and baseline port check\n');
  let maxRowDiff = 0;
  port.forEach((s, k) =>
    s.forEach((v, i) => (maxRowDiff = Math.max(maxRowDiff, Math.abs(v - gaussian[k]![i]!)))),
  );
  const portRows: (string | number)[][] = [];
  let maxFileDiff = 0;
  for (const r of atPublishedThresholds('windowedGaussian', files, port)) {
    r.perFile.forEach((s, k) => {
      const pub = publishedFileScore('windowedGaussian', r.profile, NAB_FILES[k]!);
      maxFileDiff = Math.max(maxFileDiff, Math.abs(s - pub));
    });
    portRows.push([r.profile, f3(r.total)]);
  }
  console.log(
    `Windowed-Gaussian port vs the published per-row anomaly_score: max |difference| ${maxRowDiff.toExponential(2)}; ` +
      `per-file NAB scores at the published threshold (1.0), 3 profiles × 5 files: max |difference| ${maxFileDiff.toExponential(2)}.\n`,
  );

  const ourOpt = optimised(files, ours);
  const ourNoDriftOpt = optimised(files, oursNoDrift);
  const numentaPub = atPublishedThresholds('numenta', files, numenta);
  const numentaOpt = optimised(files, numenta);
  const gaussPub = atPublishedThresholds('windowedGaussian', files, gaussian);
  const gaussOpt = optimised(files, gaussian);

  console.log('### NAB subset, per-file raw scores (standard profile)\n');
  const std = (rs: ProfileResult[]) => rs.find(r => r.profile === 'standard')!;
  const rows = NAB_FILES.map((name, k) => [
    `${name} (${files[k]!.windows.length} win)`,
    f3(std(ourOpt).perFile[k]!),
    f3(std(ourNoDriftOpt).perFile[k]!),
    f3(std(numentaPub).perFile[k]!),
    f3(std(numentaOpt).perFile[k]!),
    f3(std(gaussPub).perFile[k]!),
    f3(std(gaussOpt).perFile[k]!),
  ]);
  rows.push([
    '**total**',
    ...[ourOpt, ourNoDriftOpt, numentaPub, numentaOpt, gaussPub, gaussOpt].map(r =>
      f3(std(r).total),
    ),
  ]);
  console.log(
    table(
      [
        'file',
        'Headroom (θ opt. on subset)',
        'Headroom, drift stage off (θ opt. on subset)',
        'numenta (published θ)',
        'numenta (θ opt. on subset)',
        'windowedGaussian (published θ)',
        'windowedGaussian (θ opt. on subset)',
      ],
      rows,
    ),
  );
  console.log('\n### NAB subset, all profiles: total raw score / subset-normalised score [θ]\n');
  const cell = (r: ProfileResult) =>
    `${f3(r.total)} / ${f1(r.subsetNormalised)} [${r.threshold.toPrecision(4)}]`;
  console.log(
    table(
      ['detector', ...PROFILES],
      [
        ['Headroom, θ optimised on the subset', ...ourOpt.map(cell)],
        [
          'Headroom with the drift stage off, θ optimised on the subset',
          ...ourNoDriftOpt.map(cell),
        ],
        ['numenta HTM, published corpus θ', ...numentaPub.map(cell)],
        ['numenta HTM, θ optimised on the subset', ...numentaOpt.map(cell)],
        ['windowedGaussian, published corpus θ', ...gaussPub.map(cell)],
        ['windowedGaussian, θ optimised on the subset', ...gaussOpt.map(cell)],
      ],
    ),
  );
  console.log(`\nScoring the 5 files took ${elapsed.toFixed(2)} s (both detectors).\n`);
  return { threshold: std(ourOpt).threshold, noDriftThreshold: std(ourNoDriftOpt).threshold };
}

interface SyntheticRow {
  kind: string;
  step: number;
  series: number;
  detected: number;
  alarms: number;
  tpAlarms: number;
  delays: number[];
  weeks: number;
}

function syntheticSection(nabThreshold: number, noDriftThreshold: number): void {
  const configs = [
    { step: 3600, days: 56, label: '1 h, 8 weeks' },
    { step: 300, days: 28, label: '5 min, 4 weeks' },
  ];
  const detectors: { name: string; threshold: number; run: (s: LabelledSeries) => Float64Array }[] =
    [
      { name: 'Headroom θ=0.5', threshold: 0.5, run: s => scoresOf(s) },
      {
        name: `Headroom θ=${nabThreshold.toPrecision(3)} (NAB standard)`,
        threshold: nabThreshold,
        run: s => scoresOf(s),
      },
      { name: 'Headroom θ=0.5, drift stage off', threshold: 0.5, run: s => noDriftOf(s) },
      {
        name: `Headroom θ=${noDriftThreshold.toPrecision(3)} (NAB standard), drift stage off`,
        threshold: noDriftThreshold,
        run: s => noDriftOf(s),
      },
      { name: 'windowedGaussian θ=1.0', threshold: 1.0, run: s => gaussianOf(s) },
    ];
  const cache = new Map<LabelledSeries, Float64Array>();
  const scoresOf = (s: LabelledSeries) => {
    let v = cache.get(s);
    if (!v) {
      const d = new AnomalyDetector();
      v = s.values.map((x, i) => d.update(s.timestamps[i]!, x));
      cache.set(s, v);
    }
    return v;
  };
  const noDriftCache = new Map<LabelledSeries, Float64Array>();
  const noDriftOf = (s: LabelledSeries) => {
    let v = noDriftCache.get(s);
    if (!v) {
      const d = new AnomalyDetector({ drift: false });
      v = s.values.map((x, i) => d.update(s.timestamps[i]!, x));
      noDriftCache.set(s, v);
    }
    return v;
  };
  const gaussianOf = (s: LabelledSeries) => {
    const d = new WindowedGaussianDetector();
    return s.values.map(x => d.update(x));
  };
  console.log(
    `### Synthetic labelled series\n\n${SEEDS} series per kind and step; onset uniformly in 55–85 % of the series; ` +
      'rows in the first 14 days are not judged (warm-up of both detectors and of the weekly profile).\n',
  );
  for (const det of detectors) {
    const rows: (string | number)[][] = [];
    for (const c of configs) {
      for (const kind of KINDS) {
        const r: SyntheticRow = {
          kind,
          step: c.step,
          series: 0,
          detected: 0,
          alarms: 0,
          tpAlarms: 0,
          delays: [],
          weeks: 0,
        };
        for (let seed = 1; seed <= SEEDS; seed++) {
          const s = generate(kind, c.step, c.days, seed);
          const skip = Math.round((14 * 86400) / c.step);
          const e = evaluate(s, det.run(s), det.threshold, skip);
          r.series++;
          r.alarms += e.alarms;
          r.tpAlarms += e.truePositiveAlarms;
          r.weeks += ((s.values.length - skip) * c.step) / (7 * 86400);
          if (e.detected) {
            r.detected++;
            r.delays.push((e.delayRows * c.step) / 60);
          }
        }
        r.delays.sort((a, b) => a - b);
        const median = r.delays.length ? r.delays[Math.floor((r.delays.length - 1) / 2)]! : NaN;
        const worst = r.delays.length ? r.delays[r.delays.length - 1]! : NaN;
        rows.push([
          c.label,
          kind,
          kind === 'none' ? '–' : `${r.detected}/${r.series}`,
          r.alarms === 0 ? '–' : f3(r.tpAlarms / r.alarms),
          f3((r.alarms - r.tpAlarms) / r.weeks),
          Number.isNaN(median) ? '–' : `${median.toFixed(0)} / ${worst.toFixed(0)}`,
        ]);
      }
    }
    console.log(`#### ${det.name}\n`);
    console.log(
      table(
        [
          'series',
          'anomaly',
          'recall (found/series)',
          'alarm precision',
          'false alarms per series-week',
          'delay min: median / max',
        ],
        rows,
      ),
    );
    console.log('');
  }
}

function throughputSection(options: AnomalyDetectorOptions, label: string): void {
  const points = 8640;
  const pool = 8;
  const series = Array.from({ length: pool }, (_, k) =>
    generate(k % 2 ? 'spike' : 'none', 300, 30, 100 + k),
  );
  const run = () => {
    let checksum = 0;
    for (let s = 0; s < THROUGHPUT_SERIES; s++) {
      const d = new AnomalyDetector(options);
      const src = series[s % pool]!;
      for (let i = 0; i < points; i++) checksum += d.update(src.timestamps[i]!, src.values[i]!);
    }
    return checksum;
  };
  run();
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    run();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const median = times[1]!;
  const total = THROUGHPUT_SERIES * points;
  console.log(`### Throughput, ${label}\n`);
  console.log(
    `${THROUGHPUT_SERIES.toLocaleString('en')} series × ${points.toLocaleString('en')} points (30 days of 5-minute points), ` +
      `one detector per series, median of 3 rounds after a warm-up: ${median.toFixed(3)} s per round, ` +
      `${Math.round(total / median).toLocaleString('en')} points/s (rounds: ${times.map(t => t.toFixed(3)).join(', ')} s). ` +
      '\n',
  );
}

console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ` +
    `load average ${loadavg()
      .map(l => l.toFixed(1))
      .join(' ')} at start, ${new Date().toISOString().slice(0, 10)}\n`,
);
const t0 = performance.now();
const nab = nabSection();
syntheticSection(nab.threshold, nab.noDriftThreshold);
throughputSection({}, 'default options');
throughputSection({ drift: false }, 'drift stage off');
console.log(
  `Total ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${loadavg()
    .map(l => l.toFixed(1))
    .join(' ')} at the end.`,
);
