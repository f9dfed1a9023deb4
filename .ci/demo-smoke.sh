#!/usr/bin/env bash
# Sourced by .ci/run: starts ./scripts/demo as a person would, waits until the portal answers and
# the backend reports the local cluster healthy, then stops the demo and its control plane.

demo_smoke() {
  local log=.nodepools/demo-smoke.log deadline=$((SECONDS + 900)) pid
  mkdir -p .nodepools
  # setsid: the demo runs yarn, backstage-cli, webpack and the backend; stop them as one group.
  setsid ./scripts/demo >"$log" 2>&1 &
  pid=$!
  local backend=http://127.0.0.1:7007 frontend=http://localhost:3000 ok=0 token="" clusters=""
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "    ./scripts/demo exited early; its log:"
      tail -50 "$log"
      return 1
    fi
    if curl -fsS "$backend/api/nodepools/health" >/dev/null 2>&1 &&
      curl -fsS "$frontend" 2>/dev/null | grep -q '<div id="root">'; then
      # The guest sign-in the demo offers, then the cluster list a platform engineer sees.
      token=$(curl -fsS -H 'X-Requested-With: XMLHttpRequest' "$backend/api/auth/guest/refresh" 2>/dev/null |
        node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).backstageIdentity.token)}catch{}})')
      if [ -n "$token" ]; then
        clusters=$(curl -fsS -H "Authorization: Bearer $token" "$backend/api/nodepools/clusters" 2>/dev/null || true)
        if node -e 'const c=JSON.parse(process.argv[1]);const l=(c.items??c).find(x=>x.name==="local");process.exit(l&&l.health&&l.health.state==="healthy"?0:1)' "$clusters" 2>/dev/null; then
          ok=1
          break
        fi
      fi
    fi
    sleep 5
  done
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  yarn cluster:stop >/dev/null 2>&1 || true
  if [ "$ok" != 1 ]; then
    echo "    the demo did not come up with a healthy local cluster within 15 min; last cluster answer: ${clusters:-none}"
    tail -50 "$log"
    return 1
  fi
  echo "    portal on :3000 and :7007 up, cluster 'local' healthy"
}
