/* global window, document -- window and document inside page.evaluate run in Chromium. */
// Time to first paint of 50 error-budget burndowns (43,201 one-minute points each, computed by
// the engine in the page) drawn by the built error-budget panel, next to @grafana/ui's
// TimeSeries drawing the same frames in the same harness page and browser. The time runs from
// handing the frames (field config already applied, as Grafana's query runner does before any
// panel sees them; its time is reported apart) to the panels until the browser has painted
// them (two animation frames after the last chart is drawn). Each round opens a
// fresh page per contender, alternating which goes first; the median round is reported. Beside
// the wall time, the CPU time of the same span (all browser threads, from a trace; see
// cpuTime.mjs), which the machine's other work does not inflate.
//
//   scripts/yarn workspace @headroom/grafana-errorbudget-panel build
//   scripts/yarn workspace @headroom/grafana-harness build
//   node bench/grafana/bench.mjs        (BENCH_PANELS=50 BENCH_ROUNDS=5 BENCH_WIDTH=380 BENCH_HEIGHT=220)
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarnessServer } from '../../test/grafana-harness/server.mjs';
import { launchChromium, openHarness } from '../../test/grafana-harness/browser.mjs';
import { withCpuTime } from './cpuTime.mjs';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const panels = Number(process.env.BENCH_PANELS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const width = Number(process.env.BENCH_WIDTH ?? 380);
const height = Number(process.env.BENCH_HEIGHT ?? 220);
const at = Math.floor(Date.now() / 60_000) * 60;

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measure(browser, url, contender) {
  const { page, errors } = await openHarness(browser, url, { width: 1920, height: 1080 });
  const prep = await page.evaluate(({ n, at }) => window.harness.prepareBench(n, at), {
    n: panels,
    at,
  });
  if (contender === 'errorbudget')
    await page.evaluate(() => window.harness.loadPlugin('headroom-errorbudget-panel'));
  const fn = contender === 'errorbudget' ? 'benchErrorBudget' : 'benchTimeSeries';
  const { result: r, cpuMs } = await withCpuTime(browser, page, () =>
    page.evaluate(({ fn, w, h }) => window.harness[fn](w, h), { fn, w: width, h: height }),
  );
  const drawn = await page.evaluate(
    c =>
      document.querySelectorAll(
        c === 'errorbudget' ? 'svg[aria-label="Error budget burndown"]' : '.uplot canvas',
      ).length,
    contender,
  );
  if (drawn < panels) throw new Error(`${contender}: ${drawn} of ${panels} charts drawn`);
  const shot = join(repo, 'artifacts/grafana', `bench-${contender}.png`);
  await page.screenshot({ path: shot });
  await page.close();
  const pageErrors = errors.filter(e => !/Failed to load resource/.test(e));
  if (pageErrors.length) throw new Error(`${contender}: ${pageErrors.join(' | ')}`);
  return { ms: r.renderMs, cpuMs, prepareMs: r.prepareMs, points: prep.points };
}

mkdirSync(join(repo, 'artifacts/grafana'), { recursive: true });
const server = await startHarnessServer({ datasources: {} });
const browser = await launchChromium();
const load = { start: loadavg()[0] };
const results = { errorbudget: [], timeseries: [] };
const cpu = { errorbudget: [], timeseries: [] };
const prepared = { errorbudget: [], timeseries: [] };
let points = 0;
try {
  // One unmeasured pass each: the browser's first compile of the bundles.
  await measure(browser, server.url, 'errorbudget');
  await measure(browser, server.url, 'timeseries');
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? ['timeseries', 'errorbudget'] : ['errorbudget', 'timeseries'];
    for (const c of order) {
      const r = await measure(browser, server.url, c);
      results[c].push(r.ms);
      cpu[c].push(r.cpuMs);
      prepared[c].push(r.prepareMs);
      points = r.points;
    }
    console.log(
      `round ${i + 1}: error-budget panel ${results.errorbudget.at(-1).toFixed(0)} ms (CPU ${cpu.errorbudget.at(-1).toFixed(0)}), TimeSeries ${results.timeseries.at(-1).toFixed(0)} ms (CPU ${cpu.timeseries.at(-1).toFixed(0)})`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
load.end = loadavg()[0];
const eb = median(results.errorbudget);
const ts = median(results.timeseries);
const ebCpu = median(cpu.errorbudget);
const tsCpu = median(cpu.timeseries);
const summary = {
  panels,
  pointsPerPanel: points,
  size: `${width}x${height}`,
  rounds,
  errorBudgetMs: results.errorbudget.map(x => Math.round(x)),
  timeSeriesMs: results.timeseries.map(x => Math.round(x)),
  errorBudgetCpuMs: cpu.errorbudget.map(x => Math.round(x)),
  timeSeriesCpuMs: cpu.timeseries.map(x => Math.round(x)),
  fieldConfigMedianMs: {
    errorBudget: Math.round(median(prepared.errorbudget)),
    timeSeries: Math.round(median(prepared.timeseries)),
  },
  errorBudgetMedianMs: Math.round(eb),
  timeSeriesMedianMs: Math.round(ts),
  ratio: Number((eb / ts).toFixed(3)),
  errorBudgetCpuMedianMs: Math.round(ebCpu),
  timeSeriesCpuMedianMs: Math.round(tsCpu),
  cpuRatio: Number((ebCpu / tsCpu).toFixed(3)),
  loadAverage: { start: load.start, end: load.end },
  targets: { underOneSecond: eb < 1000, atMostQuarterOfTimeSeries: eb <= ts / 4 },
};
writeFileSync(join(repo, 'artifacts/grafana/bench.json'), JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary, null, 2));
if (!summary.targets.underOneSecond || !summary.targets.atMostQuarterOfTimeSeries) {
  console.error('bench: a target is missed');
  process.exit(1);
}
