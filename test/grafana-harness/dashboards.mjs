// The provisioned dashboards (provisioning/dashboards/headroom-{slo,oncall,cost}.json) in the
// harness, from their JSON: template variables resolved with the datasource's variable queries
// and the defaults Grafana picks, repeated panels once per value, every panel's targets through
// the datasource, each panel drawn with its own type, field config and options, and its numbers
// checked against the backend (or Prometheus for the recorded series). Screenshots, one per
// dashboard: artifacts/grafana/dashboard-<name>.png.
//
// How each panel type is drawn: headroom-errorbudget-panel and headroom-unitcost-panel with the
// built plugins (`renderPanels`), `table` with @grafana/ui's Table (`renderTable`), `timeseries`
// with @grafana/ui's TimeSeries (`renderTimeSeries`). A type the harness cannot draw has its
// query results checked against the backend all the same, and the output says it was not drawn.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DAY = 86400_000;
const DASHBOARDS = ['headroom-slo', 'headroom-oncall', 'headroom-cost'];
const PANEL_WIDTH = 1200;

/** `now-30d` and the like, as Grafana reads a dashboard's time. */
function relativeTime(text, now) {
  if (text === 'now') return now;
  const m = /^now-(\d+)([mhd])$/.exec(text);
  if (!m) throw new Error(`time "${text}": the harness reads now and now-<n>[mhd]`);
  return now - Number(m[1]) * { m: 60_000, h: 3600_000, d: DAY }[m[2]];
}

/**
 * The value Grafana gives each variable when the dashboard opens with nothing saved: the saved
 * `current` of a custom variable, "All" where the variable includes it, else the first option
 * (query variables sorted as `sort: 1` says, alphabetically). "All" without an `allValue` is the
 * list of every option, which the template service formats as Grafana does.
 */
async function resolveVariables(page, dsSettings, dashboard) {
  const vars = {};
  const options = {};
  for (const v of dashboard.templating?.list ?? []) {
    let values;
    if (v.type === 'query') {
      assert.equal(v.datasource?.type, 'headroom-slo-datasource', `variable ${v.name}: datasource`);
      values = await page.evaluate(
        ({ s, q, vars }) => window.harness.variableValues('headroom-slo-datasource', s, q, vars),
        { s: dsSettings, q: v.query, vars },
      );
      if (v.sort === 1) values = [...values].sort();
    } else if (v.type === 'custom') {
      values = v.query.split(',').map(x => x.trim());
    } else {
      throw new Error(`variable ${v.name}: type ${v.type} is not one the harness resolves`);
    }
    assert.ok(values.length > 0, `variable ${v.name} (${v.query}) has no values`);
    options[v.name] = values;
    if (v.current?.value !== undefined) vars[v.name] = v.current.value;
    else if (v.includeAll) vars[v.name] = v.allValue ? v.allValue : values;
    else vars[v.name] = v.multi ? [values[0]] : values[0];
  }
  return { vars, options };
}

/** Grafana's repeat: one panel per value of the variable (every option when it is "All"). */
function repeats(panel, vars, options) {
  if (!panel.repeat) return [{ vars, title: panel.title }];
  const v = vars[panel.repeat];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const values = all.length === options[panel.repeat].length ? options[panel.repeat] : all;
  return values.map(value => ({ vars: { ...vars, [panel.repeat]: value }, value }));
}

const interpolate = (text, vars) =>
  (text ?? '').replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a, b) => {
    const v = vars[a ?? b];
    if (v === undefined) return m;
    return Array.isArray(v) ? (v.length === 1 ? v[0] : `{${v.join(',')}}`) : v;
  });

const costQuery = (from, to, grain, view) =>
  `from=${Math.floor(from / 1000)}&to=${Math.ceil(to / 1000)}&grain=${grain}&view=${view}`;

