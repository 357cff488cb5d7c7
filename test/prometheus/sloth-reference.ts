import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseSloDocuments, type Slo } from '@headroom/core';
import type { Rule } from '@headroom/prometheus';
import { referenceDir } from '../reference';

export const slothFile = (file: string) => readFileSync(join(referenceDir('sloth'), file), 'utf8');

/** Sloth's golden output with its Go-template escapes rendered, as `sloth generate` prints it. */
export function renderSlothGolden(file: string): string {
  return slothFile(file)
    .replace(/\{\{ \.version \}\}/g, 'v-test')
    .replace(/\{\{"(\{\{[^"]*\}\})"\}\}/g, '$1');
}

export function readSlothRules(file: string): Rule[] {
  return parseAllDocuments(renderSlothGolden(file)).flatMap(d => {
    const doc = d.toJS() as { groups: Array<{ name: string; rules: Rule[] }> };
    return doc.groups.flatMap(g => g.rules);
  });
}

/** Sloth's spec through Headroom's parser, as `headroom rules` reads it; any issue is an error. */
export function parseSlothSpec(
  file: string,
  options: Parameters<typeof parseSloDocuments>[2] = {},
): Slo[] {
  const r = parseSloDocuments(slothFile(file), file, options);
  if (r.issues.length > 0) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
  return r.slos;
}

/**
 * Sloth's multi-file example (two services, four SLOs) moved onto another job: its spec, and its
 * golden output with the same two substitutions (the job in every query, a prefix on the service
 * names), which is exactly what `sloth generate` prints for the substituted spec, since Sloth
 * copies queries and names into the rules verbatim. `job = 'myservice'` gives the originals.
 */
export function slothMultifileFor(job: string): { spec: string; golden: string } {
  const move = (text: string) =>
    job === 'myservice'
      ? text
      : text.replace(/job="myservice"/g, `job="${job}"`).replace(/svc0(\d)/g, `${job}-svc0$1`);
  return {
    spec: move(slothFile('in-multifile.yaml')),
    golden: move(renderSlothGolden('out-multifile.yaml.tpl')),
  };
}
