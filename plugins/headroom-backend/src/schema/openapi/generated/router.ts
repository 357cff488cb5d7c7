// ******************************************************************
// * GENERATED from src/schema/openapi.yaml by scripts/generate-openapi.js. DO NOT EDIT. *
// ******************************************************************
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "headroom",
    "version": "1",
    "description": "Headroom's Backstage backend: SLOs attached to catalog entities (from OpenSLO files referenced by the `headroom.dev/slo-file` annotation or written through this API), their evaluated status and history, rollups per owner and line of business, Prometheus rules and a release gate.",
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
            "description": "Rolling window, e.g. 30d, 4w, 12h.",
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
          "definition"
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
          "reasons",
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
          "reasons": {
            "type": "array",
            "items": {
              "type": "string"
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
                        "type": "object"
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
        "description": "Whether a release of the entity may proceed given its error budgets: `allow` or `deny`, with the reasons. For CI jobs and progressive-delivery controllers.",
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
            "description": "The decision.",
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
    }
  }
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>[1],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
