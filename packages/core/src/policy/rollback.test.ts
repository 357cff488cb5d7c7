import { decideRollback } from './rollback';

describe('decideRollback', () => {
  const s = (name: string, firing: ('page' | 'ticket')[], ageSeconds: number | null = 30) => ({
    name,
    ageSeconds,
    budgetRemaining: 0.5,
    firing,
  });

  it('rolls back while a page burn fires, naming each SLO', () => {
    expect(decideRollback([s("SLO 'a'", []), s("SLO 'b'", ['page', 'ticket'])])).toEqual({
      rollback: true,
      reasons: ["SLO 'b': a page burn-rate alert is firing; roll the change back"],
    });
  });

  it('does not roll back on a slow burn, on no SLOs, or on a status never evaluated', () => {
    expect(decideRollback([s("SLO 'a'", ['ticket'])], 'component:default/ledger')).toEqual({
      rollback: false,
      reasons: ['no page burn-rate alert on component:default/ledger: no rollback'],
    });
    expect(decideRollback([], 'component:default/x').reasons).toEqual([
      'component:default/x has no SLOs: no burn to roll back on',
    ]);
    expect(decideRollback([s("SLO 'a'", ['page'], null)]).rollback).toBe(false);
  });
});