export async function checkProvisionedDashboards(ctx) {
  const { page, check, repo, artifacts, log } = ctx;
  for (const name of DASHBOARDS) {
    await check(`provisioned dashboard ${name}.json: every panel against the backend`, async () => {
      const dashboard = JSON.parse(
        readFileSync(join(repo, 'provisioning/dashboards', `${name}.json`), 'utf8'),
      );
      // Before the dashboard's "now" is fixed: a panel reads up to that instant.
      await waitForRecorded(ctx, dashboard);
      const now = Date.now();
      const started = now;
      const from = relativeTime(dashboard.time.from, now);
      const to = relativeTime(dashboard.time.to, now);
      const { vars, options } = await resolveVariables(page, ctx.dsSettings, dashboard);
      log(
        `  ${name}: ${Object.entries(vars)
          .map(([k, v]) => `$${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : v}`)
          .join(' ')}`,
      );
      const shots = [];
      const panels = [...dashboard.panels].sort(
        (a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x,
      );
      for (const panel of panels) {
        for (const instance of repeats(panel, vars, options)) {
          const title = interpolate(panel.title, instance.vars);
          const shot = join(artifacts, `dashboard-${name}-panel-${shots.length + 1}.png`);
          shots.push(shot);
          const summary = await checkPanel(ctx, {
            panel,
            title,
            vars: instance.vars,
            from,
            to,
            shot,
          });
          log(`  ${name} "${title}" (${panel.type}): ${summary}`);
        }
      }
      for (const a of dashboard.annotations?.list ?? []) {
        if (a.builtIn) continue;
        // Every value of the variable it uses, not only the default: the demo's anomalies are
        // of one line of business.
        const v = /^\$(\w+)$/.exec(a.target.lineOfBusiness ?? '')?.[1];
        for (const value of v ? options[v] : [null]) {
          const at = v ? { ...vars, [v]: value } : vars;
          log(`  ${name} annotation "${a.name}": ${await checkAnnotation(ctx, a, at, from, to)}`);
        }
      }
      log(
        `  ${name}: ${shots.length} panels in ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots ${shots.map(s => s.split('/').pop()).join(', ')}`,
      );
    });
  }
}

/** Runs the panel's targets in the page, draws it, returns what the page shows and the frames. */
async function drawPanel(ctx, { panel, title, vars, from, to }) {
  const height = Math.max(200, panel.gridPos.h * 30 - 24);
  return ctx.page.evaluate(
    async ({ s, panel, title, vars, from, to, width, height }) => {
      const { data, errors } = await window.harness.query(
        'headroom-slo-datasource',
        s,
        panel.targets,
        from,
        to,
        vars,
        { maxDataPoints: width },
      );
      if (errors.length) throw new Error(`${title}: ${errors.map(e => e.message).join('; ')}`);
      const frames = data.map(f => ({
        name: f.name,
        meta: f.meta?.custom ?? {},
        fields: Object.fromEntries(f.fields.map(x => [x.name, x.values])),
        labels: f.fields[1]?.labels ?? {},
      }));
      let shown;
      if (panel.type.startsWith('headroom-')) {
        await window.harness.renderPanels(
          [
            {
              pluginId: panel.type,
              series: data,
              options: panel.options,
              fieldConfig: panel.fieldConfig,
              width,
              height,
              title,
            },
          ],
          from,
          to,
        );
        shown = {
          cells: [...document.querySelectorAll('[data-testid="budget-remaining"]')].map(c => ({
            key: c.closest('[data-testid="slo-cell"]')?.dataset.slo ?? null,
            text: c.textContent,
          })),
          svgs: document.querySelectorAll('.panel svg[aria-label="Unit cost"]').length,
          text: document.querySelector('.panel').textContent,
        };
      } else if (panel.type === 'table') {
        // The table draws the rows it has room for: give it room for all of them.
        const rows = data.reduce((n, f) => n + f.length, 0);
        shown = await window.harness.renderTable(
          data,
          from,
          to,
          // Wide enough for every column, as on a wide screen.
          width * 1.5,
          Math.max(height, 40 * (rows + 2)),
          panel.fieldConfig,
          panel.options,
        );
      } else if (panel.type === 'timeseries') {
        shown = await window.harness.renderTimeSeries(
          data,
          from,
          to,
          width,
          height,
          panel.fieldConfig,
          panel.options,
          title,
        );
      } else {
        window.harness.clear();
        shown = null;
      }
      return { frames, shown };
    },
    { s: ctx.dsSettings, panel, title, vars, from, to, width: PANEL_WIDTH, height },
  );
}

/** The SLOs a query selects, from the backend's own list. */
function selectedSlos(slos, q) {
  const all = v => !v || v === '*' || v === '$__all' || v === 'All';
  return slos
    .filter(s => all(q.entity) || s.entityRef === q.entity)
    .filter(s => all(q.slo) || s.name === q.slo)
    .filter(s => all(q.lineOfBusiness) || s.lineOfBusiness === q.lineOfBusiness)
    .filter(s => all(q.owner) || s.ownerRef === q.owner)
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef) || a.name.localeCompare(b.name));
}

