import './browserGlobals';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, type Console, type EvaluationJson } from '@headroom/cli';
import {
  evaluateSlo,
  parseSloDocuments,
  prepareSeries,
  toOpenSloV1,
  windowStart,
  type Slo,
} from '@headroom/core';
import { fetchCounterSamples, PrometheusClient } from '@headroom/prometheus';
import { sloBurndown } from '../../plugins/headroom-backend/src/evaluation/burndownRoute';
import { previewSlo } from '../../plugins/headroom-backend/src/evaluation/preview';
import { SloEvaluator } from '../../plugins/headroom-backend/src/evaluation/SloEvaluator';
import type {
  EvaluationQueue,
  EvaluationRecord,
  StoredSlo,
} from '../../plugins/headroom-backend/src/database/types';
import type { SloWithStatus } from '../../plugins/grafana-datasource/src/api/types';
import { evaluateRecord } from '../../plugins/grafana-datasource/src/slo';
import { burnRateFrame, statusFrame } from '../../plugins/grafana-datasource/src/frames/sloFrames';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../prometheus/prometheus';
import {
  AT,
  failingBetween,
  iso,
  LOST_AT_RESTART,
  MONTH_START,
  openMetrics,
  PER_POD_MINUTE,
  RESTART,
  SLO_FILES,
  STEP,
  type Shown,
} from './sloSurfacesData';

/**
 * The same two SLOs on the same counters, evaluated at the same instant by the CLI
 * (`headroom report --prometheus`), the backend (scheduled evaluation, preview and burndown) and
 * the Grafana datasource, each through its own code, against a real Prometheus: the numbers must
 * be the same to the last bit. The instant is the 2nd of a month, where the three used to read
 * different ranges for the calendar-month SLO; the counters hold a reset and a gap.
 */

function capture(): Console & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTTY: false, out: t => stdout.push(t), err: t => stderr.push(t) };
}

async function throughCli(url: string, files: string[]): Promise<Map<string, Shown>> {
  const io = capture();
  const args = ['report', '--prometheus', url, '--step', String(STEP), '--at', iso(AT)];
  expect(await run([...args, '--format', 'json', ...files], io)).toBe(0);
  const rows = JSON.parse(io.stdout.join('')) as EvaluationJson[];
  return new Map(
    rows.map(r => [
      r.slo,
      {
        sli: r.sli,
        budgetRemaining: r.errorBudget.remaining,
        burnRates: r.burnRates,
        alertState: r.alertState,
        windowEnd: r.windowEnd,
      },
    ]),
  );
}

function storedSlo(slo: Slo): StoredSlo {
  return {
    id: slo.name,
    entityRef: 'component:default/ledger',
    name: slo.name,
    origin: 'file',
    sourceLocation: null,
    version: 1,
    ownerRef: 'group:default/team-ledger',
    lineOfBusiness: 'payments',
    displayName: null,
    description: null,
    objective: slo.objective.target,
    window: slo.window.duration,
    evaluationIntervalSeconds: 60,
    definition: slo,
    input: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    updatedBy: 'user:default/test',
    nextEvaluationAt: null,
  };
}

/** The scheduled evaluation's stored record, the burndown route's window end; the preview must agree. */
async function throughBackend(url: string, slos: Slo[]): Promise<Map<string, Shown>> {
  const recorded = new Map<string, EvaluationRecord>();
  const queue = {
    recordEvaluation: async (id: string, record: EvaluationRecord) => {
      recorded.set(id, record);
    },
    recordFailure: async (_id: string, error: string) => {
      throw new Error(`evaluation failed: ${error}`);
    },
  } as unknown as EvaluationQueue;
  const logger = { info() {}, warn() {}, error() {}, debug() {}, child: () => logger };
  const evaluator = new SloEvaluator({
    queue,
    logger: logger as never,
    settings: {
      enabled: true,
      prometheusUrl: url,
      timeoutMs: 10_000,
      schedulerIntervalSeconds: 30,
      defaultIntervalSeconds: 60,
      concurrency: 1,
      batchSize: 10,
      stepSeconds: STEP,
    },
  });
  const client = new PrometheusClient({ url });
  const shown = new Map<string, Shown>();
  for (const slo of slos) {
    const stored = storedSlo(slo);
    // A few seconds past the minute, as the scheduler runs: the plan floors it to the step.
    const now = new Date((AT + 7) * 1000);
    expect(await evaluator.evaluate(stored, now)).toBe(true);
    const r = recorded.get(slo.name)!;
    expect(r.evaluatedAt.toISOString()).toBe(new Date(AT * 1000).toISOString());
    const bd = await sloBurndown(client, stored, now, { points: 200, sampleStepSeconds: STEP });
    const preview = await previewSlo(client, slo, now, STEP);
    expect(preview).toMatchObject({
      sli: r.sli,
      budgetRemaining: r.budgetRemaining,
      burnRates: r.burnRates,
      alertState: r.alertState,
    });
    // The burndown's last point is the budget left at the evaluation.
    expect(bd.points[bd.points.length - 1]).toEqual({ t: AT, remaining: r.budgetRemaining });
    shown.set(slo.name, {
      sli: r.sli,
      budgetRemaining: r.budgetRemaining,
      burnRates: Object.fromEntries(r.burnRates.map(b => [b.window, b.rate])),
      alertState: r.alertState,
      windowEnd: iso(bd.windowEnd),
    });
  }
  return shown;
}

/** What the backend's list gives the datasource: the stored SLO with its OpenSLO definition. */
function sloRecord(slo: Slo): SloWithStatus {
  const s = storedSlo(slo);
  return {
    ...s,
    definition: toOpenSloV1(slo),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    status: null,
  } as unknown as SloWithStatus;
}

