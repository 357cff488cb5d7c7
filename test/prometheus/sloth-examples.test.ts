import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { formatIssue, parseSloDocuments, type Slo } from '@headroom/core';
import {
  generateRules,
  renderRuleFile,
  slothPrometheusRuleMeta,
  type Rule,
  type RuleGroup,
} from '@headroom/prometheus';
import { referenceDir } from '../reference';
import { promtool, tempDir } from './prometheus';

/**
 * Every example of Sloth's repository (examples/*.yml) through Headroom, against the rules
 * `sloth generate` wrote for it (examples/_gen/*): the same groups in the same order, the same
 * series and alert names, labels (less the `cmd` label the generator script adds, and the
 * version), annotations and intervals, and the same expressions up to whitespace. Every file
 * Headroom writes passes `promtool check rules`. Examples that Headroom refuses are refused on
 * purpose, with a message naming what it cannot honour.
 */

const dir = referenceDir('sloth-examples');
const examples = readdirSync(dir).filter(f => /\.ya?ml$/.test(f));

/** What Headroom does with each example, and why when it differs from Sloth. */
const REFUSED: Record<string, { slos: number[]; message: RegExp }> = {
  // `slos`: the SLOs refused (by index); the message each issue must match.
  // MetricsQL (histogram_share, `vector(1)[5m]`) for VictoriaMetrics: not Prometheus rules.
  'victoria-metrics.yml': {
    slos: [0, 1],
    message: /sloth\.dev\/contrib\/validate_victoria_metrics\/v1 checks the queries as MetricsQL/,
  },
  // The SLI plugin is Go code loaded from Sloth's plugins folder.
  'plugin-getting-started.yml': {
    slos: [0],
    message: /SLI plugin "getting_started_availability" is Go code/,
  },
  'plugin-k8s-getting-started.yml': {
    slos: [0],
    message: /SLI plugin "getting_started_availability" is Go code/,
  },
  // info_labels adds `plug-l1`, which is no Prometheus label name: Sloth's own file fails promtool.
  'contrib-slo-plugins.yml': {
    slos: [0],
    message:
      /sloth\.dev\/contrib\/info_labels\/v1: "plug-l[123]" is not a valid Prometheus label name/,
  },
};

/** `sloth_version` is the generator's; `cmd` is the extra label of Sloth's generator script. */
function comparable(labels: Record<string, string> | undefined): Record<string, string> {
  const { cmd: _cmd, ...rest } = labels ?? {};
  if ('sloth_version' in rest) rest.sloth_version = '<version>';
  return rest;
}

/** Whitespace normalised: runs collapsed to one space, none inside parentheses, ends trimmed. */
function normalise(expr: string): string {
  return expr.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
}

function comparableRule(rule: Rule) {
  return {
    ...('record' in rule ? { record: rule.record } : { alert: rule.alert }),
    expr: normalise(rule.expr),
    labels: comparable(rule.labels),
    ...('alert' in rule ? { annotations: rule.annotations ?? {} } : {}),
  };
}

function comparableGroup(g: RuleGroup) {
  return {
    name: g.name,
    interval: g.interval ?? null,
    rules: g.rules.map(comparableRule),
  };
}

interface GoldenDoc {
  groups: RuleGroup[];
  meta?: { name: string; namespace?: string; labels: Record<string, string> };
}

function golden(file: string): GoldenDoc[] {
  return parseAllDocuments(readFileSync(join(dir, '_gen', file), 'utf8'))
    .map(d => d.toJS() as Record<string, unknown> | null)
    .filter((d): d is Record<string, unknown> => d !== null)
    .map(d => {
      if (d.kind === 'PrometheusRule') {
        const meta = d.metadata as GoldenDoc['meta'] & Record<string, unknown>;
        return {
          groups: (d.spec as { groups: RuleGroup[] }).groups,
          meta: {
            name: meta!.name,
            ...(meta!.namespace ? { namespace: meta!.namespace } : {}),
            labels: meta!.labels,
          },
        };
      }
      return { groups: d.groups as RuleGroup[] };
    });
}

