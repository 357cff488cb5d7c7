import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult, type BasicPermission } from '@backstage/plugin-permission-common';
import {
  rollupCosts,
  UNALLOCATED,
  unitCostDriver,
  type CostEntity,
  type PeriodCost,
} from '@headroom/core';
import type { PrometheusClient } from '@headroom/prometheus';
import {
  headroomCostImportPermission,
  headroomCostReadPermission,
  type CostDriversResponse,
  type CostImportRun,
  type CostImportRunsResponse,
  type CostReconciliationResponse,
  type CostRollupResponse,
  type CostSourcesResponse,
  type EntityCostResponse,
  type LineOfBusinessCostResponse,
  type UnitCostResponse,
} from '@headroom/plugin-headroom-common';
import type express from 'express';
import type { Response } from 'express';
import type { HeadroomApiRouter } from '../api/router';
import { lineOfBusinessOf, catalogLookup } from '../lib/entityContext';
import { authorOf } from '../service/access';
import { durationSeconds, type CostSettings } from './config';
import type { CostImporter } from './CostImporter';
import type { CostStore } from './CostStore';
import { fetchDriverValues } from './drivers';
import { CostParams, loadWindow, overlaps } from './params';
import {
  driversReport,
  entitiesOfCells,
  entityPeriodCosts,
  periodMarkers,
  reconciliationReport,
  rollupCsv,
  rollupReport,
  unitCostReport,
} from './reports';

export interface CostRoutesOptions {
  logger: LoggerService;
  store: CostStore;
  importer: CostImporter;
  settings: CostSettings;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** The plugin's Prometheus reader, for unit-cost drivers; undefined when none is configured. */
  prometheus: PrometheusClient | undefined;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
}

/**
 * The cost API under /cost: per-entity cost, drivers and unit cost, per line of business,
 * rollups (JSON or CSV), reconciliation with the bill, sources and import runs, and imports on
 * request or by upload. Reads need `headroom.cost.read`, imports `headroom.cost.import`.
 */
