import { renderInTestApp } from '@backstage/test-utils';
import type { CostRollupRow } from '@headroom/plugin-headroom-common';
import { screen } from '@testing-library/react';
import React from 'react';
import { ShowbackTable } from './ShowbackTable';

const row = (overrides: Partial<CostRollupRow>): CostRollupRow => ({
  key: 'payments',
  period: Date.UTC(2026, 11, 1) / 1000,
  date: '2026-12',
  currency: 'USD',
  cost: '700.00',
  previous: '680.00',
  change: '20.00',
  changeRatio: 20 / 680,
  ...overrides,
});

describe('ShowbackTable', () => {
  it('says month to date is compared with the same days of the month before', async () => {
    await renderInTestApp(
      <ShowbackTable rows={[row({ partial: { days: 7, of: 31 } })]} by="lineOfBusiness" />,
    );
    expect(
      screen.getByRole('columnheader', { name: 'Change vs the same 7 days of the month before' }),
    ).toBeInTheDocument();
  });

  it('says nothing more for whole months', async () => {
    await renderInTestApp(<ShowbackTable rows={[row({})]} by="lineOfBusiness" />);
    expect(screen.getByRole('columnheader', { name: 'Change' })).toBeInTheDocument();
  });
});
