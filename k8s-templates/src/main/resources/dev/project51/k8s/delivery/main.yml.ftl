[=generatedBy]
#
# CI/CD of [=appName]. Every push and pull request runs the tests. A push to [=branch] then builds
# the frontend and backend images, pushes them to Docker Hub tagged with the commit SHA (what
# deploy.sh deploys) and latest, and asks Render to deploy the backend.
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
      - name: Build and test
        run: [=testCommand]

  images:
    name: Image ${{ matrix.component }}
    needs: test
    if: github.event_name == 'push' && github.ref == 'refs/heads/[=branch]'
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    strategy:
      matrix:
        include:
          - component: frontend
            dockerfile: [=frontendDockerfile]
          - component: backend
            dockerfile: [=backendDockerfile]
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
