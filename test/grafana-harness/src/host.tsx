/**
 * A page that hosts Grafana plugins as Grafana does: the shared packages are registered with
 * SystemJS, each plugin's dist/module.js is imported as an AMD module, datasources query through
 * `@grafana/runtime`'s backend service (to the data proxy URLs the harness server answers), and
 * panels render inside the Grafana theme with field config applied the way Grafana's query runner
 * applies it. `window.harness` is what the browser tests drive.
 */
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';
import * as React from 'react';
import * as ReactJsxRuntime from 'react/jsx-runtime';
import * as ReactDOM from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as lodash from 'lodash';
import moment from 'moment';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import * as grafanaData from '@grafana/data';
import {
  applyFieldOverrides,
  createTheme,
  dateTime,
  FieldConfigOptionsRegistry,
  LoadingState,
  ThemeContext,
  type DataFrame,
  type DataQueryRequest,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type PanelPlugin,
  type TimeRange,
} from '@grafana/data';
import * as grafanaUi from '@grafana/ui';
import * as grafanaRuntime from '@grafana/runtime';
import {
  setBackendSrv,
  setTemplateSrv,
  type BackendSrv,
  type BackendSrvRequest,
  type FetchResponse,
} from '@grafana/runtime';
import { burndown, prepareSeries, sloFromObject, type Slo } from '@headroom/core';

declare const System: {
  set(id: string, ns: unknown): void;
  import(id: string): Promise<Record<string, unknown>>;
  addImportMap(map: { imports: Record<string, string> }): void;
};

const shared: Record<string, unknown> = {
  react: React,
  'react/jsx-runtime': ReactJsxRuntime,
  'react-dom': ReactDOM,
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  lodash,
  moment,
  rxjs,
  'rxjs/operators': rxjsOperators,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUi,
  '@grafana/runtime': grafanaRuntime,
};
const imports: Record<string, string> = {};
for (const [name, mod] of Object.entries(shared)) {
  const id = `app:${name}`;
  imports[name] = id;
  System.set(id, { __useDefault: true, default: mod });
}
System.addImportMap({ imports });

const theme = createTheme({ colors: { mode: 'dark' } });

// Grafana registers its option editors at start; panel option defaults are read through them.
// The harness never shows the editors, so each is registered with an empty component.
grafanaData.standardEditorsRegistry.setInit(() =>
  [
    'number',
    'boolean',
    'text',
    'radio',
    'select',
    'multi-select',
    'color',
    'unit',
    'slider',
    'strings',
    'fieldName',
    'links',
    'mappings',
    'thresholds',
    'stats-picker',
    'dashboard-uid',
    'timezone',
    'color-scheme-options',
    'fieldColor',
    'custom',
  ].map(id => ({ id, name: id, editor: () => null })),
);

// ---- @grafana/runtime services ------------------------------------------------------------
class HarnessFetchError {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly data: unknown,
    readonly config: BackendSrvRequest,
  ) {}
}

const backendSrv = {
  fetch<T>(req: BackendSrvRequest): rxjs.Observable<FetchResponse<T>> {
    return rxjs.defer(async () => {
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      let body: BodyInit | undefined;
      if (req.data !== undefined && req.data !== null) {
        if (typeof req.data === 'string') body = req.data;
        else {
          body = JSON.stringify(req.data);
          headers['Content-Type'] ??= 'application/json';
        }
      }
      const res = await fetch(req.url, { method: req.method ?? 'GET', headers, body });
      const text = await res.text();
      let data: unknown = text;
      if (req.responseType !== 'text') {
        try {
          data = text ? JSON.parse(text) : {};
        } catch {
          data = text;
        }
      }
      if (!res.ok) throw new HarnessFetchError(res.status, res.statusText, data, req);
      return {
        data: data as T,
        status: res.status,
        statusText: res.statusText,
        ok: true,
        headers: res.headers,
        redirected: res.redirected,
        type: res.type,
        url: res.url,
        config: req,
      };
    });
  },
} as unknown as BackendSrv;
setBackendSrv(backendSrv);

// A multi-value variable (an array) is `{a,b}` by default and `a,b` in the csv format, as in Grafana.
let variables: Record<string, string | string[]> = {};
setTemplateSrv({
  getVariables: () => [],
  replace: (text?: string, _scoped?: unknown, format?: string) =>
    (text ?? '').replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a, b) => {
      const v = variables[a ?? b];
      if (v === undefined) return m;
      if (!Array.isArray(v)) return v;
      if (format === 'csv') return v.join(',');
      // Grafana's glob format: braces only around two values or more.
      return v.length === 1 ? v[0]! : `{${v.join(',')}}`;
    }),
  containsTemplate: (t?: string) => /\$\w+/.test(t ?? ''),
  updateTimeRange: () => {},
} as unknown as grafanaRuntime.TemplateSrv);

