import { expressionProblem, type Slo } from '@headroom/core';
import { DEFAULT_HEADER } from './render';
import { generateRules, ruleSloId, type GenerateOptions, type RuleGroup } from './rules';

/** An SLO whose rules were left out of a file, and why. */
export interface LeftOutSlo {
  /** `<service>-<name>`. */
  id: string;
  /** Where the SLO came from and what is wrong, on one line. */
  message: string;
}

export interface CheckedRules {
  groups: RuleGroup[];
  leftOut: LeftOutSlo[];
}

/**
 * Rules for each SLO on its own: an SLO whose rules cannot be generated, or whose expressions
 * Prometheus would refuse, is left out and reported, so that one bad definition never makes
 * Prometheus reject the whole file (and with it every other SLO's alerts).
 */
export function generateCheckedRules(slos: Slo[], options: GenerateOptions = {}): CheckedRules {
  const groups: RuleGroup[] = [];
  const leftOut: LeftOutSlo[] = [];
  const seen = new Set<string>();
  for (const slo of slos) {
    const id = ruleSloId(slo);
    const at = `${slo.source.file}#${slo.source.docIndex} SLO "${slo.name}" of service "${slo.service}"`;
    try {
      if (seen.has(id)) throw new Error(`${at}: SLO id "${id}" is already used by another SLO`);
      const own = generateRules([slo], options).groups;
      for (const group of own) {
        for (const rule of group.rules) {
          const problem = expressionProblem(rule.expr);
          const name = 'record' in rule ? rule.record : rule.alert;
          if (problem)
            throw new Error(`${at}: rule ${name} in group ${group.name}: expr ${problem}`);
        }
      }
      seen.add(id);
      groups.push(...own);
    } catch (e) {
      leftOut.push({ id, message: oneLine((e as Error).message) });
    }
  }
  return { groups, leftOut };
}

/** The file header, naming each SLO left out (YAML comments, one line each). */
export function checkedRulesHeader(leftOut: readonly LeftOutSlo[]): string {
  if (leftOut.length === 0) return DEFAULT_HEADER;
  return [
    DEFAULT_HEADER,
    `# Left out: ${leftOut.length} SLO(s) whose rules Prometheus would refuse.`,
    ...leftOut.map(s => `#   ${s.id}: ${s.message}`),
  ].join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '\\n');
}
