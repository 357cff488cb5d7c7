// The drill routes' JSON is defined once, in the common package.
export type {
  DrillResilience,
  DrillRun,
  DrillWeakLinks,
  EntityDrills,
} from '@headroom/plugin-headroom-common';