// ---- plugins ------------------------------------------------------------------------------
const plugins = new Map<string, Promise<Record<string, unknown>>>();

async function loadPlugin(id: string): Promise<Record<string, unknown>> {
  let p = plugins.get(id);
  if (!p) {
    p = (async () => {
      const meta = await (await fetch(`/public/plugins/${id}/plugin.json`)).json();
      const mod = await System.import(`/public/plugins/${id}/module.js`);
      const plugin = mod.plugin as { meta?: unknown; init?: (meta: unknown) => void };
      plugin.meta = {
        ...meta,
        baseUrl: `public/plugins/${id}`,
        module: `public/plugins/${id}/module.js`,
      };
      plugin.init?.(plugin.meta);
      return mod;
    })();
    plugins.set(id, p);
  }
  return p;
}

function range(fromMs: number, toMs: number): TimeRange {
  return {
    from: dateTime(fromMs),
    to: dateTime(toMs),
    raw: { from: dateTime(fromMs), to: dateTime(toMs) },
  };
}

type PanelFieldConfig = grafanaData.FieldConfigSource;
const noFieldConfig: PanelFieldConfig = { defaults: {}, overrides: [] };

/** A dashboard JSON's thresholds: the base step is saved as `null`, Grafana reads it as -Infinity. */
const thresholdsFromJson = (v: unknown) => {
  const t = v as
    { mode: string; steps: Array<{ value: number | null; color: string }> } | undefined;
  return t ? { ...t, steps: t.steps.map(s => ({ ...s, value: s.value ?? -Infinity })) } : t;
};

/**
 * The field config options a panel's JSON sets (standard ones and `custom.*`), as registry items
 * that take the saved values as they are: Grafana's own registry holds every option of every
 * panel type, the harness only needs the ones a dashboard uses.
 */
function fieldConfigRegistry(fc: PanelFieldConfig): FieldConfigOptionsRegistry {
  const ids = new Set<string>();
  for (const [k, v] of Object.entries(fc.defaults ?? {})) {
    if (k === 'custom') Object.keys(v ?? {}).forEach(c => ids.add(`custom.${c}`));
    else ids.add(k);
  }
  for (const o of fc.overrides ?? []) for (const p of o.properties) ids.add(p.id);
  const registry = new FieldConfigOptionsRegistry();
  for (const id of ids) {
    const isCustom = id.startsWith('custom.');
    registry.register({
      id,
      name: id,
      path: isCustom ? id.slice('custom.'.length) : id,
      isCustom,
      process: id === 'thresholds' ? thresholdsFromJson : (v: unknown) => v,
      shouldApply: () => true,
      override: () => null,
      editor: () => null,
    } as unknown as grafanaData.FieldConfigPropertyItem);
  }
  return registry;
}

/** Field config applied as Grafana's query runner does, so that every field has `display`. */
function prepare(
  series: DataFrame[],
  timeRange: TimeRange,
  fieldConfig: PanelFieldConfig = noFieldConfig,
): DataFrame[] {
  return applyFieldOverrides({
    data: series,
    fieldConfig,
    fieldConfigRegistry: fieldConfigRegistry(fieldConfig),
    replaceVariables: (s: string) => s,
    theme,
    timeZone: 'utc',
    dataLinkPostProcessor: undefined,
    timeRange,
  } as Parameters<typeof applyFieldOverrides>[0]);
}

async function datasource(
  id: string,
  settings: Partial<DataSourceInstanceSettings>,
): Promise<DataSourceApi> {
  const mod = await loadPlugin(id);
  const plugin = mod.plugin as {
    DataSourceClass: new (s: DataSourceInstanceSettings) => DataSourceApi;
    meta: unknown;
  };
  return new plugin.DataSourceClass({
    id: 1,
    name: id,
    type: id,
    access: 'proxy',
    readOnly: false,
    jsonData: {},
    meta: plugin.meta,
    ...settings,
  } as DataSourceInstanceSettings);
}

