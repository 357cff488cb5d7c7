import type { SloRollup } from '@headroom/plugin-headroom-common';
import type { SloRow } from './sloRows';

/** The rollups' key for SLOs without a line of business or owner. */
export const UNASSIGNED = 'unassigned';

export interface OverviewData {
  lobs: SloRollup[];
  owners: SloRollup[];
  slos: SloRow[];
}

export interface OverviewFilter {
  /** Free text matched, case-insensitively, against names, teams and lines of business. */
  text: string;
  /** A line of business key; empty for all. */
  lob: string;
  /** A team key (owner entity ref); empty for all. */
  team: string;
}

function matches(text: string, ...fields: (string | null)[]): boolean {
  if (!text) return true;
  const needle = text.toLocaleLowerCase();
  return fields.some(f => f !== null && f.toLocaleLowerCase().includes(needle));
}

/**
 * The rows the overview shows. Choosing a line of business keeps the teams with SLOs in it, and
 * choosing a team keeps the lines of business it has SLOs in, so the three tables agree.
 */
export function filterOverview(data: OverviewData, filter: OverviewFilter): OverviewData {
  const { text, lob, team } = filter;
  const lobOf = (r: SloRow) => r.lineOfBusiness ?? UNASSIGNED;
  const teamOf = (r: SloRow) => r.ownerRef ?? UNASSIGNED;
  const slos = data.slos.filter(
    r =>
      (!lob || lobOf(r) === lob) &&
      (!team || teamOf(r) === team) &&
      matches(text, r.entityRef, r.name, r.displayName, r.lineOfBusiness, r.ownerRef),
  );
  const teamsInLob = new Set(data.slos.filter(r => !lob || lobOf(r) === lob).map(teamOf));
  const lobsOfTeam = new Set(data.slos.filter(r => !team || teamOf(r) === team).map(lobOf));
  const lobs = data.lobs.filter(
    r =>
      (!lob || r.key === lob) &&
      (!team || lobsOfTeam.has(r.key)) &&
      matches(text, r.key, r.worstSlo),
  );
  const owners = data.owners.filter(
    r =>
      (!team || r.key === team) &&
      (!lob || teamsInLob.has(r.key)) &&
      matches(text, r.key, r.worstSlo),
  );
  return { lobs, owners, slos };
}
