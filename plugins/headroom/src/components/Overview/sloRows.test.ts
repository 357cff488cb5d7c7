import type { SloWithStatus } from '@headroom/plugin-headroom-common';
import type { SloListQuery } from '../../api';
import { availabilitySlo, fakeApi } from '../../__fixtures__/slos';
import { listAllSlos, sloRow } from './sloRows';

function slo(entity: string, name: string): SloWithStatus {
  return availabilitySlo({ entityRef: `component:default/${entity}`, name });
}

describe('listAllSlos', () => {
  it('reads page after page until totalCount is reached', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map(e => slo(e, 'availability'));
    const calls: SloListQuery[] = [];
    const api = fakeApi({
      listSlos: async (query = {}) => {
        calls.push(query);
        const offset = query.offset ?? 0;
        return { items: all.slice(offset, offset + query.limit!), totalCount: all.length };
      },
    });
    const read = await listAllSlos(api, 2);
    expect(calls).toEqual([
      { limit: 2, offset: 0 },
      { limit: 2, offset: 2 },
      { limit: 2, offset: 4 },
    ]);
    expect(read.map(s => s.entityRef)).toEqual(all.map(s => s.entityRef));
  });

  it('shows an SLO once when one created between two pages shifts the next page', async () => {
    const before = ['b', 'c', 'd'].map(e => slo(e, 'availability'));
    // After the first page, an SLO of "a" is created: it sorts first and pushes "c" to page 2.
    const after = [slo('a', 'availability'), ...before];
    let call = 0;
    const api = fakeApi({
      listSlos: async (query = {}) => {
        const list = call++ === 0 ? before : after;
        const offset = query.offset ?? 0;
        return { items: list.slice(offset, offset + query.limit!), totalCount: list.length };
      },
    });
    const read = await listAllSlos(api, 2);
    expect(read.map(s => s.entityRef)).toEqual([
      'component:default/b',
      'component:default/c',
      'component:default/d',
    ]);
  });

  it('stops at an empty page even when totalCount says there is more', async () => {
    let calls = 0;
    const api = fakeApi({
      listSlos: async () => {
        calls++;
        return calls === 1
          ? { items: [slo('a', 'x')], totalCount: 3 }
          : { items: [], totalCount: 3 };
      },
    });
    expect(await listAllSlos(api, 1)).toHaveLength(1);
    expect(calls).toBe(2);
  });

  it('asks for the largest page the backend allows by default', async () => {
    const calls: SloListQuery[] = [];
    await listAllSlos(
      fakeApi({
        listSlos: async (query = {}) => {
          calls.push(query);
          return { items: [], totalCount: 0 };
        },
      }),
    );
    expect(calls).toEqual([{ limit: 1000, offset: 0 }]);
  });
});

describe('sloRow', () => {
  it('takes the highest known burn rate as the worst', () => {
    const s = availabilitySlo();
    s.status!.burnRates = [
      { window: '5m', rate: 3 },
      { window: '1h', rate: null },
      { window: '6h', rate: 7.5 },
    ];
    expect(sloRow(s).worstBurnRate).toBe(7.5);
  });

  it('has no numbers for an SLO never evaluated', () => {
    expect(sloRow(availabilitySlo({ status: null }))).toEqual({
      entityRef: 'component:default/ledger',
      name: 'availability',
      displayName: 'Ledger postings succeed',
      lineOfBusiness: 'payments',
      ownerRef: 'group:default/team-payments',
      objective: 0.9995,
      window: '30d',
      sli: null,
      budgetRemaining: null,
      worstBurnRate: null,
      alertState: null,
    });
  });
});
