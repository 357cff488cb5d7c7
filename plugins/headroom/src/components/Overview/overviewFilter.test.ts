import { filterOverview, type OverviewData } from './overviewFilter';
import { lobRollups, overviewSlos, ownerRollups } from './overviewFixtures';
import { sloRow } from './sloRows';

function data(): OverviewData {
  return { lobs: lobRollups(), owners: ownerRollups(), slos: overviewSlos().map(sloRow) };
}

const keys = (d: OverviewData) => ({
  lobs: d.lobs.map(r => r.key),
  owners: d.owners.map(r => r.key),
  slos: d.slos.map(r => `${r.entityRef}#${r.name}`),
});

describe('filterOverview', () => {
  it('keeps everything without a filter', () => {
    expect(keys(filterOverview(data(), { text: '', lob: '', team: '' }))).toEqual(keys(data()));
  });

  it('keeps the teams with SLOs in the chosen line of business', () => {
    expect(keys(filterOverview(data(), { text: '', lob: 'payments', team: '' }))).toEqual({
      lobs: ['payments'],
      owners: ['group:default/team-payments'],
      slos: ['component:default/ledger#availability', 'component:default/ledger#latency'],
    });
  });

  it('keeps the lines of business the chosen team has SLOs in', () => {
    expect(
      keys(filterOverview(data(), { text: '', lob: '', team: 'group:default/team-core-trading' })),
    ).toEqual({
      lobs: ['trading'],
      owners: ['group:default/team-core-trading'],
      slos: ['component:default/order-gateway#availability'],
    });
  });

  it('counts SLOs without owner or line of business as unassigned', () => {
    expect(keys(filterOverview(data(), { text: '', lob: 'unassigned', team: '' }))).toEqual({
      lobs: ['unassigned'],
      owners: ['unassigned'],
      slos: ['component:default/vault#availability'],
    });
  });

  it('matches text in any case against names, display names and worst SLOs', () => {
    const byDisplayName = filterOverview(data(), { text: 'ANSWERS FAST', lob: '', team: '' });
    expect(keys(byDisplayName).slos).toEqual(['component:default/ledger#latency']);
    const byEntity = filterOverview(data(), { text: 'order-gateway', lob: '', team: '' });
    // The trading rollups match through their worst SLO.
    expect(keys(byEntity)).toEqual({
      lobs: ['trading'],
      owners: ['group:default/team-core-trading'],
      slos: ['component:default/order-gateway#availability'],
    });
  });
});