const pct = text => {
  const m = /(-?\d+(?:\.\d+)?)%/.exec(text);
  if (!m) throw new Error(`no percentage in "${text}"`);
  return Number(m[1]);
};

async function checkPanel(ctx, p) {
  const { panel, title, vars } = p;
  const kinds = [...new Set(panel.targets.map(t => t.queryType))];
  assert.equal(kinds.length, 1, `${title}: one query type per panel`);
  const kind = kinds[0];
  const q = Object.fromEntries(
    Object.entries(panel.targets[0]).map(([k, v]) => [
      k,
      typeof v === 'string' ? interpolate(v, vars) : v,
    ]),
  );
  // The backend re-evaluates every minute: its statuses before and after the panel's query
  // bracket what the panel computes at "now".
  const before = kind === 'errorBudget' ? await ctx.evaluatedSlos() : null;
  const out = await drawPanel(ctx, p);
  // The picture first, so that a panel that fails its check has one too.
  if (out.shown !== null) {
    const box = await ctx.page.locator('.panel').first().boundingBox();
    await ctx.page.screenshot({
      path: p.shot,
      clip: { x: 0, y: 0, width: Math.ceil(box.width) + 10, height: Math.ceil(box.height) + 10 },
    });
  }
  assert.ok(out.frames.length > 0, `"${title}": the panel's queries returned no frame`);
  if (out.shown === null) {
    // Not drawn: the data is still checked below, and the output says so.
    ctx.log(
      `  "${title}": panel type ${panel.type} is not drawn by the harness (no screenshot); its query results are checked against the backend`,
    );
  }
  const where = `"${title}" (${panel.type}, ${kind})`;
  if (kind === 'errorBudget') return checkErrorBudget(ctx, out, q, where, before);
  if (kind === 'slos') return checkSloTable(ctx, out, q, where);
  if (kind === 'recorded') return checkRecorded(ctx, out, panel, where);
  if (kind === 'cost') return checkCost(ctx, out, q, p, where);
  if (kind === 'unitCost') return checkUnitCost(ctx, out, q, p, where);
  if (kind === 'capacity') return checkCapacity(ctx, out, q, where);
  throw new Error(`${where}: no backend check for query type ${kind}`);
}

/** The backend's status of an SLO once it has evaluated it at `atMs` or later. */
async function statusAtOrAfter(ctx, s, atMs) {
  const [kind, rest] = s.entityRef.split(':');
  const deadline = Date.now() + 150_000;
  for (;;) {
    const r = await ctx.backendGet(`/api/headroom/entities/${kind}/${rest}/slos/${s.name}`);
    if (Date.parse(r.status.evaluatedAt) >= atMs) return r.status;
    if (Date.now() > deadline)
      throw new Error(`${s.entityRef}#${s.name}: no evaluation at ${atMs}`);
    await new Promise(res => setTimeout(res, 2000));
  }
}

