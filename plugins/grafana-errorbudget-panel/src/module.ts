import { PanelPlugin } from '@grafana/data';
import { ErrorBudgetPanel } from './components/ErrorBudgetPanel';
import { DEFAULT_OPTIONS, type ErrorBudgetOptions } from './types';

export const plugin = new PanelPlugin<ErrorBudgetOptions>(ErrorBudgetPanel).setPanelOptions((builder) =>
  builder
    .addNumberInput({
      path: 'warningBelow',
      name: 'Warning below',
      description: 'Budget remaining under this fraction shows orange (0.25 = 25 %)',
      category: ['Thresholds'],
      defaultValue: DEFAULT_OPTIONS.warningBelow,
      settings: { min: -10, max: 1, step: 0.05 },
    })
    .addNumberInput({
      path: 'criticalBelow',
      name: 'Critical below',
      description: 'Budget remaining under this fraction shows red (0 = spent)',
      category: ['Thresholds'],
      defaultValue: DEFAULT_OPTIONS.criticalBelow,
      settings: { min: -10, max: 1, step: 0.05 },
    })
    .addBooleanSwitch({
      path: 'showBurndown',
      name: 'Burndown',
      category: ['Show'],
      defaultValue: DEFAULT_OPTIONS.showBurndown,
    })
    .addBooleanSwitch({
      path: 'showIdeal',
      name: 'Ideal line',
      description: 'The pace that spends exactly the budget by the end of the window',
      category: ['Show'],
      defaultValue: DEFAULT_OPTIONS.showIdeal,
      showIf: (o) => o.showBurndown,
    })
    .addBooleanSwitch({
      path: 'showBurnRates',
      name: 'Burn-rate table',
      category: ['Show'],
      defaultValue: DEFAULT_OPTIONS.showBurnRates,
    })
    .addBooleanSwitch({
      path: 'showTimeToExhaustion',
      name: 'Time to exhaustion',
      category: ['Show'],
      defaultValue: DEFAULT_OPTIONS.showTimeToExhaustion,
    })
    .addNumberInput({
      path: 'minCellWidth',
      name: 'Minimum width per SLO',
      description: 'With several SLOs in one panel, cells are at least this wide (px)',
      category: ['Layout'],
      defaultValue: DEFAULT_OPTIONS.minCellWidth,
      settings: { min: 120, integer: true },
    })
);
