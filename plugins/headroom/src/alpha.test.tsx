import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { headroomApiRef } from './api';
import headroomPlugin from './alpha';
import { coverageReport } from './components/Capacity/fixtures';
import { rollupByLineOfBusiness } from './components/Cost/fixtures';
import { fakeApi } from './__fixtures__/slos';

jest.setTimeout(30_000);

const api = fakeApi({
  getCostRollup: async () => rollupByLineOfBusiness(),
  getCapacityCoverage: async () => coverageReport(),
});

describe('Headroom pages in an app on the new frontend system', () => {
  it('routes /headroom/showback to the showback page, not the overview', async () => {
    renderTestApp({
      features: [headroomPlugin],
      initialRouteEntries: ['/headroom/showback'],
      apis: [[headroomApiRef, api]],
    });
    expect(
      await screen.findByRole('table', { name: 'Cost per line of business' }, { timeout: 15_000 }),
    ).toBeInTheDocument();
  });

  it('routes /headroom/capacity to the coverage page', async () => {
    renderTestApp({
      features: [headroomPlugin],
      initialRouteEntries: ['/headroom/capacity'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[headroomApiRef, api]],
    });
    expect(
      await screen.findByTestId('coverage-summary', {}, { timeout: 15_000 }),
    ).toHaveTextContent('3 of 6 (50%)');
  });
});