async function query(
  id: string,
  settings: Partial<DataSourceInstanceSettings>,
  targets: unknown[],
  fromMs: number,
  toMs: number,
  vars: Record<string, string | string[]> = {},
  opts: { maxDataPoints?: number } = {},
) {
  variables = vars;
  const ds = await datasource(id, settings);
  // A panel's request: the interval Grafana derives from the range and the panel's width.
  const interval = opts.maxDataPoints
    ? grafanaData.rangeUtil.calculateInterval(range(fromMs, toMs), opts.maxDataPoints)
    : { interval: '1m', intervalMs: 60_000 };
  const request = {
    requestId: 'harness',
    interval: interval.interval,
    intervalMs: interval.intervalMs,
    maxDataPoints: opts.maxDataPoints ?? 720,
    range: range(fromMs, toMs),
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  } as unknown as DataQueryRequest;
  const res = await (ds.query(request) as Promise<grafanaData.DataQueryResponse>);
  return { data: res.data as DataFrame[], errors: res.errors ?? [] };
}

/** A query variable's values as Grafana lists them: the datasource's `metricFindQuery`. */
async function variableValues(
  id: string,
  settings: Partial<DataSourceInstanceSettings>,
  text: string,
  vars: Record<string, string | string[]> = {},
): Promise<string[]> {
  variables = vars;
  const ds = await datasource(id, settings);
  const found = await ds.metricFindQuery!(text, {});
  return found.map(v => String(v.value ?? v.text));
}

interface PanelSpec {
  pluginId: string;
  series: DataFrame[];
  errors?: Array<{ message?: string; refId?: string }>;
  options?: Record<string, unknown>;
  fieldConfig?: PanelFieldConfig;
  width: number;
  height: number;
  title?: string;
}

let root: Root | undefined;

function Panel({
  spec,
  Component,
  defaults,
  timeRange,
}: {
  spec: PanelSpec;
  Component: React.ComponentType<any>;
  defaults: object;
  timeRange: TimeRange;
}) {
  return (
    <div
      className="panel"
      data-plugin={spec.pluginId}
      style={{
        width: spec.width,
        height: spec.height + 24,
        background: theme.colors.background.primary,
        border: `1px solid ${theme.colors.border.weak}`,
        overflow: 'hidden',
      }}
    >
      <div
        style={{ height: 24, padding: '2px 8px', fontSize: 13, color: theme.colors.text.primary }}
      >
        {spec.title ?? ''}
      </div>
      <Component
        id={1}
        data={{
          state: spec.errors?.length ? LoadingState.Error : LoadingState.Done,
          series: spec.series,
          errors: spec.errors,
          timeRange,
        }}
        timeRange={timeRange}
        timeZone="utc"
        options={{ ...defaults, ...(spec.options ?? {}) }}
        fieldConfig={spec.fieldConfig ?? noFieldConfig}
        transparent={false}
        width={spec.width}
        height={spec.height}
        renderCounter={0}
        title={spec.title ?? ''}
        eventBus={new grafanaData.EventBusSrv()}
        onOptionsChange={() => {}}
        onFieldConfigChange={() => {}}
        replaceVariables={(s: string) => s}
        onChangeTimeRange={() => {}}
      />
    </div>
  );
}

/** Renders panels of built plugins into #root; resolves after the browser has painted them. */
async function renderPanels(
  specs: PanelSpec[],
  fromMs: number,
  toMs: number,
): Promise<{ renderMs: number }> {
  const timeRange = range(fromMs, toMs);
  const loaded = await Promise.all(specs.map(s => loadPlugin(s.pluginId)));
  // Field config is applied before the panel gets the data (Grafana's query runner does it).
  const tp = performance.now();
  const items = specs.map((spec, i) => {
    const plugin = loaded[i]!.plugin as PanelPlugin;
    return {
      spec: { ...spec, series: prepare(spec.series, timeRange, spec.fieldConfig) },
      Component: plugin.panel!,
      defaults: plugin.defaults,
    };
  });
  const prepareMs = performance.now() - tp;
  root?.unmount();
  await painted();
  // Marks for the benchmark's CPU time (a trace of the render, from a task of its own on).
  performance.mark('render-start');
  const t0 = performance.now();
  root = createRoot(document.getElementById('root')!);
  root.render(
    <ThemeContext.Provider value={theme}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 4,
          background: theme.colors.background.canvas,
          fontFamily: theme.typography.fontFamily,
        }}
      >
        {items.map((it, i) => (
          <Panel
            key={i}
            spec={it.spec}
            Component={it.Component}
            defaults={it.defaults}
            timeRange={timeRange}
          />
        ))}
      </div>
    </ThemeContext.Provider>,
  );
  await painted();
  performance.mark('render-painted');
  return { prepareMs, renderMs: performance.now() - t0 };
}

