// GENERATED from plugins/headroom-backend/src/schema/openapi.yaml by
// scripts/generate-api-types.js (openapi-typescript). DO NOT EDIT.
export interface paths {
    "/slos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every SLO the caller may read, with its latest status, ordered by entity and name. `totalCount` counts the readable SLOs matching the filters, over all pages. */
        get: operations["ListSlos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entities/{kind}/{namespace}/{name}/slos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The SLOs of one catalog entity with their latest status. */
        get: operations["ListEntitySlos"];
        put?: never;
        /** @description Creates an SLO on an entity. Only the entity's owners may, by default. */
        post: operations["CreateEntitySlo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entities/{kind}/{namespace}/{name}/slos/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Evaluates an SLO definition now against Prometheus, validated as on create, and stores nothing. 503 with Prometheus's error when it cannot be queried. */
        post: operations["PreviewEntitySlo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entities/{kind}/{namespace}/{name}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A compact summary of one entity's SLOs, for entity pages and dashboards. */
        get: operations["GetEntitySummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entities/{kind}/{namespace}/{name}/slos/{sloName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetEntitySlo"];
        /** @description Replaces an SLO written through the API. A stale version gets 409. */
        put: operations["UpdateEntitySlo"];
        post?: never;
        delete: operations["DeleteEntitySlo"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entities/{kind}/{namespace}/{name}/slos/{sloName}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every version of the definition, newest first, with author, time and diff. */
        get: operations["GetEntitySloHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entities/{kind}/{namespace}/{name}/slos/{sloName}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The latest status, and the snapshots of earlier evaluations, newest first. */
        get: operations["GetEntitySloStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/entities/{kind}/{namespace}/{name}/slos/{sloName}/burndown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Budget remaining through the SLO's whole current window, computed now from the counters Prometheus holds (not from stored evaluations). 503 when Prometheus cannot be read. */
        get: operations["GetEntitySloBurndown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rollups/owners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description SLO count, compliance, budget left and worst burn per owning group. */
        get: operations["GetOwnerRollup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rollups/lines-of-business": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description SLO count, compliance, budget left and worst burn per line of business. */
        get: operations["GetLineOfBusinessRollup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Prometheus recording and alerting rules for every stored SLO, as a rule file. */
        get: operations["GetPrometheusRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/release-gate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Whether a release of the entity may proceed given its error budgets, under core's one default policy with `headroom.releaseGate.*` over it: `allow` or `deny`, the release rhythm, the reasons, what blocked it and the policy applied. The status code is the answer for machines (CI steps, Flagger webhooks, which halt on anything but 2xx): 200 allow, 409 deny on the error budget or a burn-rate alert, 412 deny because the gate cannot vouch for the release (no SLOs under `withoutSlos: deny`, never evaluated, stale, no traffic); the body is the same decision in every case. An entityRef the catalog does not know is 404, naming the closest entities. */
        post: operations["EvaluateReleaseGate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/delivery/argo/analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description For an Argo Rollouts AnalysisTemplate `web` metric (`jsonPath: "{$.data}"`, `successCondition: result.ok`): the release gate's decision as JSON, always 200 for a catalog entity, since Argo counts a non-2xx as a measurement error, not a failure. `ok` is the gate's allow; `rollback` says a page burn fires. 404 for an unknown entity. */
        get: operations["ArgoAnalysis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/delivery/flagger/gate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A Flagger webhook (confirm-rollout, pre-rollout, rollout, confirm-traffic-increase, confirm-promotion): the release gate for the canary's entity, `metadata.entityRef` or the Component named like the canary. 200 lets the canary advance; 409 (budget, burn-rate alert) and 412 (nothing can vouch) halt it, with the decision as the body Flagger logs. */
        post: operations["FlaggerGate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/delivery/flagger/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Flagger's `rollback` webhook, where a 2xx stops the analysis and fails the canary: 200 while a page burn-rate alert fires on the entity (roll back now), 409 otherwise (keep going). */
        post: operations["FlaggerRollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/capacity/entities/{kind}/{namespace}/{name}/assessment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The entity's latest capacity assessment; 404 without one. */
        get: operations["GetCapacityAssessment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/capacity/entities/{kind}/{namespace}/{name}/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every version of the entity's capacity assessment, newest first. */
        get: operations["ListCapacityAssessments"];
        put?: never;
        /** @description Computes a capacity assessment from the inputs with core and records it as the entity's next version (`dryRun=true`: computed, not stored). A result that is not a finite number is refused naming the inputs. */
        post: operations["RecordCapacityAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/capacity/entities/{kind}/{namespace}/{name}/assessments/{version}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ApproveCapacityAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/capacity/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description How many of the catalog's services (that the caller may read) have a current assessment, in total and per line of business, and of those created recently. */
        get: operations["GetCapacityCoverage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListCostSources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Import runs, newest first, without bad-row samples. */
        get: operations["ListCostImports"];
        put?: never;
        /** @description Runs a focus or opencost source now; 502 with the run when it failed. */
        post: operations["RunCostImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetCostImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/imports/{sourceId}/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A FOCUS CSV file, plain or gzip'd, streamed as the raw request body (not parsed by the router: the importer reads it as it arrives, so memory stays bounded). Another content type gets 415. 422 with the run when the import failed; nothing was written then. */
        post: operations["UploadCostFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/rollup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Cost per entity, owner or line of business and period, `(unallocated)` in every period; `format=csv` answers CSV (`key,date,period,currency,cost,previous,change,changeRatio`). */
        get: operations["GetCostRollup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Attributed plus unallocated cost against the bill, per period and view. */
        get: operations["GetCostReconciliation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/lines-of-business/{lob}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every entity of the line of business, per period. */
        get: operations["GetLineOfBusinessCost"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/entities/{kind}/{namespace}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The entity's cost per period with the change from the period before. */
        get: operations["GetEntityCost"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/entities/{kind}/{namespace}/{name}/drivers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description What the entity's cost was spent on, largest first. */
        get: operations["GetEntityCostDrivers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cost/entities/{kind}/{namespace}/{name}/unit-cost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The entity's cost divided by its driver (`headroom.dev/unit-cost-query`) per period, with its line of business's band; 503 when the driver is needed and Prometheus cannot be read. */
        get: operations["GetEntityUnitCost"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Recommendations the caller may read, newest first, with savings per currency. */
        get: operations["ListRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/entities/{kind}/{namespace}/{name}/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListEntityRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/lines-of-business/{lob}/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ListLineOfBusinessRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/recommendations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetRecommendation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/recommendations/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A step the status does not allow gets 409 naming the allowed ones. */
        post: operations["AcceptRecommendation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/recommendations/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The reason is required. */
        post: operations["RejectRecommendation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/recommendations/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["ApplyRecommendation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/recommendations/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Measures the saving with core's verifySaving; 409 before `verifyAfterHours`, 503 when Prometheus cannot be read. */
        post: operations["VerifyRecommendation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/recommendations/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["RollBackRecommendation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/recommendations/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The change as YAML for a Kubernetes tool; 404 when the format does not apply. */
        get: operations["ExportRecommendation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/optimise/anomalies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Cost and unit-cost anomalies the caller may read, oldest first. */
        get: operations["ListCostAnomalies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alertmanager/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Alertmanager's webhook (payload version 4). Idempotent per alert fingerprint and startsAt: repeats and re-sent groups change nothing. A bad body is a 400 naming the field and nothing of it is stored. */
        post: operations["ReceiveAlertmanagerNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Incidents whose impact started in the period (default the last 90 days), oldest first. */
        get: operations["ListIncidents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/mttx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description MTTD, MTTA, MTTR (mean, p50, p90 in seconds) and attainment against the targets per severity, service, team, line of business or month, with DORA's change failure rate and failed deployment recovery time. */
        get: operations["GetIncidentMttx"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetIncident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Records the caller's acknowledgement (the first one counts). */
        post: operations["AcknowledgeIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/postmortem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A postmortem draft in Markdown from the incident's timeline. */
        get: operations["GetIncidentPostmortem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deploys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A deployment, from CI, Argo Rollouts, Flagger or the CLI; it feeds DORA's measures. */
        post: operations["RecordDeploy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/drills/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Records a drill run (`headroom drill run --record`). Needs the SLO edit permission on the entity; the record's service must be the entity's. A bad body is a 400 naming the field and nothing is stored. */
        post: operations["RecordDrillRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/drills/entities/{kind}/{namespace}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The entity's drills (from its headroom.dev/drills file, with the file's problems), their runs in the period, oldest first, and its resilience score by day. */
        get: operations["GetEntityDrills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/drills/weak-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The weak-links report over the entities the caller may read: failed drills, services with SLOs and no drill in the period, faults that spread to dependants, alerts that never fired when a drill expected them. */
        get: operations["GetDrillWeakLinks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/drills/resilience": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Litmus resilience scores per service or line of business, per day or week. */
        get: operations["GetDrillResilience"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runbooks/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Runs the caller may read, by entity or incident, oldest first. */
        get: operations["ListRunbookRuns"];
        put?: never;
        /** @description Records a runbook run (the audit record `headroom runbook run` prints) and links it to the service's incident open when its alert fired. Needs the SLO edit permission on the entity. A bad body is a 400 naming the field and nothing is stored. */
        post: operations["RecordRunbookRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runbooks/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One run with its audit record and approvals. */
        get: operations["GetRunbookRun"];
        /** @description Writes the rest of a run that waited for an approval: the same run (runbook, service, startedAt) as it went on and ended. Needs the SLO edit permission on the entity; a run that no longer waits is a 409, a bad body a 400 naming the field, and nothing changes. */
        put: operations["FinishRunbookRun"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runbooks/runs/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Approves a risky action the run waits for (the first approval stands). Needs the SLO edit permission on the entity; an action the run does not wait for is a 409. */
        post: operations["ApproveRunbookAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runbooks/recovery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description MTTR split by auto-recovered and manual incidents of the period (one line of business or every one the caller may read), and the auto-recovered share: core's recoverySplit. */
        get: operations["GetRunbookRecovery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runbooks/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Automation coverage of a line of business (or of every one the caller may read): which SLO burn alerts of its services have a runbook, in total and per service; core's lineOfBusinessCoverage. */
        get: operations["GetRunbookCoverage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runbooks/entities/{kind}/{namespace}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The entity's runs in the period and their summary (runs, success rate, median TTD and TTR). */
        get: operations["GetEntityRunbooks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Changes started in the period (default the last 90 days), oldest first, with deploys recorded through POST /deploys alone; the change failure rate overall and per line of business (a change failed when it caused an incident or was rolled back). */
        get: operations["ListChanges"];
        put?: never;
        /** @description A change going live, assessed before it ships (core's risk score, each factor explained) and recorded as a deploy event too. The entity must be in the catalog. */
        post: operations["RecordChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/changes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["GetChange"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/changes/{id}/judge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Judges a live change's canary with core's judge (Kayenta's NetflixACAJudge and the SLO burn comparison) from Prometheus range queries, one baseline and one canary query per metric the config reads, each returning one series; then decides on a rollback. */
        post: operations["JudgeChangeCanary"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/changes/{id}/verdicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A verdict judged elsewhere (headroom canary judge's JSON), recorded; then decides on a rollback. */
        post: operations["PostChangeVerdict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/changes/{id}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Decides now on a rollback from the change's verdicts and the entity's page burn (the scheduled check does this too). */
        post: operations["EvaluateChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/changes/{id}/promote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description The change is promoted; it is no longer rolled back automatically. */
        post: operations["PromoteChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Lower-case letters, digits and dashes, starting with a letter; unique per entity. */
        SloName: string;
        /** @description A Prometheus counter selector, e.g. http_requests_total{service="ledger",code=~"5.."} */
        CounterSelector: string;
        SloInput: {
            name: components["schemas"]["SloName"];
            /** @description Free text without markup (no < or >). */
            displayName?: string;
            description?: string;
            /** @description Target as a fraction, 0.999 for 99.9 %. */
            objective: number;
            /** @description Rolling window, e.g. 30d, 4w, 12h; at most headroom.api.maxWindow (400 naming the bound). */
            window: string;
            indicator: {
                /** @enum {string} */
                type: "ratio";
                bad?: components["schemas"]["CounterSelector"];
                good?: components["schemas"]["CounterSelector"];
                total: components["schemas"]["CounterSelector"];
            };
            alerting?: {
                page?: boolean;
                ticket?: boolean;
            };
            evaluationIntervalSeconds?: number;
            labels?: {
                [key: string]: string;
            };
        };
        SloUpdate: {
            /** @description The version the client last read; a stale version gets 409. */
            version: number;
            slo: components["schemas"]["SloInput"];
        };
        SloStatus: {
            sloId: string;
            /** Format: date-time */
            evaluatedAt: string | null;
            ageSeconds: number | null;
            sli: number | null;
            budgetRemaining: number | null;
            burnRates: {
                window: string;
                rate: number | null;
            }[];
            /** @enum {string|null} */
            alertState: "ok" | "ticket" | "page" | "no-data" | null;
            timeToExhaustionSeconds: number | null;
            /** Format: date-time */
            lastAttemptAt: string | null;
            error: string | null;
        };
        Slo: {
            id: string;
            entityRef: string;
            name: string;
            displayName: string | null;
            description: string | null;
            ownerRef: string | null;
            lineOfBusiness: string | null;
            /** @enum {string} */
            origin: "file" | "api";
            sourceLocation: string | null;
            version: number;
            objective: number;
            window: string;
            evaluationIntervalSeconds: number | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
            /** @description The SLO as an OpenSLO v1 document. */
            definition: Record<string, unknown>;
            status: components["schemas"]["SloStatus"] | null;
        };
        /** @description One earlier evaluation of an SLO. */
        SloSnapshot: {
            /** Format: date-time */
            evaluatedAt: string;
            sli: number | null;
            budgetRemaining: number | null;
            burnRates: {
                window: string;
                rate: number | null;
            }[];
            /** @enum {string} */
            alertState: "ok" | "ticket" | "page" | "no-data";
            timeToExhaustionSeconds: number | null;
        };
        SloPreview: {
            /** Format: date-time */
            evaluatedAt: string;
            sli: number | null;
            budgetRemaining: number | null;
            burnRates: {
                window: string;
                rate: number | null;
            }[];
            /** @enum {string|null} */
            alertState: "ok" | "ticket" | "page" | "no-data" | null;
            timeToExhaustionSeconds: number | null;
            /** @description Remaining budget through the window; t in Unix seconds. */
            burndown: {
                t: number;
                remaining: number | null;
            }[];
        };
        SloVersion: {
            version: number;
            /** @enum {string} */
            change: "create" | "update" | "delete";
            author: string;
            /** Format: date-time */
            changedAt: string;
            diff: {
                path: string;
                before?: unknown;
                after?: unknown;
            }[];
        };
        SummaryItem: {
            name?: string;
            displayName?: string | null;
            objective?: number;
            window?: string;
            sli?: number | null;
            budgetRemaining?: number | null;
            alertState?: string | null;
            evaluatedAt?: string | null;
            error?: string | null;
        };
        EntitySummary: {
            entityRef: string;
            sloCount: number;
            compliantCount: number;
            budgetRemainingMin: number | null;
            worstBurnRate: number | null;
            slos: components["schemas"]["SummaryItem"][];
        };
        Rollup: {
            key: string;
            sloCount: number;
            evaluatedCount: number;
            compliantCount: number;
            compliance: number | null;
            budgetRemainingMin: number | null;
            budgetRemainingMean: number | null;
            worstBurnRate: number | null;
            worstSlo: string | null;
        };
        ReleaseGateRequest: {
            entityRef: string;
            minBudgetRemaining?: number;
            maxStatusAgeSeconds?: number;
        };
        ReleaseGateResult: {
            /** @enum {string} */
            decision: "allow" | "deny";
            entityRef: string;
            /**
             * @description normal; cautious (budget getting low, small changes with canaries); freeze (fixes only).
             * @enum {string}
             */
            rhythm: "normal" | "cautious" | "freeze";
            reasons: string[];
            blockers: ("budget" | "page" | "ticket" | "not-evaluated" | "stale" | "no-traffic" | "no-slos")[];
            policy: {
                minBudgetRemaining: number;
                cautionBudgetRemaining: number;
                maxStatusAgeSeconds?: number;
                /** @enum {string} */
                withoutSlos: "allow" | "deny";
                denyOnPage: boolean;
                denyOnTicket: boolean;
            };
            slos: components["schemas"]["SummaryItem"][];
        };
        /** @description Flagger's CanaryWebhookPayload. */
        FlaggerWebhookPayload: {
            name: string;
            namespace: string;
            phase?: string;
            checksum?: string;
            /** @description The hook's metadata; `entityRef` names the catalog entity. */
            metadata?: {
                [key: string]: string;
            };
        };
        RollbackDecision: {
            rollback: boolean;
            entityRef: string;
            reasons: string[];
        };
        /** @description What a team expects of a service: the driver's peak and growth and the resource one unit of the driver uses. The bounds keep every derived number finite. */
        AssessmentInputs: {
            /** @description The business driver; `requests per second` when absent. */
            driver?: string;
            /** @description The driver's expected peak today, in driver units. */
            expectedPeak: number;
            /** @description Compound growth of the peak per month, a fraction (0.05 is 5 %); 0 when absent. */
            growthPerMonth?: number;
            /** @description The peak this many months ahead is covered; 6 when absent. */
            horizonMonths?: number;
            /** @description How much higher the peak may turn out, a fraction of it; 0.25 when absent. */
            peakUncertainty?: number;
            usage: {
                /** @enum {string} */
                unit: "cores" | "GiB";
                /** @description Use at zero load. */
                baseline: number;
                /** @description Use per driver unit. */
                perUnit: number;
                /** @description p95 residual; 0 when absent. */
                noise?: number;
            };
            /** @description Utilisation aimed for at the peak, in (0, 1]; 0.7 when absent. */
            targetUtilisation?: number;
            /** @description serviceTimeSeconds must be below objectiveSeconds. */
            latency?: {
                serviceTimeSeconds: number;
                objectiveSeconds: number;
                percentile?: number;
            };
            /** @description The request of one replica, in the unit; gives a replica count. */
            requestPerReplica?: number;
            pricePerUnitHour?: number;
            currency?: string;
            /** @description What runs today, per replica; gives the verdict. */
            current?: {
                replicas: number;
                requests: number;
                limits?: number;
            };
            /** @description Set when the line and the peak were fitted from measured history. */
            measured?: {
                /** @enum {string} */
                fitQuality: "good" | "poor" | "insufficient";
                /** @enum {string} */
                forecastQuality: "good" | "poor" | "insufficient";
            };
        };
        /** capacity assessment */
        AssessmentRequest: {
            inputs: components["schemas"]["AssessmentInputs"];
            note?: string | null;
            /** @description Only for a service not in the catalog yet; otherwise the catalog's owner. */
            ownerRef?: string | null;
            /** @description Only for a service not in the catalog yet. */
            lineOfBusiness?: string | null;
        };
        CapacityAssessment: {
            entityRef: string;
            version: number;
            ownerRef: string | null;
            lineOfBusiness: string | null;
            /** @description The inputs as recorded, defaults filled in. */
            inputs: components["schemas"]["AssessmentInputs"] & {
                driver: string;
                growthPerMonth: number;
                horizonMonths: number;
                peakUncertainty: number;
                targetUtilisation: number;
                usage?: {
                    /** @enum {string} */
                    unit: "cores" | "GiB";
                    baseline: number;
                    perUnit: number;
                    noise: number;
                };
            };
            /** @description The driver's peak over the horizon and core's capacity recommendation. */
            result: {
                driverPeakNow: number;
                driverPeakAtHorizon: number;
                driverUpperAtHorizon: number;
                capacity: components["schemas"]["CapacityRecommendation"];
            };
            recommendation: {
                /** @enum {string} */
                unit: "cores" | "GiB";
                needed: number;
                replicas: number | null;
                requestPerReplica: number | null;
                monthlyCost: number | null;
                currency: string | null;
            };
            note: string | null;
            /** Format: date-time */
            assessedAt: string;
            assessedBy: string;
            /** Format: date-time */
            approvedAt: string | null;
            approvedBy: string | null;
            /** Format: date-time */
            staleAt: string;
            stale: boolean;
        };
        /** @description Core's capacity recommendation (`CapacityRecommendation`), in the unit. */
        CapacityRecommendation: {
            /** @enum {string} */
            unit: "cores" | "GiB";
            needed: number;
            neededPerReplica: number | null;
            components: {
                driverPeak: number;
                usageAtPeak: number;
                usageMargin: number;
                forecastMargin: number;
                margin: number;
                utilisation: number;
                latencyUtilisationCap: number | null;
            };
            spikes?: {
                samples: number;
                share: number;
                height: number;
                burst: number;
            } | null;
            /** @description Against what is provisioned today; null without a current allocation. */
            current: null | (components["schemas"]["CapacityComparison"] & {
                /** @description Limits × replicas; null without limits (no bound). */
                limitsProvisioned: number | null;
                limitsShortfall: number;
            });
            nFold: null | (components["schemas"]["CapacityComparison"] & {
                n: number;
                averageUse: number;
            });
            /** @enum {string} */
            quality: "good" | "poor" | "insufficient";
            reasons: string[];
            explanation: string[];
        };
        CapacityComparison: {
            provisioned: number;
            difference: number;
            relative: number;
            /** @enum {string} */
            verdict: "over-provisioned" | "under-provisioned" | "right-sized";
            monthlyCost: number | null;
        };
        CapacityCoverageCounts: {
            services: number;
            assessed: number;
            approved: number;
            stale: number;
            missing: number;
            share: number | null;
        };
        CapacityCoverageGroup: components["schemas"]["CapacityCoverageCounts"] & {
            lineOfBusiness: string | null;
            newServices: components["schemas"]["CapacityCoverageCounts"];
            unassessed: string[];
        };
        CapacityCoverage: {
            /** Format: date-time */
            generatedAt: string;
            staleAfterDays: number;
            newWithinDays: number;
            total: components["schemas"]["CapacityCoverageGroup"];
            linesOfBusiness: components["schemas"]["CapacityCoverageGroup"][];
        };
        /** @description A decimal amount, e.g. "1234.50"; sums of these are exact. */
        CostAmount: string;
        EntityPeriodCost: {
            entityRef?: string;
            /** @description Rollups: an entity, owner, line of business or (unallocated). */
            key?: string;
            period: number;
            date: string;
            currency: string;
            cost: components["schemas"]["CostAmount"];
            previous: string | null;
            change: string | null;
            changeRatio: number | null;
        };
        PeriodCostList: {
            entityRef?: string;
            lineOfBusiness?: string;
            /** @enum {string} */
            grain: "day" | "month";
            /** @enum {string} */
            view: "billed" | "effective";
            items: components["schemas"]["EntityPeriodCost"][];
        };
        /** @description One entity's cost per period. */
        EntityCostList: components["schemas"]["PeriodCostList"] & {
            entityRef: string;
            items: components["schemas"]["EntityCostRow"][];
        };
        /** @description The cost per period of every entity of a line of business. */
        LineOfBusinessCostList: components["schemas"]["PeriodCostList"] & {
            lineOfBusiness: string;
            items: components["schemas"]["EntityCostRow"][];
        };
        EntityCostRow: components["schemas"]["EntityPeriodCost"] & {
            entityRef: string;
        };
        CostDrivers: {
            entityRef: string;
            /** @enum {string} */
            view: "billed" | "effective";
            items: {
                serviceName: string | null;
                chargeCategory: string | null;
                sharedRuleId: string | null;
                currency: string;
                cost: components["schemas"]["CostAmount"];
                share: number | null;
            }[];
            totals: {
                currency: string;
                cost: components["schemas"]["CostAmount"];
            }[];
        };
        UnitCost: {
            entityRef: string;
            lineOfBusiness: string | null;
            /** @enum {string} */
            grain: "day" | "month";
            /** @enum {string} */
            view: "billed" | "effective";
            driver: {
                query: string;
                unit: string;
            } | null;
            items: {
                period: number;
                date: string;
                currency: string;
                cost: components["schemas"]["CostAmount"];
                driver: number | null;
                unitCost: number | null;
                /** @description The line of business's quartiles of unit cost that period. */
                band: {
                    entities: number;
                    p25: number;
                    p50: number;
                    p75: number;
                } | null;
                /** @enum {string} */
                position: "below" | "within" | "above" | "no-band" | "no-unit-cost";
                flagged: boolean;
            }[];
        };
        CostRollup: {
            /** @enum {string} */
            by: "entity" | "owner" | "lineOfBusiness";
            /** @enum {string} */
            grain: "day" | "month";
            /** @enum {string} */
            view: "billed" | "effective";
            items: (components["schemas"]["EntityPeriodCost"] & {
                key: string;
            })[];
        };
        CostReconciliation: {
            /** @enum {string} */
            grain: "billingPeriod" | "month" | "day";
            /** @description Every row reconciles to the cent. */
            ok: boolean;
            items: {
                grain?: string;
                period: number;
                date: string;
                currency: string;
                /** @enum {string} */
                view: "billed" | "effective";
                bill: components["schemas"]["CostAmount"];
                attributed: components["schemas"]["CostAmount"];
                unallocated: components["schemas"]["CostAmount"];
                differenceCents: string;
                ok: boolean;
            }[];
        };
        CostImportRun: {
            id: number;
            sourceId: string;
            /** @enum {string} */
            trigger: "schedule" | "request" | "upload";
            /** @enum {string} */
            status: "running" | "succeeded" | "failed";
            requestedBy: string | null;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            rows: number;
            badRows: number;
            badRowSamples: {
                file: string;
                line: number;
                column: string;
                message: string;
            }[];
            periods: Record<string, unknown>[];
            error: string | null;
            warnings: string[];
        };
        /** @description An import that failed; nothing was written. */
        CostImportFailure: {
            error: {
                name: string;
                message: string;
            };
            run: components["schemas"]["CostImportRun"];
        };
        /** cost import request */
        CostImportRequest: {
            sourceId: string;
        };
        /** @description A right-sizing recommendation: `OptimisationRecommendation` in the common package (current and recommended allocation, need, saving, risk, explanation, history). */
        OptimisationRecommendation: {
            id: string;
            entityRef: string;
            ownerRef: string | null;
            lineOfBusiness: string | null;
            resource: string;
            /** @enum {string} */
            status: "proposed" | "accepted" | "rejected" | "applied" | "verified" | "regressed" | "rolled-back";
            allowedActions: ("accept" | "reject" | "apply" | "verify" | "rollback")[];
            version: number;
            /** @enum {string} */
            action: "reduce" | "increase" | "resize" | "hold";
            /** @enum {string} */
            loadClass: "idle" | "over-provisioned" | "right-sized" | "under-provisioned" | "scheduled-scale-down";
            evidence: string[];
            current: components["schemas"]["OptimisationAllocation"];
            recommended: components["schemas"]["OptimisationAllocation"];
            needed: {
                cpuCores: number;
                memoryBytes: number;
                driverPeak: number;
                peakAt: string;
            };
            driverName: string;
            /** @description Decimal; negative when the change costs more. */
            expectedMonthlySaving: string;
            realisedMonthlySaving: string | null;
            currency: string;
            savingBreakdown: {
                cpu: number;
                memory: number;
                schedule: number;
            };
            /** @enum {string} */
            pricingSource: "cost-data" | "config-prices";
            risk: {
                /** @enum {string} */
                level: "low" | "medium" | "high";
                reasons: string[];
            };
            /** @enum {string} */
            sloPolicy: "normal" | "conservative" | "freeze";
            /** @description The SLO whose state set the policy (the one with the least budget left). */
            slo: {
                name: string;
                budgetRemaining: number | null;
                burnRate: number | null;
            } | null;
            /** @description A scheduled scale-down; null for other recommendations. */
            schedule: {
                timeZone: string;
                /** @enum {string} */
                period: "day" | "week";
                replicas: number;
                windows: {
                    start: components["schemas"]["ScheduleTime"];
                    end: components["schemas"]["ScheduleTime"];
                    hours: number;
                    replicas: number;
                    driverPeak: number;
                    fractionOfPeak: number;
                }[];
                monthlySaving: number;
            } | null;
            baselines: {
                /** @enum {string} */
                tool: "krr-simple" | "vpa" | "kubecost";
                cpuRequest: number | null;
                memRequest: number | null;
                belowNeed: boolean;
                explanation: string[];
            }[];
            explanation: string[];
            exportFormats: ("kubernetes-patch" | "vpa" | "hpa" | "keda")[];
            window: {
                from: string;
                to: string;
                stepSeconds: number;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Every step, oldest first. */
            history: {
                /** @enum {string} */
                status: "proposed" | "accepted" | "rejected" | "applied" | "verified" | "regressed" | "rolled-back";
                at: string;
                by: string | null;
                reason: string | null;
                verification: null | components["schemas"]["OptimisationVerification"];
            }[];
        };
        /** @description A recommendation's saving measured over a period before and one after it. */
        OptimisationVerification: {
            /** @enum {string} */
            source?: "measured" | "supplied";
            before: components["schemas"]["OptimisationPeriod"];
            after: components["schemas"]["OptimisationPeriod"];
            unitCost: {
                before: number;
                after: number;
                change: number;
            };
            realisedMonthlySaving: string;
            rawMonthlySaving: string;
            promisedMonthlySaving: string;
            ratio: number | null;
            /** @enum {string} */
            outcome: "realised" | "partial" | "not-realised";
            slo: {
                before: number | null;
                after: number | null;
                z: number | null;
                regression: boolean;
            };
            suggestRollback: boolean;
            reasons: string[];
        };
        OptimisationPeriod: {
            from: string;
            to: string;
            cost: string;
            driver: number;
            sli: number | null;
            burnRate: number | null;
        };
        /** @description Local time as cron reads it; day of week 0 = Sunday, null for a daily window. */
        ScheduleTime: {
            day: number | null;
            hour: number;
        };
        /** @description Requests and limits per replica (CPU in cores, memory in bytes) and the replica count. */
        OptimisationAllocation: {
            replicas: number;
            cpuRequest: number;
            memRequest: number;
            cpuLimit: number | null;
            memLimit: number | null;
        };
        OptimisationList: {
            items: components["schemas"]["OptimisationRecommendation"][];
            totals: {
                currency: string;
                potentialMonthlySaving: string;
                realisedMonthlySaving: string;
                /** @description Recommendations in each status. */
                count: {
                    proposed: number;
                    accepted: number;
                    rejected: number;
                    applied: number;
                    verified: number;
                    regressed: number;
                    "rolled-back": number;
                } & {
                    [key: string]: number;
                };
            }[];
        };
        /** recommendation step */
        OptimisationStep: {
            /** @description Why; required to reject. */
            reason?: string | null;
            /** @description The version read; another current version gets 409. */
            version?: number;
        };
        /** recommendation step */
        OptimisationApply: {
            /** @description When the change was rolled out (ISO 8601 or unix seconds, not in the future and at most 5 minutes back, as the saving is measured from it); now when absent. */
            at?: string | number | null;
            version?: number;
        };
        OptimisationObservation: {
            /** @description ISO 8601 or unix seconds. */
            from: string | number;
            /** @description ISO 8601 or unix seconds, after from. */
            to: string | number;
            /** @description The cost over the period, a decimal string like "1234.50". */
            cost: string;
            /** @description The driver's volume over the period, > 0. */
            driver: number;
            slo?: {
                good: number;
                total: number;
            };
            burnRate?: number;
        };
        /**
         * verification
         * @description Both periods or neither (then they are measured).
         */
        OptimisationVerify: {
            before?: components["schemas"]["OptimisationObservation"];
            after?: components["schemas"]["OptimisationObservation"];
            version?: number;
        };
        CostAnomalyList: {
            items: {
                id: string;
                entityRef: string;
                ownerRef: string | null;
                lineOfBusiness: string | null;
                /** @enum {string} */
                series: "cost" | "unit-cost";
                /** @description Unix milliseconds. */
                time: number;
                /** Format: date-time */
                at: string;
                stepSeconds: number;
                value: number;
                expected: number;
                score: number;
                currency: string | null;
                text: string;
                tags: string[];
                /** Format: date-time */
                detectedAt: string;
            }[];
        };
        Error: {
            error: {
                name: string;
                message: string;
            };
            request: {
                method?: string;
                url?: string;
            };
            response: {
                statusCode: number;
            };
        };
        /**
         * Alertmanager notification
         * @description Alertmanager's webhook body, version "4". Core validates it and names the first bad field (`alerts[2].startsAt: must be RFC 3339`); unknown keys are ignored.
         */
        AlertmanagerWebhook: {
            version?: string;
            groupKey?: string;
            status?: string;
            receiver?: string;
            alerts?: Record<string, unknown>[];
            truncatedAlerts?: number;
        };
        WebhookReceipt: {
            /** @description Alerts in the notification. */
            alerts: number;
            /** @description Alerts not received before (fingerprint and start). */
            created: number;
            /** @description Alerts this notification resolved. */
            resolved: number;
        };
        Incident: {
            id: string;
            entityRef: string;
            service: string;
            slo: string | null;
            owner: string | null;
            lineOfBusiness: string | null;
            /** @enum {string} */
            severity: "P1" | "P2" | "P3" | "P4";
            /** @enum {string} */
            status: "open" | "resolved";
            alertName: string;
            summary: string | null;
            fingerprints: string[];
            /** Format: date-time */
            impactStart: string;
            /** @enum {string} */
            impactSource: "slo" | "alert";
            /** Format: date-time */
            detectedAt: string;
            /** Format: date-time */
            notifiedAt: string;
            /** Format: date-time */
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            /** Format: date-time */
            mitigatedAt: string | null;
            mitigationSource: string | null;
            /** Format: date-time */
            resolvedAt: string | null;
            ttdSeconds: number;
            ttaSeconds: number | null;
            ttrSeconds: number | null;
            timeToResolveSeconds: number | null;
        };
        IncidentList: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            items: components["schemas"]["Incident"][];
        };
        /** @description Seconds over the incidents where the measure is known; null when none. */
        DurationStat: {
            mean: number;
            p50: number;
            p90: number;
        } | null;
        MttxSummary: {
            count: number;
            open: number;
            mttd: components["schemas"]["DurationStat"];
            mtta: components["schemas"]["DurationStat"];
            mttr: components["schemas"]["DurationStat"];
            mttResolve?: components["schemas"]["DurationStat"];
            /** @description Fraction of graded incidents within every target of their severity. */
            attainment: number | null;
            graded: number;
        };
        MttxReport: {
            /** @enum {string} */
            by: "severity" | "service" | "team" | "lineOfBusiness" | "month";
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            /** @description Targets per severity, in seconds. */
            targets: {
                [key: string]: {
                    detectSeconds?: number;
                    acknowledgeSeconds?: number;
                    recoverSeconds?: number;
                };
            };
            groups: {
                [key: string]: components["schemas"]["MttxSummary"];
            };
            dora: {
                deployments?: number;
                failed?: number;
                changeFailureRate?: number | null;
                failedDeploymentRecovery?: components["schemas"]["DurationStat"];
            };
        };
        /** deploy event */
        DeployEvent: {
            /** @description The catalog service (component name). */
            service: string;
            /** @description Default: component:default/<service>. */
            entityRef?: string;
            /** @description RFC 3339; default: now. */
            at?: string;
            version?: string;
        };
        DrillProbe: {
            name: string;
            /** @enum {string} */
            mode: "SOT" | "EOT" | "OnChaos";
            passed: boolean;
            detail: string;
        };
        /** @description The record `headroom drill run` prints (core's judgeDrill). */
        DrillRunRecord: {
            drill: string;
            service: string;
            slo: string;
            /** @enum {string} */
            verdict: "Pass" | "Fail" | "Aborted" | "Skipped";
            summary: string;
            startedAt: string;
            faultStartedAt: string | null;
            faultEndedAt: string | null;
            endedAt: string;
            probes: components["schemas"]["DrillProbe"][];
            detection: {
                expected: boolean;
                alertFiredAt: string | null;
                ttdSeconds: number | null;
                withinTarget: boolean | null;
            };
            recovery: {
                expected: boolean;
                recoveredAt: string | null;
                ttrSeconds: number | null;
                withinTarget: boolean | null;
            };
            aborted: null | {
                at: string;
                reason: string;
            };
            budgetSpent: number | null;
            resilienceScore: number;
        };
        DrillRunFault: {
            /** @enum {string} */
            type: "errors" | "latency" | "outage" | "capacity-loss" | "dependency-outage" | "bad-deploy";
            target: string;
            weight: number;
        };
        DependantImpact: {
            service: string;
            slo: string;
            steady: boolean;
            detail: string;
        };
        DrillRunInput: {
            /** @description Default: component:default/<record.service>. */
            entityRef?: string;
            record: components["schemas"]["DrillRunRecord"];
            faults: components["schemas"]["DrillRunFault"][];
            /** @enum {string|null} */
            alertSeverity?: "page" | "ticket" | null;
            dependants?: components["schemas"]["DependantImpact"][];
        };
        DrillRun: {
            id: string;
            entityRef: string;
            /** @enum {string} */
            source: "cli" | "scheduler";
            recordedBy: string;
            record: components["schemas"]["DrillRunRecord"];
            faults: components["schemas"]["DrillRunFault"][];
            alertSeverity: string | null;
            dependants: components["schemas"]["DependantImpact"][];
            /** @description The entity's incidents whose impact started during the run (from a minute before the fault). */
            incidents: {
                id: string;
                severity: string;
                /** Format: date-time */
                impactStart: string;
            }[];
        };
        ResiliencePoint: {
            from: string;
            to: string;
            score: number | null;
            runs: number;
            faults: number;
        };
        ResilienceSeries: {
            key: string;
            /** @description Litmus: sum of weight x probe success % over the sum of weights, 0-100. */
            score: number | null;
            points: components["schemas"]["ResiliencePoint"][];
        };
        EntityDrills: {
            entityRef: string;
            from: string;
            to: string;
            file: string | null;
            problems: string[];
            drills: {
                name: string;
                slo: string;
                hypothesis: string;
                faults: components["schemas"]["DrillRunFault"][];
                schedule: null | {
                    cron: string | null;
                    at: string[];
                    minBudgetRemaining: number;
                };
                held: null | {
                    at: string;
                    reason: string;
                };
            }[];
            runs: components["schemas"]["DrillRun"][];
            resilience: null | components["schemas"]["ResilienceSeries"];
        };
        DrillWeakLinks: {
            from: string;
            to: string;
            lineOfBusiness: string | null;
            failedDrills: {
                service: string;
                drill: string;
                at: string;
                verdict: string;
                misses: ("hypothesis" | "detection" | "recovery")[];
                summary: string;
            }[];
            undrilled: {
                service: string;
                lastDrillAt: string | null;
            }[];
            spreading: {
                dependency: string;
                dependant: string;
                slo: string;
                path: string[] | null;
                drill: string;
                at: string;
                runs: number;
                detail: string;
            }[];
            silentAlerts: {
                service: string;
                slo: string;
                /** @enum {string} */
                severity: "page" | "ticket";
                drills: string[];
                runs: number;
            }[];
        };
        DrillResilience: {
            /** @enum {string} */
            by: "service" | "lineOfBusiness";
            from: string;
            to: string;
            stepSeconds: number;
            series: components["schemas"]["ResilienceSeries"][];
        };
        RunbookFinding: {
            step: string;
            /** @enum {string} */
            kind: "query" | "recentChanges" | "dependencyHealth" | "saturation";
            holds: boolean;
            value: number | null;
            detail: string;
            changes?: Record<string, unknown>[];
            unhealthy?: string[];
            error?: string;
        };
        RunbookActionRecord: {
            action: string;
            /** @enum {string} */
            type: "rollback" | "scale" | "restart" | "shift-traffic" | "shed-traffic" | "flag" | "webhook";
            decision: {
                /** @enum {string} */
                verdict: "run" | "dry-run" | "await-approval" | "refuse";
                /** @enum {string} */
                guardrail: "rate-limit" | "cooldown" | "blast-radius" | "freeze" | "approval" | "dry-run" | "none";
                reason: string;
            };
            /** @description unix seconds */
            startedAt: number | null;
            /** @enum {string} */
            outcome: "succeeded" | "failed" | "not-run";
            detail: string;
            /** @description Who approved the risky action while the run waited, and when (unix seconds). */
            approval?: {
                by: string;
                at: number;
            };
            verification: null | {
                /** @enum {string} */
                verdict: "recovered" | "timed-out";
                recoveredAt: number | null;
                deadline: number;
            };
        };
        /**
         * runbook audit record
         * @description One run, as `headroom runbook run` prints it. Times are unix seconds.
         */
        RunbookAuditRecord: {
            runbook: string;
            service: string;
            slo: string;
            /** @enum {string} */
            mode: "live" | "dry-run";
            trigger: {
                by: string;
                labels: {
                    [key: string]: string;
                };
                firedAt: number | null;
            };
            startedAt: number;
            endedAt: number;
            findings: components["schemas"]["RunbookFinding"][];
            chosen: string[];
            actions: components["schemas"]["RunbookActionRecord"][];
            /** @enum {string} */
            result: "recovered" | "escalated" | "dry-run" | "awaiting-approval" | "refused" | "not-triggered";
            times: {
                impactStartedAt: number | null;
                detectedAt: number | null;
                recoveredAt: number | null;
                ttdSeconds: number | null;
                ttrSeconds: number | null;
            };
            escalation: null | {
                reason: string;
                tried: string[];
            };
            summary: string;
        };
        RunbookRunInput: {
            record: components["schemas"]["RunbookAuditRecord"];
            /** @description Default: component:default/<record.service>. */
            entityRef?: string;
            /** @description Default: the service's incident open when the alert fired. */
            incidentId?: string;
        };
        RunbookRun: {
            id: string;
            entityRef: string;
            incidentId: string | null;
            record: components["schemas"]["RunbookAuditRecord"];
            recordedBy: string;
            /** @description RFC 3339 */
            recordedAt: string;
            approvals: {
                action: string;
                by: string;
                /** @description RFC 3339 */
                at: string;
            }[];
        };
        RunbookRunList: {
            items: components["schemas"]["RunbookRun"][];
        };
        RunbookRecovery: {
            from: string;
            to: string;
            lineOfBusiness: string | null;
            incidents: number;
            autoRecovered: components["schemas"]["RecoverySide"];
            manual: components["schemas"]["RecoverySide"];
            autoRecoveredShare: number | null;
            timeSavedSeconds?: number | null;
        };
        RunbookLobCoverage: {
            lineOfBusiness: string | null;
            alerts: {
                service: string;
                alertname: string;
                runbooks: string[];
            }[];
            covered: number;
            share: number | null;
            services: {
                service: string;
                alerts: number;
                covered: number;
                share: number | null;
            }[];
            /** @description Runbooks files that could not be used, each naming the file and the field. */
            problems: string[];
        };
        RecoverySide: {
            count: number;
            ttr: null | {
                mean: number;
                p50: number;
                p90: number;
            };
        };
        EntityRunbooks: {
            entityRef: string;
            from: string;
            to: string;
            summary: {
                runs: number;
                live: number;
                recovered: number;
                escalated: number;
                dryRuns: number;
                heldBack: number;
                successRate: number | null;
                medianTtrSeconds: number | null;
                medianTtdSeconds: number | null;
                lastRunAt: string | null;
            };
            runs: components["schemas"]["RunbookRun"][];
            /** @description The runbooks of the entity's headroom.dev/runbooks file, or the file's problems. */
            definitions: {
                file: string | null;
                runbooks: {
                    name: string;
                    slo: string;
                    actions: string[];
                }[];
                problems: string[];
            };
            /** @description Which of the entity's SLO burn alerts have a runbook (core's runbookCoverage). */
            coverage: {
                alerts: {
                    service: string;
                    alertname: string;
                    runbooks: string[];
                }[];
                covered: number;
                share: number | null;
            };
        };
        /** change */
        ChangeRequest: {
            /** @description The catalog entity, e.g. component:default/ledger. */
            entityRef: string;
            version: string;
            /**
             * @description Default: deploy.
             * @enum {string}
             */
            kind?: "deploy" | "canary";
            /** @description RFC 3339; default: now. */
            at?: string;
            /** @description Default: headroom.changes.watchMinutes (30). */
            watchMinutes?: number;
            size?: {
                linesChanged: number;
                irreversible?: boolean;
            };
            /** @description The Rollout or Canary the rollback acts on, when not named like the service. */
            target?: {
                namespace?: string;
                name?: string;
            };
        };
        ChangeVerdict: {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            classification: "Pass" | "Marginal" | "Fail";
            score: number;
            /** @enum {string} */
            source: "prometheus" | "posted";
            /** @description The canary judge's whole verdict. */
            verdict: {
                reason?: string | null;
            } & {
                [key: string]: unknown;
            };
        };
        ChangeRollback: {
            /** Format: date-time */
            at: string;
            reason: string;
            /** @description The signal: a canary verdict or a page burn. */
            trigger: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            action: "argo" | "flagger" | "webhook" | "simulator" | "none";
            /** @enum {string} */
            outcome: "sent" | "described" | "failed";
            /** @description The call made (credentials redacted) and its answer. */
            detail: {
                [key: string]: unknown;
            };
        };
        Change: {
            id: string;
            entityRef: string;
            service: string;
            lineOfBusiness: string | null;
            version: string;
            /** @enum {string} */
            kind: "deploy" | "canary";
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            watchUntil: string;
            /** @enum {string} */
            state: "live" | "promoted" | "rolled-back";
            /** @description false for a deploy recorded through POST /deploys only. */
            recorded: boolean;
            source: string;
            /** @description Core's risk pre-assessment; null when the change was not assessed. */
            assessment: null | components["schemas"]["ChangeAssessment"];
            verdicts: components["schemas"]["ChangeVerdict"][];
            rollbacks: components["schemas"]["ChangeRollback"][];
            outcome: {
                /** @description The incident the change caused (DORA attribution). */
                incidentId: string | null;
                rolledBack: boolean;
                failed: boolean;
            };
        };
        ChangeAssessment: {
            /** @description 0 to 100. */
            score: number;
            /** @enum {string} */
            level: "low" | "medium" | "high" | "critical";
            /** @enum {string} */
            recommendation: "proceed" | "canary" | "approve" | "hold";
            holds: string[];
            factors: {
                name: string;
                /** @description 0 (no risk) to 1 (full risk). */
                score: number;
                weight: number;
                points: number;
                explanation: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        ChangeFailureRate: {
            lineOfBusiness?: string | null;
            changes: number;
            failed: number;
            changeFailureRate: number | null;
        };
        ChangeList: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            items: components["schemas"]["Change"][];
            failureRate: components["schemas"]["ChangeFailureRate"];
            byLineOfBusiness: components["schemas"]["ChangeFailureRate"][];
        };
        ChangeDecision: {
            rollback: boolean;
            reason: string;
            trigger?: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            watchUntil: string;
        };
        CanaryJudgement: {
            verdict: {
                [key: string]: unknown;
            };
            decision: components["schemas"]["ChangeDecision"];
            change: components["schemas"]["Change"];
        };
    };
    responses: {
        /** @description An error response from the backend. */
        ErrorResponse: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        runbookRunId: string;
        /** @description The period in days, ending now (1 to 366, at most headroom.api.maxWindow); default 30. */
        runbookDays: string;
        kind: string;
        namespace: string;
        name: string;
        sloName: components["schemas"]["SloName"];
        /** @description The version the client last read; a stale version gets 409. */
        version: string;
        limit: string;
        /** @description At most this many items, 1 to 1000; 100 when absent. */
        pageLimit: string;
        /** @description Items to skip, for paging; 0 when absent. */
        offset: string;
        /** @description A line of business, as the catalog names it. */
        lineOfBusiness: string;
        /** @description Start (inclusive): unix seconds or an ISO date (`2024-09-01`), month (`2024-09`) or date-time, UTC. */
        costFrom: string;
        /** @description End (exclusive), as `from`; must be after `from`. */
        costTo: string;
        /** @description One row per day or per month; day when absent. */
        costGrain: "day" | "month";
        /** @description `billed` (BilledCost, the invoice) or `effective` (EffectiveCost); effective when absent. */
        costView: "billed" | "effective";
        /** @description Only this configured cost source. */
        costSourceId: string;
        recommendationId: string;
        /** @description Only recommendations in this status. */
        recommendationStatus: "proposed" | "accepted" | "rejected" | "applied" | "verified" | "regressed" | "rolled-back";
        /** @description An entity ref; the kind defaults to component, the namespace to default. */
        optimiseEntityRef: string;
        /** @description Only this line of business. */
        optimiseLineOfBusiness: string;
        incidentId: string;
        /** @description RFC 3339; default 90 days before `to`. */
        incidentFrom: string;
        /** @description RFC 3339; default now. */
        incidentTo: string;
        incidentEntityRef: string;
        incidentLineOfBusiness: string;
        /** @description The period in days, ending now (1 to 366, at most headroom.api.maxWindow); default headroom.drills.lookbackDays. */
        drillDays: string;
        drillLineOfBusiness: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ListSlos: {
        parameters: {
            query?: {
                /** @description The owning group's entity ref, e.g. group:default/team-payments. */
                owner?: string;
                lineOfBusiness?: string;
                /** @description The entity's ref, e.g. component:default/ledger. */
                entityRef?: string;
                /** @description At most this many items, 1 to 1000; 100 when absent. */
                limit?: components["parameters"]["pageLimit"];
                /** @description Items to skip, for paging; 0 when absent. */
                offset?: components["parameters"]["offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The SLOs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Slo"][];
                        totalCount: number;
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListEntitySlos: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The SLOs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Slo"][];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    CreateEntitySlo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SloInput"];
            };
        };
        responses: {
            /** @description The SLO, at version 1. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Slo"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    PreviewEntitySlo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SloInput"];
            };
        };
        responses: {
            /** @description What the definition measures now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SloPreview"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntitySummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntitySummary"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntitySlo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
                sloName: components["parameters"]["sloName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The SLO with its latest status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Slo"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    UpdateEntitySlo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
                sloName: components["parameters"]["sloName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SloUpdate"];
            };
        };
        responses: {
            /** @description The SLO at its new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Slo"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    DeleteEntitySlo: {
        parameters: {
            query: {
                /** @description The version the client last read; a stale version gets 409. */
                version: components["parameters"]["version"];
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
                sloName: components["parameters"]["sloName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; its versions stay in the history. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntitySloHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
                sloName: components["parameters"]["sloName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["SloVersion"][];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntitySloStatus: {
        parameters: {
            query?: {
                limit?: components["parameters"]["limit"];
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
                sloName: components["parameters"]["sloName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status and its history. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: components["schemas"]["SloStatus"] | null;
                        snapshots: components["schemas"]["SloSnapshot"][];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntitySloBurndown: {
        parameters: {
            query?: {
                /** @description At most this many points, 2 to 2000; 200 when absent. */
                points?: string;
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
                sloName: components["parameters"]["sloName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The burndown. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entityRef: string;
                        sloName: string;
                        objective: number;
                        window: string;
                        windowSeconds: number;
                        /** @description Unix seconds */
                        windowStart: number;
                        /** @description Unix seconds: evaluatedAt, or the calendar period's end */
                        windowEnd: number;
                        /** Format: date-time */
                        evaluatedAt: string;
                        stepSeconds: number;
                        /** @description Remaining budget through the window; t in Unix seconds. */
                        points: {
                            t: number;
                            remaining: number | null;
                        }[];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetOwnerRollup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One row per owner. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Rollup"][];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetLineOfBusinessRollup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One row per line of business. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Rollup"][];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetPrometheusRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A Prometheus rule file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    EvaluateReleaseGate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReleaseGateRequest"];
            };
        };
        responses: {
            /** @description Allowed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseGateResult"];
                };
            };
            /** @description No such entity in the catalog. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Denied by the error budget or a burn-rate alert. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseGateResult"];
                };
            };
            /** @description Denied because nothing can vouch for the release (no SLOs, no evaluation, no traffic). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseGateResult"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ArgoAnalysis: {
        parameters: {
            query: {
                entityRef: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The decision, under `data`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            ok: boolean;
                            entityRef: string;
                            /** @enum {string} */
                            decision: "allow" | "deny";
                            /** @enum {string} */
                            rhythm: "normal" | "cautious" | "freeze";
                            /** @description The lowest remaining budget fraction of the entity's SLOs. */
                            budgetRemaining: number | null;
                            rollback: boolean;
                            blockers: string[];
                            reasons: string[];
                        };
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    FlaggerGate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FlaggerWebhookPayload"];
            };
        };
        responses: {
            /** @description Advance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseGateResult"];
                };
            };
            /** @description Halt on the error budget or a burn-rate alert. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseGateResult"];
                };
            };
            /** @description Halt because nothing can vouch for the release. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReleaseGateResult"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    FlaggerRollback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FlaggerWebhookPayload"];
            };
        };
        responses: {
            /** @description Roll back now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RollbackDecision"];
                };
            };
            /** @description No rollback. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RollbackDecision"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetCapacityAssessment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest assessment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CapacityAssessment"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListCapacityAssessments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CapacityAssessment"][];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    RecordCapacityAssessment: {
        parameters: {
            query?: {
                dryRun?: "true" | "false";
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssessmentRequest"];
            };
        };
        responses: {
            /** @description dryRun: the assessment as it would be recorded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CapacityAssessment"];
                };
            };
            /** @description The recorded assessment. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CapacityAssessment"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ApproveCapacityAssessment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The approved assessment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CapacityAssessment"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetCapacityCoverage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The coverage report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CapacityCoverage"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListCostSources: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The configured sources (no locations or credentials) with their last run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @enum {string} */
                            type: "focus" | "opencost" | "upload";
                            scheduleSeconds: number | null;
                            lastRun: components["schemas"]["CostImportRun"] | null;
                        }[];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListCostImports: {
        parameters: {
            query?: {
                /** @description Only this configured cost source. */
                sourceId?: components["parameters"]["costSourceId"];
                /** @description At most this many runs, 1 to 1000; 50 when absent. */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CostImportRun"][];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    RunCostImport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CostImportRequest"];
            };
        };
        responses: {
            /** @description The finished run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostImportRun"];
                };
            };
            /** @description The import failed; nothing was written. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostImportFailure"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetCostImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One run, with its bad-row samples. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostImportRun"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    UploadCostFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sourceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
                "application/gzip": string;
                "application/x-gzip": string;
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description The finished run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostImportRun"];
                };
            };
            /** @description The import failed; nothing was written. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostImportFailure"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetCostRollup: {
        parameters: {
            query?: {
                /** @description entity when absent. */
                by?: "entity" | "owner" | "lineOfBusiness";
                /** @description One row per day or per month; day when absent. */
                grain?: components["parameters"]["costGrain"];
                /** @description `billed` (BilledCost, the invoice) or `effective` (EffectiveCost); effective when absent. */
                view?: components["parameters"]["costView"];
                /** @description Start (inclusive): unix seconds or an ISO date (`2024-09-01`), month (`2024-09`) or date-time, UTC. */
                from?: components["parameters"]["costFrom"];
                /** @description End (exclusive), as `from`; must be after `from`. */
                to?: components["parameters"]["costTo"];
                /** @description json when absent. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rollup. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostRollup"];
                    "text/csv": string;
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetCostReconciliation: {
        parameters: {
            query?: {
                /** @description billingPeriod when absent. */
                grain?: "billingPeriod" | "month" | "day";
                /** @description Start (inclusive): unix seconds or an ISO date (`2024-09-01`), month (`2024-09`) or date-time, UTC. */
                from?: components["parameters"]["costFrom"];
                /** @description End (exclusive), as `from`; must be after `from`. */
                to?: components["parameters"]["costTo"];
                /** @description Only this configured cost source. */
                sourceId?: components["parameters"]["costSourceId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reconciliation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostReconciliation"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetLineOfBusinessCost: {
        parameters: {
            query?: {
                /** @description One row per day or per month; day when absent. */
                grain?: components["parameters"]["costGrain"];
                /** @description `billed` (BilledCost, the invoice) or `effective` (EffectiveCost); effective when absent. */
                view?: components["parameters"]["costView"];
                /** @description Start (inclusive): unix seconds or an ISO date (`2024-09-01`), month (`2024-09`) or date-time, UTC. */
                from?: components["parameters"]["costFrom"];
                /** @description End (exclusive), as `from`; must be after `from`. */
                to?: components["parameters"]["costTo"];
            };
            header?: never;
            path: {
                /** @description A line of business, as the catalog names it. */
                lob: components["parameters"]["lineOfBusiness"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cost. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LineOfBusinessCostList"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntityCost: {
        parameters: {
            query?: {
                /** @description One row per day or per month; day when absent. */
                grain?: components["parameters"]["costGrain"];
                /** @description `billed` (BilledCost, the invoice) or `effective` (EffectiveCost); effective when absent. */
                view?: components["parameters"]["costView"];
                /** @description Start (inclusive): unix seconds or an ISO date (`2024-09-01`), month (`2024-09`) or date-time, UTC. */
                from?: components["parameters"]["costFrom"];
                /** @description End (exclusive), as `from`; must be after `from`. */
                to?: components["parameters"]["costTo"];
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cost. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntityCostList"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntityCostDrivers: {
        parameters: {
            query?: {
                /** @description `billed` (BilledCost, the invoice) or `effective` (EffectiveCost); effective when absent. */
                view?: components["parameters"]["costView"];
                /** @description Start (inclusive): unix seconds or an ISO date (`2024-09-01`), month (`2024-09`) or date-time, UTC. */
                from?: components["parameters"]["costFrom"];
                /** @description End (exclusive), as `from`; must be after `from`. */
                to?: components["parameters"]["costTo"];
                /** @description At most this many drivers, 1 to 1000; 10 when absent. */
                limit?: string;
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The drivers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostDrivers"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntityUnitCost: {
        parameters: {
            query?: {
                /** @description One row per day or per month; day when absent. */
                grain?: components["parameters"]["costGrain"];
                /** @description `billed` (BilledCost, the invoice) or `effective` (EffectiveCost); effective when absent. */
                view?: components["parameters"]["costView"];
                /** @description Start (inclusive): unix seconds or an ISO date (`2024-09-01`), month (`2024-09`) or date-time, UTC. */
                from?: components["parameters"]["costFrom"];
                /** @description End (exclusive), as `from`; must be after `from`. */
                to?: components["parameters"]["costTo"];
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The unit cost. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitCost"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListRecommendations: {
        parameters: {
            query?: {
                /** @description An entity ref; the kind defaults to component, the namespace to default. */
                entityRef?: components["parameters"]["optimiseEntityRef"];
                /** @description Only this line of business. */
                lob?: components["parameters"]["optimiseLineOfBusiness"];
                /** @description The owning group; the kind defaults to group, the namespace to default. */
                owner?: string;
                /** @description Only recommendations in this status. */
                status?: components["parameters"]["recommendationStatus"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recommendations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OptimisationList"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListEntityRecommendations: {
        parameters: {
            query?: {
                /** @description Only recommendations in this status. */
                status?: components["parameters"]["recommendationStatus"];
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entity's recommendations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OptimisationList"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListLineOfBusinessRecommendations: {
        parameters: {
            query?: {
                /** @description Only recommendations in this status. */
                status?: components["parameters"]["recommendationStatus"];
            };
            header?: never;
            path: {
                /** @description A line of business, as the catalog names it. */
                lob: components["parameters"]["lineOfBusiness"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The line of business's recommendations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OptimisationList"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetRecommendation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["recommendationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recommendation with its status, allowed steps, version and history. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OptimisationRecommendation"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    AcceptRecommendation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["recommendationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OptimisationStep"];
            };
        };
        responses: {
            /** @description The updated recommendation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OptimisationRecommendation"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    RejectRecommendation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["recommendationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OptimisationStep"];
            };
        };
        responses: {
            /** @description The updated recommendation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OptimisationRecommendation"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ApplyRecommendation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["recommendationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OptimisationApply"];
            };
        };
        responses: {
            /** @description The updated recommendation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OptimisationRecommendation"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    VerifyRecommendation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["recommendationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OptimisationVerify"];
            };
        };
        responses: {
            /** @description The updated recommendation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OptimisationRecommendation"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    RollBackRecommendation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["recommendationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OptimisationStep"];
            };
        };
        responses: {
            /** @description The updated recommendation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OptimisationRecommendation"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ExportRecommendation: {
        parameters: {
            query: {
                format: "kubernetes-patch" | "vpa" | "hpa" | "keda";
            };
            header?: never;
            path: {
                id: components["parameters"]["recommendationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListCostAnomalies: {
        parameters: {
            query?: {
                /** @description An entity ref; the kind defaults to component, the namespace to default. */
                entityRef?: components["parameters"]["optimiseEntityRef"];
                /** @description Only this line of business. */
                lob?: components["parameters"]["optimiseLineOfBusiness"];
                /** @description ISO 8601 or unix seconds (unix milliseconds with 12 digits or more). */
                from?: string;
                /** @description As from; after it. */
                to?: string;
                /** @description A number in [0, 1]. */
                minScore?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The anomalies. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostAnomalyList"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ReceiveAlertmanagerNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertmanagerWebhook"];
            };
        };
        responses: {
            /** @description Stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReceipt"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListIncidents: {
        parameters: {
            query?: {
                /** @description RFC 3339; default 90 days before `to`. */
                from?: components["parameters"]["incidentFrom"];
                /** @description RFC 3339; default now. */
                to?: components["parameters"]["incidentTo"];
                entityRef?: components["parameters"]["incidentEntityRef"];
                lineOfBusiness?: components["parameters"]["incidentLineOfBusiness"];
                severity?: "P1" | "P2" | "P3" | "P4";
                status?: "open" | "resolved";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The incidents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentList"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetIncidentMttx: {
        parameters: {
            query?: {
                /** @description RFC 3339; default 90 days before `to`. */
                from?: components["parameters"]["incidentFrom"];
                /** @description RFC 3339; default now. */
                to?: components["parameters"]["incidentTo"];
                entityRef?: components["parameters"]["incidentEntityRef"];
                lineOfBusiness?: components["parameters"]["incidentLineOfBusiness"];
                by?: "severity" | "service" | "team" | "lineOfBusiness" | "month";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The measures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MttxReport"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["incidentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The incident and its timeline. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    AcknowledgeIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["incidentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The acknowledged incident. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetIncidentPostmortem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["incidentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draft. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/markdown": string;
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    RecordDeploy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeployEvent"];
            };
        };
        responses: {
            /** @description Recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service?: string;
                        at?: string;
                        version?: string | null;
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    RecordDrillRun: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DrillRunInput"];
            };
        };
        responses: {
            /** @description Recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrillRun"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntityDrills: {
        parameters: {
            query?: {
                /** @description The period in days, ending now (1 to 366, at most headroom.api.maxWindow); default headroom.drills.lookbackDays. */
                days?: components["parameters"]["drillDays"];
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The drills. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntityDrills"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetDrillWeakLinks: {
        parameters: {
            query?: {
                lineOfBusiness?: components["parameters"]["drillLineOfBusiness"];
                /** @description The period in days, ending now (1 to 366, at most headroom.api.maxWindow); default headroom.drills.lookbackDays. */
                days?: components["parameters"]["drillDays"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrillWeakLinks"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetDrillResilience: {
        parameters: {
            query?: {
                lineOfBusiness?: components["parameters"]["drillLineOfBusiness"];
                /** @description The period in days, ending now (1 to 366, at most headroom.api.maxWindow); default headroom.drills.lookbackDays. */
                days?: components["parameters"]["drillDays"];
                by?: "service" | "lineOfBusiness";
                step?: "day" | "week";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The scores. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrillResilience"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListRunbookRuns: {
        parameters: {
            query?: {
                entityRef?: string;
                incidentId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunbookRunList"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    RecordRunbookRun: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunbookRunInput"];
            };
        };
        responses: {
            /** @description Recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunbookRun"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetRunbookRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["runbookRunId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunbookRun"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    FinishRunbookRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["runbookRunId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    record: components["schemas"]["RunbookAuditRecord"];
                };
            };
        };
        responses: {
            /** @description The run with its new record and its approvals. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunbookRun"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ApproveRunbookAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["runbookRunId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    action: string;
                };
            };
        };
        responses: {
            /** @description The run with its approvals. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunbookRun"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetRunbookRecovery: {
        parameters: {
            query?: {
                lineOfBusiness?: string;
                /** @description The period in days, ending now (1 to 366, at most headroom.api.maxWindow); default 30. */
                days?: components["parameters"]["runbookDays"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The split. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunbookRecovery"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetRunbookCoverage: {
        parameters: {
            query?: {
                lineOfBusiness?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The coverage. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunbookLobCoverage"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetEntityRunbooks: {
        parameters: {
            query?: {
                /** @description The period in days, ending now (1 to 366, at most headroom.api.maxWindow); default 30. */
                days?: components["parameters"]["runbookDays"];
            };
            header?: never;
            path: {
                kind: components["parameters"]["kind"];
                namespace: components["parameters"]["namespace"];
                name: components["parameters"]["name"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The runs and summary. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntityRunbooks"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    ListChanges: {
        parameters: {
            query?: {
                /** @description RFC 3339; default 90 days before `to`. */
                from?: components["parameters"]["incidentFrom"];
                /** @description RFC 3339; default now. */
                to?: components["parameters"]["incidentTo"];
                entityRef?: components["parameters"]["incidentEntityRef"];
                lineOfBusiness?: components["parameters"]["incidentLineOfBusiness"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The changes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeList"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    RecordChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRequest"];
            };
        };
        responses: {
            /** @description Recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Change"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    GetChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Change"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    JudgeChangeCanary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A canary config in Kayenta's shape. */
                    config: {
                        [key: string]: unknown;
                    };
                    queries: {
                        [key: string]: {
                            baseline: string;
                            canary: string;
                        };
                    };
                    /** @description RFC 3339; default: the change's start. */
                    from?: string;
                    /** @description RFC 3339; default: now. */
                    to?: string;
                };
            };
        };
        responses: {
            /** @description The verdict and the decision. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CanaryJudgement"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    PostChangeVerdict: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    classification: "Pass" | "Marginal" | "Fail";
                    score: number;
                    reason?: string | null;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description The verdict and the decision. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CanaryJudgement"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    EvaluateChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The decision and the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decision: components["schemas"]["ChangeDecision"];
                        change: components["schemas"]["Change"];
                    };
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
    PromoteChange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Change"];
                };
            };
            default: components["responses"]["ErrorResponse"];
        };
    };
}