async function throughGrafana(url: string, slos: Slo[]): Promise<Map<string, Shown>> {
  // The datasource reaches Prometheus through Grafana's data proxy; here, directly.
  const client = new PrometheusClient({ url });
  const shown = new Map<string, Shown>();
  for (const slo of slos) {
    const result = await evaluateRecord(client, sloRecord(slo), AT + 7, 3600);
    const status = statusFrame(result, 'A');
    const field = (name: string) => status.fields.find(f => f.name === name)!.values[0];
    // The burn-rate frame shows the alert windows; each must be the evaluation's own number.
    const rates = burnRateFrame(result, 'A');
    const windows = rates.fields.find(f => f.name === 'window')!.values as string[];
    const frameRates = rates.fields.find(f => f.name === 'rate')!.values as (number | null)[];
    const burnRates = Object.fromEntries(result.evaluation.burnRates.map(b => [b.window, b.rate]));
    windows.forEach((w, i) => expect(frameRates[i]).toBe(burnRates[w]));
    shown.set(slo.name, {
      sli: field('sli') as number | null,
      budgetRemaining: field('budgetRemaining') as number | null,
      burnRates,
      alertState: field('alertState') as string,
      windowEnd: iso((field('windowEnd') as number) / 1000),
    });
  }
  return shown;
}

describe('one SLO, one number: CLI, backend and Grafana datasource', () => {
  let prom: RunningPrometheus;
  let dir: string;
  let files: string[];
  let slos: Slo[];

  beforeAll(async () => {
    dir = tempDir('headroom-surfaces-');
    backfill(openMetrics(), join(dir, 'data'));
    prom = await startPrometheus({ dir });
    mkdirSync(join(dir, 'slos'));
    files = Object.entries(SLO_FILES).map(([name, text]) => {
      const file = join(dir, 'slos', name);
      writeFileSync(file, text);
      return file;
    });
    slos = Object.entries(SLO_FILES).flatMap(([name, text]) => {
      const parsed = parseSloDocuments(text, name);
      expect(parsed.issues).toEqual([]);
      return parsed.slos;
    });
  }, 180_000);

  afterAll(async () => {
    await prom?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives identical SLI, budget, burn rates, alert state and window end', async () => {
    const cli = await throughCli(prom.url, files);
    const backend = await throughBackend(prom.url, slos);
    const grafana = await throughGrafana(prom.url, slos);
    for (const name of ['availability', 'availability-monthly']) {
      expect(backend.get(name)).toEqual(cli.get(name));
      expect(grafana.get(name)).toEqual(cli.get(name));
    }

    const rolling = cli.get('availability')!;
    const monthly = cli.get('availability-monthly')!;
    expect(rolling.windowEnd).toBe('2026-12-02T12:00:00Z');
    // December has 31 days: its window ends on 1 January, not 30 nominal days after the 1st.
    expect(monthly.windowEnd).toBe('2027-01-01T00:00:00Z');
    // The last six hours fail at 1 % against a 0.1 % budget. The window's edges read the scrapes
    // 45 s before them: 45 s at 0.1 % and 5 h 59 min 15 s at 1 %, a burn of 9.98125×, so the slow
    // page (6h and 30m above 6×) fires.
    expect(rolling.burnRates['6h']).toBeCloseTo((0.75 * 0.001 + 359.25 * 0.01) / 360 / 0.001, 9);
    expect(rolling.alertState).toBe('page');
    expect(monthly.alertState).toBe('page');
    // Both windows hold the reset and the gap, and the 3-day window the November errors.
    expect(monthly.burnRates['3d']).toBe(rolling.burnRates['3d']);
    expect(monthly.burnRates['30d']).toBe(rolling.burnRates['30d']);
  }, 180_000);

  it('counts across the reset and the gap: only what pod b served between its last scrape and its restart is lost', async () => {
    const io = capture();
    await run(
      ['report', '--prometheus', prom.url, '--at', iso(AT), '--format', 'json', files[1]!],
      io,
    );
    const [monthly] = JSON.parse(io.stdout.join('')) as EvaluationJson[];
    // 36 hours of two pods at 100 requests a minute, since midnight on the 1st.
    const served = 36 * 60 * 2 * PER_POD_MINUTE;
    expect(monthly!.events.total).toBeCloseTo(served - LOST_AT_RESTART, 6);
    // The window's edges read the scrapes 45 s before them, on both sides: whole minutes of traffic.
    const failing =
      2 * failingBetween(MONTH_START - 45, AT - 45) - failingBetween(RESTART - 30, RESTART); // pod b's failures lost with its counters
    expect(monthly!.events.total - monthly!.events.good).toBeCloseTo(failing, 6);
  }, 60_000);

  it('reads what a calendar month needs from before its start: the old window-only read gave another 3-day burn', async () => {
    const client = new PrometheusClient({ url: prom.url });
    const monthly = slos.find(s => s.name === 'availability-monthly')!;
    const [cliRow] = [...(await throughCli(prom.url, [files[1]!])).values()];
    // What `report --prometheus` read before the sample plan: from one step before the 1st.
    const old = await fetchCounterSamples(
      client,
      monthly,
      windowStart(monthly.window, AT) - STEP,
      AT,
      STEP,
    );
    const oldRates = evaluateSlo(monthly, prepareSeries(old), { at: AT }).burnRates;
    const old3d = oldRates.find(b => b.window === '3d')!.rate!;
    expect(old3d).not.toBeCloseTo(cliRow!.burnRates['3d']!, 3);
    // The November errors at 0.5 % raise the 3-day burn above what the 1.5 days since the 1st show.
    expect(cliRow!.burnRates['3d']!).toBeGreaterThan(old3d);
  }, 60_000);
});
