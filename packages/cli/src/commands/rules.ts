import { writeFileSync } from 'node:fs';
import {
  checkedRulesHeader,
  generateCheckedRules,
  isKubernetesName,
  isKubernetesNamespace,
  renderRuleFile,
  slothPrometheusRuleMeta,
} from '@headroom/prometheus';
import { EXIT_FINDINGS, EXIT_OK, InputError } from '../errors';
import type { Console } from '../io/console';
import { loadValidSloFiles } from '../io/sloFiles';

export interface RulesOptions {
  labels: 'sloth' | 'headroom';
  longWindow: 'exact' | 'sloth';
  fastPage: boolean;
  /** `sloth`: Sloth's own groups and rules (its plugins applied). */
  layout?: 'headroom' | 'sloth';
  k8s?: string;
  namespace?: string;
  out?: string;
}

/**
 * `headroom rules <files…>`: Prometheus recording and alerting rules for every SLO in the files,
 * as a rule file (or a PrometheusRule resource with --k8s), on stdout or into --out. An SLO whose
 * rules Prometheus would refuse is left out, named on stderr and in the file's header (exit 1),
 * so that the others still get their alerts.
 */
export function rulesCommand(files: string[], opts: RulesOptions, io: Console): number {
  const slos = loadValidSloFiles(files);
  if (opts.namespace !== undefined && opts.k8s === undefined) {
    throw new InputError('--namespace: only meaningful with --k8s <name>');
  }
  if (opts.k8s !== undefined && !isKubernetesName(opts.k8s)) {
    throw new InputError(
      `--k8s: "${opts.k8s}" is not a valid Kubernetes resource name (lower-case letters, digits, - and .)`,
    );
  }
  if (opts.namespace !== undefined && !isKubernetesNamespace(opts.namespace)) {
    throw new InputError(
      `--namespace: "${opts.namespace}" is not a valid Kubernetes namespace (lower-case letters, digits and -, at most 63)`,
    );
  }
  // As Sloth does for a PrometheusServiceLevel, the resource's labels label the PrometheusRule.
  const meta = opts.layout === 'sloth' ? slothPrometheusRuleMeta(slos) : undefined;
  const k8s =
    opts.k8s === undefined
      ? false
      : {
          name: opts.k8s,
          ...(opts.namespace ? { namespace: opts.namespace } : {}),
          ...(meta ? { labels: meta.labels, annotations: meta.annotations } : {}),
        };
  let text: string;
  let leftOut: ReturnType<typeof generateCheckedRules>['leftOut'];
  try {
    const result = generateCheckedRules(slos, {
      labels: opts.labels,
      longWindow: opts.longWindow,
      fastPage: opts.fastPage,
      layout: opts.layout ?? 'headroom',
      k8s,
    });
    leftOut = result.leftOut;
    text = renderRuleFile(result, { k8s, header: checkedRulesHeader(leftOut) });
  } catch (e) {
    // The generator names the file, document, SLO and field; that is the whole message.
    throw new InputError((e as Error).message);
  }
  for (const s of leftOut) io.err(`left out ${s.id}: ${s.message}`);
  if (opts.out) {
    writeFileSync(opts.out, text);
    io.err(`wrote rules for ${slos.length - leftOut.length} SLO(s) to ${opts.out}`);
  } else {
    io.out(text);
  }
  return leftOut.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}
