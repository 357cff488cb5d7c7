// ******************************************************************
// * GENERATED from src/schema/openapi.yaml by scripts/generate-openapi.js. DO NOT EDIT. *
// ******************************************************************
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "headroom",
    "version": "1",
    "description": "Headroom's Backstage backend: SLOs attached to catalog entities (from OpenSLO files referenced by the `headroom.dev/slo-file` annotation or written through this API), their evaluated status and history, rollups per owner and line of business, Prometheus rules and a release gate; capacity assessments, cost (showback, drivers, unit cost, reconciliation, imports) and optimisation (right-sizing recommendations and their lifecycle, cost anomalies). Every route the plugin serves is here: the router is generated from this document and validates every request against it. Add a feature's paths as a group with a comment line, as below.",
    "license": {
      "name": "Apache-2.0",
      "url": "http://www.apache.org/licenses/LICENSE-2.0.html"
    }
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "components": {
    "parameters": {
      "runbookRunId": {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[0-9a-f-]{36}$"
        }
      },
      "runbookDays": {
        "name": "days",
        "in": "query",
        "required": false,
        "description": "The period in days, ending now (1 to 366, at most headroom.api.maxWindow); default 30.",
        "schema": {
          "type": "string",
          "pattern": "^[1-9][0-9]{0,2}$"
        }
      },
      "kind": {
        "name": "kind",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z][A-Za-z0-9-]{0,62}$"
        }
      },
      "namespace": {
        "name": "namespace",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"
        }
      },
      "name": {
        "name": "name",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?$"
        }
      },
      "sloName": {
        "name": "sloName",
        "in": "path",
        "required": true,
        "schema": {
          "$ref": "#/components/schemas/SloName"
        }
      },
      "version": {
        "name": "version",
        "in": "query",
        "required": true,
        "description": "The version the client last read; a stale version gets 409.",
        "schema": {
          "type": "string",
          "pattern": "^[1-9][0-9]{0,8}$"
        }
      },
      "limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "pattern": "^[1-9][0-9]{0,3}$"
        }
      },
      "pageLimit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "At most this many items, 1 to 1000; 100 when absent.",
        "schema": {
          "type": "string",
          "pattern": "^[1-9][0-9]{0,3}$"
        }
      },
      "offset": {
        "name": "offset",
        "in": "query",
        "required": false,
        "description": "Items to skip, for paging; 0 when absent.",
        "schema": {
          "type": "string",
          "pattern": "^(0|[1-9][0-9]{0,8})$"
        }
      },
      "lineOfBusiness": {
        "name": "lob",
        "in": "path",
        "required": true,
        "description": "A line of business, as the catalog names it.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "costFrom": {
        "name": "from",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "description": "Start (inclusive): unix seconds or an ISO date (`2024-09-01`), month (`2024-09`) or date-time, UTC.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 40
        }
      },
      "costTo": {
        "name": "to",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "description": "End (exclusive), as `from`; must be after `from`.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 40
        }
      },
      "costGrain": {
        "name": "grain",
        "in": "query",
        "required": false,
        "description": "One row per day or per month; day when absent.",
        "schema": {
          "type": "string",
          "enum": [
            "day",
            "month"
          ]
        }
      },
      "costView": {
        "name": "view",
        "in": "query",
        "required": false,
        "description": "`billed` (BilledCost, the invoice) or `effective` (EffectiveCost); effective when absent.",
        "schema": {
          "type": "string",
          "enum": [
            "billed",
            "effective"
          ]
        }
      },
      "costSourceId": {
        "name": "sourceId",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "description": "Only this configured cost source.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 100
        }
      },
      "recommendationId": {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 100
        }
      },
      "recommendationStatus": {
        "name": "status",
        "in": "query",
        "required": false,
        "description": "Only recommendations in this status.",
        "schema": {
          "type": "string",
          "enum": [
            "proposed",
            "accepted",
            "rejected",
            "applied",
            "verified",
            "regressed",
            "rolled-back"
          ]
        }
      },
      "optimiseEntityRef": {
        "name": "entityRef",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "description": "An entity ref; the kind defaults to component, the namespace to default.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "optimiseLineOfBusiness": {
        "name": "lob",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "description": "Only this line of business.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "incidentId": {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_.:]{1,64}-[0-9]{1,12}$"
        }
      },
      "incidentFrom": {
        "name": "from",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "description": "RFC 3339; default 90 days before `to`.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 40
        }
      },
      "incidentTo": {
        "name": "to",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "description": "RFC 3339; default now.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 40
        }
      },
      "incidentEntityRef": {
        "name": "entityRef",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "incidentLineOfBusiness": {
        "name": "lineOfBusiness",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      },
      "drillDays": {
        "name": "days",
        "in": "query",
        "required": false,
        "description": "The period in days, ending now (1 to 366, at most headroom.api.maxWindow); default headroom.drills.lookbackDays.",
        "schema": {
          "type": "string",
          "pattern": "^[1-9][0-9]{0,2}$"
        }
      },
      "drillLineOfBusiness": {
        "name": "lineOfBusiness",
        "in": "query",
        "allowReserved": true,
        "required": false,
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255
        }
      }
    },
    "responses": {
      "ErrorResponse": {
        "description": "An error response from the backend.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "SloName": {
        "type": "string",
        "description": "Lower-case letters, digits and dashes, starting with a letter; unique per entity.",
        "pattern": "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$"
      },
      "CounterSelector": {
        "type": "string",
        "description": "A Prometheus counter selector, e.g. http_requests_total{service=\"ledger\",code=~\"5..\"}",
        "minLength": 1,
        "maxLength": 1000
      },
      "SloInput": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "name",
          "objective",
          "window",
          "indicator"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/SloName"
          },
          "displayName": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "description": "Free text without markup (no < or >).",
            "pattern": "^[^<>]*$"
          },
          "description": {
            "type": "string",
            "maxLength": 2000,
            "pattern": "^[^<>]*$"
          },
          "objective": {
            "type": "number",
            "description": "Target as a fraction, 0.999 for 99.9 %.",
            "exclusiveMinimum": 0,
            "exclusiveMaximum": 1
          },
          "window": {
            "type": "string",
            "description": "Rolling window, e.g. 30d, 4w, 12h; at most headroom.api.maxWindow (400 naming the bound).",
            "pattern": "^[1-9][0-9]{0,3}(m|h|d|w)$"
          },
          "indicator": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "type",
              "total"
            ],
            "properties": {
              "type": {
                "type": "string",
                "enum": [
                  "ratio"
                ]
              },
              "bad": {
                "$ref": "#/components/schemas/CounterSelector"
              },
              "good": {
                "$ref": "#/components/schemas/CounterSelector"
              },
              "total": {
                "$ref": "#/components/schemas/CounterSelector"
              }
            }
          },
          "alerting": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "page": {
                "type": "boolean"
              },
              "ticket": {
                "type": "boolean"
              }
            }
          },
          "evaluationIntervalSeconds": {
            "type": "integer",
            "minimum": 10,
            "maximum": 86400
          },
          "labels": {
            "type": "object",
            "maxProperties": 20,
            "propertyNames": {
              "pattern": "^[a-zA-Z_][a-zA-Z0-9_]{0,62}$"
            },
            "additionalProperties": {
              "type": "string",
              "maxLength": 200
            }
          }
        }
      },
      "SloUpdate": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "version",
          "slo"
        ],
        "properties": {
          "version": {
            "type": "integer",
            "minimum": 1,
            "description": "The version the client last read; a stale version gets 409."
          },
          "slo": {
            "$ref": "#/components/schemas/SloInput"
          }
        }
      },
      "SloStatus": {
        "type": "object",
        "required": [
          "sloId",
          "evaluatedAt",
          "ageSeconds",
          "sli",
          "budgetRemaining",
          "burnRates",
          "alertState",
          "timeToExhaustionSeconds",
          "lastAttemptAt",
          "error"
        ],
        "properties": {
          "sloId": {
            "type": "string"
          },
          "evaluatedAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "ageSeconds": {
            "type": [
              "number",
              "null"
            ]
          },
          "sli": {
            "type": [
              "number",
              "null"
            ]
          },
          "budgetRemaining": {
            "type": [
              "number",
              "null"
            ]
          },
          "burnRates": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "window",
                "rate"
              ],
              "properties": {
                "window": {
                  "type": "string"
                },
                "rate": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            }
          },
          "alertState": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "ok",
              "ticket",
              "page",
              "no-data",
              null
            ]
          },
          "timeToExhaustionSeconds": {
            "type": [
              "number",
              "null"
            ]
          },
          "lastAttemptAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "error": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "Slo": {
        "type": "object",
        "required": [
          "id",
          "entityRef",
          "name",
          "origin",
          "version",
          "objective",
          "window",
          "createdAt",
          "updatedAt",
          "updatedBy",
          "definition",
          "displayName",
          "description",
          "ownerRef",
          "lineOfBusiness",
          "sourceLocation",
          "evaluationIntervalSeconds",
          "status"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "displayName": {
            "type": [
              "string",
              "null"
            ]
          },
          "description": {
            "type": [
              "string",
              "null"
            ]
          },
          "ownerRef": {
            "type": [
              "string",
              "null"
            ]
          },
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "origin": {
            "type": "string",
            "enum": [
              "file",
              "api"
            ]
          },
          "sourceLocation": {
            "type": [
              "string",
              "null"
            ]
          },
          "version": {
            "type": "integer"
          },
          "objective": {
            "type": "number"
          },
          "window": {
            "type": "string"
          },
          "evaluationIntervalSeconds": {
            "type": [
              "integer",
              "null"
            ]
          },
          "createdAt": {
            "type": "string",
            "format": "date-time"
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "updatedBy": {
            "type": "string"
          },
          "definition": {
            "type": "object",
            "description": "The SLO as an OpenSLO v1 document."
          },
          "status": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/SloStatus"
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "SloSnapshot": {
        "type": "object",
        "description": "One earlier evaluation of an SLO.",
        "required": [
          "evaluatedAt",
          "sli",
          "budgetRemaining",
          "burnRates",
          "alertState",
          "timeToExhaustionSeconds"
        ],
        "properties": {
          "evaluatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "sli": {
            "type": [
              "number",
              "null"
            ]
          },
          "budgetRemaining": {
            "type": [
              "number",
              "null"
            ]
          },
          "burnRates": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "window",
                "rate"
              ],
              "properties": {
                "window": {
                  "type": "string"
                },
                "rate": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            }
          },
          "alertState": {
            "type": "string",
            "enum": [
              "ok",
              "ticket",
              "page",
              "no-data"
            ]
          },
          "timeToExhaustionSeconds": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "SloPreview": {
        "type": "object",
        "required": [
          "evaluatedAt",
          "sli",
          "budgetRemaining",
          "burnRates",
          "alertState",
          "timeToExhaustionSeconds",
          "burndown"
        ],
        "properties": {
          "evaluatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "sli": {
            "type": [
              "number",
              "null"
            ]
          },
          "budgetRemaining": {
            "type": [
              "number",
              "null"
            ]
          },
          "burnRates": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "window",
                "rate"
              ],
              "properties": {
                "window": {
                  "type": "string"
                },
                "rate": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            }
          },
          "alertState": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "ok",
              "ticket",
              "page",
              "no-data",
              null
            ]
          },
          "timeToExhaustionSeconds": {
            "type": [
              "number",
              "null"
            ]
          },
          "burndown": {
            "type": "array",
            "description": "Remaining budget through the window; t in Unix seconds.",
            "items": {
              "type": "object",
              "required": [
                "t",
                "remaining"
              ],
              "properties": {
                "t": {
                  "type": "number"
                },
                "remaining": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            }
          }
        }
      },
      "SloVersion": {
        "type": "object",
        "required": [
          "version",
          "change",
          "author",
          "changedAt",
          "diff"
        ],
        "properties": {
          "version": {
            "type": "integer"
          },
          "change": {
            "type": "string",
            "enum": [
              "create",
              "update",
              "delete"
            ]
          },
          "author": {
            "type": "string"
          },
          "changedAt": {
            "type": "string",
            "format": "date-time"
          },
          "diff": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "path"
              ],
              "properties": {
                "path": {
                  "type": "string"
                },
                "before": {},
                "after": {}
              }
            }
          }
        }
      },
      "SummaryItem": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string"
          },
          "displayName": {
            "type": [
              "string",
              "null"
            ]
          },
          "objective": {
            "type": "number"
          },
          "window": {
            "type": "string"
          },
          "sli": {
            "type": [
              "number",
              "null"
            ]
          },
          "budgetRemaining": {
            "type": [
              "number",
              "null"
            ]
          },
          "alertState": {
            "type": [
              "string",
              "null"
            ]
          },
          "evaluatedAt": {
            "type": [
              "string",
              "null"
            ]
          },
          "error": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "EntitySummary": {
        "type": "object",
        "required": [
          "entityRef",
          "sloCount",
          "compliantCount",
          "budgetRemainingMin",
          "worstBurnRate",
          "slos"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "sloCount": {
            "type": "integer"
          },
          "compliantCount": {
            "type": "integer"
          },
          "budgetRemainingMin": {
            "type": [
              "number",
              "null"
            ]
          },
          "worstBurnRate": {
            "type": [
              "number",
              "null"
            ]
          },
          "slos": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SummaryItem"
            }
          }
        }
      },
      "Rollup": {
        "type": "object",
        "required": [
          "key",
          "sloCount",
          "evaluatedCount",
          "compliantCount",
          "compliance",
          "budgetRemainingMin",
          "budgetRemainingMean",
          "worstBurnRate",
          "worstSlo"
        ],
        "properties": {
          "key": {
            "type": "string"
          },
          "sloCount": {
            "type": "integer"
          },
          "evaluatedCount": {
            "type": "integer"
          },
          "compliantCount": {
            "type": "integer"
          },
          "compliance": {
            "type": [
              "number",
              "null"
            ]
          },
          "budgetRemainingMin": {
            "type": [
              "number",
              "null"
            ]
          },
          "budgetRemainingMean": {
            "type": [
              "number",
              "null"
            ]
          },
          "worstBurnRate": {
            "type": [
              "number",
              "null"
            ]
          },
          "worstSlo": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "ReleaseGateRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "entityRef"
        ],
        "properties": {
          "entityRef": {
            "type": "string",
            "minLength": 3,
            "maxLength": 255,
            "pattern": "^[A-Za-z][A-Za-z0-9-]*:([a-z0-9][-a-z0-9]*/)?[A-Za-z0-9][-_.A-Za-z0-9]*$"
          },
          "minBudgetRemaining": {
            "type": "number",
            "minimum": -100,
            "maximum": 1
          },
          "maxStatusAgeSeconds": {
            "type": "integer",
            "minimum": 1,
            "maximum": 2592000
          }
        }
      },
      "ReleaseGateResult": {
        "type": "object",
        "required": [
          "decision",
          "entityRef",
          "rhythm",
          "reasons",
          "blockers",
          "policy",
          "slos"
        ],
        "properties": {
          "decision": {
            "type": "string",
            "enum": [
              "allow",
              "deny"
            ]
          },
          "entityRef": {
            "type": "string"
          },
          "rhythm": {
            "type": "string",
            "enum": [
              "normal",
              "cautious",
              "freeze"
            ],
            "description": "normal; cautious (budget getting low, small changes with canaries); freeze (fixes only)."
          },
          "reasons": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "blockers": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "budget",
                "page",
                "ticket",
                "not-evaluated",
                "stale",
                "no-traffic",
                "no-slos"
              ]
            }
          },
          "policy": {
            "type": "object",
            "required": [
              "minBudgetRemaining",
              "cautionBudgetRemaining",
              "withoutSlos",
              "denyOnPage",
              "denyOnTicket"
            ],
            "properties": {
              "minBudgetRemaining": {
                "type": "number"
              },
              "cautionBudgetRemaining": {
                "type": "number"
              },
              "maxStatusAgeSeconds": {
                "type": "number"
              },
              "withoutSlos": {
                "type": "string",
                "enum": [
                  "allow",
                  "deny"
                ]
              },
              "denyOnPage": {
                "type": "boolean"
              },
              "denyOnTicket": {
                "type": "boolean"
              }
            }
          },
          "slos": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SummaryItem"
            }
          }
        }
      },
      "FlaggerWebhookPayload": {
        "type": "object",
        "description": "Flagger's CanaryWebhookPayload.",
        "required": [
          "name",
          "namespace"
        ],
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 253
          },
          "namespace": {
            "type": "string",
            "minLength": 1,
            "maxLength": 253
          },
          "phase": {
            "type": "string",
            "maxLength": 64
          },
          "checksum": {
            "type": "string",
            "maxLength": 256
          },
          "metadata": {
            "type": "object",
            "description": "The hook's metadata; `entityRef` names the catalog entity.",
            "additionalProperties": {
              "type": "string"
            }
          }
        }
      },
      "RollbackDecision": {
        "type": "object",
        "required": [
          "rollback",
          "entityRef",
          "reasons"
        ],
        "properties": {
          "rollback": {
            "type": "boolean"
          },
          "entityRef": {
            "type": "string"
          },
          "reasons": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "AssessmentInputs": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "expectedPeak",
          "usage"
        ],
        "description": "What a team expects of a service: the driver's peak and growth and the resource one unit of the driver uses. The bounds keep every derived number finite.",
        "properties": {
          "driver": {
            "type": "string",
            "description": "The business driver; `requests per second` when absent.",
            "minLength": 1,
            "maxLength": 100,
            "pattern": "\\S"
          },
          "expectedPeak": {
            "type": "number",
            "description": "The driver's expected peak today, in driver units.",
            "exclusiveMinimum": 0,
            "maximum": 1000000000000
          },
          "growthPerMonth": {
            "type": "number",
            "description": "Compound growth of the peak per month, a fraction (0.05 is 5 %); 0 when absent.",
            "exclusiveMinimum": -1,
            "maximum": 10
          },
          "horizonMonths": {
            "type": "integer",
            "description": "The peak this many months ahead is covered; 6 when absent.",
            "minimum": 1,
            "maximum": 60
          },
          "peakUncertainty": {
            "type": "number",
            "description": "How much higher the peak may turn out, a fraction of it; 0.25 when absent.",
            "minimum": 0,
            "maximum": 10
          },
          "usage": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "unit",
              "baseline",
              "perUnit"
            ],
            "properties": {
              "unit": {
                "type": "string",
                "enum": [
                  "cores",
                  "GiB"
                ]
              },
              "baseline": {
                "type": "number",
                "minimum": 0,
                "maximum": 1000000000,
                "description": "Use at zero load."
              },
              "perUnit": {
                "type": "number",
                "minimum": 0,
                "maximum": 1000000000,
                "description": "Use per driver unit."
              },
              "noise": {
                "type": "number",
                "minimum": 0,
                "maximum": 1000000000,
                "description": "p95 residual; 0 when absent."
              }
            }
          },
          "targetUtilisation": {
            "type": "number",
            "description": "Utilisation aimed for at the peak, in (0, 1]; 0.7 when absent.",
            "exclusiveMinimum": 0,
            "maximum": 1
          },
          "latency": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "serviceTimeSeconds",
              "objectiveSeconds"
            ],
            "description": "serviceTimeSeconds must be below objectiveSeconds.",
            "properties": {
              "serviceTimeSeconds": {
                "type": "number",
                "exclusiveMinimum": 0,
                "maximum": 86400
              },
              "objectiveSeconds": {
                "type": "number",
                "exclusiveMinimum": 0,
                "maximum": 86400
              },
              "percentile": {
                "type": "number",
                "exclusiveMinimum": 0,
                "exclusiveMaximum": 1
              }
            }
          },
          "requestPerReplica": {
            "type": "number",
            "description": "The request of one replica, in the unit; gives a replica count.",
            "minimum": 0.000001,
            "maximum": 1000000
          },
          "pricePerUnitHour": {
            "type": "number",
            "minimum": 0,
            "maximum": 1000000
          },
          "currency": {
            "type": "string",
            "minLength": 1,
            "maxLength": 8,
            "pattern": "\\S"
          },
          "current": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "replicas",
              "requests"
            ],
            "description": "What runs today, per replica; gives the verdict.",
            "properties": {
              "replicas": {
                "type": "integer",
                "minimum": 1,
                "maximum": 1000000
              },
              "requests": {
                "type": "number",
                "minimum": 0,
                "maximum": 1000000
              },
              "limits": {
                "type": "number",
                "minimum": 0,
                "maximum": 1000000
              }
            }
          },
          "measured": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "fitQuality",
              "forecastQuality"
            ],
            "description": "Set when the line and the peak were fitted from measured history.",
            "properties": {
              "fitQuality": {
                "type": "string",
                "enum": [
                  "good",
                  "poor",
                  "insufficient"
                ]
              },
              "forecastQuality": {
                "type": "string",
                "enum": [
                  "good",
                  "poor",
                  "insufficient"
                ]
              }
            }
          }
        }
      },
      "AssessmentRequest": {
        "title": "capacity assessment",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "inputs"
        ],
        "properties": {
          "inputs": {
            "$ref": "#/components/schemas/AssessmentInputs"
          },
          "note": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 2000,
            "pattern": "\\S"
          },
          "ownerRef": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 255,
            "pattern": "\\S",
            "description": "Only for a service not in the catalog yet; otherwise the catalog's owner."
          },
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 255,
            "pattern": "\\S",
            "description": "Only for a service not in the catalog yet."
          }
        }
      },
      "CapacityAssessment": {
        "type": "object",
        "required": [
          "entityRef",
          "version",
          "ownerRef",
          "lineOfBusiness",
          "inputs",
          "result",
          "recommendation",
          "note",
          "assessedAt",
          "assessedBy",
          "approvedAt",
          "approvedBy",
          "staleAt",
          "stale"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "version": {
            "type": "integer"
          },
          "ownerRef": {
            "type": [
              "string",
              "null"
            ]
          },
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "inputs": {
            "description": "The inputs as recorded, defaults filled in.",
            "allOf": [
              {
                "$ref": "#/components/schemas/AssessmentInputs"
              },
              {
                "required": [
                  "driver",
                  "growthPerMonth",
                  "horizonMonths",
                  "peakUncertainty",
                  "targetUtilisation"
                ],
                "properties": {
                  "driver": {
                    "type": "string"
                  },
                  "growthPerMonth": {
                    "type": "number"
                  },
                  "horizonMonths": {
                    "type": "number"
                  },
                  "peakUncertainty": {
                    "type": "number"
                  },
                  "targetUtilisation": {
                    "type": "number"
                  },
                  "usage": {
                    "type": "object",
                    "required": [
                      "unit",
                      "baseline",
                      "perUnit",
                      "noise"
                    ],
                    "properties": {
                      "unit": {
                        "type": "string",
                        "enum": [
                          "cores",
                          "GiB"
                        ]
                      },
                      "baseline": {
                        "type": "number"
                      },
                      "perUnit": {
                        "type": "number"
                      },
                      "noise": {
                        "type": "number"
                      }
                    }
                  }
                }
              }
            ]
          },
          "result": {
            "type": "object",
            "description": "The driver's peak over the horizon and core's capacity recommendation.",
            "required": [
              "driverPeakNow",
              "driverPeakAtHorizon",
              "driverUpperAtHorizon",
              "capacity"
            ],
            "properties": {
              "driverPeakNow": {
                "type": "number"
              },
              "driverPeakAtHorizon": {
                "type": "number"
              },
              "driverUpperAtHorizon": {
                "type": "number"
              },
              "capacity": {
                "$ref": "#/components/schemas/CapacityRecommendation"
              }
            }
          },
          "recommendation": {
            "type": "object",
            "required": [
              "unit",
              "needed",
              "replicas",
              "requestPerReplica",
              "monthlyCost",
              "currency"
            ],
            "properties": {
              "unit": {
                "type": "string",
                "enum": [
                  "cores",
                  "GiB"
                ]
              },
              "needed": {
                "type": "number"
              },
              "replicas": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "requestPerReplica": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "monthlyCost": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "currency": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "note": {
            "type": [
              "string",
              "null"
            ]
          },
          "assessedAt": {
            "type": "string",
            "format": "date-time"
          },
          "assessedBy": {
            "type": "string"
          },
          "approvedAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "approvedBy": {
            "type": [
              "string",
              "null"
            ]
          },
          "staleAt": {
            "type": "string",
            "format": "date-time"
          },
          "stale": {
            "type": "boolean"
          }
        }
      },
      "CapacityRecommendation": {
        "type": "object",
        "description": "Core's capacity recommendation (`CapacityRecommendation`), in the unit.",
        "required": [
          "unit",
          "needed",
          "neededPerReplica",
          "components",
          "current",
          "nFold",
          "quality",
          "reasons",
          "explanation"
        ],
        "properties": {
          "unit": {
            "type": "string",
            "enum": [
              "cores",
              "GiB"
            ]
          },
          "needed": {
            "type": "number"
          },
          "neededPerReplica": {
            "type": [
              "number",
              "null"
            ]
          },
          "components": {
            "type": "object",
            "required": [
              "driverPeak",
              "usageAtPeak",
              "usageMargin",
              "forecastMargin",
              "margin",
              "utilisation",
              "latencyUtilisationCap"
            ],
            "properties": {
              "driverPeak": {
                "type": "number"
              },
              "usageAtPeak": {
                "type": "number"
              },
              "usageMargin": {
                "type": "number"
              },
              "forecastMargin": {
                "type": "number"
              },
              "margin": {
                "type": "number"
              },
              "utilisation": {
                "type": "number"
              },
              "latencyUtilisationCap": {
                "type": [
                  "number",
                  "null"
                ]
              }
            }
          },
          "spikes": {
            "type": [
              "object",
              "null"
            ],
            "required": [
              "samples",
              "share",
              "height",
              "burst"
            ],
            "properties": {
              "samples": {
                "type": "integer"
              },
              "share": {
                "type": "number"
              },
              "height": {
                "type": "number"
              },
              "burst": {
                "type": "number"
              }
            }
          },
          "current": {
            "description": "Against what is provisioned today; null without a current allocation.",
            "oneOf": [
              {
                "type": "null"
              },
              {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/CapacityComparison"
                  },
                  {
                    "type": "object",
                    "required": [
                      "limitsProvisioned",
                      "limitsShortfall"
                    ],
                    "properties": {
                      "limitsProvisioned": {
                        "type": [
                          "number",
                          "null"
                        ],
                        "description": "Limits × replicas; null without limits (no bound)."
                      },
                      "limitsShortfall": {
                        "type": "number"
                      }
                    }
                  }
                ]
              }
            ]
          },
          "nFold": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/CapacityComparison"
                  },
                  {
                    "type": "object",
                    "required": [
                      "n",
                      "averageUse"
                    ],
                    "properties": {
                      "n": {
                        "type": "integer"
                      },
                      "averageUse": {
                        "type": "number"
                      }
                    }
                  }
                ]
              }
            ]
          },
          "quality": {
            "type": "string",
            "enum": [
              "good",
              "poor",
              "insufficient"
            ]
          },
          "reasons": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "explanation": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "CapacityComparison": {
        "type": "object",
        "required": [
          "provisioned",
          "difference",
          "relative",
          "verdict",
          "monthlyCost"
        ],
        "properties": {
          "provisioned": {
            "type": "number"
          },
          "difference": {
            "type": "number"
          },
          "relative": {
            "type": "number"
          },
          "verdict": {
            "type": "string",
            "enum": [
              "over-provisioned",
              "under-provisioned",
              "right-sized"
            ]
          },
          "monthlyCost": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "CapacityCoverageCounts": {
        "type": "object",
        "required": [
          "services",
          "assessed",
          "approved",
          "stale",
          "missing",
          "share"
        ],
        "properties": {
          "services": {
            "type": "integer"
          },
          "assessed": {
            "type": "integer"
          },
          "approved": {
            "type": "integer"
          },
          "stale": {
            "type": "integer"
          },
          "missing": {
            "type": "integer"
          },
          "share": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "CapacityCoverageGroup": {
        "allOf": [
          {
            "$ref": "#/components/schemas/CapacityCoverageCounts"
          },
          {
            "type": "object",
            "required": [
              "lineOfBusiness",
              "newServices",
              "unassessed"
            ],
            "properties": {
              "lineOfBusiness": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "newServices": {
                "$ref": "#/components/schemas/CapacityCoverageCounts"
              },
              "unassessed": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          }
        ]
      },
      "CapacityCoverage": {
        "type": "object",
        "required": [
          "generatedAt",
          "staleAfterDays",
          "newWithinDays",
          "total",
          "linesOfBusiness"
        ],
        "properties": {
          "generatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "staleAfterDays": {
            "type": "number"
          },
          "newWithinDays": {
            "type": "number"
          },
          "total": {
            "$ref": "#/components/schemas/CapacityCoverageGroup"
          },
          "linesOfBusiness": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CapacityCoverageGroup"
            }
          }
        }
      },
      "CostAmount": {
        "type": "string",
        "description": "A decimal amount, e.g. \"1234.50\"; sums of these are exact."
      },
      "EntityPeriodCost": {
        "type": "object",
        "required": [
          "period",
          "date",
          "currency",
          "cost",
          "previous",
          "change",
          "changeRatio"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "key": {
            "type": "string",
            "description": "Rollups: an entity, owner, line of business or (unallocated)."
          },
          "period": {
            "type": "number"
          },
          "date": {
            "type": "string"
          },
          "currency": {
            "type": "string"
          },
          "cost": {
            "$ref": "#/components/schemas/CostAmount"
          },
          "previous": {
            "type": [
              "string",
              "null"
            ]
          },
          "change": {
            "type": [
              "string",
              "null"
            ]
          },
          "changeRatio": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "PeriodCostList": {
        "type": "object",
        "required": [
          "grain",
          "view",
          "items"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "lineOfBusiness": {
            "type": "string"
          },
          "grain": {
            "type": "string",
            "enum": [
              "day",
              "month"
            ]
          },
          "view": {
            "type": "string",
            "enum": [
              "billed",
              "effective"
            ]
          },
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/EntityPeriodCost"
            }
          }
        }
      },
      "EntityCostList": {
        "description": "One entity's cost per period.",
        "allOf": [
          {
            "$ref": "#/components/schemas/PeriodCostList"
          },
          {
            "type": "object",
            "required": [
              "entityRef",
              "items"
            ],
            "properties": {
              "entityRef": {
                "type": "string"
              },
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/EntityCostRow"
                }
              }
            }
          }
        ]
      },
      "LineOfBusinessCostList": {
        "description": "The cost per period of every entity of a line of business.",
        "allOf": [
          {
            "$ref": "#/components/schemas/PeriodCostList"
          },
          {
            "type": "object",
            "required": [
              "lineOfBusiness",
              "items"
            ],
            "properties": {
              "lineOfBusiness": {
                "type": "string"
              },
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/EntityCostRow"
                }
              }
            }
          }
        ]
      },
      "EntityCostRow": {
        "allOf": [
          {
            "$ref": "#/components/schemas/EntityPeriodCost"
          },
          {
            "type": "object",
            "required": [
              "entityRef"
            ],
            "properties": {
              "entityRef": {
                "type": "string"
              }
            }
          }
        ]
      },
      "CostDrivers": {
        "type": "object",
        "required": [
          "entityRef",
          "view",
          "items",
          "totals"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "view": {
            "type": "string",
            "enum": [
              "billed",
              "effective"
            ]
          },
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "serviceName",
                "chargeCategory",
                "sharedRuleId",
                "currency",
                "cost",
                "share"
              ],
              "properties": {
                "serviceName": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "chargeCategory": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "sharedRuleId": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "currency": {
                  "type": "string"
                },
                "cost": {
                  "$ref": "#/components/schemas/CostAmount"
                },
                "share": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            }
          },
          "totals": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "currency",
                "cost"
              ],
              "properties": {
                "currency": {
                  "type": "string"
                },
                "cost": {
                  "$ref": "#/components/schemas/CostAmount"
                }
              }
            }
          }
        }
      },
      "UnitCost": {
        "type": "object",
        "required": [
          "entityRef",
          "lineOfBusiness",
          "grain",
          "view",
          "driver",
          "items"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "grain": {
            "type": "string",
            "enum": [
              "day",
              "month"
            ]
          },
          "view": {
            "type": "string",
            "enum": [
              "billed",
              "effective"
            ]
          },
          "driver": {
            "oneOf": [
              {
                "type": "object",
                "required": [
                  "query",
                  "unit"
                ],
                "properties": {
                  "query": {
                    "type": "string"
                  },
                  "unit": {
                    "type": "string"
                  }
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "period",
                "date",
                "currency",
                "cost",
                "driver",
                "unitCost",
                "band",
                "position",
                "flagged"
              ],
              "properties": {
                "period": {
                  "type": "number"
                },
                "date": {
                  "type": "string"
                },
                "currency": {
                  "type": "string"
                },
                "cost": {
                  "$ref": "#/components/schemas/CostAmount"
                },
                "driver": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "unitCost": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "band": {
                  "type": [
                    "object",
                    "null"
                  ],
                  "description": "The line of business's quartiles of unit cost that period.",
                  "required": [
                    "entities",
                    "p25",
                    "p50",
                    "p75"
                  ],
                  "properties": {
                    "entities": {
                      "type": "integer"
                    },
                    "p25": {
                      "type": "number"
                    },
                    "p50": {
                      "type": "number"
                    },
                    "p75": {
                      "type": "number"
                    }
                  }
                },
                "position": {
                  "type": "string",
                  "enum": [
                    "below",
                    "within",
                    "above",
                    "no-band",
                    "no-unit-cost"
                  ]
                },
                "flagged": {
                  "type": "boolean"
                }
              }
            }
          }
        }
      },
      "CostRollup": {
        "type": "object",
        "required": [
          "by",
          "grain",
          "view",
          "items"
        ],
        "properties": {
          "by": {
            "type": "string",
            "enum": [
              "entity",
              "owner",
              "lineOfBusiness"
            ]
          },
          "grain": {
            "type": "string",
            "enum": [
              "day",
              "month"
            ]
          },
          "view": {
            "type": "string",
            "enum": [
              "billed",
              "effective"
            ]
          },
          "items": {
            "type": "array",
            "items": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/EntityPeriodCost"
                },
                {
                  "type": "object",
                  "required": [
                    "key"
                  ],
                  "properties": {
                    "key": {
                      "type": "string"
                    }
                  }
                }
              ]
            }
          }
        }
      },
      "CostReconciliation": {
        "type": "object",
        "required": [
          "grain",
          "ok",
          "items"
        ],
        "properties": {
          "grain": {
            "type": "string",
            "enum": [
              "billingPeriod",
              "month",
              "day"
            ]
          },
          "ok": {
            "type": "boolean",
            "description": "Every row reconciles to the cent."
          },
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "period",
                "date",
                "currency",
                "view",
                "bill",
                "attributed",
                "unallocated",
                "differenceCents",
                "ok"
              ],
              "properties": {
                "grain": {
                  "type": "string"
                },
                "period": {
                  "type": "number"
                },
                "date": {
                  "type": "string"
                },
                "currency": {
                  "type": "string"
                },
                "view": {
                  "type": "string",
                  "enum": [
                    "billed",
                    "effective"
                  ]
                },
                "bill": {
                  "$ref": "#/components/schemas/CostAmount"
                },
                "attributed": {
                  "$ref": "#/components/schemas/CostAmount"
                },
                "unallocated": {
                  "$ref": "#/components/schemas/CostAmount"
                },
                "differenceCents": {
                  "type": "string"
                },
                "ok": {
                  "type": "boolean"
                }
              }
            }
          }
        }
      },
      "CostImportRun": {
        "type": "object",
        "required": [
          "id",
          "sourceId",
          "trigger",
          "status",
          "requestedBy",
          "startedAt",
          "finishedAt",
          "rows",
          "badRows",
          "badRowSamples",
          "periods",
          "error",
          "warnings"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "sourceId": {
            "type": "string"
          },
          "trigger": {
            "type": "string",
            "enum": [
              "schedule",
              "request",
              "upload"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "running",
              "succeeded",
              "failed"
            ]
          },
          "requestedBy": {
            "type": [
              "string",
              "null"
            ]
          },
          "startedAt": {
            "type": "string",
            "format": "date-time"
          },
          "finishedAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "rows": {
            "type": "integer"
          },
          "badRows": {
            "type": "integer"
          },
          "badRowSamples": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "file",
                "line",
                "column",
                "message"
              ],
              "properties": {
                "file": {
                  "type": "string"
                },
                "line": {
                  "type": "integer"
                },
                "column": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                }
              }
            }
          },
          "periods": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "error": {
            "type": [
              "string",
              "null"
            ]
          },
          "warnings": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "CostImportFailure": {
        "type": "object",
        "required": [
          "error",
          "run"
        ],
        "description": "An import that failed; nothing was written.",
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "name",
              "message"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          },
          "run": {
            "$ref": "#/components/schemas/CostImportRun"
          }
        }
      },
      "CostImportRequest": {
        "title": "cost import request",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "sourceId"
        ],
        "properties": {
          "sourceId": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "pattern": "\\S"
          }
        }
      },
      "OptimisationRecommendation": {
        "type": "object",
        "description": "A right-sizing recommendation: `OptimisationRecommendation` in the common package (current and recommended allocation, need, saving, risk, explanation, history).",
        "required": [
          "id",
          "entityRef",
          "ownerRef",
          "lineOfBusiness",
          "resource",
          "status",
          "allowedActions",
          "version",
          "action",
          "loadClass",
          "evidence",
          "current",
          "recommended",
          "needed",
          "driverName",
          "expectedMonthlySaving",
          "currency",
          "savingBreakdown",
          "pricingSource",
          "risk",
          "sloPolicy",
          "slo",
          "schedule",
          "baselines",
          "explanation",
          "exportFormats",
          "realisedMonthlySaving",
          "window",
          "createdAt",
          "updatedAt",
          "history"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "ownerRef": {
            "type": [
              "string",
              "null"
            ]
          },
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "resource": {
            "type": "string"
          },
          "status": {
            "type": "string",
            "enum": [
              "proposed",
              "accepted",
              "rejected",
              "applied",
              "verified",
              "regressed",
              "rolled-back"
            ]
          },
          "allowedActions": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "accept",
                "reject",
                "apply",
                "verify",
                "rollback"
              ]
            }
          },
          "version": {
            "type": "integer"
          },
          "action": {
            "type": "string",
            "enum": [
              "reduce",
              "increase",
              "resize",
              "hold"
            ]
          },
          "loadClass": {
            "type": "string",
            "enum": [
              "idle",
              "over-provisioned",
              "right-sized",
              "under-provisioned",
              "scheduled-scale-down"
            ]
          },
          "evidence": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "current": {
            "$ref": "#/components/schemas/OptimisationAllocation"
          },
          "recommended": {
            "$ref": "#/components/schemas/OptimisationAllocation"
          },
          "needed": {
            "type": "object",
            "required": [
              "cpuCores",
              "memoryBytes",
              "driverPeak",
              "peakAt"
            ],
            "properties": {
              "cpuCores": {
                "type": "number"
              },
              "memoryBytes": {
                "type": "number"
              },
              "driverPeak": {
                "type": "number"
              },
              "peakAt": {
                "type": "string"
              }
            }
          },
          "driverName": {
            "type": "string"
          },
          "expectedMonthlySaving": {
            "type": "string",
            "description": "Decimal; negative when the change costs more."
          },
          "realisedMonthlySaving": {
            "type": [
              "string",
              "null"
            ]
          },
          "currency": {
            "type": "string"
          },
          "savingBreakdown": {
            "type": "object",
            "required": [
              "cpu",
              "memory",
              "schedule"
            ],
            "properties": {
              "cpu": {
                "type": "number"
              },
              "memory": {
                "type": "number"
              },
              "schedule": {
                "type": "number"
              }
            }
          },
          "pricingSource": {
            "type": "string",
            "enum": [
              "cost-data",
              "config-prices"
            ]
          },
          "risk": {
            "type": "object",
            "required": [
              "level",
              "reasons"
            ],
            "properties": {
              "level": {
                "type": "string",
                "enum": [
                  "low",
                  "medium",
                  "high"
                ]
              },
              "reasons": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "sloPolicy": {
            "type": "string",
            "enum": [
              "normal",
              "conservative",
              "freeze"
            ]
          },
          "slo": {
            "type": [
              "object",
              "null"
            ],
            "description": "The SLO whose state set the policy (the one with the least budget left).",
            "required": [
              "name",
              "budgetRemaining",
              "burnRate"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "budgetRemaining": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "burnRate": {
                "type": [
                  "number",
                  "null"
                ]
              }
            }
          },
          "schedule": {
            "type": [
              "object",
              "null"
            ],
            "description": "A scheduled scale-down; null for other recommendations.",
            "required": [
              "timeZone",
              "period",
              "replicas",
              "windows",
              "monthlySaving"
            ],
            "properties": {
              "timeZone": {
                "type": "string"
              },
              "period": {
                "type": "string",
                "enum": [
                  "day",
                  "week"
                ]
              },
              "replicas": {
                "type": "integer"
              },
              "windows": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "start",
                    "end",
                    "hours",
                    "replicas",
                    "driverPeak",
                    "fractionOfPeak"
                  ],
                  "properties": {
                    "start": {
                      "$ref": "#/components/schemas/ScheduleTime"
                    },
                    "end": {
                      "$ref": "#/components/schemas/ScheduleTime"
                    },
                    "hours": {
                      "type": "number"
                    },
                    "replicas": {
                      "type": "integer"
                    },
                    "driverPeak": {
                      "type": "number"
                    },
                    "fractionOfPeak": {
                      "type": "number"
                    }
                  }
                }
              },
              "monthlySaving": {
                "type": "number"
              }
            }
          },
          "baselines": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "tool",
                "cpuRequest",
                "memRequest",
                "belowNeed",
                "explanation"
              ],
              "properties": {
                "tool": {
                  "type": "string",
                  "enum": [
                    "krr-simple",
                    "vpa",
                    "kubecost"
                  ]
                },
                "cpuRequest": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "memRequest": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "belowNeed": {
                  "type": "boolean"
                },
                "explanation": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          },
          "explanation": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "exportFormats": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "kubernetes-patch",
                "vpa",
                "hpa",
                "keda"
              ]
            }
          },
          "window": {
            "type": "object",
            "required": [
              "from",
              "to",
              "stepSeconds"
            ],
            "properties": {
              "from": {
                "type": "string"
              },
              "to": {
                "type": "string"
              },
              "stepSeconds": {
                "type": "number"
              }
            }
          },
          "createdAt": {
            "type": "string",
            "format": "date-time"
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "history": {
            "type": "array",
            "description": "Every step, oldest first.",
            "items": {
              "type": "object",
              "required": [
                "status",
                "at",
                "by",
                "reason",
                "verification"
              ],
              "properties": {
                "status": {
                  "type": "string",
                  "enum": [
                    "proposed",
                    "accepted",
                    "rejected",
                    "applied",
                    "verified",
                    "regressed",
                    "rolled-back"
                  ]
                },
                "at": {
                  "type": "string"
                },
                "by": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "reason": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "verification": {
                  "oneOf": [
                    {
                      "type": "null"
                    },
                    {
                      "$ref": "#/components/schemas/OptimisationVerification"
                    }
                  ]
                }
              }
            }
          }
        }
      },
      "OptimisationVerification": {
        "type": "object",
        "description": "A recommendation's saving measured over a period before and one after it.",
        "required": [
          "before",
          "after",
          "unitCost",
          "realisedMonthlySaving",
          "rawMonthlySaving",
          "promisedMonthlySaving",
          "ratio",
          "outcome",
          "slo",
          "suggestRollback",
          "reasons"
        ],
        "properties": {
          "source": {
            "type": "string",
            "enum": [
              "measured",
              "supplied"
            ]
          },
          "before": {
            "$ref": "#/components/schemas/OptimisationPeriod"
          },
          "after": {
            "$ref": "#/components/schemas/OptimisationPeriod"
          },
          "unitCost": {
            "type": "object",
            "required": [
              "before",
              "after",
              "change"
            ],
            "properties": {
              "before": {
                "type": "number"
              },
              "after": {
                "type": "number"
              },
              "change": {
                "type": "number"
              }
            }
          },
          "realisedMonthlySaving": {
            "type": "string"
          },
          "rawMonthlySaving": {
            "type": "string"
          },
          "promisedMonthlySaving": {
            "type": "string"
          },
          "ratio": {
            "type": [
              "number",
              "null"
            ]
          },
          "outcome": {
            "type": "string",
            "enum": [
              "realised",
              "partial",
              "not-realised"
            ]
          },
          "slo": {
            "type": "object",
            "required": [
              "before",
              "after",
              "z",
              "regression"
            ],
            "properties": {
              "before": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "after": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "z": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "regression": {
                "type": "boolean"
              }
            }
          },
          "suggestRollback": {
            "type": "boolean"
          },
          "reasons": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "OptimisationPeriod": {
        "type": "object",
        "required": [
          "from",
          "to",
          "cost",
          "driver",
          "sli",
          "burnRate"
        ],
        "properties": {
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          },
          "cost": {
            "type": "string"
          },
          "driver": {
            "type": "number"
          },
          "sli": {
            "type": [
              "number",
              "null"
            ]
          },
          "burnRate": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "ScheduleTime": {
        "type": "object",
        "description": "Local time as cron reads it; day of week 0 = Sunday, null for a daily window.",
        "required": [
          "day",
          "hour"
        ],
        "properties": {
          "day": {
            "type": [
              "integer",
              "null"
            ]
          },
          "hour": {
            "type": "integer"
          }
        }
      },
      "OptimisationAllocation": {
        "type": "object",
        "description": "Requests and limits per replica (CPU in cores, memory in bytes) and the replica count.",
        "required": [
          "replicas",
          "cpuRequest",
          "memRequest",
          "cpuLimit",
          "memLimit"
        ],
        "properties": {
          "replicas": {
            "type": "number"
          },
          "cpuRequest": {
            "type": "number"
          },
          "memRequest": {
            "type": "number"
          },
          "cpuLimit": {
            "type": [
              "number",
              "null"
            ]
          },
          "memLimit": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "OptimisationList": {
        "type": "object",
        "required": [
          "items",
          "totals"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/OptimisationRecommendation"
            }
          },
          "totals": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "currency",
                "potentialMonthlySaving",
                "realisedMonthlySaving",
                "count"
              ],
              "properties": {
                "currency": {
                  "type": "string"
                },
                "potentialMonthlySaving": {
                  "type": "string"
                },
                "realisedMonthlySaving": {
                  "type": "string"
                },
                "count": {
                  "type": "object",
                  "description": "Recommendations in each status.",
                  "required": [
                    "proposed",
                    "accepted",
                    "rejected",
                    "applied",
                    "verified",
                    "regressed",
                    "rolled-back"
                  ],
                  "additionalProperties": {
                    "type": "integer"
                  },
                  "properties": {
                    "proposed": {
                      "type": "integer"
                    },
                    "accepted": {
                      "type": "integer"
                    },
                    "rejected": {
                      "type": "integer"
                    },
                    "applied": {
                      "type": "integer"
                    },
                    "verified": {
                      "type": "integer"
                    },
                    "regressed": {
                      "type": "integer"
                    },
                    "rolled-back": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          }
        }
      },
      "OptimisationStep": {
        "title": "recommendation step",
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "reason": {
            "type": [
              "string",
              "null"
            ],
            "description": "Why; required to reject.",
            "maxLength": 2000,
            "pattern": "\\S"
          },
          "version": {
            "type": "integer",
            "minimum": 1,
            "description": "The version read; another current version gets 409."
          }
        }
      },
      "OptimisationApply": {
        "title": "recommendation step",
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "at": {
            "type": [
              "string",
              "number",
              "null"
            ],
            "description": "When the change was rolled out (ISO 8601 or unix seconds, not in the future and at most 5 minutes back, as the saving is measured from it); now when absent."
          },
          "version": {
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "OptimisationObservation": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "from",
          "to",
          "cost",
          "driver"
        ],
        "properties": {
          "from": {
            "type": [
              "string",
              "number"
            ],
            "description": "ISO 8601 or unix seconds."
          },
          "to": {
            "type": [
              "string",
              "number"
            ],
            "description": "ISO 8601 or unix seconds, after from."
          },
          "cost": {
            "type": "string",
            "description": "The cost over the period, a decimal string like \"1234.50\"."
          },
          "driver": {
            "type": "number",
            "description": "The driver's volume over the period, > 0."
          },
          "slo": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "good",
              "total"
            ],
            "properties": {
              "good": {
                "type": "number",
                "minimum": 0
              },
              "total": {
                "type": "number",
                "minimum": 0
              }
            }
          },
          "burnRate": {
            "type": "number",
            "minimum": 0
          }
        }
      },
      "OptimisationVerify": {
        "title": "verification",
        "type": "object",
        "additionalProperties": false,
        "description": "Both periods or neither (then they are measured).",
        "properties": {
          "before": {
            "$ref": "#/components/schemas/OptimisationObservation"
          },
          "after": {
            "$ref": "#/components/schemas/OptimisationObservation"
          },
          "version": {
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "CostAnomalyList": {
        "type": "object",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "id",
                "entityRef",
                "ownerRef",
                "lineOfBusiness",
                "series",
                "time",
                "at",
                "stepSeconds",
                "value",
                "expected",
                "score",
                "currency",
                "text",
                "tags",
                "detectedAt"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "entityRef": {
                  "type": "string"
                },
                "ownerRef": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "lineOfBusiness": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "series": {
                  "type": "string",
                  "enum": [
                    "cost",
                    "unit-cost"
                  ]
                },
                "time": {
                  "type": "number",
                  "description": "Unix milliseconds."
                },
                "at": {
                  "type": "string",
                  "format": "date-time"
                },
                "stepSeconds": {
                  "type": "number"
                },
                "value": {
                  "type": "number"
                },
                "expected": {
                  "type": "number"
                },
                "score": {
                  "type": "number"
                },
                "currency": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "text": {
                  "type": "string"
                },
                "tags": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "detectedAt": {
                  "type": "string",
                  "format": "date-time"
                }
              }
            }
          }
        }
      },
      "Error": {
        "type": "object",
        "required": [
          "error",
          "request",
          "response"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "name",
              "message"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          },
          "request": {
            "type": "object",
            "properties": {
              "method": {
                "type": "string"
              },
              "url": {
                "type": "string"
              }
            }
          },
          "response": {
            "type": "object",
            "required": [
              "statusCode"
            ],
            "properties": {
              "statusCode": {
                "type": "number"
              }
            }
          }
        }
      },
      "AlertmanagerWebhook": {
        "title": "Alertmanager notification",
        "type": "object",
        "description": "Alertmanager's webhook body, version \"4\". Core validates it and names the first bad field (`alerts[2].startsAt: must be RFC 3339`); unknown keys are ignored.",
        "properties": {
          "version": {
            "type": "string"
          },
          "groupKey": {
            "type": "string"
          },
          "status": {
            "type": "string"
          },
          "receiver": {
            "type": "string"
          },
          "alerts": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "truncatedAlerts": {
            "type": "integer"
          }
        }
      },
      "WebhookReceipt": {
        "type": "object",
        "required": [
          "alerts",
          "created",
          "resolved"
        ],
        "properties": {
          "alerts": {
            "type": "integer",
            "description": "Alerts in the notification."
          },
          "created": {
            "type": "integer",
            "description": "Alerts not received before (fingerprint and start)."
          },
          "resolved": {
            "type": "integer",
            "description": "Alerts this notification resolved."
          }
        }
      },
      "Incident": {
        "type": "object",
        "required": [
          "id",
          "entityRef",
          "service",
          "slo",
          "owner",
          "lineOfBusiness",
          "severity",
          "status",
          "alertName",
          "summary",
          "fingerprints",
          "impactStart",
          "impactSource",
          "detectedAt",
          "notifiedAt",
          "acknowledgedAt",
          "acknowledgedBy",
          "mitigatedAt",
          "mitigationSource",
          "resolvedAt",
          "ttdSeconds",
          "ttaSeconds",
          "ttrSeconds",
          "timeToResolveSeconds"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "service": {
            "type": "string"
          },
          "slo": {
            "type": [
              "string",
              "null"
            ]
          },
          "owner": {
            "type": [
              "string",
              "null"
            ]
          },
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "severity": {
            "type": "string",
            "enum": [
              "P1",
              "P2",
              "P3",
              "P4"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "open",
              "resolved"
            ]
          },
          "alertName": {
            "type": "string"
          },
          "summary": {
            "type": [
              "string",
              "null"
            ]
          },
          "fingerprints": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "impactStart": {
            "type": "string",
            "format": "date-time"
          },
          "impactSource": {
            "type": "string",
            "enum": [
              "slo",
              "alert"
            ]
          },
          "detectedAt": {
            "type": "string",
            "format": "date-time"
          },
          "notifiedAt": {
            "type": "string",
            "format": "date-time"
          },
          "acknowledgedAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "acknowledgedBy": {
            "type": [
              "string",
              "null"
            ]
          },
          "mitigatedAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "mitigationSource": {
            "type": [
              "string",
              "null"
            ]
          },
          "resolvedAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "ttdSeconds": {
            "type": "number"
          },
          "ttaSeconds": {
            "type": [
              "number",
              "null"
            ]
          },
          "ttrSeconds": {
            "type": [
              "number",
              "null"
            ]
          },
          "timeToResolveSeconds": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "IncidentList": {
        "type": "object",
        "required": [
          "from",
          "to",
          "items"
        ],
        "properties": {
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Incident"
            }
          }
        }
      },
      "DurationStat": {
        "type": [
          "object",
          "null"
        ],
        "description": "Seconds over the incidents where the measure is known; null when none.",
        "required": [
          "mean",
          "p50",
          "p90"
        ],
        "properties": {
          "mean": {
            "type": "number"
          },
          "p50": {
            "type": "number"
          },
          "p90": {
            "type": "number"
          }
        }
      },
      "MttxSummary": {
        "type": "object",
        "required": [
          "count",
          "open",
          "mttd",
          "mtta",
          "mttr",
          "attainment",
          "graded"
        ],
        "properties": {
          "count": {
            "type": "integer"
          },
          "open": {
            "type": "integer"
          },
          "mttd": {
            "$ref": "#/components/schemas/DurationStat"
          },
          "mtta": {
            "$ref": "#/components/schemas/DurationStat"
          },
          "mttr": {
            "$ref": "#/components/schemas/DurationStat"
          },
          "mttResolve": {
            "$ref": "#/components/schemas/DurationStat"
          },
          "attainment": {
            "type": [
              "number",
              "null"
            ],
            "description": "Fraction of graded incidents within every target of their severity."
          },
          "graded": {
            "type": "integer"
          }
        }
      },
      "MttxReport": {
        "type": "object",
        "required": [
          "by",
          "from",
          "to",
          "targets",
          "groups",
          "dora"
        ],
        "properties": {
          "by": {
            "type": "string",
            "enum": [
              "severity",
              "service",
              "team",
              "lineOfBusiness",
              "month"
            ]
          },
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "targets": {
            "type": "object",
            "description": "Targets per severity, in seconds.",
            "propertyNames": {
              "enum": [
                "P1",
                "P2",
                "P3",
                "P4"
              ]
            },
            "additionalProperties": {
              "type": "object",
              "properties": {
                "detectSeconds": {
                  "type": "number"
                },
                "acknowledgeSeconds": {
                  "type": "number"
                },
                "recoverSeconds": {
                  "type": "number"
                }
              }
            }
          },
          "groups": {
            "type": "object",
            "additionalProperties": {
              "$ref": "#/components/schemas/MttxSummary"
            }
          },
          "dora": {
            "type": "object",
            "properties": {
              "deployments": {
                "type": "integer"
              },
              "failed": {
                "type": "integer"
              },
              "changeFailureRate": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "failedDeploymentRecovery": {
                "$ref": "#/components/schemas/DurationStat"
              }
            }
          }
        }
      },
      "DeployEvent": {
        "title": "deploy event",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "service"
        ],
        "properties": {
          "service": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "The catalog service (component name)."
          },
          "entityRef": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Default: component:default/<service>."
          },
          "at": {
            "type": "string",
            "minLength": 1,
            "maxLength": 40,
            "description": "RFC 3339; default: now."
          },
          "version": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          }
        }
      },
      "DrillProbe": {
        "type": "object",
        "required": [
          "name",
          "mode",
          "passed",
          "detail"
        ],
        "properties": {
          "name": {
            "type": "string",
            "maxLength": 255
          },
          "mode": {
            "type": "string",
            "enum": [
              "SOT",
              "EOT",
              "OnChaos"
            ]
          },
          "passed": {
            "type": "boolean"
          },
          "detail": {
            "type": "string",
            "maxLength": 1024
          }
        }
      },
      "DrillRunRecord": {
        "type": "object",
        "description": "The record `headroom drill run` prints (core's judgeDrill).",
        "required": [
          "drill",
          "service",
          "slo",
          "verdict",
          "summary",
          "startedAt",
          "faultStartedAt",
          "faultEndedAt",
          "endedAt",
          "probes",
          "detection",
          "recovery",
          "aborted",
          "budgetSpent",
          "resilienceScore"
        ],
        "properties": {
          "drill": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "service": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "slo": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "verdict": {
            "type": "string",
            "enum": [
              "Pass",
              "Fail",
              "Aborted",
              "Skipped"
            ]
          },
          "summary": {
            "type": "string",
            "maxLength": 4096
          },
          "startedAt": {
            "type": "string",
            "maxLength": 40
          },
          "faultStartedAt": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 40
          },
          "faultEndedAt": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 40
          },
          "endedAt": {
            "type": "string",
            "maxLength": 40
          },
          "probes": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "$ref": "#/components/schemas/DrillProbe"
            }
          },
          "detection": {
            "type": "object",
            "required": [
              "expected",
              "alertFiredAt",
              "ttdSeconds",
              "withinTarget"
            ],
            "properties": {
              "expected": {
                "type": "boolean"
              },
              "alertFiredAt": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 40
              },
              "ttdSeconds": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "withinTarget": {
                "type": [
                  "boolean",
                  "null"
                ]
              }
            }
          },
          "recovery": {
            "type": "object",
            "required": [
              "expected",
              "recoveredAt",
              "ttrSeconds",
              "withinTarget"
            ],
            "properties": {
              "expected": {
                "type": "boolean"
              },
              "recoveredAt": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 40
              },
              "ttrSeconds": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "withinTarget": {
                "type": [
                  "boolean",
                  "null"
                ]
              }
            }
          },
          "aborted": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "required": [
                  "at",
                  "reason"
                ],
                "properties": {
                  "at": {
                    "type": "string",
                    "maxLength": 40
                  },
                  "reason": {
                    "type": "string",
                    "maxLength": 1024
                  }
                }
              }
            ]
          },
          "budgetSpent": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 0
          },
          "resilienceScore": {
            "type": "number",
            "minimum": 0,
            "maximum": 100
          }
        }
      },
      "DrillRunFault": {
        "type": "object",
        "required": [
          "type",
          "target",
          "weight"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "errors",
              "latency",
              "outage",
              "capacity-loss",
              "dependency-outage",
              "bad-deploy"
            ]
          },
          "target": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "weight": {
            "type": "integer",
            "minimum": 0,
            "maximum": 10
          }
        }
      },
      "DependantImpact": {
        "type": "object",
        "required": [
          "service",
          "slo",
          "steady",
          "detail"
        ],
        "properties": {
          "service": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "slo": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "steady": {
            "type": "boolean"
          },
          "detail": {
            "type": "string",
            "maxLength": 1024
          }
        }
      },
      "DrillRunInput": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "record",
          "faults"
        ],
        "properties": {
          "entityRef": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Default: component:default/<record.service>."
          },
          "record": {
            "$ref": "#/components/schemas/DrillRunRecord"
          },
          "faults": {
            "type": "array",
            "minItems": 1,
            "maxItems": 50,
            "items": {
              "$ref": "#/components/schemas/DrillRunFault"
            }
          },
          "alertSeverity": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "page",
              "ticket",
              null
            ]
          },
          "dependants": {
            "type": "array",
            "maxItems": 200,
            "items": {
              "$ref": "#/components/schemas/DependantImpact"
            }
          }
        }
      },
      "DrillRun": {
        "type": "object",
        "required": [
          "id",
          "entityRef",
          "source",
          "recordedBy",
          "record",
          "faults",
          "alertSeverity",
          "dependants",
          "incidents"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "source": {
            "type": "string",
            "enum": [
              "cli",
              "scheduler"
            ]
          },
          "recordedBy": {
            "type": "string"
          },
          "record": {
            "$ref": "#/components/schemas/DrillRunRecord"
          },
          "faults": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DrillRunFault"
            }
          },
          "alertSeverity": {
            "type": [
              "string",
              "null"
            ]
          },
          "dependants": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DependantImpact"
            }
          },
          "incidents": {
            "type": "array",
            "description": "The entity's incidents whose impact started during the run (from a minute before the fault).",
            "items": {
              "type": "object",
              "required": [
                "id",
                "severity",
                "impactStart"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "severity": {
                  "type": "string"
                },
                "impactStart": {
                  "type": "string",
                  "format": "date-time"
                }
              }
            }
          }
        }
      },
      "ResiliencePoint": {
        "type": "object",
        "required": [
          "from",
          "to",
          "score",
          "runs",
          "faults"
        ],
        "properties": {
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          },
          "score": {
            "type": [
              "number",
              "null"
            ]
          },
          "runs": {
            "type": "integer"
          },
          "faults": {
            "type": "integer"
          }
        }
      },
      "ResilienceSeries": {
        "type": "object",
        "required": [
          "key",
          "score",
          "points"
        ],
        "properties": {
          "key": {
            "type": "string"
          },
          "score": {
            "type": [
              "number",
              "null"
            ],
            "description": "Litmus: sum of weight x probe success % over the sum of weights, 0-100."
          },
          "points": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ResiliencePoint"
            }
          }
        }
      },
      "EntityDrills": {
        "type": "object",
        "required": [
          "entityRef",
          "from",
          "to",
          "file",
          "problems",
          "drills",
          "runs",
          "resilience"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          },
          "file": {
            "type": [
              "string",
              "null"
            ]
          },
          "problems": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "drills": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "name",
                "slo",
                "hypothesis",
                "faults",
                "schedule",
                "held"
              ],
              "properties": {
                "name": {
                  "type": "string"
                },
                "slo": {
                  "type": "string"
                },
                "hypothesis": {
                  "type": "string"
                },
                "faults": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/DrillRunFault"
                  }
                },
                "schedule": {
                  "oneOf": [
                    {
                      "type": "null"
                    },
                    {
                      "type": "object",
                      "required": [
                        "cron",
                        "at",
                        "minBudgetRemaining"
                      ],
                      "properties": {
                        "cron": {
                          "type": [
                            "string",
                            "null"
                          ]
                        },
                        "at": {
                          "type": "array",
                          "items": {
                            "type": "string"
                          }
                        },
                        "minBudgetRemaining": {
                          "type": "number"
                        }
                      }
                    }
                  ]
                },
                "held": {
                  "oneOf": [
                    {
                      "type": "null"
                    },
                    {
                      "type": "object",
                      "required": [
                        "at",
                        "reason"
                      ],
                      "properties": {
                        "at": {
                          "type": "string"
                        },
                        "reason": {
                          "type": "string"
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "runs": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DrillRun"
            }
          },
          "resilience": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "$ref": "#/components/schemas/ResilienceSeries"
              }
            ]
          }
        }
      },
      "DrillWeakLinks": {
        "type": "object",
        "required": [
          "from",
          "to",
          "lineOfBusiness",
          "failedDrills",
          "undrilled",
          "spreading",
          "silentAlerts"
        ],
        "properties": {
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          },
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "failedDrills": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "service",
                "drill",
                "at",
                "verdict",
                "misses",
                "summary"
              ],
              "properties": {
                "service": {
                  "type": "string"
                },
                "drill": {
                  "type": "string"
                },
                "at": {
                  "type": "string"
                },
                "verdict": {
                  "type": "string"
                },
                "misses": {
                  "type": "array",
                  "items": {
                    "type": "string",
                    "enum": [
                      "hypothesis",
                      "detection",
                      "recovery"
                    ]
                  }
                },
                "summary": {
                  "type": "string"
                }
              }
            }
          },
          "undrilled": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "service",
                "lastDrillAt"
              ],
              "properties": {
                "service": {
                  "type": "string"
                },
                "lastDrillAt": {
                  "type": [
                    "string",
                    "null"
                  ]
                }
              }
            }
          },
          "spreading": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "dependency",
                "dependant",
                "slo",
                "path",
                "drill",
                "at",
                "runs",
                "detail"
              ],
              "properties": {
                "dependency": {
                  "type": "string"
                },
                "dependant": {
                  "type": "string"
                },
                "slo": {
                  "type": "string"
                },
                "path": {
                  "type": [
                    "array",
                    "null"
                  ],
                  "items": {
                    "type": "string"
                  }
                },
                "drill": {
                  "type": "string"
                },
                "at": {
                  "type": "string"
                },
                "runs": {
                  "type": "integer"
                },
                "detail": {
                  "type": "string"
                }
              }
            }
          },
          "silentAlerts": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "service",
                "slo",
                "severity",
                "drills",
                "runs"
              ],
              "properties": {
                "service": {
                  "type": "string"
                },
                "slo": {
                  "type": "string"
                },
                "severity": {
                  "type": "string",
                  "enum": [
                    "page",
                    "ticket"
                  ]
                },
                "drills": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "runs": {
                  "type": "integer"
                }
              }
            }
          }
        }
      },
      "DrillResilience": {
        "type": "object",
        "required": [
          "by",
          "from",
          "to",
          "stepSeconds",
          "series"
        ],
        "properties": {
          "by": {
            "type": "string",
            "enum": [
              "service",
              "lineOfBusiness"
            ]
          },
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          },
          "stepSeconds": {
            "type": "integer"
          },
          "series": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ResilienceSeries"
            }
          }
        }
      },
      "RunbookFinding": {
        "type": "object",
        "required": [
          "step",
          "kind",
          "holds",
          "value",
          "detail"
        ],
        "properties": {
          "step": {
            "type": "string",
            "maxLength": 255
          },
          "kind": {
            "type": "string",
            "enum": [
              "query",
              "recentChanges",
              "dependencyHealth",
              "saturation"
            ]
          },
          "holds": {
            "type": "boolean"
          },
          "value": {
            "type": [
              "number",
              "null"
            ]
          },
          "detail": {
            "type": "string",
            "maxLength": 4096
          },
          "changes": {
            "type": "array",
            "maxItems": 1000,
            "items": {
              "type": "object"
            }
          },
          "unhealthy": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "error": {
            "type": "string",
            "maxLength": 4096
          }
        }
      },
      "RunbookActionRecord": {
        "type": "object",
        "required": [
          "action",
          "type",
          "decision",
          "startedAt",
          "outcome",
          "detail",
          "verification"
        ],
        "properties": {
          "action": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "type": {
            "type": "string",
            "enum": [
              "rollback",
              "scale",
              "restart",
              "shift-traffic",
              "shed-traffic",
              "flag",
              "webhook"
            ]
          },
          "decision": {
            "type": "object",
            "required": [
              "verdict",
              "guardrail",
              "reason"
            ],
            "properties": {
              "verdict": {
                "type": "string",
                "enum": [
                  "run",
                  "dry-run",
                  "await-approval",
                  "refuse"
                ]
              },
              "guardrail": {
                "type": "string",
                "enum": [
                  "rate-limit",
                  "cooldown",
                  "blast-radius",
                  "freeze",
                  "approval",
                  "dry-run",
                  "none"
                ]
              },
              "reason": {
                "type": "string",
                "maxLength": 4096
              }
            }
          },
          "startedAt": {
            "type": [
              "number",
              "null"
            ],
            "description": "unix seconds"
          },
          "outcome": {
            "type": "string",
            "enum": [
              "succeeded",
              "failed",
              "not-run"
            ]
          },
          "detail": {
            "type": "string",
            "maxLength": 16384
          },
          "approval": {
            "description": "Who approved the risky action while the run waited, and when (unix seconds).",
            "type": "object",
            "required": [
              "by",
              "at"
            ],
            "properties": {
              "by": {
                "type": "string",
                "maxLength": 255
              },
              "at": {
                "type": "number"
              }
            }
          },
          "verification": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "required": [
                  "verdict",
                  "recoveredAt",
                  "deadline"
                ],
                "properties": {
                  "verdict": {
                    "type": "string",
                    "enum": [
                      "recovered",
                      "timed-out"
                    ]
                  },
                  "recoveredAt": {
                    "type": [
                      "number",
                      "null"
                    ]
                  },
                  "deadline": {
                    "type": "number"
                  }
                }
              }
            ]
          }
        }
      },
      "RunbookAuditRecord": {
        "title": "runbook audit record",
        "description": "One run, as `headroom runbook run` prints it. Times are unix seconds.",
        "type": "object",
        "required": [
          "runbook",
          "service",
          "slo",
          "mode",
          "trigger",
          "startedAt",
          "endedAt",
          "findings",
          "chosen",
          "actions",
          "result",
          "times",
          "escalation",
          "summary"
        ],
        "properties": {
          "runbook": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "service": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "slo": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "mode": {
            "type": "string",
            "enum": [
              "live",
              "dry-run"
            ]
          },
          "trigger": {
            "type": "object",
            "required": [
              "by",
              "labels",
              "firedAt"
            ],
            "properties": {
              "by": {
                "type": "string",
                "maxLength": 255
              },
              "labels": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                }
              },
              "firedAt": {
                "type": [
                  "number",
                  "null"
                ]
              }
            }
          },
          "startedAt": {
            "type": "number"
          },
          "endedAt": {
            "type": "number"
          },
          "findings": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "$ref": "#/components/schemas/RunbookFinding"
            }
          },
          "chosen": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "type": "string"
            }
          },
          "actions": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "$ref": "#/components/schemas/RunbookActionRecord"
            }
          },
          "result": {
            "type": "string",
            "enum": [
              "recovered",
              "escalated",
              "dry-run",
              "awaiting-approval",
              "refused",
              "not-triggered"
            ]
          },
          "times": {
            "type": "object",
            "required": [
              "impactStartedAt",
              "detectedAt",
              "recoveredAt",
              "ttdSeconds",
              "ttrSeconds"
            ],
            "properties": {
              "impactStartedAt": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "detectedAt": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "recoveredAt": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "ttdSeconds": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "ttrSeconds": {
                "type": [
                  "number",
                  "null"
                ]
              }
            }
          },
          "escalation": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "required": [
                  "reason",
                  "tried"
                ],
                "properties": {
                  "reason": {
                    "type": "string",
                    "maxLength": 16384
                  },
                  "tried": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              }
            ]
          },
          "summary": {
            "type": "string",
            "maxLength": 16384
          }
        }
      },
      "RunbookRunInput": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "record"
        ],
        "properties": {
          "record": {
            "$ref": "#/components/schemas/RunbookAuditRecord"
          },
          "entityRef": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Default: component:default/<record.service>."
          },
          "incidentId": {
            "type": "string",
            "pattern": "^[A-Za-z0-9_.:]{1,64}-[0-9]{1,12}$",
            "description": "Default: the service's incident open when the alert fired."
          }
        }
      },
      "RunbookRun": {
        "type": "object",
        "required": [
          "id",
          "entityRef",
          "incidentId",
          "record",
          "recordedBy",
          "recordedAt",
          "approvals"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "incidentId": {
            "type": [
              "string",
              "null"
            ]
          },
          "record": {
            "$ref": "#/components/schemas/RunbookAuditRecord"
          },
          "recordedBy": {
            "type": "string"
          },
          "recordedAt": {
            "type": "string",
            "description": "RFC 3339"
          },
          "approvals": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "action",
                "by",
                "at"
              ],
              "properties": {
                "action": {
                  "type": "string"
                },
                "by": {
                  "type": "string"
                },
                "at": {
                  "type": "string",
                  "description": "RFC 3339"
                }
              }
            }
          }
        }
      },
      "RunbookRunList": {
        "type": "object",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RunbookRun"
            }
          }
        }
      },
      "RunbookRecovery": {
        "type": "object",
        "required": [
          "from",
          "to",
          "lineOfBusiness",
          "incidents",
          "autoRecovered",
          "manual",
          "autoRecoveredShare"
        ],
        "properties": {
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          },
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "incidents": {
            "type": "integer"
          },
          "autoRecovered": {
            "$ref": "#/components/schemas/RecoverySide"
          },
          "manual": {
            "$ref": "#/components/schemas/RecoverySide"
          },
          "autoRecoveredShare": {
            "type": [
              "number",
              "null"
            ]
          },
          "timeSavedSeconds": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "RunbookLobCoverage": {
        "type": "object",
        "required": [
          "lineOfBusiness",
          "alerts",
          "covered",
          "share",
          "services",
          "problems"
        ],
        "properties": {
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "alerts": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "service",
                "alertname",
                "runbooks"
              ],
              "properties": {
                "service": {
                  "type": "string"
                },
                "alertname": {
                  "type": "string"
                },
                "runbooks": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          },
          "covered": {
            "type": "integer"
          },
          "share": {
            "type": [
              "number",
              "null"
            ]
          },
          "services": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "service",
                "alerts",
                "covered",
                "share"
              ],
              "properties": {
                "service": {
                  "type": "string"
                },
                "alerts": {
                  "type": "integer"
                },
                "covered": {
                  "type": "integer"
                },
                "share": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            }
          },
          "problems": {
            "description": "Runbooks files that could not be used, each naming the file and the field.",
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "RecoverySide": {
        "type": "object",
        "required": [
          "count",
          "ttr"
        ],
        "properties": {
          "count": {
            "type": "integer"
          },
          "ttr": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "required": [
                  "mean",
                  "p50",
                  "p90"
                ],
                "properties": {
                  "mean": {
                    "type": "number"
                  },
                  "p50": {
                    "type": "number"
                  },
                  "p90": {
                    "type": "number"
                  }
                }
              }
            ]
          }
        }
      },
      "EntityRunbooks": {
        "type": "object",
        "required": [
          "entityRef",
          "from",
          "to",
          "summary",
          "runs",
          "definitions",
          "coverage"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          },
          "summary": {
            "type": "object",
            "required": [
              "runs",
              "live",
              "recovered",
              "escalated",
              "dryRuns",
              "heldBack",
              "successRate",
              "medianTtrSeconds",
              "medianTtdSeconds",
              "lastRunAt"
            ],
            "properties": {
              "runs": {
                "type": "integer"
              },
              "live": {
                "type": "integer"
              },
              "recovered": {
                "type": "integer"
              },
              "escalated": {
                "type": "integer"
              },
              "dryRuns": {
                "type": "integer"
              },
              "heldBack": {
                "type": "integer"
              },
              "successRate": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "medianTtrSeconds": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "medianTtdSeconds": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "lastRunAt": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "runs": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RunbookRun"
            }
          },
          "definitions": {
            "description": "The runbooks of the entity's headroom.dev/runbooks file, or the file's problems.",
            "type": "object",
            "required": [
              "file",
              "runbooks",
              "problems"
            ],
            "properties": {
              "file": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "runbooks": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "name",
                    "slo",
                    "actions"
                  ],
                  "properties": {
                    "name": {
                      "type": "string"
                    },
                    "slo": {
                      "type": "string"
                    },
                    "actions": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    }
                  }
                }
              },
              "problems": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "coverage": {
            "description": "Which of the entity's SLO burn alerts have a runbook (core's runbookCoverage).",
            "type": "object",
            "required": [
              "alerts",
              "covered",
              "share"
            ],
            "properties": {
              "alerts": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "service",
                    "alertname",
                    "runbooks"
                  ],
                  "properties": {
                    "service": {
                      "type": "string"
                    },
                    "alertname": {
                      "type": "string"
                    },
                    "runbooks": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    }
                  }
                }
              },
              "covered": {
                "type": "integer"
              },
              "share": {
                "type": [
                  "number",
                  "null"
                ]
              }
            }
          }
        }
      },
      "ChangeRequest": {
        "title": "change",
        "type": "object",
        "additionalProperties": false,
        "required": [
          "entityRef",
          "version"
        ],
        "properties": {
          "entityRef": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "The catalog entity, e.g. component:default/ledger."
          },
          "version": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "kind": {
            "type": "string",
            "enum": [
              "deploy",
              "canary"
            ],
            "description": "Default: deploy."
          },
          "at": {
            "type": "string",
            "minLength": 1,
            "maxLength": 40,
            "description": "RFC 3339; default: now."
          },
          "watchMinutes": {
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 10080,
            "description": "Default: headroom.changes.watchMinutes (30)."
          },
          "size": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "linesChanged"
            ],
            "properties": {
              "linesChanged": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100000000
              },
              "irreversible": {
                "type": "boolean"
              }
            }
          },
          "target": {
            "type": "object",
            "additionalProperties": false,
            "description": "The Rollout or Canary the rollback acts on, when not named like the service.",
            "properties": {
              "namespace": {
                "type": "string",
                "minLength": 1,
                "maxLength": 253
              },
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 253
              }
            }
          }
        }
      },
      "ChangeVerdict": {
        "type": "object",
        "required": [
          "at",
          "classification",
          "score",
          "source",
          "verdict"
        ],
        "properties": {
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "classification": {
            "type": "string",
            "enum": [
              "Pass",
              "Marginal",
              "Fail"
            ]
          },
          "score": {
            "type": "number"
          },
          "source": {
            "type": "string",
            "enum": [
              "prometheus",
              "posted"
            ]
          },
          "verdict": {
            "type": "object",
            "additionalProperties": true,
            "description": "The canary judge's whole verdict.",
            "properties": {
              "reason": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          }
        }
      },
      "ChangeRollback": {
        "type": "object",
        "required": [
          "at",
          "reason",
          "trigger",
          "action",
          "outcome",
          "detail"
        ],
        "properties": {
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "reason": {
            "type": "string"
          },
          "trigger": {
            "type": "object",
            "additionalProperties": true,
            "description": "The signal: a canary verdict or a page burn."
          },
          "action": {
            "type": "string",
            "enum": [
              "argo",
              "flagger",
              "webhook",
              "simulator",
              "none"
            ]
          },
          "outcome": {
            "type": "string",
            "enum": [
              "sent",
              "described",
              "failed"
            ]
          },
          "detail": {
            "type": "object",
            "additionalProperties": true,
            "description": "The call made (credentials redacted) and its answer."
          }
        }
      },
      "Change": {
        "type": "object",
        "required": [
          "id",
          "entityRef",
          "service",
          "lineOfBusiness",
          "version",
          "kind",
          "startedAt",
          "watchUntil",
          "state",
          "recorded",
          "source",
          "assessment",
          "verdicts",
          "rollbacks",
          "outcome"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "service": {
            "type": "string"
          },
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "version": {
            "type": "string"
          },
          "kind": {
            "type": "string",
            "enum": [
              "deploy",
              "canary"
            ]
          },
          "startedAt": {
            "type": "string",
            "format": "date-time"
          },
          "watchUntil": {
            "type": "string",
            "format": "date-time"
          },
          "state": {
            "type": "string",
            "enum": [
              "live",
              "promoted",
              "rolled-back"
            ]
          },
          "recorded": {
            "type": "boolean",
            "description": "false for a deploy recorded through POST /deploys only."
          },
          "source": {
            "type": "string"
          },
          "assessment": {
            "description": "Core's risk pre-assessment; null when the change was not assessed.",
            "oneOf": [
              {
                "type": "null"
              },
              {
                "$ref": "#/components/schemas/ChangeAssessment"
              }
            ]
          },
          "verdicts": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ChangeVerdict"
            }
          },
          "rollbacks": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ChangeRollback"
            }
          },
          "outcome": {
            "type": "object",
            "required": [
              "incidentId",
              "rolledBack",
              "failed"
            ],
            "properties": {
              "incidentId": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "The incident the change caused (DORA attribution)."
              },
              "rolledBack": {
                "type": "boolean"
              },
              "failed": {
                "type": "boolean"
              }
            }
          }
        }
      },
      "ChangeAssessment": {
        "type": "object",
        "additionalProperties": true,
        "required": [
          "score",
          "level",
          "recommendation",
          "holds",
          "factors"
        ],
        "properties": {
          "score": {
            "type": "number",
            "description": "0 to 100."
          },
          "level": {
            "type": "string",
            "enum": [
              "low",
              "medium",
              "high",
              "critical"
            ]
          },
          "recommendation": {
            "type": "string",
            "enum": [
              "proceed",
              "canary",
              "approve",
              "hold"
            ]
          },
          "holds": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "factors": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "name",
                "score",
                "weight",
                "points",
                "explanation"
              ],
              "properties": {
                "name": {
                  "type": "string"
                },
                "score": {
                  "type": "number",
                  "description": "0 (no risk) to 1 (full risk)."
                },
                "weight": {
                  "type": "number"
                },
                "points": {
                  "type": "number"
                },
                "explanation": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "ChangeFailureRate": {
        "type": "object",
        "required": [
          "changes",
          "failed",
          "changeFailureRate"
        ],
        "properties": {
          "lineOfBusiness": {
            "type": [
              "string",
              "null"
            ]
          },
          "changes": {
            "type": "integer"
          },
          "failed": {
            "type": "integer"
          },
          "changeFailureRate": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "ChangeList": {
        "type": "object",
        "required": [
          "from",
          "to",
          "items",
          "failureRate",
          "byLineOfBusiness"
        ],
        "properties": {
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Change"
            }
          },
          "failureRate": {
            "$ref": "#/components/schemas/ChangeFailureRate"
          },
          "byLineOfBusiness": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ChangeFailureRate"
            }
          }
        }
      },
      "ChangeDecision": {
        "type": "object",
        "required": [
          "rollback",
          "reason",
          "watchUntil"
        ],
        "properties": {
          "rollback": {
            "type": "boolean"
          },
          "reason": {
            "type": "string"
          },
          "trigger": {
            "type": [
              "object",
              "null"
            ],
            "additionalProperties": true
          },
          "watchUntil": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "CanaryJudgement": {
        "type": "object",
        "required": [
          "verdict",
          "decision",
          "change"
        ],
        "properties": {
          "verdict": {
            "type": "object",
            "additionalProperties": true
          },
          "decision": {
            "$ref": "#/components/schemas/ChangeDecision"
          },
          "change": {
            "$ref": "#/components/schemas/Change"
          }
        }
      }
    },
    "securitySchemes": {
      "JWT": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT"
      }
    }
  },
  "security": [
    {},
    {
      "JWT": []
    }
  ],
  "paths": {
    "/slos": {
      "get": {
        "operationId": "ListSlos",
        "description": "Every SLO the caller may read, with its latest status, ordered by entity and name. `totalCount` counts the readable SLOs matching the filters, over all pages.",
        "parameters": [
          {
            "name": "owner",
            "in": "query",
            "allowReserved": true,
            "required": false,
            "description": "The owning group's entity ref, e.g. group:default/team-payments.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 255
            }
          },
          {
            "name": "lineOfBusiness",
            "in": "query",
            "allowReserved": true,
            "required": false,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 255
            }
          },
          {
            "name": "entityRef",
            "in": "query",
            "allowReserved": true,
            "required": false,
            "description": "The entity's ref, e.g. component:default/ledger.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 255
            }
          },
          {
            "$ref": "#/components/parameters/pageLimit"
          },
          {
            "$ref": "#/components/parameters/offset"
          }
        ],
        "responses": {
          "200": {
            "description": "The SLOs.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items",
                    "totalCount"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Slo"
                      }
                    },
                    "totalCount": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/entities/{kind}/{namespace}/{name}/slos": {
      "get": {
        "operationId": "ListEntitySlos",
        "description": "The SLOs of one catalog entity with their latest status.",
        "responses": {
          "200": {
            "description": "The SLOs.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Slo"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ]
      },
      "post": {
        "operationId": "CreateEntitySlo",
        "description": "Creates an SLO on an entity. Only the entity's owners may, by default.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SloInput"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The SLO, at version 1.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Slo"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ]
      }
    },
    "/entities/{kind}/{namespace}/{name}/slos/preview": {
      "post": {
        "operationId": "PreviewEntitySlo",
        "description": "Evaluates an SLO definition now against Prometheus, validated as on create, and stores nothing. 503 with Prometheus's error when it cannot be queried.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SloInput"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What the definition measures now.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SloPreview"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ]
      }
    },
    "/entities/{kind}/{namespace}/{name}/summary": {
      "get": {
        "operationId": "GetEntitySummary",
        "description": "A compact summary of one entity's SLOs, for entity pages and dashboards.",
        "responses": {
          "200": {
            "description": "The summary.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntitySummary"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ]
      }
    },
    "/entities/{kind}/{namespace}/{name}/slos/{sloName}": {
      "get": {
        "operationId": "GetEntitySlo",
        "responses": {
          "200": {
            "description": "The SLO with its latest status.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Slo"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/sloName"
          }
        ]
      },
      "put": {
        "operationId": "UpdateEntitySlo",
        "description": "Replaces an SLO written through the API. A stale version gets 409.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SloUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The SLO at its new version.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Slo"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/sloName"
          }
        ]
      },
      "delete": {
        "operationId": "DeleteEntitySlo",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/sloName"
          },
          {
            "$ref": "#/components/parameters/version"
          }
        ],
        "responses": {
          "204": {
            "description": "Deleted; its versions stay in the history."
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/entities/{kind}/{namespace}/{name}/slos/{sloName}/history": {
      "get": {
        "operationId": "GetEntitySloHistory",
        "description": "Every version of the definition, newest first, with author, time and diff.",
        "responses": {
          "200": {
            "description": "The versions.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/SloVersion"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/sloName"
          }
        ]
      }
    },
    "/entities/{kind}/{namespace}/{name}/slos/{sloName}/status": {
      "get": {
        "operationId": "GetEntitySloStatus",
        "description": "The latest status, and the snapshots of earlier evaluations, newest first.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/sloName"
          },
          {
            "$ref": "#/components/parameters/limit"
          }
        ],
        "responses": {
          "200": {
            "description": "The status and its history.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "status",
                    "snapshots"
                  ],
                  "properties": {
                    "status": {
                      "oneOf": [
                        {
                          "$ref": "#/components/schemas/SloStatus"
                        },
                        {
                          "type": "null"
                        }
                      ]
                    },
                    "snapshots": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/SloSnapshot"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/entities/{kind}/{namespace}/{name}/slos/{sloName}/burndown": {
      "get": {
        "operationId": "GetEntitySloBurndown",
        "description": "Budget remaining through the SLO's whole current window, computed now from the counters Prometheus holds (not from stored evaluations). 503 when Prometheus cannot be read.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/sloName"
          },
          {
            "name": "points",
            "in": "query",
            "required": false,
            "description": "At most this many points, 2 to 2000; 200 when absent.",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The burndown.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "entityRef",
                    "sloName",
                    "objective",
                    "window",
                    "windowSeconds",
                    "windowStart",
                    "windowEnd",
                    "evaluatedAt",
                    "stepSeconds",
                    "points"
                  ],
                  "properties": {
                    "entityRef": {
                      "type": "string"
                    },
                    "sloName": {
                      "type": "string"
                    },
                    "objective": {
                      "type": "number"
                    },
                    "window": {
                      "type": "string"
                    },
                    "windowSeconds": {
                      "type": "number"
                    },
                    "windowStart": {
                      "type": "number",
                      "description": "Unix seconds"
                    },
                    "windowEnd": {
                      "type": "number",
                      "description": "Unix seconds: evaluatedAt, or the calendar period's end"
                    },
                    "evaluatedAt": {
                      "type": "string",
                      "format": "date-time"
                    },
                    "stepSeconds": {
                      "type": "number"
                    },
                    "points": {
                      "type": "array",
                      "description": "Remaining budget through the window; t in Unix seconds.",
                      "items": {
                        "type": "object",
                        "required": [
                          "t",
                          "remaining"
                        ],
                        "properties": {
                          "t": {
                            "type": "number"
                          },
                          "remaining": {
                            "type": [
                              "number",
                              "null"
                            ]
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/rollups/owners": {
      "get": {
        "operationId": "GetOwnerRollup",
        "description": "SLO count, compliance, budget left and worst burn per owning group.",
        "responses": {
          "200": {
            "description": "One row per owner.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Rollup"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/rollups/lines-of-business": {
      "get": {
        "operationId": "GetLineOfBusinessRollup",
        "description": "SLO count, compliance, budget left and worst burn per line of business.",
        "responses": {
          "200": {
            "description": "One row per line of business.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Rollup"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/rules": {
      "get": {
        "operationId": "GetPrometheusRules",
        "description": "Prometheus recording and alerting rules for every stored SLO, as a rule file.",
        "responses": {
          "200": {
            "description": "A Prometheus rule file.",
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/release-gate": {
      "post": {
        "operationId": "EvaluateReleaseGate",
        "description": "Whether a release of the entity may proceed given its error budgets, under core's one default policy with `headroom.releaseGate.*` over it: `allow` or `deny`, the release rhythm, the reasons, what blocked it and the policy applied. The status code is the answer for machines (CI steps, Flagger webhooks, which halt on anything but 2xx): 200 allow, 409 deny on the error budget or a burn-rate alert, 412 deny because the gate cannot vouch for the release (no SLOs under `withoutSlos: deny`, never evaluated, stale, no traffic); the body is the same decision in every case. An entityRef the catalog does not know is 404, naming the closest entities.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ReleaseGateRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Allowed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReleaseGateResult"
                }
              }
            }
          },
          "404": {
            "description": "No such entity in the catalog.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "Denied by the error budget or a burn-rate alert.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReleaseGateResult"
                }
              }
            }
          },
          "412": {
            "description": "Denied because nothing can vouch for the release (no SLOs, no evaluation, no traffic).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReleaseGateResult"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/delivery/argo/analysis": {
      "get": {
        "operationId": "ArgoAnalysis",
        "description": "For an Argo Rollouts AnalysisTemplate `web` metric (`jsonPath: \"{$.data}\"`, `successCondition: result.ok`): the release gate's decision as JSON, always 200 for a catalog entity, since Argo counts a non-2xx as a measurement error, not a failure. `ok` is the gate's allow; `rollback` says a page burn fires. 404 for an unknown entity.",
        "parameters": [
          {
            "name": "entityRef",
            "in": "query",
            "required": true,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "minLength": 3,
              "maxLength": 255
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The decision, under `data`.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "data"
                  ],
                  "properties": {
                    "data": {
                      "type": "object",
                      "required": [
                        "ok",
                        "entityRef",
                        "decision",
                        "rhythm",
                        "budgetRemaining",
                        "rollback",
                        "blockers",
                        "reasons"
                      ],
                      "properties": {
                        "ok": {
                          "type": "boolean"
                        },
                        "entityRef": {
                          "type": "string"
                        },
                        "decision": {
                          "type": "string",
                          "enum": [
                            "allow",
                            "deny"
                          ]
                        },
                        "rhythm": {
                          "type": "string",
                          "enum": [
                            "normal",
                            "cautious",
                            "freeze"
                          ]
                        },
                        "budgetRemaining": {
                          "type": [
                            "number",
                            "null"
                          ],
                          "description": "The lowest remaining budget fraction of the entity's SLOs."
                        },
                        "rollback": {
                          "type": "boolean"
                        },
                        "blockers": {
                          "type": "array",
                          "items": {
                            "type": "string"
                          }
                        },
                        "reasons": {
                          "type": "array",
                          "items": {
                            "type": "string"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/delivery/flagger/gate": {
      "post": {
        "operationId": "FlaggerGate",
        "description": "A Flagger webhook (confirm-rollout, pre-rollout, rollout, confirm-traffic-increase, confirm-promotion): the release gate for the canary's entity, `metadata.entityRef` or the Component named like the canary. 200 lets the canary advance; 409 (budget, burn-rate alert) and 412 (nothing can vouch) halt it, with the decision as the body Flagger logs.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FlaggerWebhookPayload"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Advance.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReleaseGateResult"
                }
              }
            }
          },
          "409": {
            "description": "Halt on the error budget or a burn-rate alert.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReleaseGateResult"
                }
              }
            }
          },
          "412": {
            "description": "Halt because nothing can vouch for the release.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReleaseGateResult"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/delivery/flagger/rollback": {
      "post": {
        "operationId": "FlaggerRollback",
        "description": "Flagger's `rollback` webhook, where a 2xx stops the analysis and fails the canary: 200 while a page burn-rate alert fires on the entity (roll back now), 409 otherwise (keep going).",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FlaggerWebhookPayload"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Roll back now.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RollbackDecision"
                }
              }
            }
          },
          "409": {
            "description": "No rollback.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RollbackDecision"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/capacity/entities/{kind}/{namespace}/{name}/assessment": {
      "get": {
        "operationId": "GetCapacityAssessment",
        "description": "The entity's latest capacity assessment; 404 without one.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The latest assessment.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CapacityAssessment"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/capacity/entities/{kind}/{namespace}/{name}/assessments": {
      "get": {
        "operationId": "ListCapacityAssessments",
        "description": "Every version of the entity's capacity assessment, newest first.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The versions.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/CapacityAssessment"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      },
      "post": {
        "operationId": "RecordCapacityAssessment",
        "description": "Computes a capacity assessment from the inputs with core and records it as the entity's next version (`dryRun=true`: computed, not stored). A result that is not a finite number is refused naming the inputs.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "dryRun",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AssessmentRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "dryRun: the assessment as it would be recorded.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CapacityAssessment"
                }
              }
            }
          },
          "201": {
            "description": "The recorded assessment.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CapacityAssessment"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/capacity/entities/{kind}/{namespace}/{name}/assessments/{version}/approve": {
      "post": {
        "operationId": "ApproveCapacityAssessment",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "version",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "pattern": "^[1-9][0-9]{0,8}$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The approved assessment.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CapacityAssessment"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/capacity/coverage": {
      "get": {
        "operationId": "GetCapacityCoverage",
        "description": "How many of the catalog's services (that the caller may read) have a current assessment, in total and per line of business, and of those created recently.",
        "responses": {
          "200": {
            "description": "The coverage report.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CapacityCoverage"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/sources": {
      "get": {
        "operationId": "ListCostSources",
        "responses": {
          "200": {
            "description": "The configured sources (no locations or credentials) with their last run.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "id",
                          "type",
                          "scheduleSeconds",
                          "lastRun"
                        ],
                        "properties": {
                          "id": {
                            "type": "string"
                          },
                          "type": {
                            "type": "string",
                            "enum": [
                              "focus",
                              "opencost",
                              "upload"
                            ]
                          },
                          "scheduleSeconds": {
                            "type": [
                              "number",
                              "null"
                            ]
                          },
                          "lastRun": {
                            "oneOf": [
                              {
                                "$ref": "#/components/schemas/CostImportRun"
                              },
                              {
                                "type": "null"
                              }
                            ]
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/imports": {
      "get": {
        "operationId": "ListCostImports",
        "description": "Import runs, newest first, without bad-row samples.",
        "parameters": [
          {
            "$ref": "#/components/parameters/costSourceId"
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "At most this many runs, 1 to 1000; 50 when absent.",
            "schema": {
              "type": "string",
              "pattern": "^[1-9][0-9]{0,3}$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The runs.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/CostImportRun"
                      }
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      },
      "post": {
        "operationId": "RunCostImport",
        "description": "Runs a focus or opencost source now; 502 with the run when it failed.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CostImportRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The finished run.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CostImportRun"
                }
              }
            }
          },
          "502": {
            "description": "The import failed; nothing was written.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CostImportFailure"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/imports/{id}": {
      "get": {
        "operationId": "GetCostImport",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{1,15}$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One run, with its bad-row samples.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CostImportRun"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/imports/{sourceId}/upload": {
      "post": {
        "operationId": "UploadCostFile",
        "description": "A FOCUS CSV file, plain or gzip'd, streamed as the raw request body (not parsed by the router: the importer reads it as it arrives, so memory stays bounded). Another content type gets 415. 422 with the run when the import failed; nothing was written then.",
        "parameters": [
          {
            "name": "sourceId",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 100
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "text/csv": {
              "schema": {
                "type": "string",
                "format": "binary"
              }
            },
            "application/gzip": {
              "schema": {
                "type": "string",
                "format": "binary"
              }
            },
            "application/x-gzip": {
              "schema": {
                "type": "string",
                "format": "binary"
              }
            },
            "application/octet-stream": {
              "schema": {
                "type": "string",
                "format": "binary"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The finished run.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CostImportRun"
                }
              }
            }
          },
          "422": {
            "description": "The import failed; nothing was written.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CostImportFailure"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/rollup": {
      "get": {
        "operationId": "GetCostRollup",
        "description": "Cost per entity, owner or line of business and period, `(unallocated)` in every period; `format=csv` answers CSV (`key,date,period,currency,cost,previous,change,changeRatio`).",
        "parameters": [
          {
            "name": "by",
            "in": "query",
            "required": false,
            "description": "entity when absent.",
            "schema": {
              "type": "string",
              "enum": [
                "entity",
                "owner",
                "lineOfBusiness"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/costGrain"
          },
          {
            "$ref": "#/components/parameters/costView"
          },
          {
            "$ref": "#/components/parameters/costFrom"
          },
          {
            "$ref": "#/components/parameters/costTo"
          },
          {
            "name": "format",
            "in": "query",
            "required": false,
            "description": "json when absent.",
            "schema": {
              "type": "string",
              "enum": [
                "json",
                "csv"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The rollup.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CostRollup"
                }
              },
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/reconciliation": {
      "get": {
        "operationId": "GetCostReconciliation",
        "description": "Attributed plus unallocated cost against the bill, per period and view.",
        "parameters": [
          {
            "name": "grain",
            "in": "query",
            "required": false,
            "description": "billingPeriod when absent.",
            "schema": {
              "type": "string",
              "enum": [
                "billingPeriod",
                "month",
                "day"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/costFrom"
          },
          {
            "$ref": "#/components/parameters/costTo"
          },
          {
            "$ref": "#/components/parameters/costSourceId"
          }
        ],
        "responses": {
          "200": {
            "description": "The reconciliation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CostReconciliation"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/lines-of-business/{lob}": {
      "get": {
        "operationId": "GetLineOfBusinessCost",
        "description": "Every entity of the line of business, per period.",
        "parameters": [
          {
            "$ref": "#/components/parameters/lineOfBusiness"
          },
          {
            "$ref": "#/components/parameters/costGrain"
          },
          {
            "$ref": "#/components/parameters/costView"
          },
          {
            "$ref": "#/components/parameters/costFrom"
          },
          {
            "$ref": "#/components/parameters/costTo"
          }
        ],
        "responses": {
          "200": {
            "description": "The cost.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LineOfBusinessCostList"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/entities/{kind}/{namespace}/{name}": {
      "get": {
        "operationId": "GetEntityCost",
        "description": "The entity's cost per period with the change from the period before.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/costGrain"
          },
          {
            "$ref": "#/components/parameters/costView"
          },
          {
            "$ref": "#/components/parameters/costFrom"
          },
          {
            "$ref": "#/components/parameters/costTo"
          }
        ],
        "responses": {
          "200": {
            "description": "The cost.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntityCostList"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/entities/{kind}/{namespace}/{name}/drivers": {
      "get": {
        "operationId": "GetEntityCostDrivers",
        "description": "What the entity's cost was spent on, largest first.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/costView"
          },
          {
            "$ref": "#/components/parameters/costFrom"
          },
          {
            "$ref": "#/components/parameters/costTo"
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "At most this many drivers, 1 to 1000; 10 when absent.",
            "schema": {
              "type": "string",
              "pattern": "^[1-9][0-9]{0,3}$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The drivers.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CostDrivers"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/cost/entities/{kind}/{namespace}/{name}/unit-cost": {
      "get": {
        "operationId": "GetEntityUnitCost",
        "description": "The entity's cost divided by its driver (`headroom.dev/unit-cost-query`) per period, with its line of business's band; 503 when the driver is needed and Prometheus cannot be read.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/costGrain"
          },
          {
            "$ref": "#/components/parameters/costView"
          },
          {
            "$ref": "#/components/parameters/costFrom"
          },
          {
            "$ref": "#/components/parameters/costTo"
          }
        ],
        "responses": {
          "200": {
            "description": "The unit cost.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UnitCost"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/recommendations": {
      "get": {
        "operationId": "ListRecommendations",
        "description": "Recommendations the caller may read, newest first, with savings per currency.",
        "parameters": [
          {
            "$ref": "#/components/parameters/optimiseEntityRef"
          },
          {
            "$ref": "#/components/parameters/optimiseLineOfBusiness"
          },
          {
            "name": "owner",
            "in": "query",
            "allowReserved": true,
            "required": false,
            "description": "The owning group; the kind defaults to group, the namespace to default.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 255
            }
          },
          {
            "$ref": "#/components/parameters/recommendationStatus"
          }
        ],
        "responses": {
          "200": {
            "description": "The recommendations.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OptimisationList"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/entities/{kind}/{namespace}/{name}/recommendations": {
      "get": {
        "operationId": "ListEntityRecommendations",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/recommendationStatus"
          }
        ],
        "responses": {
          "200": {
            "description": "The entity's recommendations.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OptimisationList"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/lines-of-business/{lob}/recommendations": {
      "get": {
        "operationId": "ListLineOfBusinessRecommendations",
        "parameters": [
          {
            "$ref": "#/components/parameters/lineOfBusiness"
          },
          {
            "$ref": "#/components/parameters/recommendationStatus"
          }
        ],
        "responses": {
          "200": {
            "description": "The line of business's recommendations.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OptimisationList"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/recommendations/{id}": {
      "get": {
        "operationId": "GetRecommendation",
        "parameters": [
          {
            "$ref": "#/components/parameters/recommendationId"
          }
        ],
        "responses": {
          "200": {
            "description": "The recommendation with its status, allowed steps, version and history.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OptimisationRecommendation"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/recommendations/{id}/accept": {
      "post": {
        "operationId": "AcceptRecommendation",
        "description": "A step the status does not allow gets 409 naming the allowed ones.",
        "parameters": [
          {
            "$ref": "#/components/parameters/recommendationId"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OptimisationStep"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated recommendation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OptimisationRecommendation"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/recommendations/{id}/reject": {
      "post": {
        "operationId": "RejectRecommendation",
        "description": "The reason is required.",
        "parameters": [
          {
            "$ref": "#/components/parameters/recommendationId"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OptimisationStep"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated recommendation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OptimisationRecommendation"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/recommendations/{id}/apply": {
      "post": {
        "operationId": "ApplyRecommendation",
        "parameters": [
          {
            "$ref": "#/components/parameters/recommendationId"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OptimisationApply"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated recommendation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OptimisationRecommendation"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/recommendations/{id}/verify": {
      "post": {
        "operationId": "VerifyRecommendation",
        "description": "Measures the saving with core's verifySaving; 409 before `verifyAfterHours`, 503 when Prometheus cannot be read.",
        "parameters": [
          {
            "$ref": "#/components/parameters/recommendationId"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OptimisationVerify"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated recommendation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OptimisationRecommendation"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/recommendations/{id}/rollback": {
      "post": {
        "operationId": "RollBackRecommendation",
        "parameters": [
          {
            "$ref": "#/components/parameters/recommendationId"
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/OptimisationStep"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated recommendation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OptimisationRecommendation"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/recommendations/{id}/export": {
      "get": {
        "operationId": "ExportRecommendation",
        "description": "The change as YAML for a Kubernetes tool; 404 when the format does not apply.",
        "parameters": [
          {
            "$ref": "#/components/parameters/recommendationId"
          },
          {
            "name": "format",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string",
              "enum": [
                "kubernetes-patch",
                "vpa",
                "hpa",
                "keda"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The export.",
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/optimise/anomalies": {
      "get": {
        "operationId": "ListCostAnomalies",
        "description": "Cost and unit-cost anomalies the caller may read, oldest first.",
        "parameters": [
          {
            "$ref": "#/components/parameters/optimiseEntityRef"
          },
          {
            "$ref": "#/components/parameters/optimiseLineOfBusiness"
          },
          {
            "name": "from",
            "in": "query",
            "allowReserved": true,
            "required": false,
            "description": "ISO 8601 or unix seconds (unix milliseconds with 12 digits or more).",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 40
            }
          },
          {
            "name": "to",
            "in": "query",
            "allowReserved": true,
            "required": false,
            "description": "As from; after it.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 40
            }
          },
          {
            "name": "minScore",
            "in": "query",
            "required": false,
            "description": "A number in [0, 1].",
            "schema": {
              "type": "string",
              "maxLength": 40,
              "pattern": "^(0(\\.[0-9]+)?|1(\\.0+)?|\\.[0-9]+)$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The anomalies.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CostAnomalyList"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/alertmanager/webhook": {
      "post": {
        "operationId": "ReceiveAlertmanagerNotification",
        "description": "Alertmanager's webhook (payload version 4). Idempotent per alert fingerprint and startsAt: repeats and re-sent groups change nothing. A bad body is a 400 naming the field and nothing of it is stored.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AlertmanagerWebhook"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookReceipt"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/incidents": {
      "get": {
        "operationId": "ListIncidents",
        "description": "Incidents whose impact started in the period (default the last 90 days), oldest first.",
        "parameters": [
          {
            "$ref": "#/components/parameters/incidentFrom"
          },
          {
            "$ref": "#/components/parameters/incidentTo"
          },
          {
            "$ref": "#/components/parameters/incidentEntityRef"
          },
          {
            "$ref": "#/components/parameters/incidentLineOfBusiness"
          },
          {
            "name": "severity",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "P1",
                "P2",
                "P3",
                "P4"
              ]
            }
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "open",
                "resolved"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The incidents.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IncidentList"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/incidents/mttx": {
      "get": {
        "operationId": "GetIncidentMttx",
        "description": "MTTD, MTTA, MTTR (mean, p50, p90 in seconds) and attainment against the targets per severity, service, team, line of business or month, with DORA's change failure rate and failed deployment recovery time.",
        "parameters": [
          {
            "$ref": "#/components/parameters/incidentFrom"
          },
          {
            "$ref": "#/components/parameters/incidentTo"
          },
          {
            "$ref": "#/components/parameters/incidentEntityRef"
          },
          {
            "$ref": "#/components/parameters/incidentLineOfBusiness"
          },
          {
            "name": "by",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "severity",
                "service",
                "team",
                "lineOfBusiness",
                "month"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The measures.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/MttxReport"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/incidents/{id}": {
      "get": {
        "operationId": "GetIncident",
        "parameters": [
          {
            "$ref": "#/components/parameters/incidentId"
          }
        ],
        "responses": {
          "200": {
            "description": "The incident and its timeline.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Incident"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/incidents/{id}/ack": {
      "post": {
        "operationId": "AcknowledgeIncident",
        "description": "Records the caller's acknowledgement (the first one counts).",
        "parameters": [
          {
            "$ref": "#/components/parameters/incidentId"
          }
        ],
        "responses": {
          "200": {
            "description": "The acknowledged incident.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Incident"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/incidents/{id}/postmortem": {
      "get": {
        "operationId": "GetIncidentPostmortem",
        "description": "A postmortem draft in Markdown from the incident's timeline.",
        "parameters": [
          {
            "$ref": "#/components/parameters/incidentId"
          }
        ],
        "responses": {
          "200": {
            "description": "The draft.",
            "content": {
              "text/markdown": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/deploys": {
      "post": {
        "operationId": "RecordDeploy",
        "description": "A deployment, from CI, Argo Rollouts, Flagger or the CLI; it feeds DORA's measures.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DeployEvent"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Recorded.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "service": {
                      "type": "string"
                    },
                    "at": {
                      "type": "string"
                    },
                    "version": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/drills/runs": {
      "post": {
        "operationId": "RecordDrillRun",
        "description": "Records a drill run (`headroom drill run --record`). Needs the SLO edit permission on the entity; the record's service must be the entity's. A bad body is a 400 naming the field and nothing is stored.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DrillRunInput"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Recorded.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DrillRun"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/drills/entities/{kind}/{namespace}/{name}": {
      "get": {
        "operationId": "GetEntityDrills",
        "description": "The entity's drills (from its headroom.dev/drills file, with the file's problems), their runs in the period, oldest first, and its resilience score by day.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/drillDays"
          }
        ],
        "responses": {
          "200": {
            "description": "The drills.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntityDrills"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/drills/weak-links": {
      "get": {
        "operationId": "GetDrillWeakLinks",
        "description": "The weak-links report over the entities the caller may read: failed drills, services with SLOs and no drill in the period, faults that spread to dependants, alerts that never fired when a drill expected them.",
        "parameters": [
          {
            "$ref": "#/components/parameters/drillLineOfBusiness"
          },
          {
            "$ref": "#/components/parameters/drillDays"
          }
        ],
        "responses": {
          "200": {
            "description": "The report.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DrillWeakLinks"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/drills/resilience": {
      "get": {
        "operationId": "GetDrillResilience",
        "description": "Litmus resilience scores per service or line of business, per day or week.",
        "parameters": [
          {
            "$ref": "#/components/parameters/drillLineOfBusiness"
          },
          {
            "$ref": "#/components/parameters/drillDays"
          },
          {
            "name": "by",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "service",
                "lineOfBusiness"
              ]
            }
          },
          {
            "name": "step",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "day",
                "week"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The scores.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DrillResilience"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/runbooks/runs": {
      "post": {
        "operationId": "RecordRunbookRun",
        "description": "Records a runbook run (the audit record `headroom runbook run` prints) and links it to the service's incident open when its alert fired. Needs the SLO edit permission on the entity. A bad body is a 400 naming the field and nothing is stored.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/RunbookRunInput"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Recorded.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RunbookRun"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      },
      "get": {
        "operationId": "ListRunbookRuns",
        "description": "Runs the caller may read, by entity or incident, oldest first.",
        "parameters": [
          {
            "name": "entityRef",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "maxLength": 255
            }
          },
          {
            "name": "incidentId",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "maxLength": 128
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The runs.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RunbookRunList"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/runbooks/runs/{id}": {
      "get": {
        "operationId": "GetRunbookRun",
        "description": "One run with its audit record and approvals.",
        "parameters": [
          {
            "$ref": "#/components/parameters/runbookRunId"
          }
        ],
        "responses": {
          "200": {
            "description": "The run.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RunbookRun"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      },
      "put": {
        "operationId": "FinishRunbookRun",
        "description": "Writes the rest of a run that waited for an approval: the same run (runbook, service, startedAt) as it went on and ended. Needs the SLO edit permission on the entity; a run that no longer waits is a 409, a bad body a 400 naming the field, and nothing changes.",
        "parameters": [
          {
            "$ref": "#/components/parameters/runbookRunId"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "record"
                ],
                "properties": {
                  "record": {
                    "$ref": "#/components/schemas/RunbookAuditRecord"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The run with its new record and its approvals.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RunbookRun"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/runbooks/runs/{id}/approve": {
      "post": {
        "operationId": "ApproveRunbookAction",
        "description": "Approves a risky action the run waits for (the first approval stands). Needs the SLO edit permission on the entity; an action the run does not wait for is a 409.",
        "parameters": [
          {
            "$ref": "#/components/parameters/runbookRunId"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "action"
                ],
                "properties": {
                  "action": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 255
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The run with its approvals.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RunbookRun"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/runbooks/recovery": {
      "get": {
        "operationId": "GetRunbookRecovery",
        "description": "MTTR split by auto-recovered and manual incidents of the period (one line of business or every one the caller may read), and the auto-recovered share: core's recoverySplit.",
        "parameters": [
          {
            "name": "lineOfBusiness",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "maxLength": 255
            }
          },
          {
            "$ref": "#/components/parameters/runbookDays"
          }
        ],
        "responses": {
          "200": {
            "description": "The split.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RunbookRecovery"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/runbooks/coverage": {
      "get": {
        "operationId": "GetRunbookCoverage",
        "description": "Automation coverage of a line of business (or of every one the caller may read): which SLO burn alerts of its services have a runbook, in total and per service; core's lineOfBusinessCoverage.",
        "parameters": [
          {
            "name": "lineOfBusiness",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "maxLength": 255
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The coverage.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RunbookLobCoverage"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/runbooks/entities/{kind}/{namespace}/{name}": {
      "get": {
        "operationId": "GetEntityRunbooks",
        "description": "The entity's runs in the period and their summary (runs, success rate, median TTD and TTR).",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/runbookDays"
          }
        ],
        "responses": {
          "200": {
            "description": "The runs and summary.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntityRunbooks"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/changes": {
      "get": {
        "operationId": "ListChanges",
        "description": "Changes started in the period (default the last 90 days), oldest first, with deploys recorded through POST /deploys alone; the change failure rate overall and per line of business (a change failed when it caused an incident or was rolled back).",
        "parameters": [
          {
            "$ref": "#/components/parameters/incidentFrom"
          },
          {
            "$ref": "#/components/parameters/incidentTo"
          },
          {
            "$ref": "#/components/parameters/incidentEntityRef"
          },
          {
            "$ref": "#/components/parameters/incidentLineOfBusiness"
          }
        ],
        "responses": {
          "200": {
            "description": "The changes.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ChangeList"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      },
      "post": {
        "operationId": "RecordChange",
        "description": "A change going live, assessed before it ships (core's risk score, each factor explained) and recorded as a deploy event too. The entity must be in the catalog.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ChangeRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Recorded.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Change"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/changes/{id}": {
      "get": {
        "operationId": "GetChange",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The change.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Change"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/changes/{id}/judge": {
      "post": {
        "operationId": "JudgeChangeCanary",
        "description": "Judges a live change's canary with core's judge (Kayenta's NetflixACAJudge and the SLO burn comparison) from Prometheus range queries, one baseline and one canary query per metric the config reads, each returning one series; then decides on a rollback.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "config",
                  "queries"
                ],
                "properties": {
                  "config": {
                    "type": "object",
                    "additionalProperties": true,
                    "description": "A canary config in Kayenta's shape."
                  },
                  "queries": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "object",
                      "additionalProperties": false,
                      "required": [
                        "baseline",
                        "canary"
                      ],
                      "properties": {
                        "baseline": {
                          "type": "string",
                          "minLength": 1,
                          "maxLength": 4000
                        },
                        "canary": {
                          "type": "string",
                          "minLength": 1,
                          "maxLength": 4000
                        }
                      }
                    }
                  },
                  "from": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 40,
                    "description": "RFC 3339; default: the change's start."
                  },
                  "to": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 40,
                    "description": "RFC 3339; default: now."
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The verdict and the decision.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CanaryJudgement"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/changes/{id}/verdicts": {
      "post": {
        "operationId": "PostChangeVerdict",
        "description": "A verdict judged elsewhere (headroom canary judge's JSON), recorded; then decides on a rollback.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": true,
                "required": [
                  "classification",
                  "score"
                ],
                "properties": {
                  "classification": {
                    "type": "string",
                    "enum": [
                      "Pass",
                      "Marginal",
                      "Fail"
                    ]
                  },
                  "score": {
                    "type": "number",
                    "minimum": 0,
                    "maximum": 100
                  },
                  "reason": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The verdict and the decision.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CanaryJudgement"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/changes/{id}/evaluate": {
      "post": {
        "operationId": "EvaluateChange",
        "description": "Decides now on a rollback from the change's verdicts and the entity's page burn (the scheduled check does this too).",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The decision and the change.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "decision",
                    "change"
                  ],
                  "properties": {
                    "decision": {
                      "$ref": "#/components/schemas/ChangeDecision"
                    },
                    "change": {
                      "$ref": "#/components/schemas/Change"
                    }
                  }
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/changes/{id}/promote": {
      "post": {
        "operationId": "PromoteChange",
        "description": "The change is promoted; it is no longer rolled back automatically.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The change.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Change"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    }
  }
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>[1],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
