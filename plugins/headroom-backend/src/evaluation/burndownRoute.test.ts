import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { TimeWindow } from '@headroom/core';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  backfill,
  startPrometheus,
  tempDir,
  type RunningPrometheus,
} from '../../../../test/prometheus/prometheus';
import { availabilitySlo, sloWrite } from '../__fixtures__/slos';
import { ledgerOpenMetrics } from '../__fixtures__/ledgerHistory';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { createRouter } from '../slos/routes';
import { burndownStepSeconds, parseBurndownPoints, windowEnd } from './burndownRoute';

jest.setTimeout(120_000);

const STEP = 60;
const DAY = 86_400;
/** End of the backfilled traffic: a whole minute just before the tests run. */
const T = Math.floor(Date.now() / 1000 / STEP) * STEP - 2 * STEP;
const S = T - 2 * DAY;

/**
 * Budget left at t: 288 000 requests in the window allow 2 880 errors at 99 %; one error a
 * minute from the second day on, 1 440 in all.
 */
function expectedRemaining(t: number): number {
  const errors = Math.min(1440, Math.max(0, Math.floor((t - S - DAY) / STEP)));
  return 1 - errors / 2880;
}

describe('parseBurndownPoints and burndownStepSeconds', () => {
  it('takes 2 to 2000 points, 200 when absent, and names the parameter otherwise', () => {
    expect(parseBurndownPoints(undefined, 'GET /x')).toBe(200);
    expect(parseBurndownPoints('2', 'GET /x')).toBe(2);
    expect(parseBurndownPoints('2000', 'GET /x')).toBe(2000);
    for (const bad of ['1', '2001', 'abc', '-5', '1.5', '']) {
      expect(() => parseBurndownPoints(bad, 'GET /x')).toThrow(
        `Query parameter points of GET /x must be a whole number from 2 to 2000, got '${bad}'`,
      );
    }
  });

  it('spreads the points over the span, never finer than the samples', () => {
    // 30 days in 199 steps: 2 592 000 / 199 = 13 025.13 → 13 026 s.
    expect(burndownStepSeconds(30 * DAY, 200, 60)).toBe(13_026);
    expect(burndownStepSeconds(30 * DAY, 2, 60)).toBe(30 * DAY);
    // One hour in 1 999 steps would be 1.8 s: the samples are a minute apart.
    expect(burndownStepSeconds(3600, 2000, 60)).toBe(60);
  });
});

describe('windowEnd', () => {
  const unix = (iso: string) => Date.parse(iso) / 1000;

  it('is the evaluation time of a rolling window', () => {
    const rolling: TimeWindow = { duration: '30d', seconds: 30 * DAY, isRolling: true };
    expect(windowEnd(rolling, 1_800_000_000)).toBe(1_800_000_000);
  });

  it("is the next period's start of a calendar window, whatever the period's real length", () => {
    const month: TimeWindow = {
      duration: '1M',
      seconds: 30 * DAY,
      isRolling: false,
      calendarUnit: 'month',
    };
    // February 2026 has 28 days, January 31: neither is the nominal 30.
    expect(windowEnd(month, unix('2026-02-10T12:00:00Z'))).toBe(unix('2026-03-01T00:00:00Z'));
    expect(windowEnd(month, unix('2026-01-31T23:00:00Z'))).toBe(unix('2026-02-01T00:00:00Z'));
    // Weeks start on Monday: Wednesday 25 November 2026 is in the week ending Monday the 30th.
    const week: TimeWindow = {
      duration: '1w',
      seconds: 7 * DAY,
      isRolling: false,
      calendarUnit: 'week',
    };
    expect(windowEnd(week, unix('2026-11-25T10:00:00Z'))).toBe(unix('2026-11-30T00:00:00Z'));
    // 25 October 2026 in Berlin has 25 hours: midnight CEST (22:00Z) to midnight CET (23:00Z).
    const day: TimeWindow = {
      duration: '1d',
      seconds: DAY,
      isRolling: false,
      calendarUnit: 'day',
      calendar: { startTime: '2001-01-01 00:00:00', timeZone: 'Europe/Berlin' },
    };
    expect(windowEnd(day, unix('2026-10-25T12:00:00Z'))).toBe(unix('2026-10-25T23:00:00Z'));
  });
});

