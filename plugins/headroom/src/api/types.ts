export type { SloInput, SloPreview } from '@headroom/plugin-headroom-common';
