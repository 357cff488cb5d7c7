import type { CapacityRecommendation } from '@headroom/core';
import Table from 'cli-table3';
import type { Colours } from '../io/console';
import { COMPACT } from '../output/table';
import type { RecordedAssessment } from './backendRecord';

function fmt(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** The table of needed against requested capacity, one row per resource. */
export function renderCapacity(
  pc: Colours,
  entity: string,
  peak: number,
  recs: CapacityRecommendation[],
): string {
  const table = new Table({
    head: ['Resource', 'Needed at peak', 'Requested now', 'Verdict', `N-fold`, 'Fit'].map(h =>
      pc.bold(h),
    ),
    style: { head: [], border: [] },
    chars: COMPACT,
  });
  for (const r of recs) {
    const fmt = (v: number) => `${v.toFixed(2)} ${r.unit}`;
    table.push([
      r.unit === 'cores' ? 'CPU' : 'Memory',
      fmt(r.needed),
      r.current ? fmt(r.current.provisioned) : '–',
      r.current ? verdictText(pc, r.current.verdict, r.current.relative) : '–',
      r.nFold
        ? `${fmt(r.nFold.provisioned)} (${verdictText(pc, r.nFold.verdict, r.nFold.relative)})`
        : '–',
      r.quality,
    ]);
  }
  return `${pc.bold(entity)}: driver peak forecast ${peak.toFixed(1)}/s\n${table.toString()}`;
}

function verdictText(pc: Colours, verdict: string, relative: number): string {
  const text = `${verdict} (${relative >= 0 ? '+' : ''}${(relative * 100).toFixed(0)}%)`;
  return verdict === 'under-provisioned'
    ? pc.red(text)
    : verdict === 'over-provisioned'
      ? pc.yellow(text)
      : pc.green(text);
}

/** The text report: the table, each resource's explanation, and what was recorded. */
export function renderCapacityReport(
  pc: Colours,
  entity: string,
  driverPeak: number,
  recommendations: CapacityRecommendation[],
  recorded: RecordedAssessment[],
): string[] {
  const lines = [renderCapacity(pc, entity, driverPeak, recommendations)];
  for (const r of recommendations) {
    lines.push(
      `\n${pc.bold(r.unit === 'cores' ? 'CPU' : 'Memory')}:\n${r.explanation.map(l => `  - ${l}`).join('\n')}`,
    );
  }
  for (const r of recorded) {
    lines.push(
      `\nRecorded ${r.unit === 'cores' ? 'CPU' : 'memory'} assessment version ${r.version} of ${r.entityRef}: ` +
        `${fmt(r.needed)} ${r.unit} needed at utilisation ${fmt(r.utilisation)}` +
        (r.latencyUtilisationCap === null
          ? ''
          : ` (the latency objective caps it at ${fmt(r.latencyUtilisationCap)})`),
    );
  }
  return lines;
}
