import type { Severity } from './types';

/**
 * How alert labels map to P1–P4. Headroom's rules label an SLO's alerts `page` or `ticket`
 * (`sloth_severity` / `headroom_severity`); a page is P1 for SLOs of the tiers listed in
 * `pageByTier` and `page` otherwise. A label that already says P1–P4 is taken as it is.
 */
export interface SeverityMapping {
  /** Severity of a page by the SLO's `tier` label, e.g. `{ "1": "P1" }`. */
  pageByTier: Record<string, Severity>;
  /** A page of any other tier (or without one). */
  page: Severity;
  ticket: Severity;
  /** Anything else (no severity label, or one not understood). */
  other: Severity;
}

export const DEFAULT_SEVERITY_MAPPING: Readonly<SeverityMapping> = Object.freeze<SeverityMapping>({
  pageByTier: { '1': 'P1', one: 'P1', critical: 'P1' },
  page: 'P2',
  ticket: 'P3',
  other: 'P4',
});

/** Labels read for the severity, in order: an explicit grade first, then the rules' own. */
const SEVERITY_LABELS = ['severity', 'priority', 'headroom_severity', 'sloth_severity'];
const PAGE_WORDS = new Set(['page', 'critical']);
const TICKET_WORDS = new Set(['ticket', 'warning']);

export function isSeverity(v: unknown): v is Severity {
  return v === 'P1' || v === 'P2' || v === 'P3' || v === 'P4';
}

/** Severity of one alert from its labels (and `headroom.dev/severity` annotation). */
export function alertSeverity(
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
  mapping: SeverityMapping = DEFAULT_SEVERITY_MAPPING,
): Severity {
  const explicit = annotations['headroom.dev/severity']?.trim().toUpperCase();
  if (isSeverity(explicit)) return explicit;
  const words = SEVERITY_LABELS.map(l => labels[l]?.trim().toLowerCase()).filter(
    (w): w is string => w !== undefined && w !== '',
  );
  const grade = words.map(w => w.toUpperCase()).find(isSeverity);
  if (grade) return grade;
  if (words.some(w => PAGE_WORDS.has(w))) {
    const tier = (labels.tier ?? labels.headroom_tier ?? annotations['headroom.dev/tier'])
      ?.trim()
      .toLowerCase();
    return (tier !== undefined ? mapping.pageByTier[tier] : undefined) ?? mapping.page;
  }
  if (words.some(w => TICKET_WORDS.has(w))) return mapping.ticket;
  return mapping.other;
}

/** The more severe of two (P1 before P4). */
export function worstSeverity(a: Severity, b: Severity): Severity {
  return a < b ? a : b;
}

/**
 * Validates a mapping given in configuration; `at` names where it came from for the error.
 * Missing keys keep the defaults.
 */
export function parseSeverityMapping(value: unknown, at: string): SeverityMapping {
  if (value === undefined || value === null) return { ...DEFAULT_SEVERITY_MAPPING };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${at}: must be an object with pageByTier, page, ticket, other`);
  }
  const v = value as Record<string, unknown>;
  const grade = (key: 'page' | 'ticket' | 'other'): Severity => {
    const g = v[key] ?? DEFAULT_SEVERITY_MAPPING[key];
    if (!isSeverity(g))
      throw new Error(`${at}.${key}: must be one of P1, P2, P3, P4, got ${String(g)}`);
    return g;
  };
  const tiers = v.pageByTier ?? DEFAULT_SEVERITY_MAPPING.pageByTier;
  if (typeof tiers !== 'object' || tiers === null || Array.isArray(tiers)) {
    throw new Error(`${at}.pageByTier: must be an object of tier → P1..P4`);
  }
  const pageByTier: Record<string, Severity> = {};
  for (const [tier, g] of Object.entries(tiers)) {
    if (!isSeverity(g)) {
      throw new Error(`${at}.pageByTier.${tier}: must be one of P1, P2, P3, P4, got ${String(g)}`);
    }
    pageByTier[tier.toLowerCase()] = g;
  }
  return { pageByTier, page: grade('page'), ticket: grade('ticket'), other: grade('other') };
}
