// The change log's JSON is defined once, in the common package.
export type { Change, ChangeFailureRate, ChangeList } from '@headroom/plugin-headroom-common';
