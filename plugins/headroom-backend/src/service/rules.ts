import type { Slo } from '@headroom/core';

/** Renders a Prometheus rule file for the given SLOs. */
export type RulesRenderer = (slos: Slo[]) => string;
