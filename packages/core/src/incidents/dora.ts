import { durationStat } from './stats';
import type { DeployEvent, Incident, Stat } from './types';

/** How long after a deployment an incident is still blamed on it, unless a later deploy came first. */
export const DEFAULT_ATTRIBUTION_SECONDS = 86400;

export interface DeploymentOutcome {
  deploy: DeployEvent;
  /** The first incident of the service whose impact started after this deployment, before the next. */
  incidentId: string | null;
  /** Recovery (mitigation, else resolution) − deployment; null while not recovered or not failed. */
  recoverySeconds: number | null;
}

export interface DoraSummary {
  deployments: number;
  failed: number;
  /** failed / deployments (DORA's change failure rate); null without deployments. */
  changeFailureRate: number | null;
  /** Failed deployment recovery time, over the failed deployments that have recovered. */
  failedDeploymentRecovery: Stat | null;
  outcomes: DeploymentOutcome[];
}

/**
 * DORA's change failure rate and failed deployment recovery time: a deployment failed when an
 * incident of the same service started (impact start) at or after it and before both the
 * service's next deployment and `attributionSeconds` later. Recovery time runs from the
 * deployment to the incident's mitigation (its resolution when mitigation is unknown), as
 * DevLake counts it.
 */
export function doraSummary(
  deploys: readonly DeployEvent[],
  incidents: readonly Incident[],
  attributionSeconds = DEFAULT_ATTRIBUTION_SECONDS,
): DoraSummary {
  const sorted = [...deploys].sort((a, b) => a.at - b.at);
  const outcomes: DeploymentOutcome[] = sorted.map((deploy, i) => {
    const next = sorted.slice(i + 1).find(d => d.service === deploy.service);
    const until = Math.min(next?.at ?? Infinity, deploy.at + attributionSeconds);
    const caused = incidents
      .filter(
        inc =>
          inc.target.service === deploy.service &&
          inc.impactStart >= deploy.at &&
          inc.impactStart < until,
      )
      .sort((a, b) => a.impactStart - b.impactStart)[0];
    const recoveredAt = caused ? (caused.mitigatedAt ?? caused.resolvedAt) : null;
    return {
      deploy,
      incidentId: caused?.id ?? null,
      recoverySeconds: recoveredAt === null ? null : recoveredAt - deploy.at,
    };
  });
  const failed = outcomes.filter(o => o.incidentId !== null);
  return {
    deployments: outcomes.length,
    failed: failed.length,
    changeFailureRate: outcomes.length > 0 ? failed.length / outcomes.length : null,
    failedDeploymentRecovery: durationStat(
      failed.map(o => o.recoverySeconds).filter((v): v is number => v !== null),
    ),
    outcomes,
  };
}
