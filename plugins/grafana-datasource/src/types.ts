import { DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

/** What one query asks for; each becomes its own data frames. */
export type HeadroomQueryType =
  | 'slos'
  | 'status'
  | 'burndown'
  | 'burnRates'
  | 'errorBudget'
  | 'recorded'
  | 'unitCost'
  | 'cost'
  | 'capacity'
  | 'anomalies'
  | 'incidents'
  | 'mttx'
  | 'drills'
  | 'changes';

export const QUERY_TYPES: ReadonlyArray<{ value: HeadroomQueryType; label: string; description: string }> = [
  {
    value: 'slos',
    label: 'SLO list',
    description: 'SLOs with their latest status, by entity, owner or line of business',
  },
  { value: 'status', label: 'Status', description: 'SLI, budget remaining, alert state and time to exhaustion now' },
  {
    value: 'burndown',
    label: 'Burndown',
    description: 'Budget remaining through the current window, with the ideal line',
  },
  {
    value: 'burnRates',
    label: 'Burn rates',
    description: 'Burn rate per alert window with its threshold and whether it fires',
  },
  {
    value: 'errorBudget',
    label: 'Error budget (all)',
    description: 'Status, burndown and burn rates: what the error-budget panel shows',
  },
  {
    value: 'recorded',
    label: 'Recorded series',
    description: 'The SLO recording rules as Prometheus evaluates them, over the dashboard range',
  },
  {
    value: 'unitCost',
    label: 'Unit cost',
    description: 'Cost per driver unit per period, with the line of business band',
  },
  {
    value: 'cost',
    label: 'Cost',
    description: 'Cost per day or month by entity, owner or line of business, billed or effective',
  },
  {
    value: 'capacity',
    label: 'Capacity headroom',
    description: 'Latest capacity assessment per entity: recommended vs current CPU and memory, driver peak, staleness',
  },
  {
    value: 'anomalies',
    label: 'Cost anomalies',
    description: 'Cost anomalies the backend detected, as annotations',
  },
  {
    value: 'incidents',
    label: 'Incidents',
    description: 'Incidents from Alertmanager with their timeline and TTD, TTA, TTR; usable as annotations',
  },
  {
    value: 'mttx',
    label: 'MTTx',
    description: 'MTTD, MTTA, MTTR (mean, p50, p90) and attainment against the targets, by severity or another key',
  },
  {
    value: 'drills',
    label: 'Chaos drills',
    description:
      "An entity's drill runs (usable as annotations), the weak-links report, or resilience scores over time",
  },
  {
    value: 'changes',
    label: 'Changes',
    description:
      'Changes with their risk score, canary verdict and outcome (usable as annotations), or the change failure rate per line of business',
  },
];

export type ChangesView = 'log' | 'failureRate';

export type DrillsView = 'runs' | 'weakLinks' | 'resilience';

export type MttxBy = 'severity' | 'service' | 'team' | 'lineOfBusiness' | 'month';

export type CostBy = 'entity' | 'owner' | 'lineOfBusiness';

export interface HeadroomQuery extends DataQuery {
  queryType?: HeadroomQueryType;
  /** Catalog entity ref, e.g. `component:default/ledger`; template variables allowed. */
  entity?: string;
  /** SLO name within the entity. Empty: every SLO of the entity. */
  slo?: string;
  /** Filters of the SLO list. */
  owner?: string;
  lineOfBusiness?: string;
  /** Recorded series: the window of `slo:sli_error:ratio_rate<window>`, or `budget` for the period budget. */
  recordedSeries?: string;
  /** Cost: what the cost is grouped by when no entity is named. */
  costBy?: CostBy;
  /** Cost and unit cost: one value per day or per month. */
  grain?: 'day' | 'month';
  /** Cost and unit cost: the invoice (`billed`) or with commitments amortised (`effective`). */
  view?: 'billed' | 'effective';
  /** Cost anomalies: only those scored at least this (0..1); the backend's threshold when absent. */
  minScore?: number;
  /** MTTx: what the measures are grouped by; severity when absent. */
  mttxBy?: MttxBy;
  /** Drills: an entity's runs, the weak-links report, or Litmus resilience scores over time. */
  drillsView?: DrillsView;
  /** Changes: the change log (risk, verdict, outcome) or the failure rate per line of business. */
  changesView?: ChangesView;
}

export const DEFAULT_QUERY: Partial<HeadroomQuery> = {
  queryType: 'errorBudget',
};

export interface HeadroomDataSourceOptions extends DataSourceJsonData {
  /** Base URL of the Backstage backend that hosts Headroom, e.g. `http://backstage:7007`. */
  backendUrl?: string;
  /** The Grafana Prometheus datasource holding the counters and the SLO recording rules. */
  prometheusUid?: string;
  /** Label mode of the generated recording rules. */
  ruleLabels?: 'sloth' | 'headroom';
}

/** Stored encrypted by Grafana; only the data proxy ever reads it. */
export interface HeadroomSecureJsonData {
  backendToken?: string;
}
