// The cost annotations of each demo component: what its unit cost is per (a business driver from
// the simulator's metrics) and which tags besides `service` mark its resources.

import {
  COST_TAGS_ANNOTATION,
  UNIT_COST_DRIVER_ANNOTATION,
  UNIT_COST_QUERY_ANNOTATION,
} from '@headroom/core';
import type { ServiceDefinition } from '@headroom/demo-simulator';
import { SERVICE_COSTS } from './prices';

export interface UnitCostDriverOfService {
  /** PromQL: the driver as a rate or a gauge, averaged over a period by the reader. */
  query: string;
  /** What one unit is, for labels. */
  unit: string;
}

const UNITS: Record<string, string> = {
  business_orders_total: 'order/s',
  business_trades_total: 'trade/s',
  business_withdrawals_total: 'withdrawal/s',
  business_transactions_total: 'transaction/s',
};

/**
 * The service's business driver: its first business counter, else its signed-in users, else
 * its successful requests per second.
 */
export function unitCostDriverOf(service: ServiceDefinition): UnitCostDriverOfService {
  const sel = `service="${service.name}"`;
  const counter = service.counters[0];
  if (counter) {
    return { query: `sum(rate(${counter.metric}{${sel}}[5m]))`, unit: UNITS[counter.metric]! };
  }
  if (service.activeUsersAtPeak !== undefined) {
    return { query: `sum(business_active_users{${sel}})`, unit: 'user' };
  }
  return { query: `sum(rate(http_requests_total{${sel},code="200"}[5m]))`, unit: 'qps' };
}

/** The annotations the demo catalog gives a service for cost. */
export function costAnnotationsOf(service: ServiceDefinition): Record<string, string> {
  const driver = unitCostDriverOf(service);
  const out: Record<string, string> = {
    [UNIT_COST_QUERY_ANNOTATION]: driver.query,
    [UNIT_COST_DRIVER_ANNOTATION]: driver.unit,
  };
  const tags = SERVICE_COSTS[service.name]?.costTags;
  if (tags) out[COST_TAGS_ANNOTATION] = tags;
  return out;
}
