import {
  DataSourceApi,
  type CoreApp,
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  type ScopedVars,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv, type BackendSrv, type TemplateSrv } from '@grafana/runtime';
import {
  parseDuration,
  unitCostBands,
  unitCostDriver,
  unitCosts,
  parseMoney,
  type DriverValue,
  type PeriodCost,
} from '@headroom/core';
import {
  PrometheusClient,
  ruleSloId,
  selector,
  singleValue,
  sliRecordName,
  type RangeSeries,
} from '@headroom/prometheus';

import {
  HeadroomBackend,
  LINE_OF_BUSINESS_ANNOTATION,
  parseEntityRef,
  stringifyEntityRef,
} from './api/HeadroomBackend';
import { describeFetchError, grafanaFetch } from './api/proxyFetch';
import type { CatalogEntity, PeriodCostRow, SloWithStatus } from './api/types';
import { recordedFrames } from './frames/recordedFrames';
import { burndownFrame, burnRateFrame, sloListFrame, statusFrame, sloTitle } from './frames/sloFrames';
import { unitCostBandFrame, unitCostFrame } from './frames/unitCostFrames';
import { evaluateRecord, toCoreSlo } from './slo';
import { DEFAULT_QUERY, type HeadroomDataSourceOptions, type HeadroomQuery } from './types';

/** Route in plugin.json through which the data proxy reaches the Headroom backend with its token. */
export const BACKEND_ROUTE = 'headroom';

export interface DataSourceDeps {
  backendSrv?: () => BackendSrv;
  templateSrv?: () => TemplateSrv;
  /** Origin the relative proxy URLs resolve against; the page's own in Grafana. */
  origin?: string;
}

export class DataSource extends DataSourceApi<HeadroomQuery, HeadroomDataSourceOptions> {
  readonly backend: HeadroomBackend;
  private readonly proxyUrl: string;
  private readonly prometheusUid?: string;
  private readonly ruleLabels: 'sloth' | 'headroom';
  private readonly deps: Required<DataSourceDeps>;

  constructor(instanceSettings: DataSourceInstanceSettings<HeadroomDataSourceOptions>, deps: DataSourceDeps = {}) {
    super(instanceSettings);
    this.deps = {
      backendSrv: deps.backendSrv ?? getBackendSrv,
      templateSrv: deps.templateSrv ?? getTemplateSrv,
      origin: deps.origin ?? globalThis.location?.origin ?? 'http://localhost',
    };
    this.proxyUrl = instanceSettings.url ?? `/api/datasources/proxy/uid/${instanceSettings.uid}`;
    this.backend = new HeadroomBackend(`${this.proxyUrl}/${BACKEND_ROUTE}`, this.deps.backendSrv);
    this.prometheusUid = instanceSettings.jsonData.prometheusUid;
    this.ruleLabels = instanceSettings.jsonData.ruleLabels ?? 'sloth';
  }