async function checkErrorBudget(ctx, out, q, where, before) {
  const expected = selectedSlos(await ctx.evaluatedSlos(), q);
  const earlier = selectedSlos(before, q);
  assert.ok(expected.length > 0, `${where}: the backend has no SLO for ${JSON.stringify(q)}`);
  // Not drawn: the status frames' budgets, in the panel's one decimal.
  const cells =
    out.shown?.cells ??
    out.frames
      .filter(f => f.meta.headroom === 'status')
      .map(f => ({ key: f.meta.key, text: `${(f.fields.budgetRemaining[0] * 100).toFixed(1)}%` }));
  assert.equal(cells.length, expected.length, `${where}: one budget per SLO`);
  for (const [i, s] of expected.entries()) {
    const key = `${s.entityRef}#${s.name}`;
    const c = cells.length === 1 ? cells[0] : cells.find(x => x.key === key);
    assert.ok(c, `${where}: no cell for ${key}`);
    // The panel computes at "now", the backend at its evaluations before and after: between
    // them, give or take one step of the shown decimal.
    const was = earlier.find(x => x.entityRef === s.entityRef && x.name === s.name);
    const at = out.frames.find(f => f.meta.headroom === 'status' && f.meta.key === key)?.fields
      .time[0];
    assert.ok(at, `${where} ${key}: no status frame`);
    const shown = pct(c.text);
    const bracket = now => [
      Math.min(now.budgetRemaining, was?.status.budgetRemaining ?? 1) * 100,
      Math.max(now.budgetRemaining, was?.status.budgetRemaining ?? -1) * 100,
    ];
    let [lo, hi] = bracket(s.status);
    // Burning fast, the panel's "now" may be past the backend's last evaluation: wait for it.
    if (shown < lo - 0.11 || shown > hi + 0.11)
      [lo, hi] = bracket(await statusAtOrAfter(ctx, s, at));
    assert.ok(
      shown >= lo - 0.11 && shown <= hi + 0.11,
      `${where} ${key}: panel ${c.text} vs backend ${lo.toFixed(3)}%..${hi.toFixed(3)}%`,
    );
    if (i === 0)
      assert.ok(
        out.frames.some(f => f.meta.headroom === 'burndown'),
        `${where}: burndown`,
      );
  }
  return cells.map(c => `${c.key ?? expected[0].name} ${c.text}`).join(', ');
}

async function checkSloTable(ctx, out, q, where) {
  const expected = selectedSlos(await ctx.evaluatedSlos(), q);
  const f = out.frames[0].fields;
  assert.deepEqual(
    f.entity.map((e, i) => `${e}#${f.slo[i]}`),
    expected.map(s => `${s.entityRef}#${s.name}`),
    where,
  );
  expected.forEach((s, i) => {
    assert.ok(
      Math.abs(f.budgetRemaining[i] - s.status.budgetRemaining) < 0.002,
      `${where} ${s.entityRef}#${s.name}: ${f.budgetRemaining[i]} vs backend ${s.status.budgetRemaining}`,
    );
  });
  if (!out.shown?.rows) return `${expected.length} SLOs in the frame as the backend has them`;
  const { header, rows } = out.shown;
  assert.equal(rows.length, expected.length, `${where}: table rows`);
  const col = n => header.indexOf(n);
  for (const n of ['Entity', 'SLO', 'Budget remaining', 'Alert state']) {
    assert.ok(col(n) >= 0, `${where}: no column ${n} in ${header.join(', ')}`);
  }
  // Each row as the backend has it: the row's entity and SLO name its values.
  for (const row of rows) {
    const k = f.entity.findIndex(
      (e, i) => e === row[col('Entity')] && f.slo[i] === row[col('SLO')],
    );
    assert.ok(k >= 0, `${where}: row ${row.join(' | ')} is no SLO of the frame`);
    const text = await ctx.page.evaluate(
      v => window.harness.formatValue('percentunit', 1, v),
      f.budgetRemaining[k],
    );
    assert.equal(row[col('Budget remaining')], text, `${where} ${row[col('Entity')]} budget`);
    assert.equal(row[col('Alert state')], f.alertState[k], `${where} ${row[col('Entity')]} state`);
  }
  // The panel's options sort by budget remaining, lowest first.
  const shownBudgets = rows.map(r => pct(r[col('Budget remaining')]));
  assert.deepEqual(
    shownBudgets,
    [...shownBudgets].sort((a, b) => a - b),
    `${where}: sort`,
  );
  return `${rows.length} rows, lowest ${rows[0]?.[col('Entity')]} ${rows[0]?.[col('Budget remaining')]}`;
}