export function registerCostRoutes(router: HeadroomApiRouter, options: CostRoutesOptions): void {
  const { store, importer, settings, catalog, httpAuth, permissions, prometheus } = options;
  const now = options.now ?? (() => new Date());

  const authorize = async (
    req: express.Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision?.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${authorOf(credentials)} may not ${permission === headroomCostImportPermission ? 'import cost data' : 'read cost data'} (permission ${permission.name})`,
      );
    }
    return credentials;
  };
  const paramsOf = (req: express.Request) =>
    new CostParams(req.query as Record<string, unknown>, `${req.method} ${req.originalUrl}`);
  const refOf = (p: Record<string, string>) =>
    stringifyEntityRef({ kind: p.kind!, namespace: p.namespace!, name: p.name! });

  /** A finished run: 200 when it succeeded; otherwise the error and the run. */
  const sendRun = (res: Response, run: CostImportRun, failedStatus: number) => {
    if (run.status === 'succeeded') {
      res.status(200).json(run);
      return;
    }
    res.status(failedStatus).json({
      error: { name: 'CostImportError', message: run.error ?? 'the import failed' },
      run,
    });
  };

  router.get('/cost/sources', async (req, res) => {
    await authorize(req, headroomCostReadPermission);
    const last = await store.lastRuns();
    const body: CostSourcesResponse = {
      items: settings.sources.map(s => ({
        id: s.id,
        type: s.type,
        scheduleSeconds: s.schedule ? durationSeconds(s.schedule) : null,
        lastRun: last.get(s.id) ?? null,
      })),
    };
    res.json(body as never);
  });

  router.get('/cost/imports', async (req, res) => {
    await authorize(req, headroomCostReadPermission);
    const p = paramsOf(req);
    const sourceId = p.string('sourceId');
    const limit = p.integer('limit', 1, 1000, 50);
    const body: CostImportRunsResponse = { items: await store.runs({ sourceId, limit }) };
    res.json(body as never);
  });

  router.get('/cost/imports/:id', async (req, res) => {
    await authorize(req, headroomCostReadPermission);
    const id = Number(req.params.id);
    const run = await store.run(id);
    if (!run) throw new NotFoundError(`No cost import run ${id}`);
    res.json(run as never);
  });

  router.post('/cost/imports', async (req, res) => {
    const credentials = await authorize(req, headroomCostImportPermission);
    const sourceId = req.body.sourceId.trim();
    const source = importer.source(sourceId);
    if (!source) {
      throw new NotFoundError(
        `No cost source ${sourceId} in headroom.cost.sources (configured: ${settings.sources.map(s => s.id).join(', ') || 'none'})`,
      );
    }
    if (source.type === 'upload') {
      throw new InputError(
        `Cost source ${source.id} is fed by uploads only: POST its FOCUS file to /cost/imports/${source.id}/upload`,
      );
    }
    sendRun(res, await importer.run(source, 'request', authorOf(credentials)), 502);
  });

  router.post('/cost/imports/:sourceId/upload', async (req, res) => {
    const credentials = await authorize(req, headroomCostImportPermission);
    const source = importer.source(req.params.sourceId);
    if (!source) {
      throw new NotFoundError(`No cost source ${req.params.sourceId} in headroom.cost.sources`);
    }
    if (source.type === 'opencost') {
      throw new InputError(
        `Cost source ${source.id} is an OpenCost source; uploads go to focus or upload sources`,
      );
    }
    // The content type was checked against the document (415 otherwise); the body is the raw
    // stream, which the importer reads as it arrives.
    sendRun(res, await importer.upload(source.id, req, authorOf(credentials)), 422);
  });

  router.get('/cost/rollup', async (req, res) => {
    await authorize(req, headroomCostReadPermission);
    const p = paramsOf(req);
    const by = p.by();
    const grain = p.grain();
    const view = p.view();
    const range = p.range();
    const format = p.choice('format', ['json', 'csv'], 'json');
    const window = loadWindow(range, grain);
    const [cells, billDays] = await Promise.all([store.cells(window), store.billDays(window)]);
    const items = rollupReport(cells, periodMarkers(billDays), { by, grain, view, range });
    if (format === 'csv') {
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .set(
          'content-disposition',
          `attachment; filename="headroom-cost-${by}-${grain}-${view}.csv"`,
        )
        .send(rollupCsv(items) as never);
      return;
    }
    const body: CostRollupResponse = { by, grain, view, items };
    res.json(body as never);
  });

  router.get('/cost/reconciliation', async (req, res) => {
    await authorize(req, headroomCostReadPermission);
    const p = paramsOf(req);
    const grain = p.reconciliationGrain();
    const range = p.range();
    const sourceId = p.string('sourceId');
    let items;
    if (grain === 'billingPeriod') {
      const bp = { billingPeriodFrom: range.from, billingPeriodTo: range.to, sourceId };
      const [periods, cells] = await Promise.all([store.periods(bp), store.cells(bp)]);
      items = reconciliationReport(cells, periods, [], grain, range);
    } else {
      const window = loadWindow(range, grain);
      const [cells, billDays] = await Promise.all([
        store.cells({ ...window, sourceId }),
        store.billDays({ ...window, sourceId }),
      ]);
      items = reconciliationReport(cells, [], billDays, grain, range);
    }
    const body: CostReconciliationResponse = { grain, items, ok: items.every(i => i.ok) };
    res.json(body as never);
  });

  /** Cost per period of the cells matching `filter`, with the request's grain, view and range. */
  async function periodCosts(
    req: express.Request,
    filter: { entityRef?: string; lineOfBusiness?: string },
  ) {
    const p = paramsOf(req);
    const grain = p.grain();
    const view = p.view();
    const range = p.range();
    const window = loadWindow(range, grain);
    const [cells, billDays] = await Promise.all([
      store.cells({ ...window, ...filter }),
      store.billDays(window),
    ]);
    const items = entityPeriodCosts(cells, periodMarkers(billDays), { grain, view, range });
    return { grain, view, items };
  }

  router.get('/cost/lines-of-business/:lob', async (req, res) => {
    await authorize(req, headroomCostReadPermission);
    const lineOfBusiness = req.params.lob;
    const body: LineOfBusinessCostResponse = {
      lineOfBusiness,
      ...(await periodCosts(req, { lineOfBusiness })),
    };
    res.json(body as never);
  });

  router.get('/cost/entities/:kind/:namespace/:name', async (req, res) => {
    await authorize(req, headroomCostReadPermission);
    const entityRef = refOf(req.params);
    const body: EntityCostResponse = { entityRef, ...(await periodCosts(req, { entityRef })) };
    res.json(body as never);
  });

  router.get('/cost/entities/:kind/:namespace/:name/drivers', async (req, res) => {
    await authorize(req, headroomCostReadPermission);
    const p = paramsOf(req);
    const view = p.view();
    const range = p.range();
    const limit = p.integer('limit', 1, 1000, 10);
    const entityRef = refOf(req.params);
    const window = loadWindow(range, 'day');
    // The day before `from` is loaded for period-over-period changes; drivers do not need it.
    const drivers = await store.drivers({
      entityRef,
      fromDay: range.from === undefined ? undefined : window.fromDay! + 86_400,
      toDay: window.toDay,
    });
    const body: CostDriversResponse = { entityRef, view, ...driversReport(drivers, view, limit) };
    res.json(body as never);
  });

  router.get('/cost/entities/:kind/:namespace/:name/unit-cost', async (req, res) => {
    const credentials = await authorize(req, headroomCostReadPermission);
    const p = paramsOf(req);
    const grain = p.grain();
    const view = p.view();
    const range = p.range();
    const entityRef = refOf(req.params);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const window = loadWindow(range, grain);
    const own = await store.cells({ ...window, entityRef });
    const lineOfBusiness =
      entitiesOfCells(own)[0]?.lineOfBusiness ??
      (await lineOfBusinessOf(entity, catalogLookup(catalog, credentials)));
    const cells = lineOfBusiness ? await store.cells({ ...window, lineOfBusiness }) : own;
    const all = lineOfBusiness
      ? [...cells, ...own.filter(c => c.lineOfBusiness !== lineOfBusiness)]
      : own;
    // Every entity of the line of business, with its declared driver, from the catalog.
    const refs = [...new Set(all.flatMap(c => (c.entityRef ? [c.entityRef] : [])))];
    if (!refs.includes(entityRef)) refs.push(entityRef);
    const { items: found } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata'] },
      { credentials },
    );
    const entities: CostEntity[] = refs.map((ref, i) => ({
      ref,
      lineOfBusiness,
      annotations: found[i]?.metadata.annotations ?? {},
    }));
    const driver = unitCostDriver({ ref: entityRef, annotations: entity.metadata.annotations });
    const rows = rollupCosts({ cells: all }, entities, { by: 'entity', grain, view }).filter(
      r => r.key !== UNALLOCATED && overlaps(r.period, grain, range),
    );
    const costs: PeriodCost[] = rows.map(r => ({
      entityRef: r.key,
      period: r.period,
      currency: r.currency,
      cost: r.cost,
    }));
    const withDrivers = entities.flatMap(e => {
      const d = unitCostDriver(e);
      return d ? [{ entityRef: e.ref, query: d.query }] : [];
    });
    let values: Awaited<ReturnType<typeof fetchDriverValues>> = [];
    if (driver) {
      if (!prometheus) {
        throw new ServiceUnavailableError(
          `Unit cost of ${entityRef} needs its driver from Prometheus, and headroom.prometheus.baseUrl is not configured`,
        );
      }
      const periods = [...new Set(costs.map(c => c.period))].sort((a, b) => a - b);
      try {
        values = await fetchDriverValues(
          prometheus,
          withDrivers,
          periods,
          grain,
          now().getTime() / 1000,
        );
      } catch (e) {
        throw new ServiceUnavailableError(
          `Unit cost of ${entityRef}: the drivers could not be read from Prometheus: ${(e as Error).message}`,
        );
      }
    }
    const body: UnitCostResponse = {
      entityRef,
      lineOfBusiness,
      grain,
      view,
      driver,
      items: unitCostReport(entityRef, costs, values, entities, grain),
    };
    res.json(body as never);
  });
}