function byDocument(slos: Slo[]): Slo[][] {
  const docs = new Map<number, Slo[]>();
  for (const slo of slos)
    docs.set(slo.source.docIndex, [...(docs.get(slo.source.docIndex) ?? []), slo]);
  return [...docs.values()];
}

const counts = { examples: 0, goldenEqual: 0, partly: 0, refused: 0 };

describe("Sloth's examples against the rules Sloth generated for them", () => {
  it('covers all 18 examples', () => {
    expect(examples).toHaveLength(18);
  });

  it.each(examples)('%s', file => {
    counts.examples++;
    const text = readFileSync(join(dir, file), 'utf8');
    const parsed = parseSloDocuments(text, file);
    const refused = REFUSED[file];
    const issues = parsed.issues.map(formatIssue);
    if (refused) {
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) expect(issue).toMatch(refused.message);
      // Exactly the refused SLOs are missing; the others are read.
      const names = parsed.slos.map(s => s.name);
      type Spec = { slos: Array<{ name: string }> };
      const doc = parseAllDocuments(text)[0]!.toJS() as Spec & { spec?: Spec };
      const all = (doc.spec ?? doc).slos;
      expect(names).toEqual(all.map(s => s.name).filter((_, i) => !refused.slos.includes(i)));
      counts.refused++;
    } else {
      expect(issues).toEqual([]);
    }

    const expected = golden(file);
    const docs = byDocument(parsed.slos);
    const ours: GoldenDoc[] = docs.map(slos => {
      const meta = slothPrometheusRuleMeta(slos);
      return {
        groups: generateRules(slos, { layout: 'sloth' }).groups,
        ...(meta
          ? {
              meta: {
                name: meta.name,
                ...(meta.namespace ? { namespace: meta.namespace } : {}),
                labels: { ...meta.labels, 'app.kubernetes.io/managed-by': 'sloth' },
              },
            }
          : {}),
      };
    });
    // Sloth's groups of the SLOs Headroom accepts (the others' are left out on both sides).
    const kept = new Set(ours.flatMap(d => d.groups.map(g => g.name)));
    const theirs = expected
      .map(d => ({ ...d, groups: d.groups.filter(g => kept.has(g.name)) }))
      .filter(d => d.groups.length > 0);
    expect(ours.map(d => d.meta ?? null)).toEqual(theirs.map(d => d.meta ?? null));
    expect(ours.map(d => d.groups.map(comparableGroup))).toEqual(
      theirs.map(d => d.groups.map(comparableGroup)),
    );
    expect(ours.flatMap(d => d.groups).length).toBe(
      expected.flatMap(d => d.groups).length - (refused ? refused.slos.length * 3 : 0),
    );
    if (parsed.slos.length > 0) {
      // promtool reads what Headroom writes, as a PrometheusRule's groups or a rule file.
      const tmp = tempDir('headroom-sloth-examples-');
      const files = ours.map((d, i) => {
        const out = join(tmp, `rules-${i}.yml`);
        writeFileSync(out, renderRuleFile({ groups: d.groups }));
        return out;
      });
      const check = promtool(['check', 'rules', ...files]);
      expect(check.stdout + check.stderr).toMatch(/SUCCESS/);
      expect(check.status).toBe(0);
    }
    if (!refused) counts.goldenEqual++;
    else if (parsed.slos.length > 0) counts.partly++;
  });

  afterAll(() => {
    // Printed for the record: how many examples Headroom reads as Sloth does.
    process.stdout.write(
      `Sloth examples: ${counts.examples} checked; ${counts.goldenEqual} equal to Sloth's generated rules, ${counts.partly} equal for the SLOs accepted, ${counts.refused} with SLOs refused on purpose\n`,
    );
  });
});
