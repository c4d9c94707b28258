[=generatedBy]
#
# CI/CD of [=appName]. Every push and pull request runs the tests, and deploys the commit on a
# throwaway kind cluster: the images built here, loaded into a cluster created from
# kind-config.yaml, rolled out by deploy.sh, and the page checked on port [=hostPort]. A push to
# [=branch] then builds the image[#if deployments?size > 1]s[/#if] the cluster runs ([#list deployments as deployment][=deployment.name][#sep], [/#sep][/#list]), pushes [#if deployments?size > 1]them[#else]it[/#if] to Docker Hub
# tagged with the commit SHA (what deploy.sh deploys) and latest, and asks Render to deploy the
# backend[#if !agentInCluster], which Render builds itself from [=backendDockerfile][/#if].
#
# Secrets (Settings > Secrets and variables > Actions):
#   DOCKER_USERNAME, DOCKER_TOKEN   Docker Hub user and access token (not the password)
#   RENDER_DEPLOY_HOOK_URL          optional: Render deploy hook of [=renderServiceName]
#
# Third-party actions are pinned to full commit SHAs, the tag they point to is in the comment.
name: main

on:
  push:
    branches: [[=branch]]
  pull_request:

permissions:
  contents: read

concurrency:
  group: ${{ github.workflow }}-${{ github.ref }}
  # Superseded pull request runs are cancelled; runs on [=branch] finish, so no image push is cut off.
  cancel-in-progress: ${{ github.event_name == 'pull_request' }}

jobs:
  test:
    name: Test
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    steps:
      - name: Check out
        uses: [=actions.checkout.uses] # [=actions.checkout.tag]
        with:
          persist-credentials: false
      - name: Set up JDK [=javaVersion]
        uses: [=actions.setupJava.uses] # [=actions.setupJava.tag]
        with:
          distribution: temurin
          java-version: "[=javaVersion]"
          cache: maven
      - name: Check that the Project51 libraries resolve
        # Until Project51 is on Maven Central its libraries resolve only where they were installed: fail here with
        # what to install and how (the first lines of README.md say the same), not with a wall of Maven errors.
        run: |
          version=$(sed -n 's:.*<project51.version>\(.*\)</project51.version>.*:\1:p' pom.xml | head -n 1)
          if [[ $version == *-SNAPSHOT ]]; then ref=main; else ref=v$version; fi
          if ! (cd "$RUNNER_TEMP" && mvn -B -ntp -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:get \
              -Dtransitive=false -Dartifact="dev.project51:project51-dependencies:$version:pom") >/dev/null 2>&1; then
            echo "::error title=Project51 $version cannot be resolved::Maven cannot resolve dev.project51:project51-dependencies:$version. Install Project51 $version in a step before the build, as README.md says, or build on a release that is on Maven Central."
            echo "This project needs Project51 $version. If Maven cannot resolve it (Project51 is not on Maven Central yet), install it once from a clone of Project51 at that version, then build again:"
            echo "git clone --quiet --depth 1 --branch $ref https://github.com/project51/project51.git /tmp/project51-$version && mvn -B -ntp -f /tmp/project51-$version install -DskipTests"
            exit 1
          fi
      - name: Set up Node.js [=nodeVersion]
        # CDKTF synthesis (the infra tests) runs a bundled JavaScript runtime on node.
        uses: [=actions.setupNode.uses] # [=actions.setupNode.tag]
        with:
          node-version: "[=nodeVersion]"
      - name: Build and test
        run: [=testCommand]

  kind:
    name: Deploy on kind
    needs: test
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    env:
      KIND_VERSION: [=kindVersion]
      KUBECTL_VERSION: [=kubectlVersion]
    steps:
      - name: Check out
        uses: [=actions.checkout.uses] # [=actions.checkout.tag]
        with:
          persist-credentials: false
          # deploy.sh pulls [=branch] from origin: it needs the history (see "Deploy with deploy.sh").
          fetch-depth: 0
      - name: Install kind and kubectl
        # kind from its Go module (go.sum and Go's checksum database verify it); kubectl of the node
        # image's release, checked against the SHA-256 published beside it.
        run: |
          go install "sigs.k8s.io/kind@$KIND_VERSION"
          curl --fail --silent --show-error --location --remote-name \
            "https://dl.k8s.io/release/$KUBECTL_VERSION/bin/linux/amd64/kubectl"
          curl --fail --silent --show-error --location --remote-name \
            "https://dl.k8s.io/release/$KUBECTL_VERSION/bin/linux/amd64/kubectl.sha256"
          echo "$(cat kubectl.sha256)  kubectl" | sha256sum --check
          sudo install -m 0755 kubectl /usr/local/bin/kubectl
          rm kubectl kubectl.sha256
          echo "$(go env GOPATH)/bin" >>"$GITHUB_PATH"
      - name: Build the images
        run: |
