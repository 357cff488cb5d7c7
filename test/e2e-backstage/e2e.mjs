/*
 * Browser test of the Backstage app with the Headroom plugin against a running backend (with
 * demo data and Prometheus): the SLO card shows the backend's numbers, an owner creates and edits
 * an SLO, a non-owner gets a read-only editor and a refused write. Screenshots go to
 * artifacts/e2e-backstage/. Started by scripts/test-frontend.sh, which starts what it needs.
 *
 * Environment: HEADROOM_APP_URL, HEADROOM_BACKEND_URL, HEADROOM_STATIC_TOKEN.
 */
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appUrl = process.env.HEADROOM_APP_URL ?? 'http://localhost:3100';
const backendUrl = process.env.HEADROOM_BACKEND_URL ?? 'http://localhost:7107';
const token = process.env.HEADROOM_STATIC_TOKEN ?? 'headroom-demo-token';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repo, 'artifacts', 'e2e-backstage');
fs.mkdirSync(artifacts, { recursive: true });

const OWNED = 'order-gateway'; // owned by team-core-trading, the signed-in user's team
const NOT_OWNED = 'ledger'; // owned by team-payments

async function api(pathname, init = {}) {
  const res = await fetch(`${backendUrl}/api/headroom/${pathname}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(init.headers ?? {}),
    },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The page's formatting of backend numbers (plugins/headroom/src/lib/format.ts). */
const pct = (v, d) => (v === null ? '—' : `${(v * 100).toFixed(d)}%`);
const rate = r => (r === null ? '—' : `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`);

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
      const stateLabel =
        { ok: 'OK', ticket: 'Ticket', page: 'Page', 'no-data': 'No data' }[s.alertState] ??
        'Not evaluated';
      assert.equal(got.alert, `Alert state: ${stateLabel}`, `${slo.name} alert state`);
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
  await page.screenshot({ path: path.join(artifacts, 'overview.png'), fullPage: true });

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
