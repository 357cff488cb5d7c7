/*
 * Browser test of the Backstage app with the Headroom plugin against a running backend (with
 * demo data and Prometheus): the SLO card shows the backend's numbers, an owner creates and edits
 * an SLO, previews it against Prometheus and reaches the editor with the keyboard, a non-owner
 * gets a read-only editor and a refused write, the overview lists the lines of business, and the
 * card renders in the dark theme. Then the cost side against the imported demo bill and
 * Prometheus: the cost card, the optimisation card, the showback page, the capacity card
 * (assessed from Prometheus by `headroom capacity --record`) and the coverage page, each number
 * on the page compared with the API's answer. Screenshots go to artifacts/e2e-backstage/.
 * Started by scripts/test-frontend.sh, which starts what it needs.
 *
 * Environment: HEADROOM_APP_URL, HEADROOM_BACKEND_URL, HEADROOM_STATIC_TOKEN,
 * HEADROOM_PROMETHEUS_URL, HEADROOM_COST_SOURCE.
 */
// Functions given to page.evaluate run in the browser, with its globals.
/* global document, getComputedStyle */
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appUrl = process.env.HEADROOM_APP_URL ?? 'http://localhost:3100';
const backendUrl = process.env.HEADROOM_BACKEND_URL ?? 'http://localhost:7107';
const token = process.env.HEADROOM_STATIC_TOKEN ?? 'headroom-demo-token';
const prometheusUrl = process.env.HEADROOM_PROMETHEUS_URL ?? 'http://127.0.0.1:9190';
const costSource = process.env.HEADROOM_COST_SOURCE ?? 'demo-exchange-aws';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repo, 'artifacts', 'e2e-backstage');
fs.mkdirSync(artifacts, { recursive: true });

const OWNED = 'order-gateway'; // owned by team-core-trading, the signed-in user's team
const NOT_OWNED = 'ledger'; // owned by team-payments
const OVER = 'market-data'; // over-provisioned 3× on purpose: a proposal with a saving
const ANOMALOUS = 'card-issuing'; // load-test pods left running: a cost anomaly
const CAPPED = 'ledger'; // short at the trading peak: its latency SLO caps CPU utilisation

/** A 503 of the backend's own lifecycle, not one of Headroom's (Prometheus down). */
async function isShuttingDown(res) {
  const body = await res.json().catch(() => undefined);
  return /^Service (is shutting down|has not started up yet)/.test(body?.error?.message ?? '');
}

