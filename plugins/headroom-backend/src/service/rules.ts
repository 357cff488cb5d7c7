import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Slo } from '@headroom/core';
import { checkedRulesHeader, generateCheckedRules, renderRuleFile } from '@headroom/prometheus';

/** Renders a Prometheus rule file for the given SLOs. */
export type RulesRenderer = (slos: Slo[]) => string;

/**
 * The rule file of every SLO whose rules Prometheus accepts. An SLO stored before its queries
 * were checked (or one the generator cannot express) is left out, named in the file's header
 * and logged, instead of making every caller's request fail or Prometheus refuse the file.
 */
export function checkedRulesRenderer(logger: Pick<LoggerService, 'warn'>): RulesRenderer {
  return slos => {
    const result = generateCheckedRules(slos);
    for (const s of result.leftOut) logger.warn(`rules: left out ${s.id}: ${s.message}`);
    return renderRuleFile(result, { header: checkedRulesHeader(result.leftOut) });
  };
}
