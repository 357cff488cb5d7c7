import { z } from 'zod';
import { parseDuration } from './duration';
import type { IssueSink, PathPart } from './issues';
import {
  DURATION_MESSAGE,
  isWindowedQuery,
  kit,
  percentToFraction,
  promQuery,
  stringMap,
  toStringMap,
  type ParseOptions,
  type SloDraft,
} from './common';
import { pluginChainSchema, resolvePlugins } from './slothPlugins';
import type { Indicator } from './types';

/**
 * Sloth `version: prometheus/v1` files (snake_case keys: `error_query`, `page_alert`,
 * `slo_plugins`) and the `PrometheusServiceLevel` resource (`apiVersion: sloth.slok.dev/v1`),
 * whose `spec` has the same fields in camelCase (`errorQuery`, `pageAlert`, `sloPlugins`), as
 * Sloth's CRD defines them.
 */
const KEYS = {
  file: {
    error: 'error_query',
    total: 'total_query',
    ratio: 'error_ratio_query',
    page: 'page_alert',
    ticket: 'ticket_alert',
    sloPlugins: 'slo_plugins',
  },
  crd: {
    error: 'errorQuery',
    total: 'totalQuery',
    ratio: 'errorRatioQuery',
    page: 'pageAlert',
    ticket: 'ticketAlert',
    sloPlugins: 'sloPlugins',
  },
} as const;

type Keys = (typeof KEYS)['file' | 'crd'];

function specSchema(strict: boolean, k: Keys) {
  const { obj } = kit(strict);
  const alertSeverity = obj({
    disable: z.boolean().nullish(),
    labels: stringMap,
    annotations: stringMap,
  }).nullish();
  const slo = obj({
    name: z.string().min(1, 'is required'),
    objective: z.number().gt(0, 'must be > 0').lt(100, 'must be < 100'),
    description: z.string().nullish(),
    labels: stringMap,
    plugins: pluginChainSchema,
    sli: obj({
      events: obj({
        [k.error]: z.string().min(1, 'is required'),
        [k.total]: z.string().min(1, 'is required'),
      }).nullish(),
      raw: obj({ [k.ratio]: z.string().min(1, 'is required') }).nullish(),
      plugin: obj({
        id: z.string(),
        options: z.record(z.string(), z.unknown()).nullish(),
      }).nullish(),
    }),
    alerting: obj({
      name: z.string().nullish(),
      labels: stringMap,
      annotations: stringMap,
      [k.page]: alertSeverity,
      [k.ticket]: alertSeverity,
    }).nullish(),
  });
  return {
    service: z.string().min(1, 'is required'),
    labels: stringMap,
    [k.sloPlugins]: pluginChainSchema,
    slos: z.array(slo).min(1, 'must list at least one SLO'),
  };
}

function schemas(strict: boolean) {
  const { obj } = kit(strict);
  return {
    file: obj({ version: z.literal('prometheus/v1'), ...specSchema(strict, KEYS.file) }),
    crd: obj({
      apiVersion: z.literal('sloth.slok.dev/v1'),
      kind: z.literal('PrometheusServiceLevel'),
      metadata: obj({
        name: z.string().nullish(),
        namespace: z.string().nullish(),
        labels: stringMap,
        annotations: stringMap,
      }).nullish(),
      spec: obj(specSchema(strict, KEYS.crd)),
    }),
  };
}

const cache = new Map<boolean, ReturnType<typeof schemas>>();
function schemasFor(strict: boolean) {
  let s = cache.get(strict);
  if (!s) cache.set(strict, (s = schemas(strict)));
  return s;
}

interface AlertSeverity {
  disable?: boolean | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** One `slos[]` entry after validation, with the spellings of the format read through `Keys`. */
interface SlothSloInput {
  name: string;
  objective: number;
  description?: string | null;
  labels: Record<string, string>;
  plugins?: z.infer<typeof pluginChainSchema>;
  sli: {
    events?: Record<string, string> | null;
    raw?: Record<string, string> | null;
    plugin?: { id: string } | null;
  };
  alerting?:
    | (Record<string, unknown> & {
        name?: string | null;
        labels: Record<string, string>;
        annotations: Record<string, string>;
      })
    | null;
}

interface SlothSpecInput {
  service: string;
  labels: Record<string, string>;
  slos: SlothSloInput[];
  [key: string]: unknown;
}

export function parseSlothDocument(
  doc: unknown,
  sink: IssueSink,
  options: ParseOptions,
  crd: boolean,
): SloDraft[] {
  const strict = options.strict ?? false;
  const schema = crd ? schemasFor(strict).crd : schemasFor(strict).file;
  const parsed = schema.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    sink.addZod(parsed.error);
    return [];
  }
  const k: Keys = crd ? KEYS.crd : KEYS.file;
  let spec: SlothSpecInput;
  let base: PathPart[];
  let resource: SloDraft['resource'];
  let metaAnnotations: Record<string, string> = {};
  if (crd) {
    const data = parsed.data as unknown as {
      metadata?: {
        name?: string | null;
        namespace?: string | null;
        labels: Record<string, string>;
        annotations: Record<string, string>;
      } | null;
      spec: SlothSpecInput;
    };
    spec = data.spec;
    base = ['spec'];
    const meta = data.metadata;
    const labels = toStringMap(meta?.labels);
    metaAnnotations = toStringMap(meta?.annotations);
    // Sloth copies the resource's labels and annotations onto the PrometheusRule it writes,
    // never onto the series; Headroom's own keys (headroom.dev/owner ...) are read from both.
    resource = {
      ...(meta?.name ? { name: meta.name } : {}),
      ...(meta?.namespace ? { namespace: meta.namespace } : {}),
      labels,
      annotations: metaAnnotations,
    };
    for (const [key, value] of Object.entries(labels)) {
      if (key.startsWith('headroom.dev/') && !(key in metaAnnotations))
        metaAnnotations = { ...metaAnnotations, [key]: value };
    }
  } else {
    spec = parsed.data as unknown as SlothSpecInput;
    base = [];
  }

