// Opens an entity page of an app with Headroom installed (test/install/install.sh) in Chromium
// and checks that the SLO, cost, capacity and optimisation cards show the backend's numbers.
//
//   node test/install/entity-page.mjs <app url> <backend url> <static token> <entity name> <screenshot>
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [appUrl, backendUrl, token, entity, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error(
    'usage: entity-page.mjs <app url> <backend url> <token> <entity name> <screenshot>',
  );
  process.exit(2);
}
const ref = `component/default/${entity}`;

async function api(path) {
  const res = await fetch(`${backendUrl}/api/headroom/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await res.text();
  assert.equal(res.status, 200, `GET ${path}: ${res.status} ${body}`);
  return JSON.parse(body);
}
// The page's formatting of a ratio (plugins/headroom/src/lib/format.ts).
const pct = (v, d) => (v === null ? '—' : `${(v * 100).toFixed(d)}%`);
// The number in a money text such as "1,234.56 USD".
const amount = text => Number(text.replace(/[^0-9.-]/g, ''));

async function waitForEvaluations() {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const { items } = await api(`entities/${ref}/slos`);
    if (items.length > 0 && items.every(s => s.status?.evaluatedAt)) return items;
    if (Date.now() > deadline) throw new Error(`SLOs of ${entity} not evaluated within 3 minutes`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await (
    await browser.newContext({ viewport: { width: 1440, height: 1400 } })
  ).newPage();
  page.on('pageerror', e => console.error(`page error: ${e.message}`));

  const slos = await waitForEvaluations();
  await page.goto(`${appUrl}/catalog/default/component/${entity}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const sloCard = page.getByText('Service level objectives', { exact: true });
  const deadline = Date.now() + 60_000;
  while (!(await sloCard.first().isVisible())) {
    if (Date.now() > deadline) throw new Error('the SLO card did not show within 60 s');
    if (await enter.isVisible()) await enter.click();
    await page.waitForTimeout(250);
  }

  console.log('-- SLO card');
  const now = (await api(`entities/${ref}/slos`)).items;
  for (const slo of now) {
    const budget = page.getByTestId(`slo-${slo.name}-budget`);
    await budget.waitFor({ timeout: 30_000 });
    const shown = (await budget.textContent()).trim();
    console.log(`   ${slo.name}: budget shown ${shown}, backend ${slo.status.budgetRemaining}`);
    assert.equal(shown, pct(slo.status.budgetRemaining, 1), `${slo.name} budget remaining`);
  }
  assert.equal(now.length, slos.length);

  console.log('-- cost card');
  const cost = await api(`cost/entities/${ref}?grain=month&view=effective`);
  const latest = cost.items.filter(i => i.currency === 'USD').at(-1);
  const costText = page.getByTestId('cost-latest-USD');
  await costText.waitFor({ timeout: 30_000 });
  const shownCost = (await costText.textContent()).trim();
  console.log(`   latest month shown ${shownCost}, backend ${latest.cost}`);
  assert.ok(
    Math.abs(amount(shownCost) - Number(latest.cost)) < 0.01,
    `cost ${shownCost} vs ${latest.cost}`,
  );

  console.log('-- capacity card');
  const assessment = await api(`capacity/entities/${ref}/assessment`);
  const replicas = page.getByTestId(`capacity-${assessment.recommendation.unit}-replicas`);
  await replicas.waitFor({ timeout: 30_000 });
  const shownReplicas = (await replicas.textContent()).trim();
  console.log(`   ${shownReplicas}; backend ${assessment.recommendation.replicas} replicas`);
  assert.match(shownReplicas, new RegExp(`^= ${assessment.recommendation.replicas} replicas? ×`));

  console.log('-- optimisation card');
  await page.getByText('Right-sizing savings and cost anomalies').waitFor({ timeout: 30_000 });

  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot ${screenshot}`);
} finally {
  await browser.close();
}
