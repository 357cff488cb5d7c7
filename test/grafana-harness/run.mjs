// Browser test of the built Grafana plugins against the demo: a real Prometheus with the demo
// traffic and the SLO rules, the Backstage backend with Headroom, Chromium. Each panel is
// rendered from its dist/module.js with data the datasource's dist/module.js queried, and the
// numbers on screen are checked against what the backend reports. Screenshots: artifacts/grafana/.
//
//   node test/grafana-harness/run.mjs      (scripts/test-grafana.sh builds everything first)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarnessServer } from './server.mjs';
import { launchChromium, openHarness } from './browser.mjs';
import { checkProvisionedDashboards } from './dashboards.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../..');
const artifacts = join(repo, 'artifacts/grafana');
const TOKEN = 'headroom-demo-token';
const log = (...a) => console.log('grafana-harness:', ...a);

function sh(cmd, args) {
  return execFileSync(cmd, args, {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

async function backendGet(backendUrl, path) {
  const res = await fetch(`${backendUrl}${path}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Every SLO the backend knows, once each has been evaluated at least once. */
async function evaluatedSlos(backendUrl, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entities = await backendGet(
      backendUrl,
      `/api/catalog/entities?filter=${encodeURIComponent('metadata.annotations.headroom.dev/slo-file')}`,
    );
    const lists = await Promise.all(
      entities.map(e =>
        backendGet(
          backendUrl,
          `/api/headroom/entities/${e.kind.toLowerCase()}/${e.metadata.namespace ?? 'default'}/${e.metadata.name}/slos`,
        ),
      ),
    );
    const slos = lists.flatMap(l => l.items);
    const pending = slos.filter(s => !s.status?.evaluatedAt);
    if (slos.length > 0 && pending.length === 0) return slos;
    if (Date.now() > deadline)
      throw new Error(
        `the backend has not evaluated ${pending.map(s => `${s.entityRef}#${s.name}`).join(', ')} after ${timeoutMs / 1000} s`,
      );
    await new Promise(r => setTimeout(r, 2000));
  }
}

const pct = text => {
  const m = /(-?\d+(?:\.\d+)?)%/.exec(text);
  if (!m) throw new Error(`no percentage in "${text}"`);
  return Number(m[1]);
};

async function main() {
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(join(repo, '.cache/grafana-harness'), { recursive: true });
  const rules = join(repo, '.cache/grafana-harness/rules.yml');
  sh('node', [
    'packages/cli/dist/bin.js',
    'rules',
    ...sh('bash', ['-c', 'ls dev-env/catalog/services/*/slos.yaml']).split('\n'),
    '-o',
    rules,
  ]);
  const prometheusUrl = sh('dev-env/demo-prometheus/start.sh', ['--rules', rules]);
  const backendUrl = sh('dev-env/backstage/start.sh', []);
  log(`Prometheus ${prometheusUrl}, backend ${backendUrl}`);

  const datasources = {
    headroom: {
      type: 'headroom-slo-datasource',
      jsonData: { backendUrl, prometheusUid: 'prometheus' },
      secureJsonData: { backendToken: TOKEN },
    },
    wrongtoken: {
      type: 'headroom-slo-datasource',
      jsonData: { backendUrl, prometheusUid: 'prometheus' },
      secureJsonData: { backendToken: 'not-the-token' },
    },
    prometheus: { type: 'prometheus', url: prometheusUrl },
  };
  const server = await startHarnessServer({ datasources });
  const browser = await launchChromium();
  const failures = [];
  // HARNESS_CHECKS=<regular expression> runs only the checks whose names match it.
  const only = process.env.HARNESS_CHECKS ? new RegExp(process.env.HARNESS_CHECKS) : null;
  const check = async (name, fn) => {
    if (only && !only.test(name)) return;
    try {
      await fn();
      log(`ok   ${name}`);
    } catch (e) {
      failures.push(`${name}: ${e.message}`);
      log(`FAIL ${name}: ${e.message}`);
    }
  };

  try {
    const { page, errors } = await openHarness(browser, server.url);
    const dsSettings = {
      uid: 'headroom',
      url: '/api/datasources/proxy/uid/headroom',
      jsonData: datasources.headroom.jsonData,
    };
    const slos = await evaluatedSlos(backendUrl);
    log(`${slos.length} SLOs evaluated by the backend`);
    const now = Date.now();

    await check(
      'health check of the datasource, through its plugin route and the Prometheus proxy',
      async () => {
        const res = await page.evaluate(
          s => window.harness.testDatasource('headroom-slo-datasource', s),
          dsSettings,
        );
        const recorded = await (
          await fetch(
            `${prometheusUrl}/api/v1/query?query=${encodeURIComponent('count(slo:sli_error:ratio_rate5m)')}`,
          )
        ).json();
        const count = Number(recorded.data.result[0]?.value[1] ?? 0);
        assert.deepEqual(res, {
          status: 'success',
          message: `Headroom backend: ${slos.length} SLOs. Prometheus: ${count} SLOs with recording rules.`,
        });
        // A wrong token is reported as the backend's 401, naming the backend.
        const denied = await page.evaluate(
          s =>
            window.harness.testDatasource('headroom-slo-datasource', {
              ...s,
              uid: 'wrongtoken',
              url: '/api/datasources/proxy/uid/wrongtoken',
            }),
          dsSettings,
        );
        assert.equal(denied.status, 'error');
        assert.match(
          denied.message,
          /^Headroom backend: GET \/api\/datasources\/proxy\/uid\/wrongtoken\/headroom\/api\/headroom\/rollups\/owners: HTTP 401/,
        );
      },
    );

    await check('SLO list: the backend stored status of every SLO', async () => {
      const rows = await page.evaluate(
        async ({ s, from, to }) => {
          const { data, errors } = await window.harness.query(
            'headroom-slo-datasource',
            s,
            [{ refId: 'A', queryType: 'slos' }],
            from,
            to,
          );
          if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
          const f = data[0];
          const col = n => f.fields.find(x => x.name === n).values;
          return col('entity').map((e, i) => ({
            key: `${e}#${col('slo')[i]}`,
            budget: col('budgetRemaining')[i],
            sli: col('sli')[i],
          }));
        },
        { s: dsSettings, from: now - 3600_000, to: now },
      );
      const fresh = await evaluatedSlos(backendUrl);
      assert.equal(rows.length, fresh.length);
      for (const s of fresh) {
        const row = rows.find(r => r.key === `${s.entityRef}#${s.name}`);
        assert.ok(row, `${s.entityRef}#${s.name} missing from the list`);
        // The backend re-evaluates every minute: allow the change of one evaluation.
        assert.ok(
          Math.abs(row.budget - s.status.budgetRemaining) < 0.002,
          `${row.key}: ${row.budget} vs backend ${s.status.budgetRemaining}`,
        );
      }
    });

    const ledger = slos.find(s => s.entityRef === 'component:default/ledger');
    assert.ok(ledger, 'the demo catalog has no ledger SLO');

    await check('error-budget panel for one SLO shows the budget the backend reports', async () => {
      const out = await page.evaluate(
        async ({ s, from, to, entity, slo }) => {
          const { data, errors } = await window.harness.query(
            'headroom-slo-datasource',
            s,
            [{ refId: 'A', queryType: 'errorBudget', entity: '$service', slo }],
            from,
            to,
            { service: entity },
          );
          if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
          await window.harness.renderPanels(
            [
              {
                pluginId: 'headroom-errorbudget-panel',
                series: data,
                width: 640,
                height: 420,
                title: 'Error budget',
              },
            ],
            from,
            to,
          );
          const status = data.find(f => f.meta.custom.headroom === 'status');
          return {
            text: document.querySelector('[data-testid="budget-remaining"]').textContent,
            state: document.querySelector('[data-testid="alert-state"]').textContent,
            tte: document.querySelector('[data-testid="time-to-exhaustion"]').textContent,
            rows: document.querySelectorAll('table[aria-label="Burn rates"] tbody tr').length,
            chart: !!document.querySelector('svg[aria-label="Error budget burndown"]'),
            sli: status.fields.find(f => f.name === 'sli').values[0],
          };
        },
        {
          s: dsSettings,
          from: now - 30 * 86400_000,
          to: now,
          entity: ledger.entityRef,
          slo: ledger.name,
        },
      );
      await page.screenshot({
        path: join(artifacts, 'errorbudget-ledger.png'),
        clip: { x: 0, y: 0, width: 650, height: 450 },
      });
      const backend = (
        await backendGet(
          backendUrl,
          `/api/headroom/entities/component/default/ledger/slos/${ledger.name}`,
        )
      ).status;
      log(
        `  panel "${out.text}", ${out.state}, ${out.tte}; backend budget ${backend.budgetRemaining}, SLI ${backend.sli}`,
      );
      // The panel computes at "now" from one-minute samples, the backend at its last evaluation:
      // equal to the shown decimal, give or take one step of it.
      assert.ok(
        Math.abs(pct(out.text) - backend.budgetRemaining * 100) <= 0.11,
        `panel ${out.text} vs backend ${(backend.budgetRemaining * 100).toFixed(3)}%`,
      );
      assert.ok(Math.abs(out.sli - backend.sli) < 5e-5, `SLI ${out.sli} vs backend ${backend.sli}`);
      assert.equal(out.state, backend.alertState);
      assert.equal(out.rows, 8);
      assert.ok(out.chart);
    });

    await check(
      'error-budget panel over a line of business: one cell per SLO, each as the backend reports',
      async () => {
        const lob = ledger.lineOfBusiness;
        const cells = await page.evaluate(
          async ({ s, from, to, lob }) => {
            const { data, errors } = await window.harness.query(
              'headroom-slo-datasource',
              s,
              [{ refId: 'A', queryType: 'errorBudget', lineOfBusiness: lob }],
              from,
              to,
            );
            if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
            await window.harness.renderPanels(
              [
                {
                  pluginId: 'headroom-errorbudget-panel',
                  series: data,
                  width: 1500,
                  height: 600,
                  title: lob,
                },
              ],
              from,
              to,
            );
            return [...document.querySelectorAll('[data-testid="slo-cell"]')].map(c => ({
              key: c.dataset.slo,
              text: c.querySelector('[data-testid="budget-remaining"]').textContent,
            }));
          },
          { s: dsSettings, from: now - 30 * 86400_000, to: now, lob },
        );
        await page.screenshot({
          path: join(artifacts, `errorbudget-${lob}.png`),
          clip: { x: 0, y: 0, width: 1510, height: 630 },
        });
        const fresh = (await evaluatedSlos(backendUrl)).filter(s => s.lineOfBusiness === lob);
        assert.deepEqual(
          cells.map(c => c.key).sort(),
          fresh.map(s => `${s.entityRef}#${s.name}`).sort(),
        );
        for (const s of fresh) {
          const c = cells.find(x => x.key === `${s.entityRef}#${s.name}`);
          assert.ok(
            Math.abs(pct(c.text) - s.status.budgetRemaining * 100) <= 0.11,
            `${c.key}: panel ${c.text} vs backend ${(s.status.budgetRemaining * 100).toFixed(3)}%`,
          );
        }
      },
    );

    await check('recorded series: the SLO rules as Prometheus evaluates them', async () => {
      const out = await page.evaluate(
        async ({ s, from, to, entity, slo }) => {
          const { data, errors } = await window.harness.query(
            'headroom-slo-datasource',
            s,
            [{ refId: 'A', queryType: 'recorded', entity, slo, recordedSeries: '5m' }],
            from,
            to,
          );
          if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
          return data.map(f => ({
            name: f.name,
            labels: f.fields[1].labels,
            n: f.fields[1].values.filter(v => Number.isFinite(v)).length,
          }));
        },
        {
          s: dsSettings,
          from: now - 3600_000,
          to: Date.now(),
          entity: ledger.entityRef,
          slo: ledger.name,
        },
      );
      assert.equal(out.length, 1, JSON.stringify(out));
      assert.equal(out[0].labels.sloth_service, 'ledger');
      assert.ok(out[0].n > 0, 'no recorded values yet');
    });

    const DAY_MS = 86400_000;
    const today = Math.floor(now / DAY_MS) * DAY_MS;

    await check(
      'capacity: a table of the capacity frames shows the assessments the backend returns',
      async () => {
        // Writing an assessment takes an owner: the guest user assesses two services that are not
        // in the catalog yet (as the new-service template does) and names itself the owner.
        const guest = await (
          await fetch(`${backendUrl}/api/auth/guest/refresh`, {
            headers: { 'X-Requested-With': 'XMLHttpRequest' },
          })
        ).json();
        const userToken = guest.backstageIdentity?.token;
        const userRef = guest.backstageIdentity?.identity?.userEntityRef;
        assert.ok(
          userToken && userRef,
          `no guest identity: ${JSON.stringify(guest).slice(0, 200)}`,
        );
        const probes = [
          ['grafana-probe-api', { unit: 'cores', baseline: 0.5, perUnit: 0.004, noise: 0.1 }],
          ['grafana-probe-cache', { unit: 'GiB', baseline: 2, perUnit: 0.01, noise: 0.5 }],
        ];
        for (const [name, usage] of probes) {
          const res = await fetch(
            `${backendUrl}/api/headroom/capacity/entities/component/default/${name}/assessments`,
            {
              method: 'POST',
              headers: { Authorization: `Bearer ${userToken}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({
                inputs: {
                  driver: 'requests per second',
                  expectedPeak: 800,
                  growthPerMonth: 0.1,
                  horizonMonths: 6,
                  usage,
                  requestPerReplica: usage.unit === 'cores' ? 0.5 : 4,
                  pricePerUnitHour: 0.04,
                  currency: 'USD',
                },
                ownerRef: userRef,
                lineOfBusiness: 'harness',
              }),
            },
          );
          assert.equal(res.status, 201, `POST assessment of ${name}: ${await res.text()}`);
        }
        const refs = probes.map(([name]) => `component:default/${name}`);
        const backend = await Promise.all(
          probes.map(([name]) =>
            backendGet(
              backendUrl,
              `/api/headroom/capacity/entities/component/default/${name}/assessment`,
            ),
          ),
        );
        const out = await page.evaluate(
          async ({ s, from, to, refs }) => {
            const { data, errors } = await window.harness.query(
              'headroom-slo-datasource',
              s,
              [{ refId: 'A', queryType: 'capacity', entity: '$service' }],
              from,
              to,
              { service: refs },
            );
            if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
            const table = await window.harness.renderTable(data, from, to, 1500, 200);
            const f = data[0];
            const col = n => f.fields.find(x => x.name === n).values;
            return {
              table,
              frame: {
                entity: col('entity'),
                needed: col('cpuRecommended').map((v, i) => v ?? col('memoryRecommended')[i]),
                replicas: col('replicas'),
                peak: col('driverPeakForecast'),
                upper: col('driverPeakUpper'),
                monthlyCost: col('monthlyCost'),
                stale: col('stale'),
              },
              fmt: {
                cpu: window.harness.formatValue('suffix:cores', 2, 1),
                gib: window.harness.formatValue('gbytes', 2, 1),
              },
            };
          },
          { s: dsSettings, from: now - 3600_000, to: now, refs },
        );
        await page.screenshot({
          path: join(artifacts, 'capacity.png'),
          clip: { x: 0, y: 0, width: 1510, height: 210 },
        });
        assert.deepEqual(out.frame.entity, refs);
        const h = out.table.header;
        const cell = (row, name) => row[h.indexOf(name)];
        backend.forEach((a, i) => {
          assert.equal(out.frame.needed[i], a.recommendation.needed);
          assert.equal(out.frame.replicas[i], a.recommendation.replicas);
          assert.equal(out.frame.peak[i], a.result.driverPeakAtHorizon);
          assert.equal(out.frame.upper[i], a.result.driverUpperAtHorizon);
          assert.equal(out.frame.monthlyCost[i], a.recommendation.monthlyCost);
          assert.equal(out.frame.stale[i], a.stale);
          const row = out.table.rows[i];
          assert.equal(cell(row, 'Entity'), a.entityRef);
          // What the table shows is the backend's number in Grafana's unit.
          const [column, unit] =
            a.recommendation.unit === 'cores'
              ? ['CPU recommended', 'cores']
              : ['Memory recommended', 'GiB'];
          assert.equal(
            cell(row, column),
            `${a.recommendation.needed.toFixed(2)} ${unit}`,
            `${a.entityRef} ${column}`,
          );
          assert.equal(cell(row, 'Headroom'), '', 'no current allocation: no headroom');
          assert.equal(cell(row, 'Stale'), String(a.stale));
        });
        log(`  capacity rows: ${out.table.rows.map(r => r.slice(0, 8).join(' | ')).join(' // ')}`);
      },
    );

    // The demo backend imports the bill a few seconds after it starts.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const runs = (await backendGet(backendUrl, '/api/headroom/cost/imports')).items;
      if (runs.some(r => r.status === 'succeeded')) break;
      if (Date.now() > deadline)
        throw new Error(`no cost import succeeded: ${JSON.stringify(runs).slice(0, 500)}`);
      await new Promise(r => setTimeout(r, 2000));
    }

    await check(
      'cost: a table of the cost frame shows what the backend returns per day',
      async () => {
        const from = today - 30 * DAY_MS;
        const to = today;
        const q = `from=${from / 1000}&to=${to / 1000}&grain=day&view=effective`;
        const backend = await backendGet(
          backendUrl,
          `/api/headroom/cost/entities/component/default/ledger?${q}`,
        );
        assert.ok(
          backend.items.length > 0,
          'the backend has no cost for ledger in the last 30 days',
        );
        const out = await page.evaluate(
          async ({ s, from, to }) => {
            const { data, errors } = await window.harness.query(
              'headroom-slo-datasource',
              s,
              [
                {
                  refId: 'A',
                  queryType: 'cost',
                  entity: 'component:default/ledger',
                  view: 'effective',
                },
              ],
              from,
              to,
            );
            if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
            return {
              table: await window.harness.renderTable(data, from, to, 900, 1600),
              frames: data.length,
            };
          },
          { s: dsSettings, from, to },
        );
        await page.screenshot({
          path: join(artifacts, 'cost-ledger.png'),
          clip: { x: 0, y: 0, width: 910, height: 400 },
        });
        assert.equal(out.frames, 1);
        const expected = await page.evaluate(
          items =>
            items.map(i => [
              new Date(i.period * 1000).toISOString().replace('T', ' ').slice(0, 19),
              window.harness.formatValue('currencyUSD', 2, Number(i.cost)),
            ]),
          backend.items,
        );
        const shown = out.table.rows.map(r => [r[0], r[1]]);
        assert.deepEqual(shown, expected);
        log(
          `  ${shown.length} days of ledger cost, first ${shown[0].join(' ')}, last ${shown.at(-1).join(' ')}`,
        );
      },
    );

    await check(
      'cost rollup by line of business: one series per line and unallocated, as the backend sums',
      async () => {
        const from = today - 60 * DAY_MS;
        const to = today;
        const backend = await backendGet(
          backendUrl,
          `/api/headroom/cost/rollup?by=lineOfBusiness&from=${from / 1000}&to=${to / 1000}&grain=month&view=billed`,
        );
        const frames = await page.evaluate(
          async ({ s, from, to }) => {
            const { data, errors } = await window.harness.query(
              'headroom-slo-datasource',
              s,
              [
                {
                  refId: 'A',
                  queryType: 'cost',
                  costBy: 'lineOfBusiness',
                  grain: 'month',
                  view: 'billed',
                },
              ],
              from,
              to,
            );
            if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
            return data.map(f => ({
              key: f.meta.custom.key,
              time: f.fields[0].values,
              cost: f.fields[1].values,
            }));
          },
          { s: dsSettings, from, to },
        );
        const keys = [...new Set(backend.items.map(i => i.key))].sort();
        assert.ok(keys.includes('(unallocated)'), `no (unallocated) in ${keys.join(', ')}`);
        assert.deepEqual(
          frames.map(f => f.key),
          keys,
        );
        for (const i of backend.items) {
          const f = frames.find(x => x.key === i.key);
          const k = f.time.indexOf(i.period * 1000);
          assert.equal(f.cost[k], Number(i.cost), `${i.key} ${i.date}`);
        }
      },
    );

    await check(
      'unit-cost panel: cost per driver unit against the band, as the backend computes it, on hover',
      async () => {
        const p0 = today - 7 * DAY_MS;
        const q = `from=${p0 / 1000}&to=${(p0 + 7 * DAY_MS) / 1000}&grain=day&view=billed`;
        const backend = await backendGet(
          backendUrl,
          `/api/headroom/cost/entities/component/default/ledger/unit-cost?${q}`,
        );
        assert.ok(backend.driver, 'ledger declares no unit-cost driver in the demo catalog');
        const out = await page.evaluate(
          async ({ s, from, to }) => {
            const { data, errors } = await window.harness.query(
              'headroom-slo-datasource',
              s,
              [{ refId: 'A', queryType: 'unitCost', entity: 'component:default/ledger' }],
              from,
              to,
            );
            if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
            await window.harness.renderPanels(
              [
                {
                  pluginId: 'headroom-unitcost-panel',
                  series: data,
                  width: 760,
                  height: 320,
                  title: 'Unit cost',
                },
              ],
              from,
              from + 6 * 86400_000,
            );
            return data.length;
          },
          { s: dsSettings, from: p0, to: p0 + 7 * DAY_MS },
        );
        assert.ok(out >= 1);
        // Hover the fourth day: periods run from the plot's left edge (x = 64) to its right (width - 12).
        const u = backend.items.find(r => r.period * 1000 === p0 + 3 * DAY_MS);
        assert.ok(u && u.unitCost !== null, `no unit cost for day 3: ${JSON.stringify(u)}`);
        const svg = page.locator('svg[aria-label="Unit cost"]');
        const box = await svg.boundingBox();
        await page.mouse.move(box.x + 64 + ((760 - 64 - 12) * 3) / 6, box.y + 100);
        const row = await page.locator('[data-testid="tooltip-row"]').textContent();
        await page.screenshot({
          path: join(artifacts, 'unitcost.png'),
          clip: { x: 0, y: 0, width: 780, height: 360 },
        });
        const [unitText, costText] = await page.evaluate(
          u => [
            window.harness.formatValue('currencyUSD', 6, u.unitCost),
            window.harness.formatValue('currencyUSD', 2, Number(u.cost)),
          ],
          u,
        );
        log(`  tooltip "${row}"`);
        assert.ok(
          row.startsWith(
            `ledger cost per ${backend.driver.unit}: ${unitText} = cost ${costText} / driver `,
          ),
          `tooltip "${row}" vs backend unit cost ${u.unitCost}, cost ${u.cost}`,
        );
        if (u.band) {
          const band = await page.locator('[data-testid="tooltip-band"]').textContent();
          const [p25, p75] = await page.evaluate(
            b => [
              window.harness.formatValue('currencyUSD', 6, b.p25),
              window.harness.formatValue('currencyUSD', 6, b.p75),
            ],
            u.band,
          );
          assert.equal(band, `${backend.lineOfBusiness} band: p25 ${p25} · p75 ${p75}`);
        }
      },
    );

    await check('cost anomalies: the annotation frame holds the backend anomalies', async () => {
      const from = today - 90 * DAY_MS;
      const to = now;
      const backend = await backendGet(
        backendUrl,
        `/api/headroom/optimise/anomalies?from=${Math.floor(from / 1000)}&to=${Math.ceil(to / 1000)}`,
      );
      const rows = await page.evaluate(
        async ({ s, from, to }) => {
          const { data, errors } = await window.harness.query(
            'headroom-slo-datasource',
            s,
            [{ refId: 'Anno', queryType: 'anomalies' }],
            from,
            to,
          );
          if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
          const f = data[0];
          const col = n => f.fields.find(x => x.name === n).values;
          return col('time').map((t, i) => ({
            time: t,
            text: col('text')[i],
            tags: col('tags')[i],
          }));
        },
        { s: dsSettings, from, to },
      );
      const expected = [...backend.items]
        .sort((a, b) => a.time - b.time || a.entityRef.localeCompare(b.entityRef))
        .map(a => ({ time: a.time, text: a.text, tags: a.tags.join(',') }));
      assert.deepEqual(rows, expected);
      log(`  ${rows.length} cost anomalies`);
    });

    await check(
      'incidents dashboard: every panel of headroom-incidents.json against the backend',
      async () => {
        // The demo history's outages, sent to the webhook as Alertmanager would have (the
        // backend's impact start and mitigation come from the counters in Prometheus).
        sh('node', [
          'dev-env/demo-incidents/replay.mjs',
          '--prometheus',
          prometheusUrl,
          '--rules',
          rules,
          '--webhook',
          `${backendUrl}/api/headroom/alertmanager/webhook`,
          '--token',
          'headroom-demo-alertmanager-token',
        ]);
        const dashboard = JSON.parse(
          readFileSync(join(repo, 'provisioning/dashboards/headroom-incidents.json'), 'utf8'),
        );
        const DAY = 86400_000;
        const from = now - 30 * DAY;
        const to = Date.now();
        const period = `from=${new Date(Math.floor(from / 1000) * 1000).toISOString()}&to=${new Date(Math.ceil(to / 1000) * 1000).toISOString()}`;
        const incidents = await backendGet(backendUrl, `/api/headroom/incidents?${period}`);
        assert.ok(
          incidents.items.filter(i => i.status === 'resolved').length >= 3,
          `the replayed outages are incidents: ${incidents.items.map(i => `${i.service} ${i.severity} ${i.status}`).join(', ')}`,
        );
        for (const [n, panel] of dashboard.panels.entries()) {
          const out = await page.evaluate(
            async ({ s, targets, from, to }) => {
              const { data, errors } = await window.harness.query(
                'headroom-slo-datasource',
                s,
                targets,
                from,
                to,
                { lob: '' },
              );
              if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
              const table = await window.harness.renderTable(data, from, to, 1500, 260);
              const f = data[0];
              return {
                table,
                columns: Object.fromEntries(f.fields.map(x => [x.name, x.values])),
              };
            },
            { s: dsSettings, targets: panel.targets, from, to },
          );
          await page.screenshot({
            path: join(artifacts, `incidents-panel-${n + 1}.png`),
            clip: { x: 0, y: 0, width: 1510, height: 270 },
          });
          const target = panel.targets[0];
          if (target.queryType === 'incidents') {
            assert.deepEqual(
              out.columns.id,
              [...incidents.items]
                .sort(
                  (a, b) =>
                    Date.parse(a.impactStart) - Date.parse(b.impactStart) ||
                    a.id.localeCompare(b.id),
                )
                .map(i => i.id),
              panel.title,
            );
            assert.deepEqual(
              out.columns.ttd,
              out.columns.id.map(id => incidents.items.find(i => i.id === id).ttdSeconds),
            );
            assert.equal(
              out.table.rows.length,
              incidents.items.length,
              `${panel.title}: table rows`,
            );
          } else {
            const report = await backendGet(
              backendUrl,
              `/api/headroom/incidents/mttx?${period}&by=${target.mttxBy}`,
            );
            const keys = out.columns[target.mttxBy];
            assert.deepEqual([...keys].sort(), Object.keys(report.groups).sort(), panel.title);
            keys.forEach((k, i) => {
              const g = report.groups[k];
              assert.equal(out.columns.count[i], g.count, `${panel.title} ${k} count`);
              assert.equal(out.columns.mttd[i], g.mttd?.mean ?? null, `${panel.title} ${k} MTTD`);
              assert.equal(out.columns.mttr[i], g.mttr?.mean ?? null, `${panel.title} ${k} MTTR`);
              assert.equal(
                out.columns.attainment[i],
                g.attainment,
                `${panel.title} ${k} attainment`,
              );
            });
            assert.equal(out.table.rows.length, keys.length, `${panel.title}: table rows`);
          }
          log(
            `  ${panel.title}: ${out.table.rows.map(r => r.slice(0, 6).join(' | ')).join(' // ')}`,
          );
        }
      },
    );

    await checkProvisionedDashboards({
      page,
      check,
      repo,
      artifacts,
      log,
      dsSettings,
      prometheusUrl,
      backendUrl,
      token: TOKEN,
      backendGet: path => backendGet(backendUrl, path),
      evaluatedSlos: () => evaluatedSlos(backendUrl),
    });

    const pageErrors = errors.filter(e => !/Failed to load resource/.test(e));
    if (pageErrors.length) failures.push(`errors in the page: ${pageErrors.join(' | ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
  if (failures.length) {
    console.error(`grafana-harness: ${failures.length} failed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  log(`all checks passed; screenshots in ${artifacts}`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