const recordedMetric = w =>
  w === 'budget' ? 'slo:period_error_budget_remaining:ratio' : `slo:sli_error:ratio_rate${w}`;

/**
 * Recording rules are not backfilled: a series exists from its group's first evaluation after
 * Prometheus loaded the rules. The period group runs every 4 minutes at a phase of its own, so on
 * a freshly started Prometheus the budget series may be minutes away; Grafana would show
 * "No data" until then. Wait (bounded) for every series the dashboard's panels read.
 */
async function waitForRecorded(ctx, dashboard) {
  const windows = [
    ...new Set(
      dashboard.panels
        .flatMap(p => p.targets ?? [])
        .filter(t => t.queryType === 'recorded')
        .map(t => t.recordedSeries),
    ),
  ];
  if (windows.length === 0) return;
  // Every SLO the backend has is in the rules: each of its groups starts at a phase of its own.
  const expected = (await ctx.evaluatedSlos()).length;
  const started = Date.now();
  const deadline = started + 6 * 60_000;
  for (const w of windows) {
    for (;;) {
      const res = await (
        await fetch(
          `${ctx.prometheusUrl}/api/v1/query?query=${encodeURIComponent(`count(${recordedMetric(w)})`)}`,
        )
      ).json();
      const recorded = Number(res.data?.result?.[0]?.value?.[1] ?? 0);
      if (recorded >= expected) break;
      if (Date.now() > deadline) {
        throw new Error(
          `${dashboard.title}: Prometheus recorded ${recordedMetric(w)} for ${recorded} of ${expected} SLOs in 6 minutes`,
        );
      }
      await new Promise(r => setTimeout(r, 5000));
    }
  }
  const waited = Date.now() - started;
  if (waited > 5000) {
    ctx.log(
      `  ${dashboard.title}: waited ${(waited / 1000).toFixed(0)} s for the first recordings`,
    );
  }
}

async function checkRecorded(ctx, out, panel, where) {
  assert.ok(out.frames.length > 0, `${where}: no recorded series`);
  const metric = recordedMetric;
  const windows = new Set(panel.targets.map(t => t.recordedSeries));
  let checked = 0;
  for (const f of out.frames) {
    const values = f.fields.value;
    const k = values.findLastIndex(v => Number.isFinite(v));
    assert.ok(k >= 0, `${where} ${f.name}: no value`);
    const t = f.fields.time[k] / 1000;
    const labels = Object.entries(f.labels)
      .filter(([n]) => n !== '__name__')
      .map(([n, v]) => `${n}=${JSON.stringify(v)}`)
      .join(',');
    const w = [...windows].find(x => f.name.endsWith(x === 'budget' ? '(recorded)' : ` ${x}`));
    assert.ok(w, `${where}: frame ${f.name} is of none of ${[...windows].join(', ')}`);
    const res = await (
      await fetch(
        `${ctx.prometheusUrl}/api/v1/query?time=${t}&query=${encodeURIComponent(`${metric(w)}{${labels}}`)}`,
      )
    ).json();
    assert.equal(res.data.result.length, 1, `${where} ${f.name}: Prometheus series`);
    assert.equal(values[k], Number(res.data.result[0].value[1]), `${where} ${f.name} at ${t}`);
    checked++;
  }
  if (out.shown) {
    assert.ok(out.shown.plots > 0, `${where}: no plot drawn`);
    // Recorded series begin when Prometheus loaded the rules: over 30 days the demo's may be a
    // few points at the right edge, drawn as dots. Something in a series colour must be drawn.
    assert.ok(out.shown.inked > 0, `${where}: nothing drawn in a series colour`);
  }
  return `${checked} series, last values equal to Prometheus`;
}

