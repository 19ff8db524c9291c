#!/usr/bin/env bash
# Throughput and latency of the API routes of `sessions serve` (release build, default options,
# journal on), against nginx serving the same bytes as the ceiling, servers alternated in
# rounds. Routes: health, GET one Konnect session, a Konnect list page of 20, POST /v1/chat,
# and a CID222 send (streams per second). Prints req/s, p50 and p99 per round and the ratios.
#
#   Benchmarks/routes.sh [ROUNDS]          default 3 rounds of wrk -t2 -c64 -d8s per route
#   DURATION=5s CONNECTIONS=32 Benchmarks/routes.sh 2
#
# Installs Debian's wrk and nginx when missing. Everything it starts is stopped on exit, and
# every wrk run is bounded by a timeout. The work is in Benchmarks/routes.py.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} (Debian packages)"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== building release"
swift build -c release --product sessions >/dev/null
BIN="$(swift build -c release --show-bin-path)/sessions"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec python3 Benchmarks/routes.py --sessions "$BIN" --nginx "$NGINX" --rounds "${1:-3}" \
    --duration "${DURATION:-8s}" --connections "${CONNECTIONS:-64}"
