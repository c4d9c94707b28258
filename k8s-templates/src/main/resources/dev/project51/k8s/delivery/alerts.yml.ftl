[=generatedBy]
#
# Prometheus alert rules of [=appName]. Each says what healed (or did not) and what to do; the runbooks are the
# sections of Project51's docs/self-healing.md (and docs/observability.md, "Alerts"). Checked and unit-tested with
# promtool: observability/alerts-test.yml (promtool test rules observability/alerts-test.yml).
groups:
  - name: [=appName]
    rules:
      - alert: PrimaryModelCircuitOpen
        # The agent cut its preferred model off (circuit open: 0 closed, 1 half-open, 2 open) and still probes it every
        # few seconds; users get the fallback model meanwhile.
        expr: max by (job, model) (project51_agent_model_circuit_state{primary="true"}) == 2
        for: 5m
        labels:
          severity: warning
        annotations:
          summary: "The preferred model {{ $labels.model }} has been cut off for more than 5 minutes"
          description: >-
            The agent's circuit breaker for {{ $labels.model }} is open: every answer comes from a fallback model
            (degraded). The agent probes the model in the background and closes the circuit by itself when a probe
            answers in time, so this alert means the provider has been failing for minutes: check its status page,
            the API key and quota, and the agent's lastError (GET /api/v1/models).
          runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#model
      - alert: FallbackRatioHigh
        # More than half of the answered turns came from a fallback model over the last 10 minutes.
        expr: >-
          sum by (job) (rate(project51_agent_chat_turns_total{outcome="degraded"}[10m]))
          / sum by (job) (rate(project51_agent_chat_turns_total{outcome=~"answered|degraded"}[10m])) > 0.5
        for: 10m
        labels:
          severity: warning
        annotations:
          summary: "More than half of the answers come from a fallback model"
          description: >-
            {{ $value | humanizePercentage }} of the answers in the last 10 minutes were degraded. The preferred model
            fails often without its circuit staying open (slow first tokens, rate limits, intermittent errors): see
            project51_agent_model_failures_total by kind, and the provider's limits.
          runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#model
      - alert: NoReadyFrontendPod
        # kube-state-metrics: no frontend pod of the namespace is Ready, so the Service has no endpoint.
        expr: >-
          (sum(kube_pod_status_ready{namespace="[=namespace]", condition="true", pod=~"frontend-.*"}) or vector(0)) < 1
        for: 2m
        labels:
          severity: critical
        annotations:
          summary: "No frontend pod of [=appName] is ready: the chat page is down"
          description: >-
            The ReplicaSet keeps 2 replicas and readiness takes a pod out while it cannot serve; none is ready now.
            Look at kubectl -n [=namespace] get pods and describe the pods (probes, image pull, OOM); a bad release is
            rolled back by deploy.sh, an older one with kubectl rollout undo deployment/frontend.
          runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#pod
      - alert: PodRestartLoop
        # kube-state-metrics: a container of the namespace restarted more than 3 times in 15 minutes.
        expr: increase(kube_pod_container_status_restarts_total{namespace="[=namespace]"}[15m]) > 3
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.pod }} restarts again and again"
          description: >-
            The container {{ $labels.container }} of {{ $labels.pod }} restarted {{ $value | humanize }} times in 15
            minutes: liveness heals a hung JVM once, not a process that cannot stay up. Read its last log
            (kubectl logs --previous) and its last state (OOMKilled: raise the memory limit or lower MaxRAMPercentage).
          runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#process-and-container
      - alert: AgentUnreachableFromFrontend
        # The frontend's view of the agent, as the page shows it: 2 = unavailable.
        expr: max by (job, pod) (project51_frontend_agent_status) == 2
        for: 3m
        labels:
          severity: critical
        annotations:
          summary: "The frontend {{ $labels.pod }} cannot get answers from the agent"
          description: >-
            The chat page says the assistant is unavailable: the agent cannot be reached (down, wrong
            PROJECT51_FRONTEND_AGENT_BASE_URL, network policy), refuses the token, or none of its models can answer.
            The page retries by itself; check the agent's health (/actuator/health/readiness) and logs (on Render),
            and project51_frontend_agent_circuit_state.
          runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#client