async function checkCost(ctx, out, q, p, where) {
  const backend = await ctx.backendGet(
    `/api/headroom/cost/lines-of-business/${encodeURIComponent(q.lineOfBusiness)}?${costQuery(p.from, p.to, q.grain, q.view)}`,
  );
  const keys = [...new Set(backend.items.map(i => i.entityRef))].sort();
  assert.ok(keys.length > 0, `${where}: the backend has no cost for ${q.lineOfBusiness}`);
  assert.deepEqual(
    out.frames.map(f => f.meta.key),
    keys,
    where,
  );
  const sums = {};
  for (const i of backend.items) {
    const f = out.frames.find(x => x.meta.key === i.entityRef);
    const k = f.fields.time.indexOf(i.period * 1000);
    // The frame's float comes from core's decimal (moneyToNumber), which may be one last digit
    // off the nearest double of the text: equal to 1e-12 of the amount.
    assert.ok(
      Math.abs(f.fields.cost[k] - Number(i.cost)) <= 1e-12 * Math.max(1, Math.abs(Number(i.cost))),
      `${where} ${i.entityRef} ${i.period}: ${f.fields.cost[k]} vs backend ${i.cost}`,
    );
    sums[i.entityRef] = (sums[i.entityRef] ?? 0) + Number(i.cost);
  }
  if (!out.shown?.legend) return `${keys.length} services, frames as the backend has them`;
  assert.ok(out.shown.inked > 100, `${where}: the plot has no bars (${out.shown.inked} px)`);
  // The legend (a table: name, sum, last) lists the cost series only: the field config hides
  // the previous period and the changes.
  const legend = out.shown.legend.filter(r => r.length > 1 && !r.includes('Total'));
  const body = legend.filter(r => keys.includes(r[0]));
  assert.equal(body.length, keys.length, `${where}: legend ${JSON.stringify(out.shown.legend)}`);
  assert.ok(
    !out.shown.legend.some(r => / (previous period|change|change ratio)$/.test(r[0])),
    `${where}: hidden series in the legend`,
  );
  for (const r of body) {
    const text = await ctx.page.evaluate(
      v => window.harness.formatValue('currencyUSD', 2, v),
      Math.round(sums[r[0]] * 100) / 100,
    );
    assert.equal(r[1], text, `${where} ${r[0]}: legend sum`);
  }
  return `${keys.length} services, legend sums ${body.map(r => `${r[0].split('/').pop()} ${r[1]}`).join(', ')}`;
}

async function checkUnitCost(ctx, out, q, p, where) {
  const all = v => !v || v === '*' || v === '$__all';
  let refs;
  if (!all(q.entity)) refs = [q.entity];
  else {
    const lob = await ctx.backendGet(
      `/api/headroom/cost/lines-of-business/${encodeURIComponent(q.lineOfBusiness)}?${costQuery(p.from, p.to, 'day', q.view)}`,
    );
    refs = [...new Set(lob.items.map(i => i.entityRef))].sort();
  }
  const lines = out.frames.filter(f => f.meta.headroom === 'unitCost');
  let withDriver = 0;
  for (const ref of refs) {
    const [kind, rest] = ref.split(':');
    const [ns, n] = rest.split('/');
    const backend = await ctx.backendGet(
      `/api/headroom/cost/entities/${kind}/${ns}/${n}/unit-cost?${costQuery(p.from, p.to, 'day', q.view)}`,
    );
    const f = lines.find(x => x.meta.key === ref);
    if (!backend.driver && all(q.entity)) {
      assert.equal(f, undefined, `${where}: ${ref} has no driver, so no line`);
      continue;
    }
    assert.ok(f, `${where}: no unit-cost line for ${ref}`);
    withDriver++;
    const items = [...backend.items].sort((a, b) => a.period - b.period);
    assert.deepEqual(
      f.fields.time,
      items.map(i => i.period * 1000),
      `${where} ${ref} periods`,
    );
    assert.deepEqual(
      f.fields.unitCost,
      items.map(i => i.unitCost),
      `${where} ${ref} unit cost`,
    );
  }
  assert.equal(lines.length, withDriver, `${where}: lines`);
  if (out.shown) {
    assert.ok(out.shown.svgs > 0, `${where}: no chart drawn (${out.shown.text.slice(0, 200)})`);
  }
  return `${withDriver} unit-cost lines equal to the backend's`;
}

