#!/usr/bin/env node
// Writes the example counter series in series/ for the example SLOs in slos/: 30 days of
// cumulative counters at a 5-minute step, ending at a fixed instant so the report is reproducible.
// Deterministic (seeded PRNG); run it again after changing a scenario and commit the output.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const END = Date.UTC(2026, 10, 23, 12, 0, 0) / 1000; // 2026-11-23T12:00:00Z
const STEP = 300;
const DAYS = 30;
const START = END - DAYS * 86400;

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Requests per second with a daily cycle (peak 14:00 UTC) and quieter weekends. */
function load(t, base) {
  const hour = ((t % 86400) / 3600 + 24) % 24;
  const daily = 0.55 + 0.45 * Math.cos(((hour - 14) / 24) * 2 * Math.PI);
  const day = new Date(t * 1000).getUTCDay();
  const weekly = day === 0 || day === 6 ? 0.7 : 1;
  return base * daily * weekly;
}

/**
 * scenario(t) gives the error share at t; the counters integrate load × step with Poisson-like noise.
 * Options: restartAt (the process restarts: counters drop to zero), gap [from, to) (no scrape).
 */
function writeSeries(file, { seed, base, errorShare, column, restartAt, gap }) {
  const rnd = mulberry32(seed);
  let good = 0;
  let bad = 0;
  const lines = [`timestamp,${column},total`];
  for (let t = START; t <= END; t += STEP) {
    const requests = Math.round(load(t, base) * STEP * (0.95 + 0.1 * rnd()));
    const share = errorShare(t);
    const errors = Math.min(
      requests,
      Math.round(requests * share + (rnd() - 0.5) * 2 * Math.sqrt(requests * share)),
    );
    if (restartAt !== undefined && t === restartAt) {
      good = 0;
      bad = 0;
    }
    good += requests - Math.max(0, errors);
    bad += Math.max(0, errors);
    if (gap && t >= gap[0] && t < gap[1]) continue;
    const total = good + bad;
    lines.push(
      `${new Date(t * 1000).toISOString().replace('.000Z', 'Z')},${column === 'good' ? good : bad},${total}`,
    );
  }
  writeFileSync(join(here, 'series', file), `${lines.join('\n')}\n`);
}

const ago = s => END - s;
const H = 3600;
const D = 86400;

// order-gateway: a 5 % error spike for the last 25 minutes: the page alert fires.
writeSeries('order-gateway-availability.csv', {
  seed: 1,
  base: 800,
  column: 'bad',
  errorShare: t => (t > ago(25 * 60) ? 0.05 : 0.0002),
});
// withdrawal-signer: 0.35 % errors for 7.5 days against 99.9 %: a ticket, budget nearly spent.
writeSeries('withdrawal-signer-availability.csv', {
  seed: 2,
  base: 40,
  column: 'good',
  errorShare: t => (t > ago(7.5 * D) ? 0.0035 : 0.0001),
});
// market-data: healthy latency, a few slow requests.
writeSeries('market-data-latency.csv', {
  seed: 3,
  base: 2500,
  column: 'good',
  errorShare: () => 0.002,
});
// ledger: healthy, but restarted 9 days ago (counters reset) and unscraped for 2 hours 4 days ago.
writeSeries('ledger-availability.csv', {
  seed: 4,
  base: 300,
  column: 'good',
  errorShare: () => 0.0001,
  restartAt: ago(9 * D) - ((ago(9 * D) - START) % STEP),
  gap: [
    ago(4 * D) - ((ago(4 * D) - START) % STEP),
    ago(4 * D) - ((ago(4 * D) - START) % STEP) + 2 * H,
  ],
});