describe('GET …/slos/{sloName}/burndown against a real Prometheus', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const owner = 'user:default/hana.mori';
  const stranger = 'user:default/no.access';
  const url = '/entities/component/default/ledger/slos/availability/burndown';
  let prometheus: RunningPrometheus;
  let dir: string;
  let app: express.Express;

  beforeAll(async () => {
    dir = tempDir('headroom-burndown-');
    backfill(ledgerOpenMetrics(S, T, STEP), path.join(dir, 'data'));
    prometheus = await startPrometheus({ dir });

    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    await store.create(
      sloWrite('component:default/ledger', availabilitySlo('ledger', 'availability', 0.99)),
      owner,
    );
    const config = mockServices.rootConfig({
      data: {
        headroom: {
          prometheus: { baseUrl: prometheus.url, timeoutMs: 5000 },
          evaluation: { stepSeconds: STEP },
        },
      },
    });
    const logger = mockServices.logger.mock();
    const denyStranger = async (queries: unknown[], options: { credentials: unknown }) => {
      const principal = (options.credentials as { principal: { userEntityRef?: string } })
        .principal;
      const result =
        principal.userEntityRef === stranger ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;
      return queries.map(() => ({ result }));
    };
    const router = await createRouter({
      config,
      logger,
      store,
      httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }),
      permissions: mockServices.permissions.mock({
        authorize: denyStranger as never,
        authorizeConditional: denyStranger as never,
      }),
      // Reads never consult the catalog: the SLO's owner is stored with it.
      catalog: {} as CatalogService,
    });
    app = express();
    app.use(router);
    app.use(MiddlewareFactory.create({ config, logger }).error());
  });

  afterAll(async () => {
    await prometheus?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, user = owner) =>
    request(app).get(path).set('Authorization', mockCredentials.user.header(user));

  it('gives 200 points through the whole 30-day window, ending at the evaluation with half the budget left', async () => {
    const res = await get(url);
    expect(res.status).toBe(200);
    const at = Date.parse(res.body.evaluatedAt) / 1000;
    expect(at).toBeGreaterThanOrEqual(T);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/ledger',
      sloName: 'availability',
      objective: 0.99,
      window: '30d',
      windowSeconds: 30 * DAY,
      windowStart: at - 30 * DAY,
      windowEnd: at,
      stepSeconds: 13_026,
    });
    const points = res.body.points as { t: number; remaining: number }[];
    expect(points).toHaveLength(200);
    expect(points[0]).toEqual({ t: at - 30 * DAY, remaining: 1 });
    expect(points[1]!.t).toBe(at - 30 * DAY + 13_026);
    expect(points[198]!.t).toBe(at - 30 * DAY + 198 * 13_026);
    expect(points[199]).toEqual({ t: at, remaining: expect.closeTo(0.5, 9) });
    for (const { t, remaining } of points) {
      expect(remaining).toBeCloseTo(expectedRemaining(t), 9);
    }
    // The errors began a day before T; some point falls inside that day, partly spent.
    expect(points.some(p => p.remaining > 0.5 + 1e-9 && p.remaining < 1 - 1e-9)).toBe(true);
  });

  it('gives the window start and the evaluation only when asked for 2 points', async () => {
    const res = await get(`${url}?points=2`);
    expect(res.status).toBe(200);
    const at = Date.parse(res.body.evaluatedAt) / 1000;
    expect(res.body.stepSeconds).toBe(30 * DAY);
    expect(res.body.points).toEqual([
      { t: at - 30 * DAY, remaining: 1 },
      { t: at, remaining: expect.closeTo(0.5, 9) },
    ]);
  });

  it.each(['0', '2001', 'many'])('answers 400 naming points=%s', async points => {
    const res = await get(`${url}?points=${points}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`Query parameter points of GET ${url}?points=`);
    expect(res.body.error.message).toContain(`got '${points}'`);
  });

  it('answers 404 for an unknown SLO and an unknown entity', async () => {
    let res = await get('/entities/component/default/ledger/slos/latency/burndown');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe("component:default/ledger has no SLO named 'latency'");
    res = await get('/entities/component/default/nowhere/slos/availability/burndown');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      "component:default/nowhere has no SLO named 'availability'",
    );
  });

  it('needs the read permission on the SLO', async () => {
    const res = await get(url, stranger);
    expect(res.status).toBe(403);
    expect(res.body.points).toBeUndefined();
  });

  // Last: stops Prometheus.
  it('answers 503 naming Prometheus when it cannot be read, with no points', async () => {
    await prometheus.stop();
    const res = await get(url);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      `Burndown of SLO 'availability' of component:default/ledger: Prometheus at ${prometheus.url} could not be read`,
    );
    expect(res.body.points).toBeUndefined();
  });
});
