import { z } from 'zod';
import { parseDuration } from './duration';
import type { IssueSink, PathPart } from './issues';
import type { RuleCustomisation } from './types';

/**
 * Sloth's SLO plugin chains (`slo_plugins` / `sloPlugins` on the file, `plugins` on an SLO).
 *
 * Sloth runs, per SLO: the plugins with a negative priority, then its four core plugins
 * (validate, SLI rules, metadata rules, alert rules), then the others, each list by priority
 * (stable). `overridePrevious` drops the file's chain (on an SLO) and the core plugins, leaving
 * only the listed ones. Each plugin Headroom implements becomes a `RuleCustomisation`; every
 * other one is refused here, by id, so that no plugin is ever silently ignored.
 */

export const CORE = {
  validate: 'sloth.dev/core/validate/v1',
  sliRules: 'sloth.dev/core/sli_rules/v1',
  metadataRules: 'sloth.dev/core/metadata_rules/v1',
  alertRules: 'sloth.dev/core/alert_rules/v1',
  debug: 'sloth.dev/core/debug/v1',
  noop: 'sloth.dev/core/noop/v1',
} as const;

export const CONTRIB = {
  infoLabels: 'sloth.dev/contrib/info_labels/v1',
  ruleIntervals: 'sloth.dev/contrib/rule_intervals/v1',
  denominatorCorrected: 'sloth.dev/contrib/denominator_corrected_rules/v1',
  victoriaMetrics: 'sloth.dev/contrib/validate_victoria_metrics/v1',
  removeLabels: 'sloth.dev/contrib/remove_labels/v1',
  budgetExhausted: 'sloth.dev/contrib/error_budget_exhausted_alert/v1',
} as const;

/** Plugins that Sloth ships but whose output Headroom cannot produce, with the reason. */
const REFUSED: Record<string, string> = {
  [CONTRIB.victoriaMetrics]:
    'checks the queries as MetricsQL for VictoriaMetrics; Headroom writes Prometheus rules and checks them as PromQL, so it cannot honour this plugin',
  [CONTRIB.removeLabels]: 'is not supported by Headroom; remove the labels from the spec instead',
  [CONTRIB.budgetExhausted]:
    'is not supported by Headroom; its burn-rate alerts already page before the budget is spent',
};

export const pluginChainSchema = z
  .object({
    overridePrevious: z.boolean().nullish(),
    chain: z
      .array(
        z.object({
          id: z.string().min(1, 'is required'),
          priority: z.number().int('must be an integer').nullish(),
          config: z.unknown().nullish(),
        }),
      )
      .nullish(),
  })
  .nullish();

type Chain = z.infer<typeof pluginChainSchema>;