async function api(pathname, init = {}) {
  const url = `${backendUrl}/api/headroom/${pathname}`;
  const request = {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(init.headers ?? {}),
    },
  };
  // The development backend restarts when a source file changes; wait that out (it takes
  // seconds) instead of failing on the refused connections meanwhile.
  let res;
  for (const deadline = Date.now() + 60_000; ;) {
    try {
      res = await fetch(url, request);
      if (res.status !== 503 || !(await isShuttingDown(res.clone()))) break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${url}: ${e.cause?.message ?? e.message}`);
    }
    if (Date.now() > deadline) break;
    await new Promise(r => setTimeout(r, 1000));
  }
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The page's formatting of backend numbers (plugins/headroom/src/lib/format.ts). */
const pct = (v, d) => (v === null ? '—' : `${(v * 100).toFixed(d)}%`);
const rate = r => (r === null ? '—' : `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`);
const UNITS = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
];
function duration(seconds) {
  if (seconds < 60) return '< 1m';
  const whole = Math.floor(seconds);
  const i = UNITS.findIndex(([, size]) => whole >= size);
  const [unit, size] = UNITS[i];
  const count = Math.floor(whole / size);
  const next = UNITS[i + 1];
  const rest = next ? Math.floor((whole - count * size) / next[1]) : 0;
  return rest > 0 ? `${count}${unit} ${rest}${next[0]}` : `${count}${unit}`;
}
const exhaustion = (seconds, budget) =>
  budget !== null && budget <= 0
    ? 'exhausted'
    : seconds === null
      ? 'not burning'
      : duration(seconds);
/** Money from the backend's decimal text, rounded half away from zero on the text (format.ts). */
function money(amount, currency, { signed = false } = {}) {
  if (amount === null || amount === undefined) return '—';
  const [, sign, int, frac = ''] = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(amount.trim());
  const padded = frac.padEnd(3, '0');
  const rounded = BigInt(`${int || '0'}${padded.slice(0, 2)}`) + (Number(padded[2]) >= 5 ? 1n : 0n);
  const text = rounded.toString().padStart(3, '0');
  const whole = text.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const prefix = sign === '-' && rounded !== 0n ? '−' : signed && rounded !== 0n ? '+' : '';
  return `${prefix}${whole}.${text.slice(-2)}${currency ? ` ${currency}` : ''}`;
}
const moneyNumber = (v, currency) =>
  v === null || !Number.isFinite(v) ? '—' : money(v.toFixed(2), currency);
function change(fraction) {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  const text = `${Math.abs(fraction * 100).toFixed(1)}%`;
  if (Number(text.slice(0, -1)) === 0) return '0.0%';
  return `${fraction < 0 ? '−' : '+'}${text}`;
}
/** Four significant digits, no exponent, thousands separated (format.ts formatQuantity). */
function quantity(v) {
  if (v === null || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const decimals = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(v))));
  const fixed = v.toFixed(Math.min(decimals, 20));
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed.replace(/^(-?\d+)/, m => m.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}
const unitText = (v, unit) => `${quantity(v)} ${unit === 'cores' && v === 1 ? 'core' : unit}`;
const VERDICTS = {
  'over-provisioned': 'Over-provisioned',
  'under-provisioned': 'Under-provisioned',
  'right-sized': 'Right-sized',
};
/** The first day of the month five months back: the months a cost card or showback shows. */
function monthsFrom(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1))
    .toISOString()
    .slice(0, 10);
}
/** The first of the last 30 days, today included: the days a cost card shows. */
function daysFrom(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 29))
    .toISOString()
    .slice(0, 10);
}
/** Text of a test id's element, spaces collapsed. */
async function textOf(page, testId) {
  return (await page.getByTestId(testId).first().textContent())?.replace(/\s+/g, ' ').trim();
}

const STATE_LABELS = { ok: 'OK', ticket: 'Ticket', page: 'Page', 'no-data': 'No data' };
const stateLabel = s => `Alert state: ${STATE_LABELS[s] ?? 'Not evaluated'}`;

/** WCAG relative luminance of a CSS rgb()/rgba() colour. */
function luminance(css) {
  const [r, g, b] = css
    .match(/[\d.]+/g)
    .slice(0, 3)
    .map(v => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

/** Opens a page of the app, entering as guest when the sign-in page shows instead. */
async function open(page, pathname) {
  await page.goto(`${appUrl}${pathname}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const nav = page.getByRole('link', { name: 'Reliability' });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await nav.first().isVisible()) return;
    if (await enter.isVisible()) await enter.click();
    await page.waitForTimeout(250);
  }
  throw new Error(`${pathname}: neither the app nor the sign-in page showed within 30 s`);
}

const steps = [];
function step(name) {
  steps.push(name);
  console.log(`-- ${name}`);
}