[#list deployments as deployment]
          docker build --file [=deployment.dockerfile] --tag "[=deployment.image]:$(git rev-parse HEAD)" [=dockerContext]
[/#list]
      - name: Create the kind cluster from kind-config.yaml
        run: kind create cluster --config kind-config.yaml --wait 180s
      - name: Load the images into the cluster
        run: |
[#list deployments as deployment]
          kind load docker-image "[=deployment.image]:$(git rev-parse HEAD)" --name [=clusterName]
[/#list]
      - name: Deploy with deploy.sh
        # deploy.sh runs as on the host, with one stand-in: its origin is a local bare repository
        # holding this commit as [=branch], so its fast-forward is a no-op and the tag it deploys is
        # the commit built above (a pull request's merge commit included). The agent token is a
        # throwaway value: the frontend stays ready without reaching the agent.
        env:
          AGENT_API_TOKEN: ci-only-${{ github.run_id }}
          DEPLOY_LOCK_FILE: ${{ runner.temp }}/deploy.lock
          DEPLOY_ENV_FILE: ${{ runner.temp }}/no-deploy.env
          ROLLOUT_TIMEOUT: 300s
        run: |
          git init --quiet --bare "$RUNNER_TEMP/origin.git"
          git push --quiet "$RUNNER_TEMP/origin.git" "HEAD:refs/heads/[=branch]"
          git remote set-url origin "$RUNNER_TEMP/origin.git"
          git checkout --quiet -B [=branch] HEAD
          ./deploy.sh
      - name: Check the page on port [=hostPort]
        run: curl --fail --silent --show-error --retry 10 --retry-connrefused --retry-delay 3 --output /dev/null http://127.0.0.1:[=hostPort]/
      - name: Show the cluster
        if: failure()
        run: |
          kubectl --context [=kubeContext] --namespace [=namespace] get all,events || true
          kubectl --context [=kubeContext] --namespace [=namespace] describe pods || true
          kubectl --context [=kubeContext] --namespace [=namespace] logs --all-containers --prefix --selector app.kubernetes.io/part-of=[=appName] || true

  images:
    name: Image ${{ matrix.component }}
    needs: [test, kind]
    if: github.event_name == 'push' && github.ref == 'refs/heads/[=branch]'
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    strategy:
      matrix:
        include:
[#list deployments as deployment]
          - component: [=deployment.component]
            dockerfile: [=deployment.dockerfile]
[/#list]
    steps:
      - name: Check out
        uses: [=actions.checkout.uses] # [=actions.checkout.tag]
        with:
          persist-credentials: false
      - name: Set up Docker Buildx
        uses: [=actions.setupBuildx.uses] # [=actions.setupBuildx.tag]
      - name: Log in to Docker Hub
        uses: [=actions.login.uses] # [=actions.login.tag]
        with:
          username: ${{ secrets.DOCKER_USERNAME }}
          password: ${{ secrets.DOCKER_TOKEN }}
      - name: Build and push [=imageRepository]/[=appName]-${{ matrix.component }}
        uses: [=actions.buildPush.uses] # [=actions.buildPush.tag]
        with:
          context: [=dockerContext]
          file: ${{ matrix.dockerfile }}
          push: true
          tags: |
            [=imageRepository]/[=appName]-${{ matrix.component }}:${{ github.sha }}
            [=imageRepository]/[=appName]-${{ matrix.component }}:latest
          cache-from: type=gha,scope=${{ matrix.component }}
          cache-to: type=gha,mode=max,scope=${{ matrix.component }}

  render:
    name: Deploy the backend on Render
    needs: images
    if: github.event_name == 'push' && github.ref == 'refs/heads/[=branch]'
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    env:
      RENDER_DEPLOY_HOOK_URL: ${{ secrets.RENDER_DEPLOY_HOOK_URL }}
    steps:
      - name: Trigger the Render deploy hook
        if: env.RENDER_DEPLOY_HOOK_URL != ''
        # The URL is a secret: curl reads it from the environment, it is never echoed.
        run: curl --fail --silent --show-error --max-time 30 --output /dev/null --request POST "$RENDER_DEPLOY_HOOK_URL"
      - name: No deploy hook configured
        if: env.RENDER_DEPLOY_HOOK_URL == ''
        run: echo "RENDER_DEPLOY_HOOK_URL is not set; Render deploys by itself (autoDeployTrigger [=renderAutoDeployTrigger])."
