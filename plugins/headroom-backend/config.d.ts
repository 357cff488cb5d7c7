export interface Config {
  /** Configuration of the Headroom backend plugin. */
  headroom?: {
    prometheus?: {
      /** Base URL of the Prometheus (or Thanos, Mimir) HTTP API, e.g. http://127.0.0.1:9090. */
      baseUrl: string;
      /** Timeout of one query in milliseconds. Default 10000. */
      timeoutMs?: number;
    };
    evaluation?: {
      /** Whether this backend schedules SLO evaluation at all. Default true when Prometheus is configured. */
      enabled?: boolean;
      /** How often the scheduler looks for due SLOs, in seconds. Default 30. */
      schedulerIntervalSeconds?: number;
      /** Evaluation interval of an SLO that sets none, in seconds. Default 60. */
      defaultIntervalSeconds?: number;
      /** How many SLOs are evaluated at once. Default 4. */
      concurrency?: number;
      /** How many SLOs one scheduler run evaluates at most. Default 500. */
      batchSize?: number;
      /** Resolution of the counter samples read from Prometheus, in seconds. Default 60. */
      stepSeconds?: number;
    };
    catalogSync?: {
      /** How often SLO files referenced by catalog entities are read again, in seconds. Default 120. */
      intervalSeconds?: number;
    };
    releaseGate?: {
      /** Deny a release when an SLO has less budget left than this fraction. Default 0. */
      minBudgetRemaining?: number;
      /** Deny a release when an SLO's status is older than this, in seconds. Default 900. */
      maxStatusAgeSeconds?: number;
    };
    api?: {
      /** Largest accepted request body, in bytes. Default 65536. */
      maxBodyBytes?: number;
    };
    capacity?: {
      /**
       * Age in days after which a capacity assessment counts as stale: the assessment routes
       * return `stale: true` and `staleAt`, and the coverage report counts the service as not
       * assessed. A positive number; default 90.
       */
      staleAfterDays?: number;
    };
  };
}
