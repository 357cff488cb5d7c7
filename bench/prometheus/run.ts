import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  generateCostHistory,
  generateCostHistoryInChild,
  runCost,
  SLOS,
  type CostVariant,
  type PhaseResult,
} from './cost';
import { runDetection, NOISY, type DetectionResult } from './detection';
import { tempDir } from './prom';

/**
 * Live Prometheus benchmark of Sloth's rules and Headroom's: detection time and false pages
 * (detection.ts), then the evaluation cost of 100 SLOs (cost.ts), whose history is generated
 * at low priority while the detection run waits for its alerts. Stops by itself; prints a
 * Markdown summary and writes the figures as JSON (BENCH_PROM_OUT, default
 * bench/prometheus/results.json).
 *
 * Environment: BENCH_PROM_PHASE_SECONDS (measured seconds per rule set, default 150; the
 * no-rules baseline takes 60), BENCH_PROM_PERIOD_INTERVALS (comma-separated `periodInterval`s
 * to measure Headroom's rules with as well, e.g. `5m`),
 * BENCH_PROM_SAME_INTERVALS (an interval, e.g. `30s`: Headroom's rules with every group at it, as
 * Sloth's run at the server's 30 s, with and without the fast page, and with Sloth's period
 * ratio, as well),
 * BENCH_PROM_COST_ONLY (a regular expression on the rule sets' labels: measure only those),
 * BENCH_PROM_ONLY=detection|cost, BENCH_PROM_COST_DIR (a folder whose cost history was
 * generated before, with `--generate-cost-history <dir> <unix seconds>`: reused and kept).
 */

const log = (s: string) =>
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);

function machine() {
  const version = (bin: string) =>
    execFileSync(bin, ['--version'], { encoding: 'utf8' }).split('\n')[0]!.trim();
  return {
    nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    prometheus: version('prometheus'),
    loadAverageAtStart: loadavg()
      .map(x => x.toFixed(2))
      .join(' '),
  };
}

const s = (x: number | null) => (x === null ? '—' : `${x.toFixed(0)} s`);

function report(
  m: ReturnType<typeof machine>,
  d: DetectionResult | null,
  c: PhaseResult[] | null,
  seconds: number,
): string {
  const out: string[] = [];
  out.push(
    `Machine: ${m.nproc} cores, ${m.cpu}, Node ${m.node}, ${m.prometheus}; load average at start ${m.loadAverageAtStart}. Wall time ${(seconds / 60).toFixed(1)} min.`,
  );
  if (d) {
    out.push(
      '',
      `Detection (page alert activeAt − t0; live phase ${d.liveSeconds.toFixed(0)} s):`,
      '',
    );
    out.push(
      '| service | outage | Sloth | Headroom | Headroom alert | Headroom standard page | measured |',
    );
    out.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const o of d.outages)
      out.push(
        `| ${o.service} | ${Math.round(o.ratio * 100)} % | ${s(o.sloth)} | ${s(o.headroom)} | ${o.headroomFirst ?? '—'} | ${s(o.headroomStandard)} | ${o.measured ? 'yes' : 'no (fired at the first evaluations)'} |`,
      );
    out.push('', '| outage | Sloth (min–max) | Headroom (min–max) | Headroom later than Sloth |');
    out.push('| --- | --- | --- | --- |');
    for (const ratio of [...new Set(d.outages.map(o => o.ratio))]) {
      const os = d.outages.filter(o => o.ratio === ratio && o.measured);
      const range = (xs: Array<number | null>) => {
        const v = xs.filter((x): x is number => x !== null);
        return v.length ? `${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)} s` : '—';
      };
      const later = os.filter(
        o => o.headroom === null || (o.sloth !== null && o.headroom > o.sloth),
      ).length;
      out.push(
        `| ${Math.round(ratio * 100)} % | ${range(os.map(o => o.sloth))} | ${range(os.map(o => o.headroom))} | ${later} of ${os.length} |`,
      );
    }
    out.push(
      '',
      'False pages on noisy but healthy traffic (live run; 7-day replay of the history):',
      '',
    );
    out.push(
      '| service | traffic | live Sloth | live Headroom | replay hours | replay Sloth | replay Headroom (of which fast; outage) |',
    );
    out.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const n of d.noisy)
      out.push(
        `| ${n.service} | ${n.note} | ${n.live.sloth} | ${n.live.headroom} | ${n.replay.hours.toFixed(0)} | ${n.replay.sloth} | ${n.replay.headroom} (${n.replay.headroomFast}; outage ${n.replay.headroomOutage}) |`,
      );
  }
  if (c) {
    out.push(
      '',
      `Evaluation cost, ${SLOS} SLOs (each rule set alone, measured ${c.map(p => p.seconds.toFixed(0)).join(' / ')} s after a 30 s warm-up):`,
      '',
    );
    const base = c.find(p => p.rules === 'none')?.cpuSecondsPerSecond ?? 0;
    out.push(
      '| rules | groups | evaluations seen | samples read per SLO per 30 s | rule evaluation s per 30 s (sum of group durations) | ms per SLO per 30 s | by group kind (s per 30 s) | Prometheus CPU s/s | CPU for rules, s per 30 s | recording series | per SLO | alerts | load average |',
    );
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const p of c) {
      const kinds = Object.entries(p.byKind)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', ');
      out.push(
        `| ${p.label} | ${p.groups} | ${p.evaluationsSeen} | ${Math.round(p.samplesPerSloPer30s)} | ${p.evalSecondsPer30s.toFixed(3)} | ${p.evalMsPerSloPer30s.toFixed(2)} | ${kinds} | ${p.cpuSecondsPerSecond.toFixed(3)} | ${p.rules === 'none' ? '—' : ((p.cpuSecondsPerSecond - base) * 30).toFixed(2)} | ${p.recordingSeries} | ${p.seriesPerSlo} | ${p.alerts} | ${p.loadAverage.toFixed(1)} |`,
      );
    }
  }
  return out.join('\n');
}

