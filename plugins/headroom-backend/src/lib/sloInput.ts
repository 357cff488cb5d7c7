import { formatIssue, sloFromObject, type Slo, type SloIssue } from '@headroom/core';
import { inputToOpenSlo, type SloInput } from '@headroom/plugin-headroom-common';

export interface BuiltSlo {
  slo?: Slo;
  issues: SloIssue[];
  messages: string[];
}

/**
 * Validates an API body the way a file is validated and returns the one SLO it defines.
 * `where` names the request in messages.
 */
export function sloFromInput(
  input: SloInput,
  context: { service: string; owner?: string; lineOfBusiness?: string; where: string },
): BuiltSlo {
  const issues: SloIssue[] = [];
  if ((input.indicator.bad === undefined) === (input.indicator.good === undefined)) {
    issues.push({
      file: context.where,
      docIndex: 0,
      path: 'indicator',
      message: 'needs exactly one of bad and good',
    });
  }
  const result = sloFromObject(inputToOpenSlo(input, context.service), context.where, {
    strict: true,
    defaults: {
      service: context.service,
      ...(context.owner ? { owner: context.owner } : {}),
      ...(context.lineOfBusiness ? { lineOfBusiness: context.lineOfBusiness } : {}),
    },
  });
  issues.push(...result.issues.map(inputPath));
  if (issues.length > 0 || result.slos.length !== 1) {
    if (issues.length === 0) {
      issues.push({
        file: context.where,
        docIndex: 0,
        path: '',
        message: 'does not define exactly one SLO',
      });
    }
    return { issues, messages: issues.map(formatIssue) };
  }
  const slo = result.slos[0]!;
  if (input.alerting?.page === false) slo.alerting.page.enabled = false;
  if (input.alerting?.ticket === false) slo.alerting.ticket.enabled = false;
  return { slo, issues: [], messages: [] };
}

/** The request's own field for an issue found in the OpenSLO document built from it. */
const QUERY_PATH =
  /^spec\.indicator\.spec\.ratioMetric\.(good|bad|total)\.metricSource\.spec\.query$/;

function inputPath(issue: SloIssue): SloIssue {
  const m = QUERY_PATH.exec(issue.path);
  return m ? { ...issue, path: `indicator.${m[1]}` } : issue;
}