  getDefaultQuery(_: CoreApp): Partial<HeadroomQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: HeadroomQuery): boolean {
    return !query.hide;
  }

  /** The Prometheus datasource chosen in the config, reached through Grafana's data proxy. */
  prometheus(): PrometheusClient {
    if (!this.prometheusUid) {
      throw new Error(
        'Headroom datasource: no Prometheus datasource is selected in its settings (jsonData.prometheusUid)'
      );
    }
    return new PrometheusClient({
      url: `${this.deps.origin}/api/datasources/proxy/uid/${encodeURIComponent(this.prometheusUid)}`,
      fetch: grafanaFetch(this.deps.backendSrv),
      retries: 1,
    });
  }

  private interpolate(value: string | undefined, scopedVars: ScopedVars): string {
    return value ? this.deps.templateSrv().replace(value, scopedVars).trim() : '';
  }

  async query(request: DataQueryRequest<HeadroomQuery>): Promise<DataQueryResponse> {
    const data: DataFrame[] = [];
    const errors: Array<{ refId: string; message: string }> = [];
    await Promise.all(
      request.targets
        .filter((t) => this.filterQuery(t))
        .map(async (target) => {
          try {
            data.push(...(await this.runQuery(target, request)));
          } catch (e) {
            errors.push({ refId: target.refId, message: e instanceof Error ? e.message : describeFetchError(e) });
          }
        })
    );
    return errors.length > 0 ? { data, errors, error: errors[0] } : { data };
  }

  private async runQuery(target: HeadroomQuery, request: DataQueryRequest<HeadroomQuery>): Promise<DataFrame[]> {
    const q = {
      ...target,
      entity: this.interpolate(target.entity, request.scopedVars),
      slo: this.interpolate(target.slo, request.scopedVars),
      owner: this.interpolate(target.owner, request.scopedVars),
      lineOfBusiness: this.interpolate(target.lineOfBusiness, request.scopedVars),
    };
    const type = q.queryType ?? 'errorBudget';
    const refId = q.refId;
    // Grafana's "now" is the end of the range; a range in the future has no data yet.
    const at = Math.min(request.range.to.valueOf(), Date.now()) / 1000;

    if (type === 'unitCost') {
      return this.unitCost(q, request, refId);
    }
    const records = await this.selectSlos(q);
    if (type === 'slos') {
      return [sloListFrame(records, refId)];
    }
    if (type === 'recorded') {
      return this.recorded(records, q.recordedSeries ?? '5m', request, refId);
    }
    if (records.length === 0) {
      throw new Error(`no SLO matches entity "${q.entity}"${q.slo ? `, SLO "${q.slo}"` : ''}`);
    }
    const client = this.prometheus();
    const points = Math.max(60, Math.min(request.maxDataPoints ?? 720, 2000));
    const results = await Promise.all(
      records.map((r) => {
        const windowSeconds = parseDuration(r.window) ?? 30 * 86400;
        return evaluateRecord(client, r, at, Math.max(60, windowSeconds / points));
      })
    );
    const frames: DataFrame[] = [];
    for (const r of results) {
      if (type === 'status' || type === 'errorBudget') frames.push(statusFrame(r, refId));
      if (type === 'burndown' || type === 'errorBudget') frames.push(burndownFrame(r, refId));
      if (type === 'burnRates' || type === 'errorBudget') frames.push(burnRateFrame(r, refId));
    }
    return frames;
  }

  /** The SLOs a query names: one SLO, an entity's SLOs, or every SLO filtered by owner and line of business. */
  async selectSlos(q: Pick<HeadroomQuery, 'entity' | 'slo' | 'owner' | 'lineOfBusiness'>): Promise<SloWithStatus[]> {
    let records: SloWithStatus[];
    const all = (v: string | undefined) => !v || v === '*' || v === '$__all' || v === 'All';
    if (!all(q.entity)) {
      const entity = parseEntityRef(q.entity!);
      records = !all(q.slo) ? [await this.backend.entitySlo(entity, q.slo!)] : await this.backend.entitySlos(entity);
    } else {
      records = await this.backend.allSlos();
      if (!all(q.slo)) records = records.filter((r) => r.name === q.slo);
    }
    if (!all(q.owner)) records = records.filter((r) => r.ownerRef === q.owner || r.ownerRef?.endsWith(`/${q.owner}`));
    if (!all(q.lineOfBusiness)) records = records.filter((r) => r.lineOfBusiness === q.lineOfBusiness);
    return records.sort((a, b) => a.entityRef.localeCompare(b.entityRef) || a.name.localeCompare(b.name));
  }

  private async recorded(
    records: SloWithStatus[],
    window: string,
    request: DataQueryRequest<HeadroomQuery>,
    refId: string
  ): Promise<DataFrame[]> {
    const client = this.prometheus();
    const idLabel = this.ruleLabels === 'headroom' ? 'headroom_id' : 'sloth_id';
    const start = request.range.from.valueOf() / 1000;
    const end = request.range.to.valueOf() / 1000;
    const step = Math.max(15, Math.ceil((request.intervalMs ?? 60_000) / 1000));
    const out: DataFrame[] = [];
    for (const record of records) {
      const slo = toCoreSlo(record);
      const id = ruleSloId(slo);
      let metric: string;
      let name: string;
      let unit: string;
      if (window === 'budget') {
        metric = 'slo:period_error_budget_remaining:ratio';
        name = `${sloTitle(record)} budget remaining (recorded)`;
        unit = 'percentunit';
      } else {
        const seconds = parseDuration(window);
        if (!seconds) throw new Error(`recordedSeries: "${window}" is not a window like 5m or 1h, nor "budget"`);
        metric = sliRecordName(seconds);
        name = `${sloTitle(record)} error ratio ${window}`;
        unit = 'percentunit';
      }
      const series: RangeSeries[] = await client.queryRange(selector(metric, [[idLabel, id]]), start, end, step);
      out.push(...recordedFrames(series, name, unit, refId, `${record.entityRef}#${record.name}`));
    }
    return out;
  }

  /**
   * Cost per driver unit for an entity (or every entity with a driver in a line of business):
   * cost per period from the cost API, the driver's period average from Prometheus, divided and
   * banded by the engine's `unitCosts` and `unitCostBands`.
   */
  private async unitCost(
    q: HeadroomQuery,
    request: DataQueryRequest<HeadroomQuery>,
    refId: string
  ): Promise<DataFrame[]> {
    const from = request.range.from.valueOf() / 1000;
    const to = request.range.to.valueOf() / 1000;
    const entityRef = q.entity ? stringifyEntityRef(parseEntityRef(q.entity)) : undefined;
    const focus = entityRef ? await this.backend.entity(parseEntityRef(entityRef)) : undefined;
    const lob = q.lineOfBusiness || (focus ? lineOfBusinessOf(focus) : undefined);
    if (!entityRef && !lob) throw new Error('unit cost: give an entity or a line of business');
    const rows: PeriodCostRow[] = lob
      ? await this.backend.lineOfBusinessCosts(lob, from, to)
      : await this.backend.entityCosts(parseEntityRef(entityRef!), from, to);
    const refs = [...new Set(rows.map((r) => r.entityRef))];
    const entities = await Promise.all(refs.map((r) => this.backend.entity(parseEntityRef(r))));
    const costEntities = entities.map((e, i) => ({
      ref: refs[i]!,
      lineOfBusiness: lineOfBusinessOf(e) ?? null,
      annotations: e.metadata.annotations ?? {},
    }));
    const costs: PeriodCost[] = rows.map((r) => {
      const cost = parseMoney(r.cost);
      if (cost === undefined)
        throw new Error(`cost API: entity ${r.entityRef} period ${r.period}: "${r.cost}" is not an amount`);
      return { entityRef: r.entityRef, period: r.period, currency: r.currency, cost };
    });
    const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => a - b);
    const periodSeconds = periods.length > 1 ? periods[1]! - periods[0]! : 86400;
    const client = this.prometheus();
    const drivers: DriverValue[] = [];
    const driverUnits = new Map<string, string>();
    await Promise.all(
      costEntities.map(async (e) => {
        const driver = unitCostDriver(e);
        if (!driver) return;
        driverUnits.set(e.ref, driver.unit);
        // Prometheus averages the driver over each period; the engine divides.
        const expr = `sum(avg_over_time((${driver.query})[${periodSeconds}s:60s]))`;
        for (const p of periods) {
          const res = await client.query(expr, p + periodSeconds);
          const v = singleValue(res);
          if (v !== null) drivers.push({ entityRef: e.ref, period: p, value: v });
        }
      })
    );
    const unit = unitCosts(costs, drivers);
    const frames: DataFrame[] = [];
    const shown = entityRef ? [entityRef] : refs;
    for (const ref of shown) {
      frames.push(
        unitCostFrame(
          ref,
          driverUnits.get(ref) ?? 'unit',
          unit.filter((u) => u.entityRef === ref),
          refId
        )
      );
    }
    if (lob) {
      frames.push(unitCostBandFrame(lob, unitCostBands(unit, costEntities), refId));
    }
    return frames;
  }

  /**
   * Template variables: `lobs()`, `owners()`, `services()` or `services(<line of business>)`,
   * `slos(<entity>)`.
   */
  async metricFindQuery(query: string, options?: { scopedVars?: ScopedVars }): Promise<MetricFindValue[]> {
    const text = this.interpolate(query, options?.scopedVars ?? {});
    const m = /^\s*(lobs|owners|services|slos)\(\s*([^)]*?)\s*\)\s*$/.exec(text);
    if (!m) {
      throw new Error(
        `variable query "${query}": use lobs(), owners(), services(), services(<line of business>) or slos(<entity>)`
      );
    }
    const [, fn, arg] = m;
    const uniq = (values: Array<string | null | undefined>) =>
      [...new Set(values.filter((v): v is string => !!v))].sort().map((text) => ({ text }));
    if (fn === 'lobs') return uniq((await this.backend.lineOfBusinessRollup()).map((r) => r.key));
    if (fn === 'owners') return uniq((await this.backend.ownerRollup()).map((r) => r.key));
    if (fn === 'slos') {
      if (!arg) throw new Error(`variable query "${query}": slos() needs an entity, e.g. slos($service)`);
      return uniq((await this.selectSlos({ entity: arg })).map((r) => r.name));
    }
    const all = await this.backend.allSlos();
    return uniq(all.filter((r) => !arg || r.lineOfBusiness === arg).map((r) => r.entityRef));
  }

  /** Checks each part separately and says which one is wrong. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    const problems: string[] = [];
    let slos = 0;
    try {
      slos = (await this.backend.ownerRollup()).reduce((n, r) => n + r.sloCount, 0);
    } catch (e) {
      problems.push(
        `Headroom backend: ${e instanceof Error ? e.message : String(e)} (check the backend URL and token)`
      );
    }
    let recorded = 0;
    try {
      const client = this.prometheus();
      const res = await client.query('count(slo:sli_error:ratio_rate5m)');
      recorded = singleValue(res) ?? 0;
      if (recorded === 0) {
        problems.push(
          'Prometheus: reachable, but it has no slo:sli_error:ratio_rate5m series: load the rules from `headroom rules`'
        );
      }
    } catch (e) {
      problems.push(`Prometheus: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (problems.length > 0) {
      return { status: 'error', message: problems.join('\n') };
    }
    return {
      status: 'success',
      message: `Headroom backend: ${slos} SLOs. Prometheus: ${recorded} SLOs with recording rules.`,
    };
  }
}

function lineOfBusinessOf(e: CatalogEntity): string | undefined {
  return e.metadata.annotations?.[LINE_OF_BUSINESS_ANNOTATION] ?? e.metadata.labels?.[LINE_OF_BUSINESS_ANNOTATION];
}
