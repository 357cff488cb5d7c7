import type { CatalogNode } from './types';

/**
 * What a change to one entity can hurt, from the catalog graph: everything that depends on it,
 * directly or through others (`dependsOn` read backwards, `dependencyOf` forwards, and the
 * consumers of the APIs it provides).
 */
export interface BlastRadius {
  /** The entity itself and everything downstream of it, with the hops to reach each. */
  impacted: { ref: string; hops: number }[];
  /** Share of the graph's traffic going through the impacted entities (0..1). */
  trafficShare: number;
  impactedTraffic: number;
  totalTraffic: number;
  /** Entities without a traffic figure (they weigh 0, or the count is used when none has one). */
  withoutTraffic: number;
  /** True when no entity had a traffic figure and the share is a share of entities. */
  byCount: boolean;
}

/** Edges "a change to key hurts each of value". */
function dependentsIndex(graph: readonly CatalogNode[]): Map<string, Set<string>> {
  const hurts = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (from === to) return;
    const set = hurts.get(from) ?? new Set<string>();
    set.add(to);
    hurts.set(from, set);
  };
  const providers = new Map<string, string[]>();
  for (const n of graph) {
    for (const api of n.providesApis ?? [])
      providers.set(api, [...(providers.get(api) ?? []), n.ref]);
  }
  for (const n of graph) {
    for (const d of n.dependsOn ?? []) add(d, n.ref);
    for (const d of n.dependencyOf ?? []) add(n.ref, d);
    for (const api of n.consumesApis ?? []) {
      for (const p of providers.get(api) ?? []) add(p, n.ref);
    }
  }
  return hurts;
}

/** The entities directly connected to `ref` either way: what it uses and what uses it. */
export function neighbours(graph: readonly CatalogNode[], ref: string): Set<string> {
  const hurts = dependentsIndex(graph);
  const out = new Set(hurts.get(ref) ?? []);
  for (const [from, to] of hurts) if (to.has(ref)) out.add(from);
  out.delete(ref);
  return out;
}

export function blastRadius(graph: readonly CatalogNode[], ref: string): BlastRadius {
  const hurts = dependentsIndex(graph);
  const hops = new Map<string, number>([[ref, 0]]);
  const queue = [ref];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const next of hurts.get(at) ?? []) {
      if (!hops.has(next)) {
        hops.set(next, hops.get(at)! + 1);
        queue.push(next);
      }
    }
  }
  // Only entities that serve traffic count (APIs and resources are edges, not load).
  const loadBearing = graph.filter(
    n => !n.ref.startsWith('api:') && !n.ref.startsWith('resource:'),
  );
  const known = loadBearing.filter(n => n.traffic !== undefined && Number.isFinite(n.traffic));
  const byCount = known.reduce((a, n) => a + n.traffic!, 0) === 0;
  const weight = (n: CatalogNode) => (byCount ? 1 : (n.traffic ?? 0));
  const totalTraffic = loadBearing.reduce((a, n) => a + weight(n), 0);
  const impactedTraffic = loadBearing
    .filter(n => hops.has(n.ref))
    .reduce((a, n) => a + weight(n), 0);
  return {
    impacted: [...hops].map(([r, h]) => ({ ref: r, hops: h })),
    trafficShare: totalTraffic > 0 ? impactedTraffic / totalTraffic : 0,
    impactedTraffic,
    totalTraffic,
    withoutTraffic: loadBearing.length - known.length,
    byCount,
  };
}
