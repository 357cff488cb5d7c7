// The runbook routes' JSON is defined once, in the common package.
export type {
  EntityRunbooks,
  RunbookLobCoverage,
  RunbookRecovery,
  RunbookRun,
  RunbookRunList,
} from '@headroom/plugin-headroom-common';