  const periodText = options.defaultPeriod ?? '30d';
  const periodSeconds = parseDuration(periodText);
  if (periodSeconds === undefined) {
    sink.add([], `the default SLO period ${JSON.stringify(periodText)} ${DURATION_MESSAGE}`);
    return [];
  }

  const groupPlugins = {
    chain: spec[k.sloPlugins] as z.infer<typeof pluginChainSchema>,
    path: [...base, k.sloPlugins],
  };
  const drafts: SloDraft[] = [];
  spec.slos.forEach((slo, i) => {
    const at = (...p: PathPart[]): PathPart[] => [...base, 'slos', i, ...p];
    const indicator = slothIndicator(slo.sli, k, sink, at('sli'));
    if (!indicator) return;
    const rules = resolvePlugins(
      groupPlugins,
      { chain: slo.plugins, path: at('plugins') },
      indicator.kind === 'ratio' ? 'events' : 'raw',
      sink,
    );
    if (!rules) return;
    const alerting = slo.alerting ?? { labels: {}, annotations: {} };
    const page = (alerting[k.page] ?? undefined) as AlertSeverity | undefined;
    const ticket = (alerting[k.ticket] ?? undefined) as AlertSeverity | undefined;
    const commonAnnotations = toStringMap(alerting.annotations);
    const pageAnnotations = toStringMap(page?.annotations);
    const runbook =
      pageAnnotations.runbook_url ??
      pageAnnotations.runbook ??
      commonAnnotations.runbook_url ??
      commonAnnotations.runbook;
    drafts.push({
      name: slo.name,
      ...(slo.description ? { description: slo.description } : {}),
      service: spec.service,
      servicePath: [...base, 'service'],
      // Sloth adds both the spec's and the SLO's labels to every rule (not the resource's).
      labels: { ...spec.labels, ...slo.labels },
      annotations: metaAnnotations,
      annotationsPath: ['metadata', 'annotations'],
      indicator,
      objective: { target: percentToFraction(slo.objective) },
      window: { duration: periodText, seconds: periodSeconds, isRolling: true },
      budgetingMethod: 'Occurrences',
      alerting: {
        ...(alerting.name ? { name: alerting.name } : {}),
        labels: toStringMap(alerting.labels),
        annotations: commonAnnotations,
        page: {
          enabled: !page?.disable,
          labels: toStringMap(page?.labels),
          annotations: pageAnnotations,
        },
        ticket: {
          enabled: !ticket?.disable,
          labels: toStringMap(ticket?.labels),
          annotations: toStringMap(ticket?.annotations),
        },
      },
      ...(runbook !== undefined ? { runbookUrl: runbook } : {}),
      ...(Object.keys(rules).length > 0 ? { rules } : {}),
      ...(resource ? { resource } : {}),
      format: 'sloth/v1',
    });
  });
  return drafts;
}

function slothIndicator(
  sli: SlothSloInput['sli'],
  k: Keys,
  sink: IssueSink,
  at: PathPart[],
): Indicator | undefined {
  const kinds = [
    sli.events ? 'events' : '',
    sli.raw ? 'raw' : '',
    sli.plugin ? 'plugin' : '',
  ].filter(Boolean);
  if (kinds.length !== 1) {
    sink.add(
      at,
      kinds.length === 0
        ? 'needs one of events, raw or plugin'
        : `has ${kinds.join(' and ')}; only one is allowed`,
    );
    return undefined;
  }
  if (sli.plugin) {
    sink.add(
      [...at, 'plugin', 'id'],
      `SLI plugin ${JSON.stringify(sli.plugin.id)} is Go code that Sloth loads from its plugins folder, which Headroom cannot run; write the query it returns as sli.raw.${k.ratio}`,
    );
    return undefined;
  }
  const checkWindow = (query: string, path: PathPart[]): boolean => {
    if (isWindowedQuery(query)) return true;
    sink.add(path, 'must contain the {{.window}} placeholder, e.g. rate(x[{{.window}}])');
    return false;
  };
  if (sli.events) {
    const error = sli.events[k.error] as string;
    const total = sli.events[k.total] as string;
    const ok =
      checkWindow(error, [...at, 'events', k.error]) &&
      checkWindow(total, [...at, 'events', k.total]);
    if (!ok) return undefined;
    return { kind: 'ratio', bad: promQuery(error), total: promQuery(total) };
  }
  const raw = (sli.raw as Record<string, string>)[k.ratio] as string;
  if (!checkWindow(raw, [...at, 'raw', k.ratio])) return undefined;
  return { kind: 'rawErrorRatio', errorRatio: promQuery(raw) };
}