/**
 * Renders frames in @grafana/ui's Table (what Grafana's table panel draws) and reads back what it
 * shows: the header and, per row, the text of each cell.
 */
async function renderTable(
  series: DataFrame[],
  fromMs: number,
  toMs: number,
  width: number,
  height: number,
  fieldConfig: PanelFieldConfig = noFieldConfig,
  options: { sortBy?: Array<{ displayName: string; desc?: boolean }>; cellHeight?: string } = {},
): Promise<{ header: string[]; rows: string[][] }> {
  const timeRange = range(fromMs, toMs);
  const prepared = prepare(series, timeRange, fieldConfig);
  root?.unmount();
  await painted();
  root = createRoot(document.getElementById('root')!);
  const Table = grafanaUi.Table as unknown as React.ComponentType<any>;
  root.render(
    <ThemeContext.Provider value={theme}>
      <div className="panel" style={{ width, height, background: theme.colors.background.primary }}>
        {prepared.map((frame, i) => (
          <Table
            key={i}
            data={frame}
            width={width}
            height={height / prepared.length}
            initialSortBy={options.sortBy}
            {...(options.cellHeight ? { cellHeight: options.cellHeight } : {})}
          />
        ))}
      </div>
    </ThemeContext.Provider>,
  );
  // The grid lays out after its first paint: wait until the rows are in the page.
  const want = prepared.reduce((n, f) => n + f.length, 0);
  const deadline = performance.now() + 10_000;
  const read = () => {
    const rows = [...document.querySelectorAll('[role="row"]')].map(r =>
      [...r.querySelectorAll('[role="cell"],[role="gridcell"],[role="columnheader"]')].map(c =>
        (c.textContent ?? '').trim(),
      ),
    );
    return rows;
  };
  while (read().length < want + prepared.length && performance.now() < deadline) await painted();
  const all = read();
  const headers = all.filter((_, i) =>
    document.querySelectorAll('[role="row"]')[i]!.querySelector('[role="columnheader"]'),
  );
  const rows = all.filter(
    (_, i) => !document.querySelectorAll('[role="row"]')[i]!.querySelector('[role="columnheader"]'),
  );
  return { header: headers[0] ?? [], rows };
}

/** The graph field config Grafana's time series panel starts from. */
const timeSeriesDefaults = {
  drawStyle: 'line',
  lineInterpolation: 'linear',
  lineWidth: 1,
  fillOpacity: 0,
  gradientMode: 'none',
  barAlignment: 0,
  barWidthFactor: 0.6,
  stacking: { mode: 'none', group: 'A' },
  axisGridShow: true,
  axisCenteredZero: false,
  axisBorderShow: false,
  axisPlacement: 'auto',
  axisLabel: '',
  axisColorMode: 'text',
  scaleDistribution: { type: 'linear' },
  showPoints: 'auto',
  pointSize: 5,
  spanNulls: false,
  insertNulls: false,
  lineStyle: { fill: 'solid' },
  thresholdsStyle: { mode: 'off' },
  hideFrom: { legend: false, tooltip: false, viz: false },
};

/**
 * Frames in @grafana/ui's TimeSeries (the plot Grafana's time series panel draws) with a panel's
 * field config and legend options; reads back the legend's rows (name and calcs, as shown).
 */
