import type { Config } from '@backstage/config';
import type { RollbackActionType } from './ChangeStore';

/** Where a rollback decision is sent. */
export type RollbackActionSettings =
  | { type: 'none' }
  | {
      /** Argo Rollouts: abort the Rollout through the Kubernetes API (described only without `apiServer`). */
      type: 'argo';
      apiServer?: string;
      token?: string;
      namespace: string;
    }
  | {
      /** Flagger: open the load tester's rollback gate that the Canary's `rollback` hook checks. */
      type: 'flagger';
      url: string;
      namespace: string;
    }
  | { type: 'webhook'; url: string; token?: string }
  | {
      /** The demo simulator's control API. */
      type: 'simulator';
      url: string;
    };

export interface ChangeSettings {
  /** How long after its start a change is watched for a rollback, in seconds. */
  watchSeconds: number;
  /** How often live changes are checked for a page burn, in seconds. */
  checkIntervalSeconds: number;
  rollbackOnMarginal: boolean;
  action: RollbackActionSettings;
  /** Timeout of the call to the action, in milliseconds. */
  actionTimeoutMs: number;
  /** Step of the range queries a canary is judged on, in seconds. */
  judgeStepSeconds: number;
}

const TYPES: readonly RollbackActionType[] = ['none', 'argo', 'flagger', 'webhook', 'simulator'];
const KEY = 'headroom.changes';

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(Number.isFinite(value) && value > 0)) {
    throw new Error(`${KEY}.${key}: must be a number above 0, got ${value}`);
  }
  return value;
}

function action(config: Config | undefined): RollbackActionSettings {
  const type = (config?.getOptionalString('type') ?? 'none') as RollbackActionType;
  if (!TYPES.includes(type)) {
    throw new Error(`${KEY}.rollback.type: must be one of ${TYPES.join(', ')}, got '${type}'`);
  }
  const url = () => config!.getString('url').replace(/\/+$/, '');
  switch (type) {
    case 'argo':
      return {
        type,
        apiServer: config!.getOptionalString('apiServer')?.replace(/\/+$/, ''),
        token: config!.getOptionalString('token'),
        namespace: config!.getOptionalString('namespace') ?? 'default',
      };
    case 'flagger':
      return { type, url: url(), namespace: config!.getOptionalString('namespace') ?? 'default' };
    case 'webhook':
      return { type, url: url(), token: config!.getOptionalString('token') };
    case 'simulator':
      return { type, url: url() };
    default:
      return { type: 'none' };
  }
}

/** `headroom.changes`; a bad value stops the backend at start, naming the key. */
export function changeSettings(root: Config): ChangeSettings {
  const config = root.getOptionalConfig(KEY);
  const read = (key: string, fallback: number) =>
    config ? positive(config, key, fallback) : fallback;
  return {
    watchSeconds: Math.round(read('watchMinutes', 30) * 60),
    checkIntervalSeconds: read('checkIntervalSeconds', 30),
    rollbackOnMarginal: config?.getOptionalBoolean('rollbackOnMarginal') ?? false,
    action: action(config?.getOptionalConfig('rollback')),
    actionTimeoutMs: read('actionTimeoutMs', 10_000),
    judgeStepSeconds: read('judgeStepSeconds', 15),
  };
}
