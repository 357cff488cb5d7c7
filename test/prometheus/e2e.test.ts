import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import {
  budgetStatus,
  errorRatio,
  evaluateAlerts,
  lastIndexAtOrBefore,
  parseSloDocuments,
  prepareSeries,
  windowCounts,
  type PreparedSeries,
  type Slo,
} from '@headroom/core';
import {
  budgetRemainingQuery,
  fetchCounterSamples,
  generateRules,
  PrometheusClient,
  renderRuleFile,
  sliRecordName,
  type Rule,
  type RuleGroup,
} from '@headroom/prometheus';
import {
  backfill,
  backfillRules,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from './prometheus';
import { DAY, E, METRIC, O, RECOVERY, T30, jobs, type Job } from './scenarios';
import { slothMultifileFor } from './sloth-reference';
import { openMetrics } from './traffic';

/**
 * Sloth's multi-file example (svc01: 99.9 % events SLI and 95 % raw SLI; svc02: 99.99 % and
 * 95 %), as Sloth generated it (its golden file) and as Headroom generates it from the same spec,
 * both loaded into one Prometheus over the same backfilled counters (scenarios.ts), for three
 * jobs. Headroom's rules use `labels: 'headroom'` so that their series sit beside Sloth's.
 *
 * Recording rules have no history after a backfill, so the recorded series the alerts and
 * Sloth's 30-day ratio read are written by `promtool tsdb create-blocks-from rules` (Prometheus'
 * own evaluation of the rules, at each evaluation time) before the final start.
 */

const WINDOWS = [300, 1800, 3600, 7200, 21600, DAY, 3 * DAY];
const SLI_EVAL = 30;
const SLI_FROM = O - 1800;
const SLI_TO = RECOVERY + 1800;

interface JobRules extends Job {
  slos: Slo[];
  sloth: RuleGroup[];
  headroom: RuleGroup[];
  headroomSlothLong: RuleGroup[];
  /** Times of the scraped samples (the engine's series also has points in gaps). */
  scraped: Float64Array;
  core?: PreparedSeries;
}

function rulesFor(job: Job): JobRules {
  const { spec, golden } = slothMultifileFor(job.job);
  const parsed = parseSloDocuments(spec, `in-multifile.yaml (${job.job})`);
  if (parsed.issues.length > 0) throw new Error(JSON.stringify(parsed.issues));
  // One YAML document per service, as `sloth generate` prints a multi-file input.
  const sloth = parseAllDocuments(golden).flatMap(
    d => (d.toJS() as { groups: RuleGroup[] }).groups,
  );
  return {
    ...job,
    slos: parsed.slos,
    sloth,
    headroom: generateRules(parsed.slos, { labels: 'headroom' }).groups,
    headroomSlothLong: generateRules(parsed.slos, { labels: 'headroom', longWindow: 'sloth' })
      .groups,
    scraped: Float64Array.from(job.traffic.timestamps),
  };
}

const rulesOf = (groups: RuleGroup[]) => groups.flatMap(g => g.rules);

function recordExpr(groups: RuleGroup[], idLabel: string, id: string, seconds: number): string {
  const r = rulesOf(groups).find(
    x => 'record' in x && x.record === sliRecordName(seconds) && x.labels?.[idLabel] === id,
  );
  if (!r) throw new Error(`no ${sliRecordName(seconds)} rule for ${id}`);
  return r.expr;
}

function slothAlert(j: JobRules, id: string, severity: 'page' | 'ticket'): string {
  const g = j.sloth.find(x => x.name === `sloth-slo-alerts-${id}`);
  const r = g?.rules.find(x => 'alert' in x && x.labels?.sloth_severity === severity);
  if (!r) throw new Error(`no Sloth ${severity} alert for ${id}`);
  return r.expr;
}

function headroomAlert(j: JobRules, id: string, severity: 'page' | 'ticket' | 'fast'): string {
  const sev = severity === 'fast' ? 'page' : severity;
  const r = rulesOf(j.headroom).find(
    x =>
      'alert' in x &&
      x.labels?.headroom_id === id &&
      x.labels.headroom_severity === sev &&
      (x.labels.headroom_burn === 'fast') === (severity === 'fast'),
  );
  if (!r) throw new Error(`no Headroom ${severity} alert for ${id}`);
  return r.expr;
}

/** The SLI ratio recordings of the given SLOs and windows. */
function sliRules(groups: RuleGroup[], idLabel: string, ids: string[], windows: number[]): Rule[] {
  const names = new Set(windows.map(sliRecordName));
  return rulesOf(groups).filter(
    r => 'record' in r && names.has(r.record) && ids.includes(r.labels?.[idLabel] ?? ''),
  );
}

/**
 * Sloth's and Headroom's recordings in one group: a group's evaluations are offset from the
 * epoch by a hash of its name and file (live, and in `promtool tsdb create-blocks-from rules`),
 * so one group puts both rule sets' samples at the same instants.
 */
const oneGroup = (name: string, rules: Rule[]) =>
  stringify({ groups: [{ name, rules }] }, { lineWidth: 0 });

const ids = (j: JobRules, names: string[]) =>
  j.slos.filter(s => names.includes(`${s.service}-${s.name}`)).map(s => `${s.service}-${s.name}`);

describe('generated rules in a running Prometheus against the engine on the same samples', () => {
  let prom: RunningPrometheus | undefined;
  let client: PrometheusClient;
  let J: Record<string, JobRules>;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir('headroom-e2e-');
    J = Object.fromEntries(jobs().map(j => [j.job, rulesFor(j)]));
    backfill(
      openMetrics(
        Object.values(J).map(j => ({ traffic: j.traffic, labels: { job: j.job } })),
        METRIC,
        'unknown',
      ),
      join(dir, 'data'),
    );
    const rules: Record<string, string> = {};
    for (const j of Object.values(J)) {
      // Prometheus reads one YAML document per rule file.
      slothMultifileFor(j.job)
        .golden.split(/^---$/m)
        .filter(d => d.includes('groups:'))
        .forEach((d, i) => (rules[`${j.job}-sloth-${i}.yml`] = d));
      rules[`${j.job}-headroom.yml`] = renderRuleFile({ groups: j.headroom });
    }
    prom = await startPrometheus({ dir, rules });

    // History of the recorded ratios: 5-minute ratios of myservice every minute through the
    // last day before T30 (what Sloth's 30-day ratio averages; a whole month takes promtool over
    // 2 minutes, one block per 2 hours), and every window of the paging SLOs of the other two
    // jobs every 30 s around the incidents (what the alerts read).
    const blocks = join(dir, 'rule-blocks');
    const my = J.myservice!;
    const myIds = ids(my, ['svc01-slo1', 'svc01-slo02']);
    const file5m = join(dir, 'backfill-5m.yml');
    writeFileSync(
      file5m,
      oneGroup('myservice-5m', [
        ...sliRules(my.sloth, 'sloth_id', myIds, [300]),
        ...sliRules(my.headroom, 'headroom_id', myIds, [300]),
      ]),
    );
    backfillRules(file5m, prom.url, T30 - DAY, T30, '60s', blocks);
    const sliFile = join(dir, 'backfill-sli.yml');
    const incidents: Rule[] = [];
    for (const name of ['outage', 'degraded']) {
      const j = J[name]!;
      const paging = ids(j, [`${name}-svc01-slo1`, `${name}-svc02-slo1`]);
      incidents.push(...sliRules(j.sloth, 'sloth_id', paging, WINDOWS));
      incidents.push(...sliRules(j.headroom, 'headroom_id', paging, WINDOWS));
    }
    writeFileSync(sliFile, oneGroup('incidents', incidents));
    backfillRules(sliFile, prom.url, SLI_FROM, SLI_TO, `${SLI_EVAL}s`, blocks);
    await prom.stop();
    for (const b of readdirSync(blocks)) renameSync(join(blocks, b), join(dir, 'data', b));
    rmSync(blocks, { recursive: true, force: true });
    prom = await startPrometheus({ dir, rules });
    client = new PrometheusClient({ url: prom.url, timeoutMs: 60_000 });

    for (const j of Object.values(J)) {
      const ts = j.traffic.timestamps;
      const samples = await fetchCounterSamples(client, j.slos[0]!, ts[0]!, ts.at(-1)!, j.step);
      j.core = prepareSeries(samples);
    }
  }, 150_000);

  afterAll(async () => {
    await prom?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads Sloth’s rule file and Headroom’s for the same SLOs, every rule healthy', async () => {
    const groups = await client.rules();
    for (const j of Object.values(J)) {
      for (const g of [...j.sloth, ...j.headroom]) {
        const loaded = groups.find(x => x.name === g.name);
        expect([g.name, loaded?.rules.length]).toEqual([g.name, g.rules.length]);
        for (const r of loaded!.rules) expect([r.name, r.lastError ?? '']).toEqual([r.name, '']);
      }
    }
    // Per job, 4 SLOs: Sloth writes 3 groups for each paging SLO and 2 for the others (no
    // alerts); so does Headroom (page, ticket and period; no page group without pages).
    expect(groups).toHaveLength(3 * (10 + 10));
  });

  it('reads the same counters through fetchCounterSamples as were backfilled', () => {
    // myservice: 31 days of 720 errors in 1 476 000 requests; the first sample starts counting.
    const my = J.myservice!.core!;
    expect(windowCounts(my, E, T30)).toEqual({ bad: 31 * 720, total: 31 * 1_476_000 });
    // outage, (O - 2h, O + 3h]: 1200 steps of 150 requests; errors: 240 steps of 150 in the
    // outage hour (across the restart), and 1 in every 20 steps in each of the two clean runs of
    // 480 steps.
    expect(windowCounts(J.outage!.core!, O - 7200, O + 3 * 3600)).toEqual({
      bad: 240 * 150 + 2 * 24,
      total: 1200 * 150,
    });
  });

  /** Instants of a range query, and whether a sample sits exactly on each window start. */
  const onSample = (j: JobRules, t: number) => j.traffic.timestamps.includes(t);

  it('gives the engine’s window ratios, within 1e-9, for Sloth’s rules and Headroom’s, wherever a sample sits on the window start', async () => {
    const checks: Array<Promise<void>> = [];
    let compared = 0;
    let skipped = 0;
    for (const j of Object.values(J)) {
      // myservice: a point every 61 minutes through the last day (every minute of the hour);
      // outage and degraded: every 13 steps from 30 minutes before the incidents to 30 minutes
      // after the recovery, through the restart and the gap.
      const [from, to, step] =
        j.job === 'myservice' ? [T30 - DAY, T30, 3660] : [SLI_FROM, SLI_TO, 13 * 15];
      const windows = j.job === 'myservice' ? [...WINDOWS, 30 * DAY] : WINDOWS;
      for (const slo of j.slos) {
        const id = `${slo.service}-${slo.name}`;
        for (const w of windows) {
          const exprs =
            w === 30 * DAY
              ? [recordExpr(j.headroom, 'headroom_id', id, w)]
              : [
                  recordExpr(j.sloth, 'sloth_id', id, w),
                  recordExpr(j.headroom, 'headroom_id', id, w),
                ];
          for (const expr of exprs) {
            checks.push(
              client.queryRange(expr, from, to, step).then(series => {
                expect(series).toHaveLength(1);
                const s = series[0]!;
                expect(s.timestamps.length).toBe(Math.floor((to - from) / step) + 1);
                s.timestamps.forEach((t, i) => {
                  if (!onSample(j, t - w)) {
                    skipped++;
                    return;
                  }
                  const want = errorRatio(j.core!, t, w);
                  expect([j.job, id, w, t, Math.abs(s.values[i]! - want!) <= 1e-9]).toEqual([
                    j.job,
                    id,
                    w,
                    t,
                    true,
                  ]);
                  compared++;
                });
              }),
            );
          }
        }
      }
    }
    await Promise.all(checks);
    // 4 SLOs x (24 instants x 15 queries for myservice + 2 jobs x 74 instants x 14 queries).
    // Left out: the one instant (O + 11070) whose 5-minute window starts in the gap, for both
    // rule sets and the 4 degraded SLOs; see the extrapolation test.
    expect(compared + skipped).toBe(4 * (24 * 15 + 2 * 74 * 14));
    expect(skipped).toBe(2 * 4);
  });

  const instant = async (expr: string, t: number): Promise<number | null> => {
    const r = await client.query(expr, t);
    if (r.resultType !== 'vector') throw new Error(`${expr}: ${r.resultType}`);
    expect(r.result.length).toBeLessThanOrEqual(1);
    return r.result[0]?.value ?? null;
  };

  it('30 days of daily traffic: Headroom’s default period ratio is the event ratio, Sloth’s (longWindow: sloth) the plain average of 5-minute ratios', async () => {
    const my = J.myservice!;
    const id = 'svc01-slo1';
    const exactRule = recordExpr(my.headroom, 'headroom_id', id, 30 * DAY);
    // 720 errors in 1 476 000 requests every day.
    const exact = (await instant(exactRule, T30))!;
    expect(Math.abs(exact - 1 / 2050)).toBeLessThan(1e-12);
    expect(Math.abs(exact - errorRatio(my.core!, T30, 30 * DAY)!)).toBeLessThan(1e-9);
    // Evaluated between two scrapes, the window holds the samples from T30 - 30d + 1m: the
    // first (quiet) minute drops out, 1 error in 50 requests.
    const between = (await instant(exactRule, T30 + 30))!;
    expect(Math.abs(between - (30 * 720 - 1) / (30 * 1_476_000 - 50))).toBeLessThan(1e-12);

    // Sloth's 30-day ratio averages the recorded 5-minute ratios. A rule group evaluates between
    // scrapes (its offset is a hash of its name), where a 5-minute window holds 5 one-minute
    // samples: the ratio over the 4 minutes between them (see the extrapolation test). Per day,
    // by hand: 717 quiet windows at 1/50, 717 busy ones at 0, and at each of the two changes 3
    // mixed ones with k quiet minutes: k / (50k + 2000(4 - k)).
    const day = 717 / 50 + 2 * (1 / 6050 + 2 / 4100 + 3 / 2150);
    // Sloth's rule as written, over the 1440 recordings backfilled in the last day before T30.
    const slothRule = recordExpr(my.sloth, 'sloth_id', id, 30 * DAY);
    const headroomSlothRule = recordExpr(my.headroomSlothLong, 'headroom_id', id, 30 * DAY);
    for (const expr of [slothRule, headroomSlothRule]) {
      expect(Math.abs((await instant(expr, T30))! - day / 1440)).toBeLessThan(1e-12);
    }
    // The whole month: the recorded series replaced by a subquery of the 5-minute rule once a
    // minute, shifted 30 s off the scrapes. At T30 the subquery's 43 201 points end at T30 - 30d
    // ... T30; shifted, the windows end at T30 - 30d - 1m ... T30 - 1m: thirty whole days and
    // one more quiet window.
    const slothMonth = (30 * day + 1 / 50) / (30 * 1440 + 1);
    const month = (expr: string, groups: RuleGroup[], idLabel: string) =>
      expr.replace(
        /slo:sli_error:ratio_rate5m\{[^}]*\}\[30d\]/g,
        `(${recordExpr(groups, idLabel, id, 300).replace(/\[5m\]/g, '[5m] offset 30s')})[30d:1m]`,
      );
    const viaSloth = (await instant(month(slothRule, my.sloth, 'sloth_id'), T30))!;
    const viaHeadroom = (await instant(month(headroomSlothRule, my.headroom, 'headroom_id'), T30))!;
    expect(Math.abs(viaSloth - slothMonth)).toBeLessThan(1e-12);
    expect(Math.abs(viaHeadroom - slothMonth)).toBeLessThan(1e-12);
    // The engine's 4-minute ratios, averaged the same way.
    let sum = 0;
    let n = 0;
    for (let t = T30 - 30 * DAY - 60; t <= T30 - 60; t += 60) {
      sum += errorRatio(my.core!, t, 240)!;
      n++;
    }
    expect(Math.abs(sum / n - slothMonth)).toBeLessThan(1e-12);

    // 1/2050 against 0.00996: the average reads twenty times the real error ratio. Against the
    // 99.9 % objective, the event ratio leaves half the budget; the average has spent it
    // almost ten times over.
    expect(slothMonth / exact).toBeCloseTo(20.42, 2);
    expect(1 - exact / 0.001).toBeCloseTo(0.512, 3);
    expect(1 - slothMonth / 0.001).toBeCloseTo(-8.961, 3);
  });

  it('Headroom’s names: the budget remaining read from the period ratio is the engine’s', async () => {
    const my = J.myservice!;
    const id = 'svc01-slo1';
    const slo = my.slos.find(s => `${s.service}-${s.name}` === id)!;
    // The rules do not record the budget remaining with Headroom's names; the query derives it
    // from the recorded period ratio, whose rule expression stands in for it at T30 (recordings
    // have no history after a backfill).
    const period = recordExpr(my.headroom, 'headroom_id', id, 30 * DAY);
    const query = budgetRemainingQuery(slo, 'headroom');
    expect(query).toMatch(/^1 - slo:sli_error:ratio_rate30d\{headroom_id="svc01-slo1"\} \/ /);
    const got = (await instant(query.replace(/^1 - [^ ]+/, `1 - (${period})`), T30))!;
    const { bad, total } = windowCounts(my.core!, T30 - 30 * DAY, T30);
    const want = budgetStatus(slo.objective.target, bad, total).remaining!;
    // 720 errors in 1 476 000 requests a day against 0.1 %: 1 - 1000/2050 of the budget left.
    expect(Math.abs(want - (1 - 1000 / 2050))).toBeLessThan(1e-9);
    expect(Math.abs(got - want)).toBeLessThan(1e-9);
  });

  /** Evaluation times in the incident range at which an alert expression returned a value. */
  const firing = async (expr: string, step = SLI_EVAL): Promise<number[]> => {
    const r = await client.queryRange(expr, SLI_FROM, SLI_TO, step);
    expect(r.length).toBeLessThanOrEqual(1);
    return r[0] ? Array.from(r[0].timestamps) : [];
  };

  const PAGING = [
    'outage-svc01-slo1',
    'outage-svc02-slo1',
    'degraded-svc01-slo1',
    'degraded-svc02-slo1',
  ];
  const jobOf = (id: string) => J[id.split('-')[0]!]!;

  it('fires page and ticket alerts at the same instants for Sloth’s rules and Headroom’s, on the recorded history', async () => {
    let fired = 0;
    for (const id of PAGING) {
      const j = jobOf(id);
      for (const severity of ['page', 'ticket'] as const) {
        const sloth = await firing(slothAlert(j, id, severity));
        const ours = await firing(headroomAlert(j, id, severity));
        expect([id, severity, ours]).toEqual([id, severity, sloth]);
        fired += sloth.length;
      }
    }
    expect(fired).toBeGreaterThan(500);
  });

  /**
   * An alert expression with each recorded ratio replaced by its rule's expression: what one
   * evaluation computes when the recordings and the alert are evaluated at the same instant.
   */
  const inlined = (alert: string, groups: RuleGroup[], idLabel: string, id: string) =>
    alert.replace(/slo:sli_error:ratio_rate(\w+)\{[^}]*\}/g, (_m, w: string) => {
      const seconds = WINDOWS.find(x => sliRecordName(x) === `slo:sli_error:ratio_rate${w}`)!;
      return `(${recordExpr(groups, idLabel, id, seconds)})`;
    });

  it('pages as the engine does, at the hand-computed instants, with Sloth’s conditions and Headroom’s', async () => {
    const first: Record<string, number | undefined> = {};
    const differ: string[] = [];
    let compared = 0;
    for (const id of PAGING) {
      const j = jobOf(id);
      const slo = j.slos.find(s => `${s.service}-${s.name}` === id)!;
      for (const severity of ['page', 'ticket'] as const) {
        const sloth = await firing(inlined(slothAlert(j, id, severity), j.sloth, 'sloth_id', id));
        const ours = await firing(
          inlined(headroomAlert(j, id, severity), j.headroom, 'headroom_id', id),
        );
        expect([id, severity, ours]).toEqual([id, severity, sloth]);
        // The engine wherever every window the condition reads starts on a sample (windows that
        // start in the gap are the extrapolation test's subject).
        const windows = slo.alerting.windows
          .filter(w => w.severity === severity)
          .flatMap(w => [w.shortWindowSeconds, w.longWindowSeconds]);
        const on = new Set(sloth);
        for (let t = SLI_FROM; t <= SLI_TO; t += SLI_EVAL) {
          if (!windows.every(w => onSample(j, t - w))) continue;
          const engine = evaluateAlerts(slo, j.core!, t).some(
            a => a.severity === severity && a.firing,
          );
          if (engine !== on.has(t)) differ.push(`${id} ${severity} O+${t - O}: rules ${on.has(t)}`);
          compared++;
        }
        first[`${id} ${severity}`] = sloth[0];
      }
      // The fast page's group runs every 15 s.
      const fast = inlined(headroomAlert(j, id, 'fast'), j.headroom, 'headroom_id', id);
      first[`${id} fast`] = (await firing(fast, 15))[0];
    }
    expect(compared).toBeGreaterThan(3500);
    // One instant where a ratio sits exactly on a threshold: at R + 21m the 30-minute window
    // holds 36 error steps of 120, 108 / 18000 = 0.006 = 6 × 0.001. Sloth's threshold,
    // 6 × 0.0009999999999999432 (its float budget, which Headroom's rules keep), is just below:
    // the rules page. The engine's burn rate is exactly 6, not above 6: no page.
    expect(differ).toEqual([`degraded-svc01-slo1 page O+${RECOVERY + 1260 - O}: rules true`]);
    // By hand (t = O + 15k after k steps; 1 error in 20 steps before): the 1-hour ratio of the
    // 99.9 % SLO passes 14.4 × 0.001 after k = 4 full-outage steps ((600 + 12) / 36000), that of
    // the 99.99 % SLO (0.00144) after 1; at 2 %, 3k / 36000 passes 0.0144 at k = 173 and 0.00144
    // at k = 18. Alerts come at the next 30-second evaluation. Headroom's fast page (5-minute
    // ratio over 86.4 × budget and at least 10 failures, evaluated every 15 s) needs k = 2 and
    // k = 1 at full outage, and
    // 3k / 3000 > 0.00864 (k = 9) at 2 % for the 99.99 % SLO; 0.02 never passes 0.0864.
    // Tickets: the 3-day ratio of the 99.9 % SLO, (150k + 864) / 2 592 000, passes 0.001 at
    // k = 12; at 2 % it would take 864 steps (3.6 h): no ticket in the range. The 99.99 % SLO's
    // 1-day and 3-day ratios, 3k / 864 000 > 0.0003 and 3k / 2 592 000 > 0.0001, pass at k = 87;
    // its noise (1 / 3000) is over 3 × 0.0001 before the outage already.
    expect(Object.fromEntries(Object.entries(first).map(([k, v]) => [k, v && v - O]))).toEqual({
      'outage-svc01-slo1 page': 60,
      'outage-svc01-slo1 ticket': 180,
      'outage-svc01-slo1 fast': 30,
      'outage-svc02-slo1 page': 30,
      'outage-svc02-slo1 ticket': -1800,
      'outage-svc02-slo1 fast': 15,
      'degraded-svc01-slo1 page': 2610,
      'degraded-svc01-slo1 ticket': undefined,
      'degraded-svc01-slo1 fast': undefined,
      'degraded-svc02-slo1 page': 270,
      'degraded-svc02-slo1 ticket': 1320,
      'degraded-svc02-slo1 fast': 135,
    });
  });

  /**
   * What `rate()` sees of one counter in [t - w, t] (both ends included in Prometheus 2.x), and
   * the parts of its extrapolation: it scales the increase between the first and the last sample
   * in the window out to the window's edges, each by the distance to the edge when that is
   * under 1.1 average scrape intervals (else half an interval), except that it never
   * extrapolates a counter below zero: `clamped` when that shortened the start.
   */
  function seen(j: JobRules, values: number[], t: number, w: number) {
    const ts = j.scraped;
    const b = lastIndexAtOrBefore(ts, t);
    const before = lastIndexAtOrBefore(ts, t - w);
    const a = ts[before] === t - w ? before : before + 1;
    let increase = 0;
    for (let i = a + 1; i <= b; i++)
      increase += values[i]! >= values[i - 1]! ? values[i]! - values[i - 1]! : values[i]!;
    const sampled = ts[b]! - ts[a]!;
    const avg = sampled / (b - a);
    const toStart = ts[a]! - (t - w);
    const toEnd = t - ts[b]!;
    const edge = (d: number) => (d < 1.1 * avg ? d : avg / 2);
    return {
      first: ts[a]!,
      last: ts[b]!,
      sampled,
      extra: edge(toStart) + edge(toEnd),
      clamped: increase > 0 && (sampled * values[a]!) / increase < toStart,
    };
  }

  it('between scrapes: Prometheus gives the ratio over the samples inside the window, within the documented bounds of the engine’s', async () => {
    const cases: Array<{ j: JobRules; id: string; w: number; expr: string; range: number[] }> = [];
    for (const j of Object.values(J)) {
      const id = j.job === 'myservice' ? 'svc01-slo1' : `${j.job}-svc01-slo1`;
      // 23 s and 7 s after a scrape, through the last day and through the incidents.
      const [range, windows] =
        j.job === 'myservice'
          ? [
              [T30 - DAY + 23, T30, 3660],
              [300, 3600, DAY, 30 * DAY],
            ]
          : [
              [SLI_FROM + 7, SLI_TO, 195],
              [300, 1800, 3600, 21600],
            ];
      for (const w of windows) {
        const exprs = [recordExpr(j.headroom, 'headroom_id', id, w)];
        if (w !== 30 * DAY) exprs.push(recordExpr(j.sloth, 'sloth_id', id, w));
        for (const expr of exprs) cases.push({ j, id, w, expr, range });
      }
    }
    let exact = 0;
    let clamped = 0;
    let points = 0;
    let worst = 0;
    await Promise.all(
      cases.map(async ({ j, id, w, expr, range: [from, to, step] }) => {
        const [series] = await client.queryRange(expr, from!, to!, step!);
        expect(series!.timestamps.length).toBe(Math.floor((to! - from!) / step!) + 1);
        series!.timestamps.forEach((t, i) => {
          const prom = series!.values[i]!;
          const ok = seen(j, j.traffic.ok, t, w);
          const err = seen(j, j.traffic.err, t, w);
          const core = j.core!;
          // The engine over the samples inside the window, (first, last].
          const inside = errorRatio(core, ok.last, ok.last - ok.first)!;
          const at = [j.job, id, w, t - O];
          if (!ok.clamped && !err.clamped) {
            // Both counters scaled alike: the scaling cancels in the ratio.
            expect([...at, Math.abs(prom - inside) <= 1e-9]).toEqual([...at, true]);
            exact++;
          } else {
            // One counter scaled less: by at most extra / sampled, which moves a ratio r by at
            // most that times r (1 - r).
            const bound = (ok.extra / ok.sampled) * inside * (1 - inside) + 1e-12;
            expect([...at, Math.abs(prom - inside) <= bound]).toEqual([...at, true]);
            clamped++;
          }
          // The engine over (t - w, t] also counts the step that straddles the window start:
          // the difference is at most that step's share of the requests.
          const straddling = windowCounts(core, t - w, ok.first).total;
          const all = windowCounts(core, t - w, t).total;
          const diff = Math.abs(prom - errorRatio(core, t, w)!);
          worst = Math.max(worst, diff);
          expect([...at, diff <= straddling / all + 1e-9]).toEqual([...at, true]);
          points++;
        });
      }),
    );
    // myservice: 24 instants x 7 queries; the other two jobs: 74 instants x 8 queries.
    expect(points).toBe(24 * 7 + 2 * 74 * 8);
    expect(exact + clamped).toBe(points);
    expect(exact).toBeGreaterThan(1000);
    // Windows that start before the degradation while the error counter is still 0 (and after
    // the restart in the outage, while the success counter is): Prometheus does not
    // extrapolate those counters below zero.
    expect(clamped).toBeGreaterThan(100);
    expect(worst).toBeGreaterThan(1e-4);
  }, 60_000);

  it('between scrapes, by hand: a counter at zero, a window that starts in a gap, a window with one sample', async () => {
    const j = J.degraded!;
    const id = 'degraded-svc01-slo1';
    const five = [
      recordExpr(j.sloth, 'sloth_id', id, 300),
      recordExpr(j.headroom, 'headroom_id', id, 300),
    ];
    const core = j.core!;

    // O + 67: the window [O - 233, O + 67] holds the samples O - 225 ... O + 60 (sampled 285 s,
    // 8 s to the start, 7 s to the end). Errors went 0 → 12, in the last 4 steps. The error
    // counter was 0 at the first sample, so Prometheus extrapolates it to the end only
    // (12 × 292 / 285), the success counter both ways (2838 × 300 / 285).
    for (const expr of five) {
      expect(Math.abs((await instant(expr, O + 67))! - 3504 / 854_904)).toBeLessThan(1e-15);
    }
    // The engine: (O - 233, O + 67] from the sample at O - 240, 20 steps, 12 errors in 3000.
    expect(errorRatio(core, O + 67, 300)).toBe(0.004);
    // Over the samples inside only: 12 in 2850.
    expect(errorRatio(core, O + 60, 285)).toBeCloseTo(12 / 2850, 15);

    // R + 180, where R is the recovery: the window starts in the gap [R - 120, R + 120). Inside
    // it only clean samples after the gap: 0. The engine counts from the last sample before the
    // gap (R - 135): 21 steps, 9 of them (up to R) with 3 errors, 27 / 3150.
    for (const expr of five) expect(await instant(expr, RECOVERY + 180)).toBe(0);
    expect(errorRatio(core, RECOVERY + 180, 300)).toBeCloseTo(27 / 3150, 15);

    // R + 125 over 1 minute: one sample (R + 120) in the window, so rate() has no value; the
    // engine counts the step across the gap from R - 135: 27 errors in 17 × 150.
    for (const expr of five) {
      expect(await instant(expr.replace(/\[5m\]/g, '[1m]'), RECOVERY + 125)).toBeNull();
    }
    expect(errorRatio(core, RECOVERY + 125, 60)).toBeCloseTo(27 / 2550, 15);
  });
});
