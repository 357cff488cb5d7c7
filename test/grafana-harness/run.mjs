// Browser test of the built Grafana plugins against the demo: a real Prometheus with the demo
// traffic and the SLO rules, the Backstage backend with Headroom, Chromium. Each panel is
// rendered from its dist/module.js with data the datasource's dist/module.js queried, and the
// numbers on screen are checked against what the backend reports. Screenshots: artifacts/grafana/.
//
//   node test/grafana-harness/run.mjs      (scripts/test-grafana.sh builds everything first)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarnessServer } from './server.mjs';
import { launchChromium, openHarness } from './browser.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../..');
const artifacts = join(repo, 'artifacts/grafana');
const require = createRequire(import.meta.url);
const core = require(join(repo, 'packages/core/dist/index.js'));
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
  const check = async (name, fn) => {
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
            canvas: !!document.querySelector('canvas[aria-label="Error budget burndown"]'),
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
      assert.ok(out.canvas);
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

    await check(
      'unit-cost panel: cost per request against the band, cost and driver on hover',
      async () => {
        // Unit costs and the band from the engine (no cost API in the backend yet: see README).
        const day = 86400;
        const p0 = Math.floor(now / 1000 / day) * day - 6 * day;
        const refs = ['ledger', 'wallet-api', 'card-issuing', 'fiat-onramp'].map(
          n => `component:default/${n}`,
        );
        const costs = [];
        const drivers = [];
        refs.forEach((ref, i) =>
          [0, 1, 2, 3, 4, 5, 6].forEach(d => {
            costs.push({
              entityRef: ref,
              period: p0 + d * day,
              currency: 'USD',
              cost: core.parseMoney(String(40 + 15 * i + 3 * d)),
            });
            drivers.push({
              entityRef: ref,
              period: p0 + d * day,
              value: 807 + 100 * i + (d % 3) * 50,
            });
          }),
        );
        const unit = core.unitCosts(costs, drivers);
        const bands = core.unitCostBands(
          unit,
          refs.map(ref => ({ ref, lineOfBusiness: 'payments' })),
        );
        const mine = unit.filter(u => u.entityRef === refs[0]);
        const frames = [
          {
            refId: 'A',
            meta: { custom: { headroom: 'unitCost', key: refs[0] } },
            fields: [
              { name: 'time', type: 'time', values: mine.map(u => u.period * 1000) },
              {
                name: 'unitCost',
                type: 'number',
                values: mine.map(u => u.unitCost),
                config: { displayName: 'ledger cost per QPS', unit: 'currencyUSD', decimals: 4 },
              },
              {
                name: 'cost',
                type: 'number',
                values: mine.map(u => u.cost),
                config: { unit: 'currencyUSD', decimals: 2 },
              },
              {
                name: 'driver',
                type: 'number',
                values: mine.map(u => u.driver),
                config: { unit: 'short', decimals: 0 },
              },
            ],
          },
          {
            refId: 'A',
            meta: { custom: { headroom: 'unitCostBand', key: 'payments', title: 'payments' } },
            fields: [
              { name: 'time', type: 'time', values: bands.map(b => b.period * 1000) },
              {
                name: 'p25',
                type: 'number',
                values: bands.map(b => b.p25),
                config: { unit: 'currencyUSD', decimals: 4 },
              },
              {
                name: 'p50',
                type: 'number',
                values: bands.map(b => b.p50),
                config: { unit: 'currencyUSD', decimals: 4 },
              },
              {
                name: 'p75',
                type: 'number',
                values: bands.map(b => b.p75),
                config: { unit: 'currencyUSD', decimals: 4 },
              },
            ],
          },
        ];
        await page.evaluate(
          async ({ frames, from, to }) => {
            await window.harness.renderPanels(
              [
                {
                  pluginId: 'headroom-unitcost-panel',
                  series: window.harness.frames(frames),
                  width: 760,
                  height: 320,
                  title: 'Unit cost',
                },
              ],
              from,
              to,
            );
          },
          { frames, from: p0 * 1000, to: (p0 + 6 * day) * 1000 },
        );
        const svg = page.locator('svg[aria-label="Unit cost"]');
        const box = await svg.boundingBox();
        // Periods run from the plot's left edge (x = 64) to its right (width - 12): hover day 3.
        const x = box.x + 64 + ((760 - 64 - 12) * 3) / 6;
        await page.mouse.move(x, box.y + 100);
        const row = await page.locator('[data-testid="tooltip-row"]').textContent();
        const band = await page.locator('[data-testid="tooltip-band"]').textContent();
        await page.screenshot({
          path: join(artifacts, 'unitcost.png'),
          clip: { x: 0, y: 0, width: 780, height: 360 },
        });
        const u = mine[3];
        const b = bands.find(x => x.period === u.period);
        log(`  tooltip "${row}" | "${band}"`);
        assert.equal(
          row,
          `ledger cost per QPS: $${u.unitCost.toFixed(4)} = cost $${u.cost.toFixed(2)} / driver ${u.driver}`,
        );
        assert.equal(band, `payments: p25 $${b.p25.toFixed(4)} · p75 $${b.p75.toFixed(4)}`);
      },
    );

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
