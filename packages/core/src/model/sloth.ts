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
import type { Indicator } from './types';

/**
 * Sloth `version: prometheus/v1` files and the `PrometheusServiceLevel` resource
 * (`apiVersion: sloth.slok.dev/v1`), whose `spec` has the same fields.
 */
function schemas(strict: boolean) {
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
    sli: obj({
      events: obj({
        error_query: z.string().min(1, 'is required'),
        total_query: z.string().min(1, 'is required'),
      }).nullish(),
      raw: obj({ error_ratio_query: z.string().min(1, 'is required') }).nullish(),
      plugin: obj({
        id: z.string(),
        options: z.record(z.string(), z.unknown()).nullish(),
      }).nullish(),
    }),
    alerting: obj({
      name: z.string().nullish(),
      labels: stringMap,
      annotations: stringMap,
      page_alert: alertSeverity,
      ticket_alert: alertSeverity,
    }).nullish(),
  });
  const spec = {
    service: z.string().min(1, 'is required'),
    labels: stringMap,
    slos: z.array(slo).min(1, 'must list at least one SLO'),
  };
  return {
    file: obj({ version: z.literal('prometheus/v1'), ...spec }),
    crd: obj({
      apiVersion: z.literal('sloth.slok.dev/v1'),
      kind: z.literal('PrometheusServiceLevel'),
      metadata: obj({
        name: z.string().nullish(),
        namespace: z.string().nullish(),
        labels: stringMap,
        annotations: stringMap,
      }).nullish(),
      spec: obj(spec),
    }),
  };
}

const cache = new Map<boolean, ReturnType<typeof schemas>>();
function schemasFor(strict: boolean) {
  let s = cache.get(strict);
  if (!s) cache.set(strict, (s = schemas(strict)));
  return s;
}

type SlothSpec = z.infer<ReturnType<typeof schemas>['file']>;

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
  let spec: Omit<SlothSpec, 'version'>;
  let base: PathPart[];
  let metaLabels: Record<string, string> = {};
  let metaAnnotations: Record<string, string> = {};
  if ('spec' in parsed.data) {
    const data = parsed.data as z.infer<ReturnType<typeof schemas>['crd']>;
    spec = data.spec;
    base = ['spec'];
    metaLabels = toStringMap(data.metadata?.labels);
    metaAnnotations = toStringMap(data.metadata?.annotations);
  } else {
    spec = parsed.data as SlothSpec;
    base = [];
  }

  const periodText = options.defaultPeriod ?? '30d';
  const periodSeconds = parseDuration(periodText);
  if (periodSeconds === undefined) {
    sink.add([], `the default SLO period ${JSON.stringify(periodText)} ${DURATION_MESSAGE}`);
    return [];
  }

  const drafts: SloDraft[] = [];
  spec.slos.forEach((slo, i) => {
    const at = (...p: PathPart[]): PathPart[] => [...base, 'slos', i, ...p];
    const indicator = slothIndicator(slo.sli, sink, at('sli'));
    if (!indicator) return;
    const alerting: Partial<NonNullable<typeof slo.alerting>> = slo.alerting ?? {};
    const commonAnnotations = toStringMap(alerting.annotations);
    const pageAnnotations = toStringMap(alerting.page_alert?.annotations);
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
      // Sloth adds both the file's and the SLO's labels to every rule.
      labels: { ...metaLabels, ...spec.labels, ...slo.labels },
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
          enabled: !alerting.page_alert?.disable,
          labels: toStringMap(alerting.page_alert?.labels),
          annotations: pageAnnotations,
        },
        ticket: {
          enabled: !alerting.ticket_alert?.disable,
          labels: toStringMap(alerting.ticket_alert?.labels),
          annotations: toStringMap(alerting.ticket_alert?.annotations),
        },
      },
      ...(runbook !== undefined ? { runbookUrl: runbook } : {}),
      format: 'sloth/v1',
    });
  });
  return drafts;
}

function slothIndicator(
  sli: SlothSpec['slos'][number]['sli'],
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
    sink.add([...at, 'plugin'], 'SLI plugins are not supported; use events or raw queries');
    return undefined;
  }
  const checkWindow = (query: string, path: PathPart[]): boolean => {
    if (isWindowedQuery(query)) return true;
    sink.add(path, 'must contain the {{.window}} placeholder, e.g. rate(x[{{.window}}])');
    return false;
  };
  if (sli.events) {
    const ok =
      checkWindow(sli.events.error_query, [...at, 'events', 'error_query']) &&
      checkWindow(sli.events.total_query, [...at, 'events', 'total_query']);
    if (!ok) return undefined;
    return {
      kind: 'ratio',
      bad: promQuery(sli.events.error_query),
      total: promQuery(sli.events.total_query),
    };
  }
  const raw = sli.raw as { error_ratio_query: string };
  if (!checkWindow(raw.error_ratio_query, [...at, 'raw', 'error_ratio_query'])) return undefined;
  return { kind: 'rawErrorRatio', errorRatio: promQuery(raw.error_ratio_query) };
}
