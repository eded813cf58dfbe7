# Shared helpers for the eng/demo/*.sh scripts (sourced, not run).
gw=${PLATFORM_GATEWAY_URL:-http://127.0.0.1:8080}

post() { # path json -> prints the response body, fails on a non-2xx answer
  curl -sS --fail-with-body -X POST "$gw$1" -H 'content-type: application/json' -d "$2"
}
id_of() { sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p'; }
