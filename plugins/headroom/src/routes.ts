import { createRouteRef } from '@backstage/core-plugin-api';

/** The line-of-business overview page. */
export const rootRouteRef = createRouteRef({ id: 'headroom' });

/** The SLO tab of an entity page. */
export const sloContentRouteRef = createRouteRef({ id: 'headroom:entity-slos' });

/** Capacity coverage per line of business. */
export const capacityCoverageRouteRef = createRouteRef({ id: 'headroom:capacity-coverage' });

/** Cost showback per line of business and team. */
export const showbackRouteRef = createRouteRef({ id: 'headroom:showback' });

/** The weak links the chaos drills found, per line of business. */
export const weakLinksRouteRef = createRouteRef({ id: 'headroom:weak-links' });

/** Incidents and MTTx per line of business. */
export const incidentsRouteRef = createRouteRef({ id: 'headroom:incidents' });

/** Incidents recovered by runbooks against people, per line of business. */
export const automationRouteRef = createRouteRef({ id: 'headroom:automation' });
