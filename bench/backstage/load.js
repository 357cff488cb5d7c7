#!/usr/bin/env node
// Open-loop load: requests start on a fixed schedule (rate per second) whatever the answers'
// speed, so a slow server shows as latency instead of a lower request rate. Each request reads
// a random entity (seeded). Prints one JSON line with count, errors, achieved rate and latency
// percentiles in milliseconds.
//   node bench/backstage/load.js <base url> <path template with {name}> <rate> <seconds> <entities> <token>
const http = require('node:http');

const [base, template, rateArg, secondsArg, entitiesArg, token] = process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const entities = Number(entitiesArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const url = new URL(base);

let seed = 42;
const random = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

let t0 = 0;
function get(path) {
  return new Promise(resolve => {
    const at = (performance.now() - t0) / 1000;
    const started = process.hrtime.bigint();
    const req = http.get(
      {
        host: url.hostname,
        port: url.port,
        path,
        agent,
        headers: { authorization: `Bearer ${token}` },
      },
      res => {
        res.resume();
        res.on('end', () =>
          resolve({
            at,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            status: res.statusCode,
          }),
        );
      },
    );
    req.on('error', () =>
      resolve({ at, ms: Number(process.hrtime.bigint() - started) / 1e6, status: 0 }),
    );
  });
}

async function main() {
  const total = Math.round(rate * seconds);
  const results = [];
  const pending = [];
  const start = performance.now();
  t0 = start;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise(r => setTimeout(r, wait));
    const name = `svc-${String(Math.floor(random() * entities)).padStart(5, '0')}`;
    pending.push(get(template.replace('{name}', name)).then(r => results.push(r)));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const ok = results
    .filter(r => r.status === 200)
    .map(r => r.ms)
    .sort((a, b) => a - b);
  const q = p => (ok.length ? ok[Math.min(ok.length - 1, Math.ceil(p * ok.length) - 1)] : null);
  const round = v => (v === null ? null : Math.round(v * 100) / 100);
  console.log(
    JSON.stringify({
      path: template,
      seconds,
      requests: results.length,
      errors: results.length - ok.length,
      rate: Math.round((results.length / elapsed) * 10) / 10,
      p50: round(q(0.5)),
      p90: round(q(0.9)),
      p99: round(q(0.99)),
      max: round(ok[ok.length - 1] ?? null),
      // Seconds into the run at which requests took over 250 ms, and how many: stalls show here.
      slowSeconds: Object.entries(
        results
          .filter(r => r.ms > 250 || r.status !== 200)
          .reduce(
            (acc, r) => ((acc[Math.floor(r.at)] = (acc[Math.floor(r.at)] ?? 0) + 1), acc),
            {},
          ),
      ).map(([second, count]) => `${second}:${count}`),
      statuses: results.reduce((acc, r) => ((acc[r.status] = (acc[r.status] ?? 0) + 1), acc), {}),
      startedAt: new Date(Date.now() - elapsed * 1000).toISOString(),
    }),
  );
  agent.destroy();
}

main();
