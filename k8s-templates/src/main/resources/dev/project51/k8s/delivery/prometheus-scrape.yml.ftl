[=generatedBy]
#
# Prometheus scrape jobs of [=appName]: paste them under scrape_configs of a Prometheus that runs in the kind cluster
# (or pass this file as extraScrapeConfigs of the prometheus-community/prometheus Helm chart). Both applications
# answer /actuator/prometheus only with the deployment's token, AGENT_API_TOKEN, which Prometheus reads from a file:
# mount the Kubernetes Secret [=tokenSecret] of the namespace [=namespace] at /etc/prometheus/secrets/[=appName]/.
# The pod jobs need the kube-state-metrics series (pod restarts and readiness) too: the Helm chart installs and
# scrapes kube-state-metrics by default. How to set it up: README.md, "Watch it: metrics, dashboard and alerts".
- job_name: [=appName]-frontend
  metrics_path: /actuator/prometheus
  authorization:
    credentials_file: /etc/prometheus/secrets/[=appName]/AGENT_API_TOKEN
  kubernetes_sd_configs:
    - role: pod
      namespaces:
        names:
          - [=namespace]
  relabel_configs:
    # Every frontend pod, scraped on its container port; unready pods too (that is what the alerts are for).
    - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name, __meta_kubernetes_pod_container_port_number]
      regex: frontend;[=frontendPort?c]
      action: keep
    - source_labels: [__meta_kubernetes_namespace]
      target_label: namespace
    - source_labels: [__meta_kubernetes_pod_name]
      target_label: pod
[#if agentInCluster]
- job_name: [=appName]-agent
  metrics_path: /actuator/prometheus
  authorization:
    credentials_file: /etc/prometheus/secrets/[=appName]/AGENT_API_TOKEN
  kubernetes_sd_configs:
    - role: pod
      namespaces:
        names:
          - [=namespace]
  relabel_configs:
    - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name, __meta_kubernetes_pod_container_port_number]
      regex: agent;[=agentPort?c]
      action: keep
    - source_labels: [__meta_kubernetes_namespace]
      target_label: namespace
    - source_labels: [__meta_kubernetes_pod_name]
      target_label: pod
[#else]
# The agent runs on Render: one job over HTTPS through Render's load balancer. With more than one instance each
# scrape reaches one of them; the counters are then per instance (see Project51's docs/observability.md).
- job_name: [=appName]-agent
  metrics_path: /actuator/prometheus
  scheme: [=agentScheme]
  authorization:
    credentials_file: /etc/prometheus/secrets/[=appName]/AGENT_API_TOKEN
  static_configs:
    - targets:
        - [=agentHost]
[/#if]
