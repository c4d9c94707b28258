[=generatedBy]
#
# Render Blueprint of the [=appName] agent backend: a Docker web service built from
# [=backendDockerfile]. Render generates AGENT_API_TOKEN; copy it from the dashboard
# (Environment) to the kind host (AGENT_API_TOKEN in /etc/[=appName]/deploy.env), where deploy.sh
# turns it into the Kubernetes Secret the frontend reads. Provider keys are sync: false: Render
# asks for them when the Blueprint is applied and they never enter git. Without any key the agent
# answers with its offline local model.
#
# healthCheckPath is the readiness group: Render switches traffic to a new deploy only once it
# answers 2xx, and readiness (unlike liveness) stays down until the knowledge base and chat memory
# are loaded. autoDeployTrigger checksPass deploys a commit only after its GitHub checks passed.
# If you deploy through RENDER_DEPLOY_HOOK_URL instead, set it to "off" to avoid a second deploy.
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
    autoDeployTrigger: [=renderAutoDeployTrigger]
    envVars:
      - key: AGENT_API_TOKEN
        generateValue: true
      - key: JAVA_TOOL_OPTIONS
        value: "[=backendJavaToolOptions]"
[#list providerKeys as key]
      - key: [=key]
        sync: false
[/#list]