interface Entry {
  id: string;
  priority: number;
  config: unknown;
  path: PathPart[];
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function record(config: unknown): Record<string, unknown> {
  return config && typeof config === 'object' && !Array.isArray(config)
    ? (config as Record<string, unknown>)
    : {};
}

/**
 * The rule changes an SLO's plugin chain asks for, or undefined after an issue (reported with
 * the plugin's id and the path of its entry).
 */
export function resolvePlugins(
  group: { chain: Chain; path: PathPart[] },
  slo: { chain: Chain; path: PathPart[] },
  sli: 'events' | 'raw',
  sink: IssueSink,
): RuleCustomisation | undefined {
  const entries = (c: { chain: Chain; path: PathPart[] }): Entry[] =>
    (c.chain?.chain ?? []).map((p, i) => ({
      id: p.id,
      priority: p.priority ?? 0,
      config: p.config,
      path: [...c.path, 'chain', i],
    }));
  let list = entries(group);
  let override = group.chain?.overridePrevious ?? false;
  if (slo.chain?.overridePrevious) {
    list = [];
    override = true;
  }
  list.push(...entries(slo));
  const before = sink.count;
  if (override && list.length === 0) {
    sink.add(
      [...slo.path, 'overridePrevious'],
      'is set but no plugins are listed (Sloth refuses this)',
    );
    return undefined;
  }
  list.sort((a, b) => a.priority - b.priority);
  // The order Sloth runs them in; the core plugins are the default chain unless overridden.
  const core: Entry[] = override
    ? []
    : [CORE.validate, CORE.sliRules, CORE.metadataRules, CORE.alertRules].map(id => ({
        id,
        priority: 0,
        config: undefined,
        path: [],
      }));
  const order = [
    ...list.filter(p => p.priority < 0),
    ...core,
    ...list.filter(p => p.priority >= 0),
  ];
  const ran = (id: string, index: number) => order.slice(0, index).some(p => p.id === id);

  const out: RuleCustomisation = {};
  order.forEach((p, index) => {
    const at = (...rest: PathPart[]) => [...p.path, ...rest];
    const cfg = record(p.config);
    /** A plugin that edits the output of `needs`, which replaces it wholesale when it runs later. */
    const after = (needs: string): boolean => {
      if (ran(needs, index)) return true;
      sink.add(
        at('id'),
        `${p.id} runs before ${needs}, which replaces what it adds (Sloth ignores it); give it a priority >= 0`,
      );
      return false;
    };
    switch (p.id) {
      case CORE.validate:
      case CORE.debug:
      case CORE.noop:
      case CORE.metadataRules:
      case CORE.alertRules:
        return;
      case CORE.sliRules:
        if (cfg.disableOptimized === true) out.exactPeriodRatio = true;
        return;
      case CONTRIB.infoLabels: {
        if (!after(CORE.metadataRules)) return;
        const labels = record(cfg.labels);
        if (Object.keys(labels).length === 0) {
          sink.add(at('config', 'labels'), `${p.id} needs at least one label`);
          return;
        }
        for (const key of Object.keys(labels)) {
          if (!LABEL_NAME.test(key) || key.startsWith('__')) {
            sink.add(
              at('config', 'labels', key),
              `${p.id}: "${key}" is not a valid Prometheus label name (letters, digits and _), so the rules it adds it to fail promtool check rules`,
            );
          }
        }
        const metric = typeof cfg.metricName === 'string' ? cfg.metricName : undefined;
        out.infoLabels = {
          ...(metric ? { metric } : {}),
          labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])),
        };
        return;
      }
      case CONTRIB.ruleIntervals: {
        const iv = record(cfg.interval);
        const read = (key: string): string | undefined => {
          const v = iv[key];
          if (v === undefined || v === null || v === '') return undefined;
          if (typeof v === 'string' && parseDuration(v) !== undefined) return v;
          sink.add(at('config', 'interval', key), `${p.id}: must be a duration like 30s, 5m`);
          return undefined;
        };
        const def = read('default');
        if (def === undefined) {
          if (iv.default === undefined)
            sink.add(
              at('config', 'interval', 'default'),
              `${p.id}: is required (Sloth refuses the plugin without it)`,
            );
          return;
        }
        out.intervals = {
          sli: read('sliError') ?? def,
          metadata: read('metadata') ?? def,
          alert: read('alert') ?? def,
        };
        return;
      }
      case CONTRIB.denominatorCorrected:
        if (sli !== 'events') {
          sink.add(at('id'), `${p.id} needs an events SLI (error and total queries)`);
          return;
        }
        if (!after(CORE.sliRules) || !after(CORE.metadataRules)) return;
        out.denominatorCorrected = true;
        out.exactPeriodRatio = cfg.disableOptimized === true;
        return;
      default: {
        const reason = REFUSED[p.id];
        sink.add(
          at('id'),
          reason
            ? `${p.id} ${reason}`
            : `unknown SLO plugin ${JSON.stringify(p.id)}; Headroom implements the sloth.dev/core plugins, ${CONTRIB.infoLabels}, ${CONTRIB.ruleIntervals} and ${CONTRIB.denominatorCorrected}`,
        );
      }
    }
  });
  if (override) {
    for (const id of [CORE.sliRules, CORE.metadataRules, CORE.alertRules]) {
      if (!list.some(p => p.id === id)) {
        sink.add(
          [...(slo.chain?.overridePrevious ? slo.path : group.path), 'overridePrevious'],
          `drops ${id} from the chain; Headroom always writes Sloth's SLI, metadata and alert rules, so list it`,
        );
      }
    }
  }
  if (sink.count > before) return undefined;
  return out;
}
