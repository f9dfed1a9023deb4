#!/usr/bin/env bash
# Sourced by .ci/run: what the project needs from Debian on a fresh machine.

ensure_system_packages() {
  local missing=()
  command -v go >/dev/null 2>&1 || missing+=(golang-go)
  command -v git >/dev/null 2>&1 || missing+=(git)
  # The browser tests drive Debian's Chromium through playwright-core; they never download one.
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "    installing from Debian: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # Debian's Go may be older than Kubernetes needs; the Go module proxy serves newer toolchains.
  export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
  echo "    go: $(go version)"
  echo "    chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing)"
}
