import type { Config } from '@backstage/config';
import {
  parseMttxTargets,
  parseSeverityMapping,
  type MttxTargets,
  type SeverityMapping,
} from '@headroom/core';

/** `headroom.incidents`: webhook credentials, severity mapping, targets, counter resolution. */
export interface IncidentSettings {
  /** Bearer token Alertmanager sends (`http_config.authorization`). */
  webhookToken: string | undefined;
  /** Basic auth Alertmanager sends (`http_config.basic_auth`). */
  webhookBasicAuth: { username: string; password: string } | undefined;
  severity: SeverityMapping;
  targets: MttxTargets;
  /** Resolution of the counters read for impact start and mitigation. */
  stepSeconds: number;
  /** Default period of lists and MTTx when none is asked for. */
  defaultPeriodDays: number;
  /** Largest webhook body accepted: Alertmanager groups can hold many alerts. */
  webhookMaxBodyBytes: number;
}

/** 1 MiB: about 600 alerts of Headroom's rules (long generator URLs) in one notification. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

export function incidentSettings(config: Config): IncidentSettings {
  const c = config.getOptionalConfig('headroom.incidents');
  const token = c?.getOptionalString('webhook.token');
  const basic = c?.getOptionalConfig('webhook.basicAuth');
  const stepSeconds = c?.getOptionalNumber('stepSeconds') ?? 15;
  if (!(stepSeconds > 0)) {
    throw new Error(`headroom.incidents.stepSeconds must be a positive number, got ${stepSeconds}`);
  }
  const defaultPeriodDays = c?.getOptionalNumber('defaultPeriodDays') ?? 90;
  if (!(defaultPeriodDays > 0)) {
    throw new Error(
      `headroom.incidents.defaultPeriodDays must be a positive number, got ${defaultPeriodDays}`,
    );
  }
  const webhookMaxBodyBytes =
    c?.getOptionalNumber('webhook.maxBodyBytes') ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  if (!(webhookMaxBodyBytes > 0)) {
    throw new Error(
      `headroom.incidents.webhook.maxBodyBytes must be a positive number, got ${webhookMaxBodyBytes}`,
    );
  }
  return {
    webhookMaxBodyBytes,
    webhookToken: token && token.length > 0 ? token : undefined,
    webhookBasicAuth: basic
      ? { username: basic.getString('username'), password: basic.getString('password') }
      : undefined,
    severity: parseSeverityMapping(c?.getOptional('severity'), 'headroom.incidents.severity'),
    targets: parseMttxTargets(c?.getOptional('targets'), 'headroom.incidents.targets'),
    stepSeconds,
    defaultPeriodDays,
  };
}
