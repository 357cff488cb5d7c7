// Preloaded into the benchmarked backend (`node --require`) when HEADROOM_BENCH_MONITOR names a
// file: once a second it appends one JSON line with what a latency stall could come from.
//   el       event-loop delay in that second (max, p99, mean; ms)
//   gc       garbage collections in that second (kind and pause; ms)
//   heap     V8 heap used and RSS (MiB)
//   pools    every knex (tarn) pool: connections used, free, acquires waiting, creates pending
//            (the largest number of waiting acquires seen in the second as well)
//   http     requests received in that second by route family (sync traffic shows as
//            catalog by-query / by-ref requests)
//   files    files read through fs.promises.readFile in that second (the SLO files of the sync)
//   yaml     YAML parses (parseAllDocuments) that took over 20 ms: [characters, ms]
// Nothing here changes what the backend does; it only observes.
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { monitorEventLoopDelay, PerformanceObserver, constants } = require('node:perf_hooks');

const out = process.env.HEADROOM_BENCH_MONITOR;
// Worker threads load the preload too; only the thread that serves requests is watched.
if (out && require('node:worker_threads').isMainThread) {
  const backendDir = path.resolve(__dirname, '../../packages/backend');
  const requireFromBackend = require('node:module').createRequire(path.join(backendDir, 'x.js'));

  const pools = new Set();
  let maxPending = 0;
  try {
    // Knex takes Pool from tarn when its client module loads; patching the prototype first
    // reaches every pool the backend creates.
    const { Pool } = requireFromBackend('tarn');
    const acquire = Pool.prototype.acquire;
    Pool.prototype.acquire = function patchedAcquire(...args) {
      pools.add(this);
      const result = acquire.apply(this, args);
      maxPending = Math.max(maxPending, this.numPendingAcquires());
      return result;
    };
  } catch (error) {
    fs.appendFileSync(out, `${JSON.stringify({ warning: `tarn not patched: ${error}` })}\n`);
  }

  let yamlParses = [];
  try {
    // The catalog parses catalog files with this function (catalog-node's parseEntityYaml).
    const requireFromCatalog = require('node:module').createRequire(
      requireFromBackend.resolve('@backstage/plugin-catalog-node'),
    );
    const yaml = requireFromCatalog('yaml');
    const parseAllDocuments = yaml.parseAllDocuments;
    yaml.parseAllDocuments = function timedParseAllDocuments(text, ...rest) {
      const started = performance.now();
      const result = parseAllDocuments.call(this, text, ...rest);
      const took = performance.now() - started;
      if (took > 20) yamlParses.push([String(text).length, Math.round(took)]);
      return result;
    };
  } catch (error) {
    fs.appendFileSync(out, `${JSON.stringify({ warning: `yaml not patched: ${error}` })}\n`);
  }

  const GC_KINDS = {
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
  };
  let gcs = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      gcs.push([GC_KINDS[e.detail?.kind ?? e.kind] ?? 'other', Math.round(e.duration * 10) / 10]);
    }
  }).observe({ entryTypes: ['gc'] });

  let requests = {};
  const family = url => {
    const p = (url ?? '').split('?')[0];
    if (p.startsWith('/api/headroom/'))
      return p.endsWith('/summary') ? 'headroom-summary' : 'headroom';
    if (p.startsWith('/api/catalog/entities/by-name/')) return 'catalog-by-name';
    if (p.startsWith('/api/catalog/entities/by-query')) return 'catalog-by-query';
    if (p.startsWith('/api/catalog/entities/by-refs')) return 'catalog-by-refs';
    if (p.startsWith('/api/catalog/')) return 'catalog-other';
    if (p.startsWith('/api/permission/')) return 'permission';
    return 'other';
  };
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(event, req, ...rest) {
    if (event === 'request') {
      const f = family(req.url);
      requests[f] = (requests[f] ?? 0) + 1;
    }
    return emit.call(this, event, req, ...rest);
  };

  let files = 0;
  const readFile = fs.promises.readFile;
  fs.promises.readFile = function patchedReadFile(...args) {
    files += 1;
    return readFile.apply(this, args);
  };

  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const ms = ns => Math.round(ns / 1e4) / 100;
  const mib = b => Math.round(b / 1048576);
  const timer = setInterval(() => {
    const mem = process.memoryUsage();
    const line = {
      t: new Date().toISOString(),
      el: { max: ms(delay.max), p99: ms(delay.percentile(99)), mean: ms(delay.mean) },
      gc: gcs,
      heap: { used: mib(mem.heapUsed), rss: mib(mem.rss) },
      pools: [...pools].map(p => [
        p.numUsed(),
        p.numFree(),
        p.numPendingAcquires(),
        p.numPendingCreates(),
        p.max,
      ]),
      maxPendingAcquires: maxPending,
      http: requests,
      files,
      yaml: yamlParses,
    };
    delay.reset();
    gcs = [];
    requests = {};
    files = 0;
    yamlParses = [];
    maxPending = 0;
    fs.appendFile(out, `${JSON.stringify(line)}\n`, () => {});
  }, 1000);
  timer.unref();
}