async function waitForEvaluations(entity) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const { status, body } = await api(`entities/component/default/${entity}/slos`);
    const fromFile = status === 200 ? body.items.filter(s => s.origin === 'file') : [];
    if (fromFile.length > 0 && fromFile.every(s => s.status?.evaluatedAt)) {
      return body.items;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `SLOs of ${entity} not evaluated within 3 minutes: ${JSON.stringify(body).slice(0, 500)}`,
      );
    }
    await new Promise(r => setTimeout(r, 2000));
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
  page = await context.newPage();
  page.on('pageerror', e => console.error(`page error: ${e.message}`));

  step('sign in as guest');
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.waitForURL(u => !u.pathname.includes('sign'), { timeout: 30_000 });

  step(`SLO card of ${OWNED} shows the backend's numbers`);
  await waitForEvaluations(OWNED);
  let compared = false;
  for (let attempt = 0; attempt < 3 && !compared; attempt++) {
    const before = (await api(`entities/component/default/${OWNED}/slos`)).body.items;
    await open(page, `/catalog/default/component/${OWNED}`);
    for (const slo of before) {
      await page.getByTestId(`slo-${slo.name}`).waitFor({ timeout: 30_000 });
    }
    const shown = {};
    for (const slo of before) {
      const read = async field =>
        (await page.getByTestId(`slo-${slo.name}-${field}`).textContent())?.trim();
      shown[slo.name] = {
        objective: await read('objective'),
        sli: await read('sli'),
        budget: await read('budget'),
        alert: await page.getByTestId(`slo-${slo.name}-alert`).getAttribute('aria-label'),
        burn: Object.fromEntries(
          await Promise.all(
            (slo.status?.burnRates ?? []).map(async b => [
              b.window,
              await read(`burn-${b.window}`),
            ]),
          ),
        ),
      };
    }
    const after = (await api(`entities/component/default/${OWNED}/slos`)).body.items;
    const same =
      JSON.stringify(before.map(s => s.status?.evaluatedAt)) ===
      JSON.stringify(after.map(s => s.status?.evaluatedAt));
    if (!same) continue; // an evaluation landed while reading: read again
    for (const slo of after) {
      const s = slo.status ?? { sli: null, budgetRemaining: null, alertState: null, burnRates: [] };
      const got = shown[slo.name];
      console.log(
        `   ${slo.name}: page ${JSON.stringify(got)}; api sli=${s.sli} budget=${s.budgetRemaining} state=${s.alertState}`,
      );
      assert.equal(got.sli, pct(s.sli, 3), `${slo.name} SLI`);
      assert.equal(got.budget, pct(s.budgetRemaining, 1), `${slo.name} budget remaining`);
      assert.equal(got.alert, stateLabel(s.alertState), `${slo.name} alert state`);
      for (const b of s.burnRates)
        assert.equal(got.burn[b.window], rate(b.rate), `${slo.name} burn rate ${b.window}`);
    }
    compared = true;
  }
  assert.ok(compared, 'the SLO statuses kept changing while the page was read');
  await page.screenshot({ path: path.join(artifacts, `entity-${OWNED}.png`), fullPage: true });

  step(`owner creates an SLO on ${OWNED}`);
  const name = `e2e-${Date.now().toString(36)}`;
  await open(page, `/catalog/default/component/${OWNED}/slos?new=1`);
  await page.locator('#slo-editor-name').fill(name);
  await page.locator('#slo-editor-displayName').fill('Checkout answers (browser test)');
  await page.locator('#slo-editor-objectivePercent').fill('99.5');
  await page.locator('#slo-editor-window').fill('7d');
  await page
    .locator('#slo-editor-eventsQuery')
    .fill(`http_requests_total{service="${OWNED}",code=~"5.."}`);
  await page.locator('#slo-editor-totalQuery').fill(`http_requests_total{service="${OWNED}"}`);
  const yaml = await page.locator('#slo-editor-yaml').inputValue();
  assert.match(yaml, /target: 0\.995/, 'the YAML view follows the form');
  assert.match(yaml, /duration: 7d/);
  await page.screenshot({ path: path.join(artifacts, 'editor-new.png'), fullPage: true });
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(u => u.search.includes(`edit=${name}`), { timeout: 30_000 });
  await page
    .getByTestId('slo-editor-version')
    .getByText(/^Version 1, saved at .* by user:default\/ana\.silva\.$/)
    .waitFor({ timeout: 30_000 });
  let stored = await api(`entities/component/default/${OWNED}/slos/${name}`);
  assert.equal(stored.status, 200);
  assert.equal(stored.body.objective, 0.995);
  assert.equal(stored.body.window, '7d');
  assert.equal(stored.body.updatedBy, 'user:default/ana.silva');

  step('owner edits it through the YAML view');
  await page.locator('#slo-editor-yaml').waitFor();
  const text = await page.locator('#slo-editor-yaml').inputValue();
  await page.locator('#slo-editor-yaml').fill(text.replace('target: 0.995', 'target: 0.999'));
  assert.equal(
    await page.locator('#slo-editor-objectivePercent').inputValue(),
    '99.9',
    'the form follows the YAML view',
  );
  await page.getByRole('button', { name: 'Save' }).click();
  await page
    .getByTestId('slo-editor-version')
    .getByText(/^Version 2, /)
    .waitFor({ timeout: 30_000 });
  stored = await api(`entities/component/default/${OWNED}/slos/${name}`);
  assert.equal(stored.body.objective, 0.999);
  assert.equal(stored.body.version, 2);
  await page.screenshot({ path: path.join(artifacts, 'editor-saved.png'), fullPage: true });

  step('the preview shows what the backend evaluated against Prometheus');
  const answered = page.waitForResponse(
    r => r.url().endsWith('/slos/preview') && r.request().method() === 'POST',
    { timeout: 60_000 },
  );
  await page.getByRole('button', { name: 'Preview on recent data' }).click();
  const response = await answered;
  assert.equal(response.status(), 200, `preview answered ${response.status()}`);
  const sent = response.request().postDataJSON();
  assert.equal(sent.objective, 0.999, 'the preview is of the definition on screen');
  assert.equal(sent.window, '7d');
  const evaluated = await response.json();
  assert.notEqual(evaluated.sli, null, 'Prometheus has the counters: the preview has an SLI');
  await page.getByTestId('slo-preview-sli').waitFor({ timeout: 30_000 });
  const shownText = async id => (await page.getByTestId(id).textContent())?.trim();
  const previewShown = {
    sli: await shownText('slo-preview-sli'),
    budget: await shownText('slo-preview-budget'),
    exhaustion: await shownText('slo-preview-exhaustion'),
    alert: await page.getByTestId('slo-preview-alert').getAttribute('aria-label'),
  };
  console.log(
    `   page ${JSON.stringify(previewShown)}; api sli=${evaluated.sli} budget=${evaluated.budgetRemaining} state=${evaluated.alertState}`,
  );
  assert.equal(previewShown.sli, pct(evaluated.sli, 3), 'preview SLI');
  assert.equal(previewShown.budget, pct(evaluated.budgetRemaining, 1), 'preview budget');
  assert.equal(
    previewShown.exhaustion,
    exhaustion(evaluated.timeToExhaustionSeconds, evaluated.budgetRemaining),
    'preview time to exhaustion',
  );
  assert.equal(previewShown.alert, stateLabel(evaluated.alertState), 'preview alert state');
  assert.ok(evaluated.burnRates.length > 0, 'the preview has burn rates');
  for (const b of evaluated.burnRates) {
    assert.equal(
      await shownText(`slo-preview-burn-${b.window}`),
      rate(b.rate),
      `preview burn rate ${b.window}`,
    );
  }
  // The same definition asked directly: the same windows, and an SLI from the same counters
  // (seconds later, so equal to within a small drift).
  const again = await api(`entities/component/default/${OWNED}/slos/preview`, {
    method: 'POST',
    body: JSON.stringify(sent),
  });
  assert.equal(again.status, 200, `direct preview: ${JSON.stringify(again.body)}`);
  assert.deepEqual(
    again.body.burnRates.map(b => b.window),
    evaluated.burnRates.map(b => b.window),
  );
  assert.ok(
    Math.abs(again.body.sli - evaluated.sli) < 0.005,
    `direct preview SLI ${again.body.sli} far from the page's ${evaluated.sli}`,
  );
  await page.screenshot({ path: path.join(artifacts, 'editor-preview.png'), fullPage: true });

  step("the Tab key reaches the editor's fields and its save button, in order");
  await page.evaluate(() => document.activeElement?.blur());
  const focusOrder = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return 'body';
      if (e.id) return `#${e.id}`;
      const label = e.closest('label');
      if (label) return `label:${label.textContent.trim()}`;
      const name = e.getAttribute('aria-label') ?? e.textContent ?? '';
      return `${e.tagName.toLowerCase()}:${name.trim().slice(0, 40)}`;
    });
    focusOrder.push(focused);
    if (focused === 'button:Save') break;
  }
  const editorStops = [
    '#slo-editor-displayName',
    '#slo-editor-description',
    '#slo-editor-objectivePercent',
    '#slo-editor-window',
    'label:bad events (errors)',
    '#slo-editor-eventsQuery',
    '#slo-editor-totalQuery',
    'label:Page (fast burn)',
    'label:Ticket (slow burn)',
    '#slo-editor-evaluationIntervalSeconds',
    'button:Save',
  ];
  assert.deepEqual(
    focusOrder.filter(f => editorStops.includes(f)),
    editorStops,
    `focus went: ${focusOrder.join(' → ')}`,
  );
  console.log(`   Save reached after ${focusOrder.length} Tab presses`);

  step('a stale version is a conflict');
  await page.locator('#slo-editor-objectivePercent').fill('99.95');
  const put = await api(`entities/component/default/${OWNED}/slos/${name}`, {
    method: 'PUT',
    body: JSON.stringify({
      version: 2,
      slo: {
        name,
        objective: 0.99,
        window: '7d',
        indicator: {
          type: 'ratio',
          bad: `http_requests_total{service="${OWNED}",code=~"5.."}`,
          total: `http_requests_total{service="${OWNED}"}`,
        },
      },
    }),
  });
  assert.equal(put.status, 200, `concurrent save: ${JSON.stringify(put.body)}`);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('slo-editor-conflict').waitFor({ timeout: 30_000 });
  assert.match(
    await page.getByTestId('slo-editor-conflict').textContent(),
    /headroom-demo-cli saved version 3/,
  );
  await page.screenshot({ path: path.join(artifacts, 'editor-conflict.png'), fullPage: true });

  step(`non-owner sees ${NOT_OWNED} read-only`);
  await open(page, `/catalog/default/component/${NOT_OWNED}/slos`);
  await page.getByTestId('slo-readonly-note').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('button', { name: 'New SLO' }).count(), 0);
  await open(page, `/catalog/default/component/${NOT_OWNED}/slos?new=1`);
  await page.getByTestId('slo-editor-readonly').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#slo-editor-name').isDisabled(), true);
  await page.screenshot({
    path: path.join(artifacts, `editor-readonly-${NOT_OWNED}.png`),
    fullPage: true,
  });

  step(`the backend refuses the signed-in user's write to ${NOT_OWNED}`);
  const identity = await page.evaluate(async url => {
    const r = await fetch(`${url}/api/auth/guest/refresh`, {
      credentials: 'include',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    return r.json();
  }, backendUrl);
  const userToken = identity.backstageIdentity.token;
  const refused = await fetch(
    `${backendUrl}/api/headroom/entities/component/default/${NOT_OWNED}/slos`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${userToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'not-mine',
        objective: 0.99,
        window: '7d',
        indicator: { type: 'ratio', bad: 'x_total{code="5xx"}', total: 'x_total' },
      }),
    },
  );
  assert.equal(refused.status, 403, `non-owner write answered ${refused.status}`);

  step('line-of-business overview');
  await open(page, '/headroom');
  await page.getByTestId('headroom-lob-table').waitFor({ timeout: 30_000 });
  const lobs = (await api('rollups/lines-of-business')).body.items;
  for (const l of lobs) {
    await page.getByTestId('headroom-lob-table').getByText(l.key, { exact: true }).waitFor();
  }
  // The SLO table lists every readable SLO, read through GET /slos.
  const listed = await api('slos?limit=1000');
  assert.equal(listed.status, 200);
  await page
    .getByRole('heading', { name: `SLOs (${listed.body.totalCount})`, exact: true })
    .waitFor({ timeout: 30_000 });
  // The concurrent save in the conflict step left it without a display name: its name shows.
  await page.getByTestId('headroom-slo-table').getByRole('link', { name, exact: true }).waitFor();
  await page.screenshot({ path: path.join(artifacts, 'overview.png'), fullPage: true });

  step(`the demo bill is imported (${costSource})`);
  const imported = await api('cost/imports', {
    method: 'POST',
    body: JSON.stringify({ sourceId: costSource }),
  });
  assert.equal(imported.status, 200, `import: ${JSON.stringify(imported.body).slice(0, 500)}`);
  assert.ok(imported.body.rows > 0, 'the bill has rows');
  assert.equal(imported.body.badRows, 0, 'the demo bill has no bad rows');
  console.log(`   ${imported.body.rows} rows imported`);

  step(`cost card of ${OVER} shows the imported bill`);
  const from = monthsFrom();
  const costQuery = `grain=month&view=effective&from=${from}`;
  const cost = await api(`cost/entities/component/default/${OVER}?${costQuery}`);
  assert.equal(cost.status, 200);
  assert.ok(cost.body.items.length > 0, `${OVER} has cost in the bill`);
  const unitCost = await api(`cost/entities/component/default/${OVER}/unit-cost?${costQuery}`);
  await open(page, `/catalog/default/component/${OVER}`);
  for (const currency of new Set(cost.body.items.map(i => i.currency))) {
    const series = cost.body.items
      .filter(i => i.currency === currency)
      .sort((a, b) => a.period - b.period);
    const latest = series[series.length - 1];
    await page.getByTestId(`cost-latest-${currency}`).waitFor({ timeout: 60_000 });
    const shownCost = await textOf(page, `cost-latest-${currency}`);
    const shownChange = await textOf(page, `cost-change-${currency}`);
    console.log(
      `   page ${shownCost}, ${shownChange}; api ${latest.date} cost=${latest.cost} change=${latest.change} ratio=${latest.changeRatio}`,
    );
    assert.equal(shownCost, money(latest.cost, currency), `${currency} cost of ${latest.date}`);
    if (latest.previous !== null && latest.changeRatio !== null) {
      assert.ok(
        shownChange.startsWith(
          `${change(latest.changeRatio)} (${money(latest.change, currency, { signed: true })}) vs `,
        ),
        `change shown "${shownChange}"`,
      );
    }
    if (latest.partial) {
      const days = `${latest.partial.days} ${latest.partial.days === 1 ? 'day' : 'days'}`;
      assert.ok(shownChange.endsWith(`the same ${days} of the month before`), shownChange);
    }
    const unit = unitCost.body?.items?.filter(r => r.currency === currency).at(-1);
    if (unit && unit.unitCost !== null) {
      assert.equal(
        await textOf(page, 'unit-cost-value'),
        `${quantity(unit.unitCost)} ${currency} per ${unitCost.body.driver.unit}`,
        'unit cost',
      );
    }
  }
  await page.screenshot({ path: path.join(artifacts, `cost-${OVER}.png`), fullPage: true });
  // Days have a day before within the bill: the change is a number there.
  const daily = await api(
    `cost/entities/component/default/${OVER}?grain=day&view=effective&from=${daysFrom()}`,
  );
  const days = daily.body.items
    .filter(i => i.currency === 'USD')
    .sort((a, b) => a.period - b.period);
  const today = days[days.length - 1];
  assert.ok(today?.changeRatio !== null, `${OVER} has a day-over-day change`);
  await page.getByRole('button', { name: 'Daily' }).click();
  await page
    .getByTestId('cost-latest-USD')
    .getByText(money(today.cost, 'USD'), { exact: true })
    .waitFor({ timeout: 60_000 });
  const dayChange = await textOf(page, 'cost-change-USD');
  console.log(
    `   day ${today.date}: page ${dayChange}; api change=${today.change} ratio=${today.changeRatio}`,
  );
  assert.ok(
    dayChange.startsWith(
      `${change(today.changeRatio)} (${money(today.change, 'USD', { signed: true })}) vs `,
    ),
    `day change shown "${dayChange}"`,
  );

  step(`optimisation card of ${OVER}: the scan's proposal and the savings totals`);
  let recommendations;
  for (const deadline = Date.now() + 6 * 60_000; ;) {
    recommendations = await api(`optimise/entities/component/default/${OVER}/recommendations`);
    if (recommendations.body?.items?.some(r => r.status === 'proposed')) break;
    if (Date.now() > deadline) {
      throw new Error(
        `no proposal for ${OVER} within 6 minutes: ${JSON.stringify(recommendations.body).slice(0, 500)}`,
      );
    }
    await new Promise(r => setTimeout(r, 5000));
  }
  const proposal = recommendations.body.items.find(r => r.status === 'proposed');
  assert.ok(
    !proposal.expectedMonthlySaving.trim().startsWith('-'),
    `an over-provisioned service saves: ${proposal.expectedMonthlySaving}`,
  );
  await open(page, `/catalog/default/component/${OVER}`);
  for (const t of recommendations.body.totals) {
    await page.getByTestId(`savings-${t.currency}`).waitFor({ timeout: 60_000 });
    const shown = await textOf(page, `savings-${t.currency}`);
    console.log(`   page "${shown}"; api ${JSON.stringify(t)}`);
    assert.ok(
      shown.startsWith(`Potential savings ${money(t.potentialMonthlySaving, t.currency)} a month`),
      shown,
    );
    assert.ok(
      shown.endsWith(
        `realised ${money(t.realisedMonthlySaving, t.currency)} a month from ${t.count.verified ?? 0} verified.`,
      ),
      shown,
    );
  }
  const row = await textOf(page, `recommendation-${proposal.id}`);
  assert.ok(
    row.includes(money(proposal.expectedMonthlySaving.trim(), proposal.currency)),
    `row "${row}" lacks the saving ${proposal.expectedMonthlySaving}`,
  );
  assert.ok(row.endsWith('proposed'), row);
  await page.screenshot({ path: path.join(artifacts, `optimisation-${OVER}.png`), fullPage: true });

  step(`optimisation card of ${ANOMALOUS}: the cost anomalies the scan found`);
  let anomalies;
  for (const deadline = Date.now() + 6 * 60_000; ;) {
    anomalies = await api(
      `optimise/anomalies?entityRef=component:default/${ANOMALOUS}&from=${daysFrom()}`,
    );
    if (anomalies.body?.items?.length > 0) break;
    if (Date.now() > deadline) throw new Error(`no cost anomaly of ${ANOMALOUS} within 6 minutes`);
    await new Promise(r => setTimeout(r, 5000));
  }
  await open(page, `/catalog/default/component/${ANOMALOUS}`);
  for (const a of anomalies.body.items) {
    await page.getByTestId(`anomaly-${a.id}`).waitFor({ timeout: 60_000 });
    const cells = await page
      .getByTestId(`anomaly-${a.id}`)
      .locator('td')
      .evaluateAll(tds => tds.map(td => td.textContent.trim()));
    const amount = v =>
      a.series === 'cost'
        ? moneyNumber(v, a.currency)
        : `${quantity(v)}${a.currency ? ` ${a.currency}` : ''}`;
    console.log(`   ${cells.join(' | ')}`);
    assert.deepEqual(
      cells.slice(1),
      [a.series, amount(a.value), amount(a.expected), a.score.toFixed(2), a.text],
      `anomaly ${a.id}`,
    );
  }
  await page.screenshot({
    path: path.join(artifacts, `optimisation-${ANOMALOUS}.png`),
    fullPage: true,
  });

  step('showback page: cost per line of business as the rollup answers');
  const rollup = await api(`cost/rollup?by=lineOfBusiness&${costQuery}`);
  assert.equal(rollup.status, 200);
  const newest = rollup.body.items.reduce((m, r) => (r.period > m.period ? r : m)).date;
  const expectedRows = rollup.body.items
    .filter(r => r.date === newest)
    .map(r => [
      money(r.cost, r.currency),
      money(r.change, r.currency, { signed: true }),
      change(r.changeRatio),
    ]);
  await open(page, '/headroom/showback');
  const table = page.getByRole('table', { name: 'Cost per line of business' });
  await table.locator('tbody tr').first().waitFor({ timeout: 60_000 });
  const shownRows = await table
    .locator('tbody tr')
    .evaluateAll(trs =>
      trs.map(tr => [...tr.querySelectorAll('td')].slice(1).map(td => td.textContent.trim())),
    );
  const byText = rows => rows.map(r => r.join(' | ')).sort();
  console.log(`   ${newest}: ${byText(shownRows).join('; ')}`);
  assert.deepEqual(byText(shownRows), byText(expectedRows), `showback of ${newest}`);
  await page.screenshot({ path: path.join(artifacts, 'showback.png'), fullPage: true });

  step(`headroom capacity assesses ${CAPPED} and ${OVER} from Prometheus and records them`);
  for (const svc of [CAPPED, OVER]) {
    const out = execFileSync(
      process.execPath,
      [
        path.join(repo, 'packages/cli/dist/bin.js'),
        'capacity',
        ...['--prometheus', prometheusUrl, '--entity', `component:default/${svc}`],
        ...['--history', '28d', '--horizon', '30d', '--format', 'json'],
        ...['--slo', path.join(repo, `dev-env/catalog/services/${svc}/slos.yaml`)],
        ...['--record', backendUrl, '--token', token],
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    const assessed = JSON.parse(out);
    console.log(
      `   ${svc}: CPU ${quantity(assessed.cpu.needed)} cores needed, ${assessed.cpu.current?.verdict}; versions ${assessed.recorded.map(v => v.version).join(', ')}`,
    );
    assert.equal(assessed.recorded.length, 2, 'CPU and memory recorded');
  }

  step(`capacity card of ${CAPPED} shows the recorded assessments`);
  const history = (await api(`capacity/entities/component/default/${CAPPED}/assessments`)).body
    .items;
  const latestOf = unit =>
    history
      .filter(a => a.recommendation.unit === unit)
      .reduce((m, a) => (m === undefined || a.version > m.version ? a : m), undefined);
  await open(page, `/catalog/default/component/${CAPPED}`);
  for (const unit of ['cores', 'GiB']) {
    const a = latestOf(unit);
    assert.ok(a, `a ${unit} assessment of ${CAPPED}`);
    const capacity = a.result.capacity;
    await page.getByTestId(`capacity-${unit}-needed`).waitFor({ timeout: 60_000 });
    const needed = await textOf(page, `capacity-${unit}-needed`);
    const current = await textOf(page, `capacity-${unit}-current`);
    const utilisation = await textOf(page, `capacity-${unit}-utilisation`);
    const forecast = await textOf(page, `capacity-${unit}-forecast`);
    console.log(`   ${unit}: page "${needed}", "${current}", "${utilisation}", "${forecast}"`);
    assert.ok(needed.startsWith(unitText(a.recommendation.needed, unit)), needed);
    assert.ok(utilisation.startsWith(pct(capacity.components.utilisation, 1)), utilisation);
    assert.ok(
      forecast.startsWith(
        `${quantity(a.result.driverPeakAtHorizon)} in ${a.inputs.horizonMonths} month`,
      ),
      forecast,
    );
    assert.ok(capacity.current, `${unit} assessed against current requests`);
    assert.ok(current.startsWith(unitText(capacity.current.provisioned, unit)), current);
    assert.equal(
      await textOf(page, `capacity-${unit}-verdict`),
      VERDICTS[capacity.current.verdict],
    );
    if (capacity.current.verdict !== 'right-sized') {
      const d = capacity.current.difference;
      const text = `${d > 0 ? 'spare' : 'short'} ${unitText(Math.abs(d), unit)} (${pct(capacity.current.relative, 0)})`;
      assert.ok(current.includes(text), `"${current}" lacks "${text}"`);
    }
  }
  // The demo's promise: ledger is short of CPU at the peak, its latency SLO capping utilisation.
  assert.equal(latestOf('cores').result.capacity.current.verdict, 'under-provisioned');
  assert.ok(latestOf('cores').result.capacity.components.latencyUtilisationCap < 0.7);
  await page.screenshot({ path: path.join(artifacts, `capacity-${CAPPED}.png`), fullPage: true });

  step('capacity coverage page shows the coverage report');
  const coverage = (await api('capacity/coverage')).body;
  assert.ok(coverage.total.assessed >= 2, 'the two recorded services count as assessed');
  const share = c =>
    c.services === 0 ? 'no services' : `${c.assessed} of ${c.services} (${pct(c.share, 0)})`;
  await open(page, '/headroom/capacity');
  await page.getByTestId('coverage-summary').waitFor({ timeout: 60_000 });
  assert.ok(
    (await textOf(page, 'coverage-summary')).startsWith(
      `${share(coverage.total)} services have an assessment younger than ${coverage.staleAfterDays} days`,
    ),
  );
  const groups = [
    ...coverage.linesOfBusiness.map(g => [g.lineOfBusiness ?? '(unknown)', g]),
    ['All lines of business', coverage.total],
  ];
  for (const [name, g] of groups) {
    const cell = field => textOf(page, `coverage-${name}-${field}`);
    assert.equal(await cell('assessed'), share(g), `${name} assessed`);
    assert.equal(await cell('approved'), String(g.approved), `${name} approved`);
    assert.equal(await cell('stale'), String(g.stale), `${name} stale`);
    assert.equal(await cell('missing'), String(g.missing), `${name} missing`);
    assert.equal(await cell('new'), share(g.newServices), `${name} new services`);
  }
  console.log(`   total ${share(coverage.total)}; ${groups.length - 1} lines of business`);
  await page.screenshot({ path: path.join(artifacts, 'capacity-coverage.png'), fullPage: true });

  step("the card renders in the dark theme after Backstage's theme switch");
  const shownSlo = (await api(`entities/component/default/${OWNED}/slos`)).body.items.find(
    s => s.origin === 'file',
  );
  await open(page, `/catalog/default/component/${OWNED}`);
  await page.getByTestId(`slo-${shownSlo.name}-budget`).waitFor({ timeout: 30_000 });
  const colours = () =>
    page.evaluate(name => {
      let el = document.querySelector(`[data-testid="slo-${name}"]`);
      let background = 'rgba(0, 0, 0, 0)';
      while (el && /^(rgba\(0, 0, 0, 0\)|transparent)$/.test(background)) {
        background = getComputedStyle(el).backgroundColor;
        el = el.parentElement;
      }
      // The SLI is in the body text colour; the budget may be red when overspent.
      const sli = document.querySelector(`[data-testid="slo-${name}-sli"]`);
      const budget = document.querySelector(`[data-testid="slo-${name}-budget"]`);
      return {
        mode: document.body.dataset.themeMode,
        background,
        text: getComputedStyle(sli).color,
        budget: budget.textContent.trim(),
      };
    }, shownSlo.name);
  const light = await colours();
  assert.equal(light.mode, 'light');
  // The theme API stores the choice and follows it from other tabs: switch it from a second one,
  // as the settings page would.
  const switcher = await context.newPage();
  await switcher.goto(appUrl);
  await switcher.evaluate(() => localStorage.setItem('theme', 'dark'));
  await switcher.close();
  await page.waitForFunction(() => document.body.dataset.themeMode === 'dark', null, {
    timeout: 15_000,
  });
  // The switch renders the page anew: wait for the card's numbers again.
  await page.getByTestId(`slo-${shownSlo.name}-budget`).waitFor({ timeout: 30_000 });
  const dark = await colours();
  console.log(`   light ${JSON.stringify(light)}; dark ${JSON.stringify(dark)}`);
  assert.ok(luminance(light.background) > 0.8, `light card background ${light.background}`);
  assert.ok(luminance(dark.background) < 0.1, `dark card background ${dark.background}`);
  assert.ok(
    contrast(dark.text, dark.background) >= 4.5,
    `SLI text ${dark.text} on ${dark.background} is below WCAG AA contrast`,
  );
  assert.match(dark.budget, /^(-?\d+\.\d%|—)$/, 'the card still shows its numbers');
  await page.screenshot({ path: path.join(artifacts, `entity-${OWNED}-dark.png`), fullPage: true });

  console.log(
    `browser test passed: ${steps.length} steps; screenshots in ${path.relative(repo, artifacts)}/`,
  );
} catch (e) {
  if (page)
    await page
      .screenshot({ path: path.join(artifacts, 'failure.png'), fullPage: true })
      .catch(() => {});
  console.error(`browser test failed at "${steps[steps.length - 1]}": ${e.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
