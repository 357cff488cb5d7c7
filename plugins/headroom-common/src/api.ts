import type { SloSnapshot, SloStatus, SloWithStatus } from './types';

// Envelopes of the backend's SLO routes that the clients read, declared once here. Each one is
// the shape of a response in the backend's OpenAPI document (its tests check every response
// against that document).

/** `GET /slos`: one page of SLOs, and how many readable SLOs match the filters over all pages. */
export interface SloListPage {
  items: SloWithStatus[];
  totalCount: number;
}

/** `GET /entities/{kind}/{namespace}/{name}/slos/{sloName}/status`: latest first. */
export interface SloStatusHistory {
  status: SloStatus | null;
  snapshots: SloSnapshot[];
}
