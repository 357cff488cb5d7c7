import { PanelPlugin } from '@grafana/data';
import { UnitCostPanel } from './components/UnitCostPanel';
import { DEFAULT_OPTIONS, type UnitCostOptions } from './types';

export const plugin = new PanelPlugin<UnitCostOptions>(UnitCostPanel).setPanelOptions((builder) =>
  builder
    .addBooleanSwitch({
      path: 'showBand',
      name: 'Line of business band',
      description: 'The p25–p75 unit cost of the services in the same line of business',
      defaultValue: DEFAULT_OPTIONS.showBand,
    })
    .addBooleanSwitch({ path: 'showMedian', name: 'Median', defaultValue: DEFAULT_OPTIONS.showMedian })
    .addBooleanSwitch({
      path: 'connectGaps',
      name: 'Connect gaps',
      description: 'Draw across periods without a unit cost (no traffic)',
      defaultValue: DEFAULT_OPTIONS.connectGaps,
    })
);
