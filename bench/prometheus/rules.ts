import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseSloDocuments, type Slo } from '@headroom/core';
import {
  generateRules,
  renderRuleFile,
  type GenerateOptions,
  type RuleGroup,
} from '@headroom/prometheus';

/**
 * Rules for the benchmark's services from Sloth's own example (in-base.yaml, SLO slo1: 99.9 %
 * over 30 days, error and total queries on `http_request_duration_seconds_count`): Sloth's
 * golden output for it, and Headroom's rules for the same spec. Each service gets the example
 * with its query's `job="myservice"` turned into `service="<name>"` and svc01 into the service
 * name; Sloth copies queries and names into its rules verbatim, so the substituted golden file is
 * what `sloth generate` prints for the substituted spec.
 */

function referenceFile(name: string): string {
  const root =
    process.env.HEADROOM_REFERENCE_DIR ??
    resolve(__dirname, '..', '..', '..', '..', 'shared', 'reference');
  const path = resolve(root, 'sloth', name);
  if (!existsSync(path)) {
    throw new Error(
      `Sloth reference file ${name} not found under ${root}: set HEADROOM_REFERENCE_DIR`,
    );
  }
  return readFileSync(path, 'utf8');
}

const moveTo = (text: string, service: string) =>
  text.replace(/job="myservice"/g, `service="${service}"`).replace(/svc01/g, service);

/** Sloth's generated groups for slo1 of `service` (SLI recordings, metadata, alerts). */
export function slothGroups(service: string): RuleGroup[] {
  const golden = referenceFile('out-base.yaml.tpl')
    .replace(/\{\{ \.version \}\}/g, 'v-bench')
    .replace(/\{\{"(\{\{[^"]*\}\})"\}\}/g, '$1');
  const groups = (parse(moveTo(golden, service)) as { groups: RuleGroup[] }).groups;
  return groups.filter(g => g.name.endsWith(`-${service}-slo1`));
}

export function slothRuleFile(services: string[]): string {
  return stringify({ groups: services.flatMap(slothGroups) }, { lineWidth: 0 });
}

export function sloFor(service: string): Slo {
  const r = parseSloDocuments(
    moveTo(referenceFile('in-base.yaml'), service),
    `in-base.yaml (${service})`,
  );
  if (r.issues.length) throw new Error(JSON.stringify(r.issues));
  const slo = r.slos.find(s => s.name === 'slo1');
  if (!slo) throw new Error('in-base.yaml has no slo1');
  return slo;
}

/** Headroom's rules for the same SLOs; `headroom_*` labels so that they can sit beside Sloth's. */
export function headroomGroups(services: string[], options: GenerateOptions = {}): RuleGroup[] {
  return generateRules(services.map(sloFor), { labels: 'headroom', ...options }).groups;
}

export function headroomRuleFile(services: string[], options: GenerateOptions = {}): string {
  return renderRuleFile({ groups: headroomGroups(services, options) });
}