async function renderTimeSeries(
  series: DataFrame[],
  fromMs: number,
  toMs: number,
  width: number,
  height: number,
  fieldConfig: PanelFieldConfig = noFieldConfig,
  options: { legend?: Record<string, unknown>; tooltip?: Record<string, unknown> } = {},
  title = '',
): Promise<{ legend: string[][]; plots: number; inked: number }> {
  const timeRange = range(fromMs, toMs);
  // The time series panel's own defaults (its colour: the classic palette; its graph field
  // config), under what the dashboard sets.
  const prepared = prepare(series, timeRange, {
    ...fieldConfig,
    defaults: {
      color: { mode: 'palette-classic' },
      ...fieldConfig.defaults,
      custom: { ...timeSeriesDefaults, ...(fieldConfig.defaults?.custom ?? {}) },
    },
  } as PanelFieldConfig);
  root?.unmount();
  await painted();
  root = createRoot(document.getElementById('root')!);
  const graphable = prepared.some(
    f => f.fields.some(x => x.type === 'time') && f.fields.some(x => x.type === 'number'),
  );
  if (!graphable) {
    // What Grafana's time series panel shows when no frame has a time and a number field
    // (TimeSeriesPanel's PanelDataErrorView); GraphNG itself cannot take such frames.
    root.render(
      <PanelFrame title={title} width={width} height={height}>
        <div className="panel-empty" style={{ color: theme.colors.text.secondary, padding: 8 }}>
          No data
        </div>
      </PanelFrame>,
    );
    await painted();
    return { legend: [], plots: 0, inked: 0 };
  }
  const TimeSeries = grafanaUi.TimeSeries as unknown as React.ComponentType<any>;
  const legend = {
    showLegend: true,
    displayMode: 'list',
    placement: 'bottom',
    calcs: [],
    ...(options.legend ?? {}),
  };
  root.render(
    <PanelFrame title={title} width={width} height={height}>
      <TimeSeries
        frames={prepared}
        width={width}
        height={height}
        timeRange={timeRange}
        timeZone="utc"
        legend={legend}
        options={options}
      />
    </PanelFrame>,
  );
  await new Promise<void>(resolve => {
    const deadline = performance.now() + 10_000;
    const check = () => {
      if (document.querySelector('.uplot canvas') || performance.now() > deadline) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
  await painted();
  const rows = [...document.querySelectorAll('.panel table tr')].map(r =>
    [...r.querySelectorAll('th,td')].map(c => (c.textContent ?? '').trim()),
  );
  // Pixels of a series colour on the plot (grid and axes are grey): a plot with no line has none.
  let inked = 0;
  for (const c of document.querySelectorAll<HTMLCanvasElement>('.uplot canvas')) {
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b, a] = [px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!];
      if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) inked++;
    }
  }
  return { legend: rows, plots: document.querySelectorAll('.uplot canvas').length, inked };
}

/** A panel's box and title row, as Grafana frames every panel, around its content. */
function PanelFrame(props: {
  title: string;
  width: number;
  height: number;
  children: React.ReactNode;
}): React.ReactElement {
  const { title, width, height, children } = props;
  return (
    <ThemeContext.Provider value={theme}>
      <div
        className="panel"
        style={{ width, height: height + 24, background: theme.colors.background.primary }}
      >
        <div
          style={{ height: 24, padding: '2px 8px', fontSize: 13, color: theme.colors.text.primary }}
        >
          {title}
        </div>
        {children}
      </div>
    </ThemeContext.Provider>
  );
}

/** The text Grafana shows for a value in a unit with the given decimals. */
function formatValue(unit: string, decimals: number, value: number): string {
  return grafanaData.formattedValueToString(grafanaData.getValueFormat(unit)(value, decimals));
}

const painted = () =>
  new Promise<void>(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

// ---- benchmark ------------------------------------------------------------------------------
function benchSlo(i: number): Slo {
  const r = sloFromObject(
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: `slo-${i}` },
      spec: {
        service: `service-${i}`,
        indicator: {
          metadata: { name: `service-${i}-errors` },
          spec: {
            ratioMetric: {
              counter: true,
              bad: {
                metricSource: {
                  type: 'Prometheus',
                  spec: { query: `errors_total{service="service-${i}"}` },
                },
              },
              total: {
                metricSource: {
                  type: 'Prometheus',
                  spec: { query: `requests_total{service="service-${i}"}` },
                },
              },
            },
          },
        },
        timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.999 }],
      },
    },
    'bench',
  );
  return r.slos[0]!;
}

/**
 * `n` burndowns at one-minute resolution over 30 days, computed by the engine from counters with
 * a seeded mix of steady errors and incidents, as frames shaped like the datasource's.
 */
