import type { HumanDuration } from '@backstage/types';

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
      /**
       * `incremental` (default): keep what each SLO's counters counted in the database and read
       * only the steps since the last evaluation; `full`: read the whole window every time.
       */
      sampleReads?: 'incremental' | 'full';
      /** How far back incremental reads read the newest steps again, in seconds. Default 300. */
      overlapSeconds?: number;
    };
    /** Chaos drills: recorded runs, the weak-links report, and the drills' scheduler. */
    drills?: {
      /** N of "services with SLOs and no drill in the last N days", and the pages' period. Default 30. */
      lookbackDays?: number;
      /** Change freezes: no scheduled drill starts in [from, to) (RFC 3339). */
      freezes?: Array<{ from: string; to: string; reason?: string }>;
      scheduler?: {
        /** Runs scheduled drills when a simulator and a Prometheus are configured. Default true. */
        enabled?: boolean;
        /** Seconds between the scheduler's looks (global). Default 60, at least 10. */
        intervalSeconds?: number;
        /** The `headroom` command and its leading arguments. Default `["headroom"]`. */
        command?: string[];
        /** Base URL of the fault API (the demo simulator's /control). */
        simulatorUrl?: string;
        /** Prometheus as the runner reads it. Default headroom.prometheus.baseUrl. */
        prometheusUrl?: string;
      };
    };
    /**
     * Incidents from Alertmanager (POST /api/headroom/alertmanager/webhook). Without webhook
     * credentials the webhook only accepts Backstage service tokens (for example a static
     * externalAccess token sent as `Authorization: Bearer`).
     */
    incidents?: {
      webhook?: {
        /**
         * Bearer token Alertmanager sends (`http_config.authorization.credentials`).
         * @visibility secret
         */
        token?: string;
        /**
         * Largest notification accepted, in bytes; larger ones get a 400 (Alertmanager does not
         * retry it: keep its `max_alerts` below this). Default 1048576.
         */
        maxBodyBytes?: number;
        /** Basic auth Alertmanager sends (`http_config.basic_auth`). */
        basicAuth?: {
          username: string;
          /** @visibility secret */
          password: string;
        };
      };
      /** Severity of page alerts by the SLO's tier label, and of other alerts. Default `{ pageByTier: { "1": P1 }, page: P2, ticket: P3, other: P4 }`. */
      severity?: {
        pageByTier?: { [tier: string]: 'P1' | 'P2' | 'P3' | 'P4' };
        page?: 'P1' | 'P2' | 'P3' | 'P4';
        ticket?: 'P1' | 'P2' | 'P3' | 'P4';
        other?: 'P1' | 'P2' | 'P3' | 'P4';
      };
      /** Targets per severity in seconds. Default `{ P1: { detectSeconds: 60, recoverSeconds: 300 } }`. */
      targets?: {
        [severity: string]: {
          detectSeconds?: number;
          acknowledgeSeconds?: number;
          recoverSeconds?: number;
        };
      };
      /** Resolution of the counters read for impact start and mitigation, in seconds. Default 15. */
      stepSeconds?: number;
      /** Period of lists and MTTx when a request names none, in days. Default 90. */
      defaultPeriodDays?: number;
    };
    catalogSync?: {
      /** How often SLO files referenced by catalog entities are read again, in seconds. Default 120. */
      intervalSeconds?: number;
    };
    /**
     * The release gate's policy, over core's one default policy (the one `headroom gate` uses):
     * unset keys keep core's defaults.
     */
    releaseGate?: {
      /** Deny a release when an SLO has this fraction of budget left or less. Default 0.1. */
      minBudgetRemaining?: number;
      /** Below this remaining fraction, allow at a cautious rhythm. Default 0.25. */
      cautionBudgetRemaining?: number;
      /** Deny a release when an SLO's status is older than this, in seconds. Default 900. */
      maxStatusAgeSeconds?: number;
      /** A release of an entity without SLOs: 'deny' (default) or 'allow'. */
      withoutSlos?: 'allow' | 'deny';
      /** Deny while a ticket (slow-burn) alert fires, not only a page. Default false. */
      denyOnTicket?: boolean;
    };
    /** Progressive delivery: Argo Rollouts' web metric and Flagger's webhooks. */
    delivery?: {
      /**
       * Token Flagger webhooks send as `metadata.token` (they cannot send headers); without it
       * the webhooks need a Backstage token.
       * @visibility secret
       */
      flaggerToken?: string;
    };
    /** The change log: canary verdicts, automatic rollback of live changes. */
    changes?: {
      /** How long after its start a change is watched for a rollback. Default 30. */
      watchMinutes?: number;
      /** How often live changes are checked for a page burn. Default 30. */
      checkIntervalSeconds?: number;
      /** Roll back on a Marginal canary verdict too. Default false. */
      rollbackOnMarginal?: boolean;
      /** Timeout of the call to the rollback action. Default 10000. */
      actionTimeoutMs?: number;
      /** Step of the range queries a canary is judged on. Default 15. */
      judgeStepSeconds?: number;
      /** Where a rollback decision is sent. Default: none (recorded only). */
      rollback?: {
        type: 'none' | 'argo' | 'flagger' | 'webhook' | 'simulator';
        /** flagger: the load tester's base URL; webhook: the URL; simulator: its base URL. */
        url?: string;
        /** argo: the Kubernetes API server; without it the abort call is only described. */
        apiServer?: string;
        /**
         * argo and webhook: bearer token.
         * @visibility secret
         */
        token?: string;
        /** argo and flagger: the namespace of the Rollout or Canary. Default `default`. */
        namespace?: string;
      };
    };
    api?: {
      /** Largest accepted request body, in bytes. Default 65536. */
      maxBodyBytes?: number;
      /**
       * The longest window or range a request may name (an SLO's window on create, update and
       * preview; `from`/`to` of incidents, changes and canary judgements; `days`
       * of drills and runbooks), as a duration such as `90d`. Longer requests get a 400 naming
       * the field and the bound, and change nothing. At most 400d. Default: the longest window
       * of the SLOs in use, at least 90d (the incident and change lists' default period) and at
       * most 400d.
       */
      maxWindow?: string;
      /**
       * The longest period (`from`/`to`) the cost and cost-anomaly routes accept, as a duration such as `180d`.
       * They read stored daily cost cells, so their bound is apart from maxWindow: a cost trend
       * over months must pass where 30-day SLOs set maxWindow. At most and by default 400d.
       */
      maxCostRange?: string;
      /**
       * The most samples one series of a request may read from Prometheus (SLO preview and
       * burndown, canary judgements). Default: what the evaluation reads for the longest accepted
       * window, maxWindow / headroom.evaluation.stepSeconds + 1.
       */
      maxPointsPerSeries?: number;
    };
    capacity?: {
      /**
       * Age in days after which a capacity assessment counts as stale: the assessment routes
       * return `stale: true` and `staleAt`, and the coverage report counts the service as not
       * assessed. A positive number; default 90.
       */
      staleAfterDays?: number;
      /**
       * How often the coverage report reads the catalog's services again, in seconds (in the
       * background: requests are answered from the last read). Default 60.
       */
      coverageRefreshSeconds?: number;
    };
    /**
     * Cost governance: where billing data comes from and how it is attributed to catalog
     * entities. Each import replaces, in one transaction, the billing periods (per currency) it
     * contains for its source (`<source id>#<BillingPeriodStart>#<currency>`); a failed import
     * leaves the stored data as it was.
     */
    cost?: {
      /**
       * Billing data sources. Scheduled ones are imported by one replica at a time; any focus or
       * opencost source can also be imported now with POST /api/headroom/cost/imports
       * `{ "sourceId": "<id>" }`, and focus and upload sources accept a FOCUS CSV (or gzip'd
       * CSV) streamed to POST /api/headroom/cost/imports/<id>/upload.
       */
      sources?: Array<
        | {
            /** Unique id: letters, digits, '.', '_', '-' (at most 100). Part of every period key. */
            id: string;
            /** A FOCUS export (1.0 to 1.2): CSV, gzip'd CSV or Parquet. */
            type: 'focus';
            /**
             * A file, a folder (every .csv, .csv.gz and .parquet inside, recursively, in name
             * order) or an http(s) URL of one file.
             */
            location: string;
            /**
             * HTTP headers for a URL location, e.g. an authorization header.
             * @visibility secret
             */
            headers?: { [name: string]: string };
            /** How often to import, e.g. { hours: 6 } or 'PT6H'. Without it: on request only. */
            schedule?: HumanDuration | string;
          }
        | {
            id: string;
            /** OpenCost's allocation API (GET <baseUrl>/allocation/compute). */
            type: 'opencost';
            /** e.g. http://opencost.opencost:9003 */
            baseUrl: string;
            /**
             * OpenCost window of each import. Default 'auto': from the start of the month two days
             * ago until now, so each import covers whole months (the billing periods it replaces).
             * A fixed window such as '2d' replaces the months it touches with only that window.
             */
            window?: string;
            /** Property to aggregate by. Default 'namespace'. */
            aggregate?: string;
            /** One allocation set per step. Default '1d'. */
            step?: string;
            /** ISO 4217 code of OpenCost's prices. Default 'USD'. */
            currency?: string;
            /**
             * HTTP headers sent to OpenCost.
             * @visibility secret
             */
            headers?: { [name: string]: string };
            schedule?: HumanDuration | string;
          }
        | {
            id: string;
            /** Fed only by uploads (`headroom cost import <file> --source <id>`). */
            type: 'upload';
          }
      >;
      /**
       * Ordered attribution rules, first match wins; the same list as the CLI's rules file:
       * `{ id, type: 'tag', key, values? }`, `{ id, type: 'namespace', keys? }`,
       * `{ id, type: 'annotation' }`, `{ id, type: 'explicit', match, entity }`,
       * `{ id, type: 'shared', match, split: { by: even | usage | metric, weights? }, among? }`
       * (`match`: providerName, serviceName, serviceCategory, billingAccountId, subAccountId,
       * resourceId, regionId, skuId, chargeCategory, tags; a value, a list, or a prefix ending in
       * `*`). Default: the entities' headroom.dev/cost-tags annotation, then a `service` tag
       * naming the entity, then Kubernetes namespaces. The annotation rule is always applied:
       * when the list has none, it is added before the first tag or namespace rule.
       */
      attribution?: Array<{ [key: string]: unknown }>;
      /** Bad rows kept as examples per import run (all are counted). Default 100. */
      badRowSamples?: number;
      /** Longest time one scheduled import may take, e.g. { minutes: 30 } (the default). */
      importTimeout?: HumanDuration | string;
    };
    /**
     * Optimisation: a scheduled scan that right-sizes every catalog service (Component of type
     * service) with usage series in Prometheus, and a scheduled scan of cost anomalies. The
     * recommendation scan runs when headroom.prometheus.baseUrl is set.
     */
    optimise?: {
      /** Whether this backend schedules the recommendation scan. Default true when Prometheus is configured. */
      enabled?: boolean;
      /** Minutes between recommendation scans (global: one replica runs it). Default 360. */
      intervalMinutes?: number;
      /** Days of usage history a recommendation is computed from. Default 14. */
      historyDays?: number;
      /** Resolution of the usage series read from Prometheus, in seconds. Default 300. */
      stepSeconds?: number;
      /** What the driver query counts, for explanations. Default 'requests/s'. */
      driverName?: string;
      /** 'requests' (default): resize requests, keep replicas; 'replicas': keep requests, change the count. */
      strategy?: 'requests' | 'replicas';
      /** IANA time zone of the scale-down windows and their KEDA cron triggers. Default UTC. */
      timeZone?: string;
      /** A change is verified (POST …/verify without periods) once it has run this many hours. Default 24. */
      verifyAfterHours?: number;
      /**
       * Unit prices used when the cost data has no cost for an entity: recommendations' savings
       * and the cost of periods being verified (requested CPU and memory × price × hours).
       */
      prices?: {
        /** Price of one core for one hour. */
        cpuCoreHour: number;
        /** Price of one GiB of memory for one hour. */
        memoryGiBHour: number;
        /** ISO 4217 code. Default USD. */
        currency?: string;
      };
      /**
       * PromQL templates; `{{service}}` is replaced by the entity's `service` label (the
       * headroom.dev/prometheus-service annotation, else the entity's name). CPU in cores,
       * memory in bytes, totals over all replicas. Defaults follow cAdvisor and
       * kube-state-metrics, e.g. driver `sum(rate(http_requests_total{service="{{service}}"}[5m]))`.
       */
      queries?: {
        driver?: string;
        cpu?: string;
        memory?: string;
        cpuRequests?: string;
        memoryRequests?: string;
        cpuLimits?: string;
        memoryLimits?: string;
        replicas?: string;
      };
      anomalies?: {
        /** Whether this backend schedules the cost anomaly scan. Default true. */
        enabled?: boolean;
        /** Minutes between scans (global). Default 60. */
        intervalMinutes?: number;
        /** Days of cost history the detector runs over. Default 90. */
        historyDays?: number;
        /** Points scoring at or above this are stored, in (0, 1). Default 0.5 (a one-in-10⁵ event for the series). */
        threshold?: number;
      };
    };
  };
}
