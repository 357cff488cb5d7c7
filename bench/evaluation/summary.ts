import type { SloStatus } from '@headroom/plugin-headroom-common';
import type { HistorySpec } from './history';
import type { CycleResult } from './measure';

export interface SetResult {
  label: string;
  mode: string;
  slos: number;
  windowDays: number;
  cycles: CycleResult[];
  warnings: string[];
  warningCount: number;
  /** Size of the SQLite file after the last cycle (the kept counts of the incremental path). */
  databaseBytes: number;
  /** Status of each SLO after the last cycle, by entity and name. */
  statuses: Map<string, SloStatus | undefined>;
}

interface RunInfo {
  command: string;
  started: string;
  finished: string;
  machine: string;
  loadStart: number[];
  loadEnd: number[];
  history: HistorySpec;
  historyDaysNote: string;
  idlePromCpuPerSecond: number;
  sets: SetResult[];
}

function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Medians over a set's steady cycles (the incremental path's seeding cycle apart). */
function steady(set: SetResult) {
  const cs = set.cycles.filter(c => !c.seed);
  const per = (f: (c: CycleResult) => number) => median(cs.map(f));
  return {
    cycles: cs.length,
    wallSeconds: per(c => c.wallSeconds),
    samplesPerSlo: per(c => c.samples / set.slos),
    returnedPerSlo: per(c => c.samplesReturned / set.slos),
    queriesPerSlo: per(c => c.queries / set.slos),
    promCpuMsPerSlo: per(c => (c.promCpuSeconds * 1000) / set.slos),
    backendCpuMsPerSlo: per(c => (c.backendCpuSeconds * 1000) / set.slos),
    promCpuSeconds: per(c => c.promCpuSeconds),
    backendCpuSeconds: per(c => c.backendCpuSeconds),
    samples: per(c => c.samples),
    failed: Math.max(0, ...cs.map(c => c.failed)),
  };
}

/** Largest difference of SLI and budget between two modes' statuses at the same instant. */
function agreement(a: SetResult, b: SetResult) {
  let compared = 0;
  let sli = 0;
  let budget = 0;
  let missing = 0;
  for (const [key, sa] of a.statuses) {
    const sb = b.statuses.get(key);
    if (!sa?.evaluatedAt || !sb?.evaluatedAt) {
      missing++;
      continue;
    }
    compared++;
    const d = (x: number | null, y: number | null) =>
      x === null && y === null ? 0 : x === null || y === null ? Infinity : Math.abs(x - y);
    sli = Math.max(sli, d(sa.sli, sb.sli));
    budget = Math.max(budget, d(sa.budgetRemaining, sb.budgetRemaining));
  }
  return { compared, missing, maxSliDifference: sli, maxBudgetDifference: budget };
}

const f = (x: number, digits = 1) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits }) : String(x);

export function summarise(run: RunInfo): { markdown: string; json: unknown } {
  const rows = run.sets.map(s => ({ set: s, st: steady(s) }));
  const lines = [
    `${run.machine}; ${run.started} → ${run.finished}; load average ${run.loadStart.map(l => l.toFixed(2)).join(' ')} at start, ${run.loadEnd.map(l => l.toFixed(2)).join(' ')} at end`,
    `history: ${run.historyDaysNote}; Prometheus at rest: ${f(run.idlePromCpuPerSecond, 3)} CPU s/s`,
    '',
    '| set | window | SLOs | mode | cycles | samples/SLO | returned/SLO | queries/SLO | Prometheus CPU ms/SLO | backend CPU ms/SLO | cycle wall s | cycle Prometheus CPU s | cycle backend CPU s | failed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      ({ set, st }) =>
        `| ${set.label} | ${set.windowDays} d | ${set.slos} | ${set.mode} | ${st.cycles} | ${f(st.samplesPerSlo, 0)} | ${f(st.returnedPerSlo, 0)} | ${f(st.queriesPerSlo, 1)} | ${f(st.promCpuMsPerSlo, 2)} | ${f(st.backendCpuMsPerSlo, 2)} | ${f(st.wallSeconds, 1)} | ${f(st.promCpuSeconds, 1)} | ${f(st.backendCpuSeconds, 1)} | ${st.failed} |`,
    ),
  ];
  const seeds = run.sets.flatMap(s => s.cycles.filter(c => c.seed).map(c => ({ s, c })));
  if (seeds.length) {
    lines.push('', 'Seeding cycles (incremental path, no state yet):', '');
    for (const { s, c } of seeds)
      lines.push(
        `- ${s.label}: ${f(c.samples / s.slos, 0)} samples/SLO, ${f(c.wallSeconds, 1)} s wall, Prometheus ${f(c.promCpuSeconds, 1)} s CPU, backend ${f(c.backendCpuSeconds, 1)} s CPU`,
      );
  }
  const ratios: unknown[] = [];
  const labels = [...new Set(run.sets.map(s => s.label))];
  for (const label of labels) {
    const full = rows.find(r => r.set.label === label && r.set.mode === 'full');
    const inc = rows.find(r => r.set.label === label && r.set.mode === 'incremental');
    if (!full || !inc) continue;
    const ratio = {
      set: label,
      samples: full.st.samplesPerSlo / inc.st.samplesPerSlo,
      promCpu: full.st.promCpuMsPerSlo / inc.st.promCpuMsPerSlo,
      backendCpu: full.st.backendCpuMsPerSlo / inc.st.backendCpuMsPerSlo,
      // Per SLO: the full read of the main set may run on fewer SLOs.
      wallPerSlo: full.st.wallSeconds / full.set.slos / (inc.st.wallSeconds / inc.set.slos),
      agreement: agreement(full.set, inc.set),
    };
    ratios.push(ratio);
    lines.push(
      `- ${label}: full ÷ incremental: samples ${f(ratio.samples, 0)}×, Prometheus CPU ${f(ratio.promCpu, 1)}×, backend CPU ${f(ratio.backendCpu, 1)}×, cycle wall per SLO ${f(ratio.wallPerSlo, 1)}×; statuses at the last instant: ${ratio.agreement.compared} compared, ${ratio.agreement.missing} missing, largest SLI difference ${ratio.agreement.maxSliDifference}, budget ${ratio.agreement.maxBudgetDifference}`,
    );
  }
  lines.push(
    `- SQLite file after the last cycle: ${rows.map(({ set }) => `${set.label} ${set.mode} ${f(set.databaseBytes / 2 ** 20, 1)} MiB`).join(', ')}`,
  );
  for (const { set } of rows)
    if (set.warningCount)
      lines.push(
        `- ${set.label} ${set.mode}: ${set.warningCount} warnings, first: ${set.warnings[0]}`,
      );
  return {
    markdown: lines.join('\n'),
    json: {
      ...run,
      sets: rows.map(({ set, st }) => ({
        label: set.label,
        mode: set.mode,
        slos: set.slos,
        windowDays: set.windowDays,
        steady: st,
        cycles: set.cycles,
        warningCount: set.warningCount,
        databaseBytes: set.databaseBytes,
        warnings: set.warnings,
      })),
      ratios,
    },
  };
}