function benchFrames(n: number, at: number): DataFrame[][] {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const samples = 30 * 1440 + 1;
  const out: DataFrame[][] = [];
  for (let s = 0; s < n; s++) {
    const slo = benchSlo(s);
    const ts = new Float64Array(samples);
    const events = new Float64Array(samples);
    const total = new Float64Array(samples);
    const base = 0.2 + rand() * 0.6;
    const incidents = Array.from({ length: 3 }, () => ({
      at: Math.floor(rand() * samples),
      len: 5 + Math.floor(rand() * 120),
      rate: 20 + rand() * 400,
    }));
    let bad = 0;
    for (let i = 0; i < samples; i++) {
      ts[i] = at - (samples - 1 - i) * 60;
      let r = base * (1 + 0.5 * Math.sin(i / 720));
      for (const inc of incidents) if (i >= inc.at && i < inc.at + inc.len) r += inc.rate;
      if (i > 0) bad += r * (0.5 + rand());
      events[i] = bad;
      total[i] = i * 1000;
    }
    const b = burndown(slo, prepareSeries({ timestamps: ts, events, total, kind: 'bad' }), {
      at,
      stepSeconds: 60,
    });
    const windowStart = b.timestamps[0]!;
    out.push([
      grafanaData.createDataFrame({
        refId: 'A',
        name: `service-${s} burndown`,
        meta: {
          custom: {
            headroom: 'burndown',
            key: `component:default/service-${s}#slo-${s}`,
            title: `service-${s} slo-${s}`,
            windowStartMs: windowStart * 1000,
            windowSeconds: 30 * 86400,
          },
        },
        fields: [
          {
            name: 'time',
            type: grafanaData.FieldType.time,
            values: Array.from(b.timestamps, t => t * 1000),
          },
          {
            name: 'remaining',
            type: grafanaData.FieldType.number,
            values: Array.from(b.remaining),
            config: { unit: 'percentunit', displayName: `service-${s} budget remaining` },
          },
        ],
      }),
    ]);
  }
  return out;
}

let benchData: { frames: DataFrame[][]; at: number } | undefined;

function prepareBench(n: number, at: number) {
  const t0 = performance.now();
  benchData = { frames: benchFrames(n, at), at };
  return { points: benchData.frames[0]![0]!.length, computeMs: performance.now() - t0 };
}

/** The error-budget panel plugin drawing the bench frames, `perRow` panels to a row. */
async function benchErrorBudget(
  width: number,
  height: number,
  extra: Record<string, unknown> = {},
) {
  const { frames, at } = benchData!;
  const specs = frames.map(series => ({
    pluginId: 'headroom-errorbudget-panel',
    series,
    width,
    height,
    options: { showBurnRates: false, showTimeToExhaustion: false, ...extra },
  }));
  return renderPanels(specs, (at - 30 * 86400) * 1000, at * 1000);
}

/** @grafana/ui's TimeSeries drawing the same frames in the same page. */
async function benchTimeSeries(width: number, height: number) {
  const { frames, at } = benchData!;
  const timeRange = range((at - 30 * 86400) * 1000, at * 1000);
  const tp = performance.now();
  const prepared = frames.map(f => prepare(f, timeRange));
  const prepareMs = performance.now() - tp;
  root?.unmount();
  await painted();
  performance.mark('render-start');
  const t0 = performance.now();
  root = createRoot(document.getElementById('root')!);
  const TimeSeries = grafanaUi.TimeSeries as unknown as React.ComponentType<any>;
  root.render(
    <ThemeContext.Provider value={theme}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 4,
          background: theme.colors.background.canvas,
        }}
      >
        {prepared.map((series, i) => (
          <div
            key={i}
            className="panel"
            style={{ width, height: height + 24, background: theme.colors.background.primary }}
          >
            <div style={{ height: 24 }} />
            <TimeSeries
              frames={series}
              width={width}
              height={height}
              timeRange={timeRange}
              timeZone="utc"
              legend={{ showLegend: false, displayMode: 'list', placement: 'bottom', calcs: [] }}
            />
          </div>
        ))}
      </div>
    </ThemeContext.Provider>,
  );
  // uPlot draws after its own layout: wait until every plot has a drawn canvas.
  await new Promise<void>(resolve => {
    const check = () => {
      const canvases = document.querySelectorAll('.uplot canvas');
      if (canvases.length >= prepared.length) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
  await painted();
  performance.mark('render-painted');
  return { prepareMs, renderMs: performance.now() - t0 };
}

/** Frames from plain column specs (what a test passes across the page boundary). */
function frames(
  specs: Array<{
    refId?: string;
    name?: string;
    meta?: object;
    fields: Array<{ name: string; type: string; values: unknown[]; config?: object }>;
  }>,
) {
  return specs.map(f =>
    grafanaData.createDataFrame(f as Parameters<typeof grafanaData.createDataFrame>[0]),
  );
}

(window as unknown as { harness: unknown }).harness = {
  frames,
  testDatasource: async (id: string, settings: Partial<DataSourceInstanceSettings>) =>
    (await datasource(id, settings)).testDatasource(),
  loadPlugin: async (id: string) => Object.keys(await loadPlugin(id)),
  query,
  renderPanels,
  renderTable,
  renderTimeSeries,
  variableValues,
  formatValue,
  prepareBench,
  benchErrorBudget,
  benchTimeSeries,
  clear: () => root?.unmount(),
};
document.body.dataset.ready = 'true';
