# Shared helpers for the eng/demo/*.sh scripts (sourced, not run).
gw=${PLATFORM_GATEWAY_URL:-http://127.0.0.1:8080}
# Every API call carries a bearer token: ./platform up passes a platform-admin one; run by hand, one is minted.
if [[ -z ${PLATFORM_TOKEN:-} ]]; then
  PLATFORM_TOKEN=$("$(dirname "${BASH_SOURCE[0]}")/../../platform" token --role platform-admin --sub demo-loader)
fi
export PLATFORM_TOKEN

gw_curl() { # curl with the demo's bearer token
  curl -H "authorization: Bearer $PLATFORM_TOKEN" "$@"
}

post() { # path json -> prints the response body, fails on a non-2xx answer
  gw_curl -sS --fail-with-body -X POST "$gw$1" -H 'content-type: application/json' -d "$2"
}
get() { # path -> prints the response body, fails on a non-2xx answer
  gw_curl -sS --fail-with-body "$gw$1"
}
id_of() { sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1; }

# Background jobs, at most DEMO_JOBS at a time (the APIs are concurrent; one worker's changes stay in order
# by running them in one job). bg_wait fails if any job failed.
DEMO_JOBS=${DEMO_JOBS:-4}
DEMO_PIDS=()
bg() {
  while (($(jobs -rp | wc -l) >= DEMO_JOBS)); do wait -n || true; done
  "$@" &
  DEMO_PIDS+=($!)
}
bg_wait() {
  local pid failed=0
  for pid in "${DEMO_PIDS[@]}"; do wait "$pid" || failed=1; done
  DEMO_PIDS=()
  ((failed == 0)) || { echo "a demo job failed" >&2; return 1; }
}
