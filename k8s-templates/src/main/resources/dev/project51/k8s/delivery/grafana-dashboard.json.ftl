{
  "title": "[=appName]: self-healing",
  "uid": "[=appName]-self-healing",
  "description": "[=generatedBy] The failover chain, the frontend's view of the agent, and the pods of [=appName]. Import it in Grafana with a Prometheus data source.",
  "tags": [
    "project51",
    "[=appName]"
  ],
  "timezone": "browser",
  "schemaVersion": 39,
  "version": 1,
  "editable": true,
  "refresh": "30s",
  "time": {
    "from": "now-3h",
    "to": "now"
  },
  "templating": {
    "list": [
      {
        "name": "datasource",
        "label": "Prometheus",
        "type": "datasource",
        "query": "prometheus",
        "current": {},
        "hide": 0
      }
    ]
  },
  "annotations": {
    "list": []
  },
  "panels": [
    {
      "id": 1,
      "type": "timeseries",
      "title": "Fallback ratio",
      "description": "Share of answered turns that came from a fallback model (degraded), over 5 minutes. Alert FallbackRatioHigh above 50 % for 10 minutes.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 0,
        "w": 12,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum(rate(project51_agent_chat_turns_total{outcome=\"degraded\"}[5m])) / sum(rate(project51_agent_chat_turns_total{outcome=~\"answered|degraded\"}[5m]))",
          "legendFormat": "fallback ratio"
        }
      ],
      "fieldConfig": {
        "defaults": {
          "unit": "percentunit",
          "max": 1,
          "min": 0
        },
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 2,
      "type": "timeseries",
      "title": "Circuit state per model",
      "description": "The agent's circuit breaker per model of its failover chain: 0 closed, 1 half-open, 2 open (cut off, probed in the background). Alert PrimaryModelCircuitOpen after 5 minutes open.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 0,
        "w": 12,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "max by (model) (project51_agent_model_circuit_state)",
          "legendFormat": "{{model}}"
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "max by (pod) (project51_frontend_agent_circuit_state)",
          "legendFormat": "frontend {{pod}} → agent"
        }
      ],
      "fieldConfig": {
        "defaults": {
          "max": 2,
          "min": 0,
          "mappings": [
            {
              "type": "value",
              "options": {
                "0": {
                  "text": "closed",
                  "color": "green"
                },
                "1": {
                  "text": "half-open",
                  "color": "yellow"
                },
                "2": {
                  "text": "open",
                  "color": "red"
                }
              }
            }
          ]
        },
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 3,
      "type": "timeseries",
      "title": "First-token latency (p50, p95)",
      "description": "Time to the first token per model (answered attempts), and from the browser's message to the first token it got.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 8,
        "w": 12,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "histogram_quantile(0.95, sum by (le, model) (rate(project51_agent_model_first_token_seconds_bucket[5m])))",
          "legendFormat": "p95 {{model}}"
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "histogram_quantile(0.5, sum by (le, model) (rate(project51_agent_model_first_token_seconds_bucket[5m])))",
          "legendFormat": "p50 {{model}}"
        },
        {
          "refId": "C",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "histogram_quantile(0.95, sum by (le) (rate(project51_frontend_relay_first_token_seconds_bucket[5m])))",
          "legendFormat": "p95 browser"
        }
      ],
      "fieldConfig": {
        "defaults": {
          "unit": "s"
        },
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 4,
      "type": "timeseries",
      "title": "Failovers and model failures",
      "description": "Calls that moved down the chain, and failed attempts per model by kind (timeouts, rate limits, server errors...).",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 8,
        "w": 12,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (from, to) (rate(project51_agent_model_failovers_total[5m]))",
          "legendFormat": "failover {{from}} → {{to}}"
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (model, kind) (rate(project51_agent_model_failures_total[5m]))",
          "legendFormat": "{{model}}: {{kind}}"
        }
      ],
      "fieldConfig": {
        "defaults": {
          "unit": "reqps"
        },
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 5,
      "type": "timeseries",
      "title": "Errors",
      "description": "Turns that ended without an answer (failed, timeout, interrupted) and problem answers of 5xx, per second.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 16,
        "w": 12,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (outcome) (rate(project51_agent_chat_turns_total{outcome=~\"failed|timeout|interrupted\"}[5m]))",
          "legendFormat": "turns {{outcome}}"
        },
        {
          "refId": "B",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (type) (rate(project51_agent_api_problems_total{status=~\"5..\"}[5m]))",
          "legendFormat": "problem {{type}}"
        },
        {
          "refId": "C",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (job) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))",
          "legendFormat": "HTTP 5xx {{job}}"
        }
      ],
      "fieldConfig": {
        "defaults": {
          "unit": "reqps"
        },
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 6,
      "type": "timeseries",
      "title": "Rate-limit and other rejections",
      "description": "Requests the agent refused: rate limit (429), bad token (401), invalid requests (400/413/415), busy conversation (409).",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 16,
        "w": 12,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (type) (rate(project51_agent_api_problems_total{status=~\"4..\"}[5m]))",
          "legendFormat": "{{type}}"
        }
      ],
      "fieldConfig": {
        "defaults": {
          "unit": "reqps"
        },
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 7,
      "type": "stat",
      "title": "Ready frontend pods",
      "description": "Frontend pods whose Ready condition is true (kube-state-metrics). Alert NoReadyFrontendPod at 0 for 2 minutes.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 24,
        "w": 8,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum(kube_pod_status_ready{namespace=\"[=namespace]\", condition=\"true\", pod=~\"frontend-.*\"})",
          "legendFormat": "ready"
        }
      ],
      "fieldConfig": {
        "defaults": {},
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 8,
      "type": "timeseries",
      "title": "Pod restarts (1 h)",
      "description": "Container restarts per pod in the last hour (kube-state-metrics). Alert PodRestartLoop above 3 in 15 minutes.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 8,
        "y": 24,
        "w": 8,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace=\"[=namespace]\"}[1h]))",
          "legendFormat": "{{pod}}"
        }
      ],
      "fieldConfig": {
        "defaults": {},
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 9,
      "type": "timeseries",
      "title": "Agent as the frontend sees it",
      "description": "0 healthy, 1 degraded, 2 unavailable, per frontend pod: what the chat page shows. Alert AgentUnreachableFromFrontend at 2 for 3 minutes.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 16,
        "y": 24,
        "w": 8,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "max by (pod) (project51_frontend_agent_status)",
          "legendFormat": "{{pod}}"
        }
      ],
      "fieldConfig": {
        "defaults": {
          "max": 2,
          "min": 0,
          "mappings": [
            {
              "type": "value",
              "options": {
                "0": {
                  "text": "healthy",
                  "color": "green"
                },
                "1": {
                  "text": "degraded",
                  "color": "orange"
                },
                "2": {
                  "text": "unavailable",
                  "color": "red"
                }
              }
            }
          ]
        },
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 10,
      "type": "timeseries",
      "title": "Requests per second",
      "description": "HTTP requests of both applications by status.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 0,
        "y": 32,
        "w": 12,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (job, status) (rate(http_server_requests_seconds_count[5m]))",
          "legendFormat": "{{job}} {{status}}"
        }
      ],
      "fieldConfig": {
        "defaults": {
          "unit": "reqps"
        },
        "overrides": []
      },
      "options": {}
    },
    {
      "id": 11,
      "type": "timeseries",
      "title": "JVM heap used",
      "description": "Heap memory of each process.",
      "datasource": {
        "type": "prometheus",
        "uid": "${datasource}"
      },
      "gridPos": {
        "x": 12,
        "y": 32,
        "w": 12,
        "h": 8
      },
      "targets": [
        {
          "refId": "A",
          "datasource": {
            "type": "prometheus",
            "uid": "${datasource}"
          },
          "expr": "sum by (job, pod) (jvm_memory_used_bytes{area=\"heap\"})",
          "legendFormat": "{{job}} {{pod}}"
        }
      ],
      "fieldConfig": {
        "defaults": {
          "unit": "bytes"
        },
        "overrides": []
      },
      "options": {}
    }
  ]
}
