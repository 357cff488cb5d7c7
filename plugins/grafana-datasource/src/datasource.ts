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
import { parseDuration } from '@headroom/core';
import {
  budgetRemainingQuery,
  PrometheusClient,
  ruleSloId,
  selector,
  singleValue,
  sliRecordName,
  type RangeSeries,
} from '@headroom/prometheus';

import { HeadroomBackend, ownerRef, parseEntityRef, stringifyEntityRef, type CostRange } from './api/HeadroomBackend';
import { describeFetchError, grafanaFetch } from './api/proxyFetch';
import type { CapacityAssessmentJson, SloWithStatus } from './api/types';
import { capacityFrame } from './frames/capacityFrames';
import { mapLimit } from './lib/mapLimit';
import { recordedFrames } from './frames/recordedFrames';
import { burndownFrame, burnRateFrame, sloListFrame, statusFrame, sloTitle } from './frames/sloFrames';
import { anomalyFrame, costFrames, entityCostRows } from './frames/costFrames';
import { drillRunsFrame, resilienceFrames, weakLinksFrame } from './frames/drillFrames';
import { changeFailureRateFrame, changeLogFrame } from './frames/changeFrames';
import { incidentFrame, mttxFrame } from './frames/incidentFrames';
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
    // Grafana's standard annotation support: annotation queries use the query editor, run
    // through query(), and the frame's time, timeEnd, title, text and tags become events.
    this.annotations = {
      getDefaultQuery: () => ({ queryType: 'anomalies' }),
    };
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

  /** A field that may hold a multi-value variable: its values, one per entry. */
  private interpolateList(value: string | undefined, scopedVars: ScopedVars): string[] {
    if (!value) {
      return [];
    }
    return this.deps
      .templateSrv()
      .replace(value, scopedVars, 'csv')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => !isAll(v));
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

    const from = request.range.from.valueOf() / 1000;
    const to = request.range.to.valueOf() / 1000;
    const range: CostRange = {
      from,
      to,
      grain: q.grain ?? 'day',
      view: this.costView(target.view, request.scopedVars),
    };
    if (type === 'unitCost') {
      return this.unitCost(q, range, refId);
    }
    if (type === 'cost') {
      return this.cost(q, range, refId);
    }
    if (type === 'anomalies') {
      return this.anomalies(q, from, to, refId);
    }
    if (type === 'incidents' || type === 'mttx') {
      return this.incidents(q, type, { from, to }, refId);
    }
    if (type === 'drills') {
      return this.drills(q, from, refId);
    }
    if (type === 'changes') {
      return this.changes(q, { from, to }, refId);
    }
    if (type === 'capacity') {
      const entities = this.interpolateList(target.entity, request.scopedVars);
      return [capacityFrame(await this.capacity({ ...q, entities }), refId)];
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
      if (type === 'status' || type === 'errorBudget') {
        frames.push(statusFrame(r, refId));
      }
      if (type === 'burndown' || type === 'errorBudget') {
        frames.push(burndownFrame(r, refId));
      }
      if (type === 'burnRates' || type === 'errorBudget') {
        frames.push(burnRateFrame(r, refId));
      }
    }
    return frames;
  }

  /** The cost view, which a dashboard may set with a variable (`$view`): billed or effective. */
  private costView(value: string | undefined, scopedVars: ScopedVars): 'billed' | 'effective' {
    const view = this.interpolate(value, scopedVars) || 'billed';
    if (view !== 'billed' && view !== 'effective') {
      throw new Error(`view: "${view}" (from "${value}") is not billed or effective`);
    }
    return view;
  }

  /**
   * The SLOs a query names: one SLO, or the backend's list filtered by entity, owner and line of
   * business (SLOs from catalog files and SLOs created through the API alike).
   */
  async selectSlos(q: Pick<HeadroomQuery, 'entity' | 'slo' | 'owner' | 'lineOfBusiness'>): Promise<SloWithStatus[]> {
    const entityRef = isAll(q.entity) ? undefined : stringifyEntityRef(parseEntityRef(q.entity!));
    let records: SloWithStatus[];
    if (entityRef && !isAll(q.slo)) {
      records = [await this.backend.entitySlo(parseEntityRef(entityRef), q.slo!)];
      if (!isAll(q.owner)) {
        records = records.filter((r) => r.ownerRef === ownerRef(q.owner!));
      }
      if (!isAll(q.lineOfBusiness)) {
        records = records.filter((r) => r.lineOfBusiness === q.lineOfBusiness);
      }
    } else {
      records = await this.backend.listSlos({
        ...(entityRef ? { entityRef } : {}),
        ...(isAll(q.owner) ? {} : { owner: q.owner }),
        ...(isAll(q.lineOfBusiness) ? {} : { lineOfBusiness: q.lineOfBusiness }),
      });
      if (!isAll(q.slo)) {
        records = records.filter((r) => r.name === q.slo);
      }
    }
    return records.sort((a, b) => a.entityRef.localeCompare(b.entityRef) || a.name.localeCompare(b.name));
  }

  /**
   * Latest capacity assessments: of the entities named, or of every catalog service whose
   * assessment matches the owner and line of business filters. One named entity without an
   * assessment is an error; among several (a multi-value variable) it is left out.
   */
  async capacity(q: {
    entities: string[];
    owner?: string;
    lineOfBusiness?: string;
  }): Promise<CapacityAssessmentJson[]> {
    let refs: string[];
    if (q.entities.length > 0) {
      refs = [...new Set(q.entities.map((e) => stringifyEntityRef(parseEntityRef(e))))];
    } else {
      refs = (await this.backend.services()).map((e) =>
        stringifyEntityRef({
          kind: e.kind.toLowerCase(),
          namespace: e.metadata.namespace ?? 'default',
          name: e.metadata.name,
        })
      );
    }
    const found = await mapLimit(refs, 8, (ref) => this.backend.latestAssessment(parseEntityRef(ref)));
    if (q.entities.length === 1 && found[0] === null) {
      throw new Error(
        `Headroom backend: ${refs[0]} has no capacity assessment (record one with POST /api/headroom/capacity/entities/…/assessments)`
      );
    }
    const owner = isAll(q.owner) ? undefined : ownerRef(q.owner!);
    return found.filter(
      (a): a is CapacityAssessmentJson =>
        a !== null &&
        (owner === undefined || a.ownerRef === owner) &&
        (isAll(q.lineOfBusiness) || a.lineOfBusiness === q.lineOfBusiness)
    );
  }

  private async recorded(
    records: SloWithStatus[],
    window: string,
    request: DataQueryRequest<HeadroomQuery>,
    refId: string
  ): Promise<DataFrame[]> {
    const client = this.prometheus();
    const idLabel = this.ruleLabels === 'headroom' ? 'headroom_id' : 'sloth_id';
    const end = request.range.to.valueOf() / 1000;
    const step = Math.max(15, Math.ceil((request.intervalMs ?? 60_000) / 1000));
    // The grid ends at the range's end, not at the last step after its start: the latest
    // recording is the value on-call reads, and a series younger than one step (rules just
    // loaded; the period group records every few minutes) would otherwise have no point at all.
    const start = end - Math.ceil((end - request.range.from.valueOf() / 1000) / step) * step;
    const out: DataFrame[] = [];
    for (const record of records) {
      const slo = toCoreSlo(record);
      const id = ruleSloId(slo);
      let expr: string;
      let name: string;
      let unit: string;
      if (window === 'budget') {
        // A recorded series with Sloth's names; derived from the recorded period ratio with Headroom's.
        expr = budgetRemainingQuery(slo, this.ruleLabels);
        name = `${sloTitle(record)} budget remaining (recorded)`;
        unit = 'percentunit';
      } else {
        const seconds = parseDuration(window);
        if (!seconds) {
          throw new Error(`recordedSeries: "${window}" is not a window like 5m or 1h, nor "budget"`);
        }
        expr = selector(sliRecordName(seconds), [[idLabel, id]]);
        name = `${sloTitle(record)} error ratio ${window}`;
        unit = 'percentunit';
      }
      const series: RangeSeries[] = await client.queryRange(expr, start, end, step);
      out.push(...recordedFrames(series, name, unit, refId, `${record.entityRef}#${record.name}`));
    }
    return out;
  }

  /**
   * Cost per driver unit of an entity (or of every entity of a line of business), with the line
   * of business band: the backend's unit-cost route, which divides the cost it stores by the
   * driver from Prometheus with the engine, the same numbers the Backstage cost card shows.
   */
  private async unitCost(q: HeadroomQuery, range: CostRange, refId: string): Promise<DataFrame[]> {
    if (!isAll(q.entity)) {
      const res = await this.backend.unitCost(parseEntityRef(q.entity!), range);
      const lob = res.lineOfBusiness ?? (isAll(q.lineOfBusiness) ? null : q.lineOfBusiness!);
      return [unitCostFrame(res, refId), ...(lob ? [unitCostBandFrame(lob, [res], refId)] : [])];
    }
    if (isAll(q.lineOfBusiness)) {
      throw new Error('unit cost: give an entity or a line of business');
    }
    const lob = q.lineOfBusiness!;
    const costs = await this.backend.lineOfBusinessCost(lob, range);
    const refs = [...new Set(costs.items.map((r) => r.entityRef))].sort();
    const answers = await mapLimit(refs, 8, (ref) => this.backend.unitCost(parseEntityRef(ref), range));
    // Entities without a declared driver have no unit cost to draw.
    const withDriver = answers.filter((a) => a.driver !== null);
    return [...withDriver.map((a) => unitCostFrame(a, refId)), unitCostBandFrame(lob, answers, refId)];
  }

  /**
   * Cost per day or month, billed or effective: of one entity; of every entity of a line of
   * business; or rolled up by entity, owner or line of business (with `(unallocated)`).
   */
  private async cost(q: HeadroomQuery, range: CostRange, refId: string): Promise<DataFrame[]> {
    const by = q.costBy ?? 'entity';
    const opts = { by, grain: range.grain, view: range.view };
    if (!isAll(q.entity)) {
      const e = parseEntityRef(q.entity!);
      const res = await this.backend.entityCost(e, range);
      return costFrames(
        entityCostRows(res.items),
        { ...opts, by: 'entity', source: `cost of ${res.entityRef}` },
        refId
      );
    }
    if (by === 'entity' && !isAll(q.lineOfBusiness)) {
      const res = await this.backend.lineOfBusinessCost(q.lineOfBusiness!, range);
      return costFrames(entityCostRows(res.items), { ...opts, source: `cost of ${res.lineOfBusiness}` }, refId);
    }
    const res = await this.backend.costRollup(by, range);
    let rows = res.items;
    if (by === 'owner' && !isAll(q.owner)) {
      const owner = ownerRef(q.owner!);
      rows = rows.filter((r) => r.key === owner);
    }
    if (by === 'lineOfBusiness' && !isAll(q.lineOfBusiness)) {
      rows = rows.filter((r) => r.key === q.lineOfBusiness);
    }
    return costFrames(rows, { ...opts, source: `cost rollup by ${by}` }, refId);
  }

  /**
   * Incidents whose impact started in the range (one frame, usable as annotations), or their
   * MTTx grouped by `mttxBy` (severity by default): both computed by the backend with core.
   */
  private async incidents(
    q: HeadroomQuery,
    type: 'incidents' | 'mttx',
    range: { from: number; to: number },
    refId: string
  ): Promise<DataFrame[]> {
    const scope = {
      ...(isAll(q.entity) ? {} : { entityRef: stringifyEntityRef(parseEntityRef(q.entity!)) }),
      ...(isAll(q.lineOfBusiness) ? {} : { lineOfBusiness: q.lineOfBusiness }),
      ...range,
    };
    if (type === 'mttx') {
      return [mttxFrame(await this.backend.mttx({ ...scope, by: q.mttxBy ?? 'severity' }), refId)];
    }
    return [incidentFrame((await this.backend.incidents(scope)).items, refId, Date.now() / 1000)];
  }

  /**
   * Drills over the days from the range's start to now (the backend's periods end now): an
   * entity's runs, the weak-links report, or the resilience score by day (by week past 60 days)
   * per service, or per line of business when no entity is named.
   */
  private async drills(q: HeadroomQuery, from: number, refId: string): Promise<DataFrame[]> {
    const days = Math.max(1, Math.min(366, Math.ceil((Date.now() / 1000 - from) / 86_400)));
    const lineOfBusiness = isAll(q.lineOfBusiness) ? undefined : q.lineOfBusiness;
    const view = q.drillsView ?? 'runs';
    if (view === 'weakLinks') {
      return [
        weakLinksFrame(
          await this.backend.drillWeakLinks({ days, ...(lineOfBusiness ? { lineOfBusiness } : {}) }),
          refId
        ),
      ];
    }
    if (view === 'resilience') {
      const entity = isAll(q.entity) ? undefined : parseEntityRef(q.entity!);
      const r = await this.backend.drillResilience({
        by: entity ? 'service' : 'lineOfBusiness',
        days,
        step: days > 60 ? 'week' : 'day',
        ...(lineOfBusiness ? { lineOfBusiness } : {}),
      });
      return resilienceFrames(entity ? { ...r, series: r.series.filter((s) => s.key === entity.name) } : r, refId);
    }
    if (isAll(q.entity)) {
      throw new Error('drills: the runs view needs an entity, e.g. component:default/ledger');
    }
    return [drillRunsFrame(await this.backend.entityDrills(parseEntityRef(q.entity!), days), refId)];
  }

  /** Changes started in the range: the log, or the failure rate per line of business. */
  private async changes(q: HeadroomQuery, range: { from: number; to: number }, refId: string): Promise<DataFrame[]> {
    const list = await this.backend.changes({
      ...(isAll(q.entity) ? {} : { entityRef: stringifyEntityRef(parseEntityRef(q.entity!)) }),
      ...(isAll(q.lineOfBusiness) ? {} : { lineOfBusiness: q.lineOfBusiness }),
      ...range,
    });
    if ((q.changesView ?? 'log') === 'failureRate') {
      return [changeFailureRateFrame(list, refId)];
    }
    return [changeLogFrame(list, refId)];
  }

  /** Cost anomalies in the range: one frame Grafana turns into annotations. */
  private async anomalies(q: HeadroomQuery, from: number, to: number, refId: string): Promise<DataFrame[]> {
    if (q.minScore !== undefined && !(q.minScore >= 0 && q.minScore <= 1)) {
      throw new Error(`minScore: ${q.minScore} is not a score between 0 and 1`);
    }
    const res = await this.backend.anomalies({
      ...(isAll(q.entity) ? {} : { entityRef: stringifyEntityRef(parseEntityRef(q.entity!)) }),
      ...(isAll(q.lineOfBusiness) ? {} : { lineOfBusiness: q.lineOfBusiness }),
      from,
      to,
      ...(q.minScore !== undefined ? { minScore: q.minScore } : {}),
    });
    return [anomalyFrame(res.items, refId)];
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
    if (fn === 'lobs') {
      return uniq((await this.backend.lineOfBusinessRollup()).map((r) => r.key));
    }
    if (fn === 'owners') {
      return uniq((await this.backend.ownerRollup()).map((r) => r.key));
    }
    if (fn === 'slos') {
      if (!arg) {
        throw new Error(`variable query "${query}": slos() needs an entity, e.g. slos($service)`);
      }
      return uniq((await this.selectSlos({ entity: arg })).map((r) => r.name));
    }
    const slos = await this.backend.listSlos(arg ? { lineOfBusiness: arg } : {});
    return uniq(slos.map((r) => r.entityRef));
  }

  /** Checks each part separately and says which one is wrong. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    const problems: string[] = [];
    let slos = 0;
    try {
      slos = (await this.backend.ownerRollup()).reduce((n, r) => n + r.sloCount, 0);
    } catch (e) {
      problems.push(`${e instanceof Error ? e.message : String(e)} (check the backend URL and token)`);
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

/** Empty, `*` and Grafana's "All" select every value. */
function isAll(v: string | undefined): boolean {
  return !v || v === '*' || v === '$__all' || v === 'All';
}
