[=generatedBy]
#
# Unit tests of observability/alerts.yml, run with Prometheus's own tool: promtool test rules alerts-test.yml
# (from this folder). Each alert has series that fire it and series that must not.
rule_files:
  - alerts.yml
evaluation_interval: 1m
tests:
  - name: the preferred model's circuit open for more than 5 minutes fires; a shorter outage or a fallback's does not
    interval: 1m
    input_series:
      - series: 'project51_agent_model_circuit_state{job="[=appName]-agent", model="gpt-4o-mini", provider="openai", primary="true"}'
        values: "0 0 2 2 2 2 2 2 2 2 0 0"
      - series: 'project51_agent_model_circuit_state{job="[=appName]-agent", model="local", provider="local", primary="false"}'
        values: "2x11"
    alert_rule_test:
      - eval_time: 5m
        alertname: PrimaryModelCircuitOpen
        exp_alerts: []
      - eval_time: 8m
        alertname: PrimaryModelCircuitOpen
        exp_alerts:
          - exp_labels:
              severity: warning
              job: [=appName]-agent
              model: gpt-4o-mini
            exp_annotations:
              summary: "The preferred model gpt-4o-mini has been cut off for more than 5 minutes"
              runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#model
              description: >-
                The agent's circuit breaker for gpt-4o-mini is open: every answer comes from a fallback model
                (degraded). The agent probes the model in the background and closes the circuit by itself when a
                probe answers in time, so this alert means the provider has been failing for minutes: check its
                status page, the API key and quota, and the agent's lastError (GET /api/v1/models).
      - eval_time: 11m
        alertname: PrimaryModelCircuitOpen
        exp_alerts: []
  - name: a high fallback ratio for 10 minutes fires; a low one does not
    interval: 1m
    input_series:
      # 10 answers a minute, 1 degraded, for 15 minutes; then 60 a minute, 40 of them degraded (a ratio of 2/3).
      - series: 'project51_agent_chat_turns_total{job="[=appName]-agent", api="v1", mode="stream", outcome="degraded"}'
        values: "0+1x15 55+40x15"
      - series: 'project51_agent_chat_turns_total{job="[=appName]-agent", api="v1", mode="stream", outcome="answered"}'
        values: "0+9x15 155+20x15"
      # Another agent where 1 answer in 10 is degraded.
      - series: 'project51_agent_chat_turns_total{job="other-agent", api="v1", mode="stream", outcome="degraded"}'
        values: "0+1x30"
      - series: 'project51_agent_chat_turns_total{job="other-agent", api="v1", mode="stream", outcome="answered"}'
        values: "0+9x30"
    alert_rule_test:
      - eval_time: 25m
        alertname: FallbackRatioHigh
        exp_alerts: []
      - eval_time: 29m
        alertname: FallbackRatioHigh
        exp_alerts:
          - exp_labels:
              severity: warning
              job: [=appName]-agent
            exp_annotations:
              summary: "More than half of the answers come from a fallback model"
              runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#model
              description: >-
                66.67% of the answers in the last 10 minutes were degraded. The preferred model fails often without
                its circuit staying open (slow first tokens, rate limits, intermittent errors): see
                project51_agent_model_failures_total by kind, and the provider's limits.
  - name: no ready frontend pod for 2 minutes fires; one ready pod does not
    interval: 1m
    input_series:
      - series: 'kube_pod_status_ready{namespace="[=namespace]", pod="frontend-7d9f8b6c5-abcde", condition="true"}'
        values: "1 1 1 1 0 0 0 0 0 0"
      - series: 'kube_pod_status_ready{namespace="[=namespace]", pod="frontend-7d9f8b6c5-fghij", condition="true"}'
        values: "1 1 0 0 0 0 0 0 1 1"
    alert_rule_test:
      - eval_time: 3m
        alertname: NoReadyFrontendPod
        exp_alerts: []
      - eval_time: 7m
        alertname: NoReadyFrontendPod
        exp_alerts:
          - exp_labels:
              severity: critical
            exp_annotations:
              summary: "No frontend pod of [=appName] is ready: the chat page is down"
              runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#pod
              description: >-
                The ReplicaSet keeps 2 replicas and readiness takes a pod out while it cannot serve; none is ready
                now. Look at kubectl -n [=namespace] get pods and describe the pods (probes, image pull, OOM); a bad
                release is rolled back by deploy.sh, an older one with kubectl rollout undo deployment/frontend.
      - eval_time: 9m
        alertname: NoReadyFrontendPod
        exp_alerts: []
  - name: more than 3 restarts in 15 minutes fire; 2 do not
    interval: 1m
    input_series:
      - series: 'kube_pod_container_status_restarts_total{namespace="[=namespace]", pod="frontend-7d9f8b6c5-abcde", container="frontend"}'
        values: "0 0 0 0 0 0 0 1 2 3 4 5 6"
      - series: 'kube_pod_container_status_restarts_total{namespace="[=namespace]", pod="frontend-7d9f8b6c5-fghij", container="frontend"}'
        values: "0 0 0 1 1 1 1 1 2 2 2 2 2"
    alert_rule_test:
      - eval_time: 6m
        alertname: PodRestartLoop
        exp_alerts: []
      - eval_time: 12m
        alertname: PodRestartLoop
        exp_alerts:
          - exp_labels:
              severity: warning
              namespace: [=namespace]
              pod: frontend-7d9f8b6c5-abcde
              container: frontend
            exp_annotations:
              summary: "frontend-7d9f8b6c5-abcde restarts again and again"
              runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#process-and-container
              description: >-
                The container frontend of frontend-7d9f8b6c5-abcde restarted 6 times in 15 minutes: liveness heals a
                hung JVM once, not a process that cannot stay up. Read its last log (kubectl logs --previous) and
                its last state (OOMKilled: raise the memory limit or lower MaxRAMPercentage).
  - name: the agent unavailable from a frontend for 3 minutes fires; degraded or a short outage does not
    interval: 1m
    input_series:
      - series: 'project51_frontend_agent_status{job="[=appName]-frontend", pod="frontend-7d9f8b6c5-abcde"}'
        values: "0 2 2 0 1 1 2 2 2 2 2"
      - series: 'project51_frontend_agent_status{job="[=appName]-frontend", pod="frontend-7d9f8b6c5-fghij"}'
        values: "1x10"
    alert_rule_test:
      - eval_time: 3m
        alertname: AgentUnreachableFromFrontend
        exp_alerts: []
      - eval_time: 10m
        alertname: AgentUnreachableFromFrontend
        exp_alerts:
          - exp_labels:
              severity: critical
              job: [=appName]-frontend
              pod: frontend-7d9f8b6c5-abcde
            exp_annotations:
              summary: "The frontend frontend-7d9f8b6c5-abcde cannot get answers from the agent"
              runbook_url: https://github.com/project51/project51/blob/main/docs/self-healing.md#client
              description: >-
                The chat page says the assistant is unavailable: the agent cannot be reached (down, wrong
                PROJECT51_FRONTEND_AGENT_BASE_URL, network policy), refuses the token, or none of its models can
                answer. The page retries by itself; check the agent's health (/actuator/health/readiness) and logs
                (on Render), and project51_frontend_agent_circuit_state.
