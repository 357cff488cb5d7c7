// What the backend's monitor (monitor.js) saw while one load phase ran: the worst event-loop
// delay and the seconds it was over 100 ms, garbage collection, the knex pools and the work of
// the catalog sync (SLO files read, catalog queries) in the same seconds.
function phase(lines, startedAt, seconds) {
  const from = Date.parse(startedAt);
  const to = from + (seconds + 1) * 1000;
  const inPhase = lines.filter(l => l.t && Date.parse(l.t) > from && Date.parse(l.t) <= to + 1000);
  const round = v => Math.round(v * 10) / 10;
  const gcs = inPhase.flatMap(l => l.gc);
  const pause = kind => gcs.filter(([k]) => kind === undefined || k === kind).map(([, d]) => d);
  const max = values => (values.length ? round(Math.max(...values)) : 0);
  const sum = values => round(values.reduce((a, b) => a + b, 0));
  return {
    monitorSeconds: inPhase.length,
    eventLoopDelayMaxMs: max(inPhase.map(l => l.el.max)),
    // second into the phase : worst delay in it (ms), for every second over 100 ms
    eventLoopStalls: inPhase
      .filter(l => l.el.max > 100)
      .map(l => `${Math.floor((Date.parse(l.t) - from) / 1000) - 1}:${round(l.el.max)}`),
    gcMajor: {
      count: pause('major').length,
      maxMs: max(pause('major')),
      totalMs: sum(pause('major')),
    },
    gcAll: { count: gcs.length, maxMs: max(pause()), totalMs: sum(pause()) },
    heapUsedMaxMiB: max(inPhase.map(l => l.heap.used)),
    poolUsedMax: max(inPhase.flatMap(l => l.pools.map(p => p[0]))),
    poolSize: max(inPhase.flatMap(l => l.pools.map(p => p[4]))),
    poolPendingAcquiresMax: max(inPhase.map(l => l.maxPendingAcquires)),
    // YAML parses over 20 ms in the phase: [characters, ms] (a catalog file of 10,000 entities
    // is about 2.3 million characters)
    slowYamlParses: inPhase.flatMap(l => l.yaml ?? []),
    syncFilesRead: inPhase.reduce((a, l) => a + l.files, 0),
    syncCatalogQueries: inPhase.reduce((a, l) => a + (l.http['catalog-by-query'] ?? 0), 0),
  };
}

module.exports = { phase };
