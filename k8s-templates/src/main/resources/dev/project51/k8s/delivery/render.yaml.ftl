[=generatedBy]
#
# Render Blueprint of the [=appName] agent backend: a Docker web service built from
# [=backendDockerfile]. Render generates AGENT_API_TOKEN; copy it from the dashboard
# (Environment) to the kind host (AGENT_API_TOKEN in ~/.config/[=appName]/deploy.env), where
# deploy.sh turns it into the Kubernetes Secret the frontend reads.
[#if providerVariables?has_content]
# The agent's model provider is [=aiProvider] (AI_PROVIDER). Variables with sync: false never
# enter git: Render asks for them when the Blueprint is applied.
[#list providerVariables as variable]
#   [=variable.name?right_pad(27)] [=variable.description][#if variable.provided][#if variable.required] (required)[#else] (may stay empty)[/#if][/#if]
[/#list]
# Without a key the agent answers with its offline local model.
[#else]
# The agent answers with its offline local model only (AI_PROVIDER=local): no provider settings.
[/#if]
#
# healthCheckPath is the readiness group: Render switches traffic to a new deploy only once it
# answers 2xx, and readiness (unlike liveness) stays down until the knowledge base and chat memory
# are loaded. maxShutdownDelaySeconds gives the agent's graceful shutdown ([=shutdownDelaySeconds - 5] s) time
# to finish. buildFilter rebuilds the agent only when its files change. autoDeployTrigger
# checksPass deploys a commit only after its GitHub checks passed. If you deploy through
# RENDER_DEPLOY_HOOK_URL instead, set it to "off" to avoid a second deploy.
services:
  - type: web
    name: [=renderServiceName]
    runtime: docker
    branch: [=branch]
    dockerfilePath: ./[=backendDockerfile]
    dockerContext: [=dockerContext]
    plan: [=renderPlan]
    region: [=renderRegion]
    numInstances: 1
    healthCheckPath: [=renderHealthCheckPath]
    maxShutdownDelaySeconds: [=shutdownDelaySeconds]
    autoDeployTrigger: [=renderAutoDeployTrigger]
    buildFilter:
      paths:
[#list renderBuildFilterPaths as path]
        - "[=path]"
[/#list]
    envVars:
      - key: AGENT_API_TOKEN
        generateValue: true
      - key: JAVA_TOOL_OPTIONS
        value: "[=backendJavaToolOptions]"
      - key: PROJECT51_AGENT_ALLOWED_HOSTS
        value: [=agentHostName]
      - key: AI_PROVIDER
        value: [=aiProvider]
[#list providerVariables as variable]
      - key: [=variable.name]
[#if variable.provided]
        sync: false
[#else]
        value: [=variable.value]
[/#if]
[/#list]