async function checkCapacity(ctx, out, q, where) {
  const f = out.frames[0].fields;
  // Every catalog service's latest assessment, kept when it is of the line of business.
  const services = await ctx.backendGet(
    `/api/catalog/entities?filter=${encodeURIComponent('kind=component,spec.type=service')}`,
  );
  const backend = [];
  for (const e of services) {
    const path = `component/${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;
    const res = await fetch(`${ctx.backendUrl}/api/headroom/capacity/entities/${path}/assessment`, {
      headers: { Authorization: `Bearer ${ctx.token}` },
    });
    if (res.status === 404) continue;
    assert.ok(res.ok, `capacity of ${path}: HTTP ${res.status}`);
    const a = await res.json();
    if (a.lineOfBusiness === q.lineOfBusiness) backend.push(a);
  }
  assert.deepEqual([...f.entity].sort(), backend.map(a => a.entityRef).sort(), where);
  if (!out.shown?.rows)
    return `${f.entity.length} assessments in the frame as the backend has them`;
  const { header, rows } = out.shown;
  assert.equal(rows.length, f.entity.length, `${where}: table rows`);
  const col = n => header.indexOf(n);
  backend.forEach((a, i) => {
    assert.equal(f.stale[i], a.stale, `${where} ${a.entityRef} stale`);
    const row = rows.find(r => r[col('Entity')] === a.entityRef);
    assert.ok(row, `${where}: no row for ${a.entityRef}`);
    // The field config's value mapping: stale / current.
    assert.equal(row[col('Stale')], a.stale ? 'stale' : 'current', `${where} ${a.entityRef}`);
  });
  return `${rows.length} assessments${rows.length ? `: ${rows.map(r => `${r[col('Entity')]} ${r[col('Stale')]}`).join(', ')}` : ''}`;
}

/** A dashboard annotation query (cost anomalies): its events are the backend's anomalies. */
async function checkAnnotation(ctx, a, vars, from, to) {
  assert.equal(a.datasource?.type, 'headroom-slo-datasource', `annotation ${a.name}: datasource`);
  assert.equal(a.target.queryType, 'anomalies', `annotation ${a.name}: no backend check for it`);
  const rows = await ctx.page.evaluate(
    async ({ s, target, from, to, vars }) => {
      const { data, errors } = await window.harness.query(
        'headroom-slo-datasource',
        s,
        [target],
        from,
        to,
        vars,
      );
      if (errors.length) throw new Error(errors.map(e => e.message).join('; '));
      const f = data[0];
      const col = n => f.fields.find(x => x.name === n).values;
      return col('time').map((t, i) => ({ time: t, text: col('text')[i] }));
    },
    { s: ctx.dsSettings, target: a.target, from, to, vars },
  );
  const lob = interpolate(a.target.lineOfBusiness, vars);
  const backend = await ctx.backendGet(
    `/api/headroom/optimise/anomalies?lob=${encodeURIComponent(lob)}&from=${Math.floor(from / 1000)}&to=${Math.ceil(to / 1000)}`,
  );
  const expected = [...backend.items]
    .sort((x, y) => x.time - y.time || x.entityRef.localeCompare(y.entityRef))
    .map(x => ({ time: x.time, text: x.text }));
  assert.deepEqual(rows, expected, `annotation ${a.name} (${lob})`);
  return `${rows.length} anomalies of ${lob}, as the backend lists them`;
}