async function main() {
  if (process.argv[2] === '--generate-cost-history') {
    await generateCostHistory(process.argv[3]!, Number(process.argv[4]));
    return;
  }
  const started = Date.now();
  const m = machine();
  const only = process.env.BENCH_PROM_ONLY;
  const phase = Number(process.env.BENCH_PROM_PHASE_SECONDS ?? 150);
  const periods = (process.env.BENCH_PROM_PERIOD_INTERVALS ?? '').split(',').filter(Boolean);
  const same = process.env.BENCH_PROM_SAME_INTERVALS;
  const reuse = process.env.BENCH_PROM_COST_DIR;
  const costDir = only === 'detection' ? null : (reuse ?? tempDir('headroom-bench-cost-'));
  try {
    const history =
      costDir && !reuse ? generateCostHistoryInChild(costDir, Math.floor(Date.now() / 1000)) : null;
    history?.then(() => log('cost: history ready'));
    const detection = only === 'cost' ? null : await runDetection(log);
    await history;
    const variants: CostVariant[] = [
      { rules: 'none', label: 'no rules', seconds: 60 },
      { rules: 'sloth', label: 'Sloth' },
      { rules: 'headroom', label: 'Headroom' },
      ...periods.map((p): CostVariant => ({
        rules: 'headroom',
        label: `Headroom, periodInterval ${p}`,
        options: { periodInterval: p },
      })),
      ...(same
        ? (
            [
              [true, 'exact'],
              [false, 'exact'],
              [true, 'sloth'],
            ] as const
          ).map(([fastPage, longWindow]): CostVariant => ({
            rules: 'headroom',
            label: `Headroom, every group ${same}${fastPage ? '' : ', no fast page'}${longWindow === 'sloth' ? ", Sloth's period ratio" : ''}`,
            options: {
              pageInterval: same,
              interval: same,
              periodInterval: same,
              fastPage,
              longWindow,
            },
          }))
        : []),
    ];
    // BENCH_PROM_COST_ONLY: a regular expression; only the rule sets whose label matches it
    // (and the no-rules baseline) are measured.
    const pick = process.env.BENCH_PROM_COST_ONLY;
    const measured = pick
      ? variants.filter(v => v.rules === 'none' || new RegExp(pick).test(v.label))
      : variants;
    const cost = costDir ? await runCost(costDir, measured, log, 30, phase) : null;
    const seconds = (Date.now() - started) / 1000;
    const text = report(m, detection, cost, seconds);
    process.stdout.write(text + '\n');
    const out = process.env.BENCH_PROM_OUT ?? join(__dirname, '..', 'results.json');

    writeFileSync(
      out,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: m,
          seconds,
          detection,
          cost,
          noisy: NOISY.map(n => n.note),
        },
        null,
        2,
      ),
    );
    log(`figures written to ${out}`);
  } finally {
    if (costDir && !reuse) rmSync(costDir, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
