export interface Config {
  headroom?: {
    /** The Headroom permission policy (@headroom/plugin-permission-backend-module-headroom). */
    permissionPolicy?: {
      /**
       * Entity refs of the groups (or users) whose members may start cost imports and upload
       * bills, e.g. `group:default/finops`. Without it no user may; services still can.
       */
      costImporters?: string[];
    };
  };
}
