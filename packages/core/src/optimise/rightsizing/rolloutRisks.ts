import { formatMoney, type Money } from '../../cost/decimal';
import { fmt, pct } from '../format';
import type {
  Allocation,
  RightSizingRecommendation,
  ScaleDownSchedule,
  SloState,
} from '../rightsize';
import type { Notes } from './notes';

const DAY = 86400;

/**
 * The risks of rolling the change out: a cut of more than half, less than a week of history, a
 * single replica, a reduction while the SLO burns, an increase (priced as a reliability fix,
 * never a negative saving), and a schedule that relies on the driver's pattern.
 */
export function rolloutRisks(
  a: {
    cur: Allocation;
    rec: Allocation;
    relCpu: number;
    relMem: number;
    historySeconds: number;
    slo: SloState | undefined;
    action: RightSizingRecommendation['action'];
    total: Money;
    currency: string;
    schedule: ScaleDownSchedule | null;
    driverName: string;
  },
  notes: Notes,
): void {
  const { rec, relCpu, relMem, slo } = a;
  const curMemTotal = a.cur.memRequest * a.cur.replicas;
  const cut = (r: number) => r < -0.5;
  if (cut(relCpu) || cut((rec.memRequest * rec.replicas) / curMemTotal - 1)) {
    notes.risks.push({
      level: 'medium',
      reason: `a cut of more than half (cpu ${pct(relCpu)}, memory ${pct(relMem)}): roll out in steps and watch the SLO`,
    });
  }
  const days = a.historySeconds / DAY;
  if (days < 7)
    notes.risks.push({
      level: 'medium',
      reason: `only ${fmt(days)} days of history: no full week seen`,
    });
  if (rec.replicas < 2)
    notes.risks.push({ level: 'medium', reason: 'a single replica has no redundancy' });
  if (
    slo &&
    slo.burnRate !== undefined &&
    slo.burnRate !== null &&
    slo.burnRate > 1 &&
    a.action === 'reduce'
  ) {
    notes.risks.push({
      level: 'high',
      reason: `cutting while the SLO ${slo.name} burns at ${fmt(slo.burnRate)}×`,
    });
  }
  if (a.total < 0n) {
    // An increase buys back headroom the SLO needs at the forecast peak: it is a risk to fix,
    // priced, never a negative "saving" beside the real ones.
    const burning = slo?.burnRate != null && slo.burnRate > 1;
    notes.risks.push({
      level: burning ? 'high' : 'medium',
      reason:
        `under-provisioned for the forecast peak: the change costs ${formatMoney(-a.total)} ${a.currency} a month more; ` +
        `a reliability fix, not a saving${burning ? ` (the SLO ${slo!.name} burns at ${fmt(slo!.burnRate!)}×)` : ''}`,
    });
  }
  if (a.schedule) {
    notes.risks.push({
      level: 'low',
      reason: `scale-down windows rely on the ${a.driverName} pattern holding; the schedule returns to ${a.schedule.replicas} replicas at each window's end`,
    });
  }
}
