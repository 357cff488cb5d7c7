import { formatRfc3339 } from '../incidents/rfc3339';
import type { DependantImpact, DrillRunFacts } from './history';
import type { DrillRunRecord } from './types';

/** A stored run as tests write it: `passed` of `probes` probes passed; times in Unix seconds. */
export function testRun(o: {
  service: string;
  drill?: string;
  slo?: string;
  at: number;
  verdict?: DrillRunRecord['verdict'];
  probes?: number;
  passed?: number;
  weights?: number[];
  target?: string;
  alertFiredAt?: number | null;
  detectionWithin?: boolean | null;
  recoveryWithin?: boolean | null;
  alertExpected?: boolean;
  alertSeverity?: 'page' | 'ticket';
  dependants?: DependantImpact[];
}): DrillRunFacts {
  const probes = o.probes ?? 6;
  const passed = o.passed ?? probes;
  const skipped = o.verdict === 'Skipped';
  const alertFiredAt = o.alertFiredAt === undefined ? o.at + 40 : o.alertFiredAt;
  return {
    record: {
      drill: o.drill ?? `${o.service}-drill`,
      service: o.service,
      slo: o.slo ?? 'availability',
      verdict: o.verdict ?? (passed === probes ? 'Pass' : 'Fail'),
      summary: 'test',
      startedAt: formatRfc3339(o.at),
      faultStartedAt: skipped ? null : formatRfc3339(o.at + 10),
      faultEndedAt: skipped ? null : formatRfc3339(o.at + 310),
      endedAt: formatRfc3339(o.at + 900),
      probes: Array.from({ length: probes }, (_, i) => ({
        name: `p${i}`,
        mode: 'OnChaos' as const,
        passed: i < passed,
        detail: '',
      })),
      detection: {
        expected: o.alertExpected ?? true,
        alertFiredAt: alertFiredAt === null ? null : formatRfc3339(alertFiredAt),
        ttdSeconds: alertFiredAt === null ? null : alertFiredAt - o.at - 10,
        withinTarget: o.detectionWithin === undefined ? true : o.detectionWithin,
      },
      recovery: {
        expected: true,
        recoveredAt: null,
        ttrSeconds: null,
        withinTarget: o.recoveryWithin === undefined ? true : o.recoveryWithin,
      },
      aborted: null,
      budgetSpent: 0.01,
      resilienceScore: (100 * passed) / probes,
    },
    faults: (o.weights ?? [10]).map(weight => ({
      type: 'errors' as const,
      target: o.target ?? o.service,
      weight,
    })),
    ...(o.alertSeverity ? { alertSeverity: o.alertSeverity } : {}),
    ...(o.dependants ? { dependants: o.dependants } : {}),
  };
}
