#!/usr/bin/env bash
# HTTP benchmark of `sessions serve` (release build):
#  1. wrk for 10 s at 64 connections on the health route: requests/s and latency percentiles;
#  2. 5,000 concurrent open connections held by Benchmarks/hold_connections.py, with the
#     server's resident memory (VmRSS) while they are open.
# Everything the script starts is stopped on exit, and every step is bounded in time.
set -euo pipefail

# Route wrk hammers.
WRK_ROUTE="/__admin/health"
# Route each held connection requests once. Today no route streams for long, so these are
# keep-alive connections after one completed request; point this at a long-lived streaming
# route (and update HOLD_KIND) once one exists.
HOLD_ROUTE="/__admin/health"
HOLD_KIND="idle keep-alive connections, each after one completed request (not streams)"
HOLD_COUNT=5000
WRK_CONNECTIONS=64
WRK_THREADS=2
WRK_DURATION=10s

cd "$(dirname "$0")/.."

echo "== building release"
swift build -c release --product sessions >/dev/null
BIN="$(swift build -c release --show-bin-path)/sessions"

if ! command -v wrk >/dev/null 2>&1; then
    echo "== installing wrk (Debian package)"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

OUT="$(mktemp)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    rm -f "$OUT"
}
trap cleanup EXIT

"$BIN" serve --port 0 >"$OUT" 2>&1 &
SERVER_PID=$!

URL=""
for _ in $(seq 1 100); do
    URL="$(head -n 1 "$OUT" | sed -n 's/^listening on //p')"
    [ -n "$URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT"; exit 1; }
    sleep 0.1
done
[ -n "$URL" ] || { echo "server did not print its URL"; exit 1; }
PORT="${URL##*:}"
echo "== server $URL (pid $SERVER_PID), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"

echo "== wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION --latency $URL$WRK_ROUTE"
timeout 60 wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "$URL$WRK_ROUTE" \
    | grep -E "Requests/sec|Transfer/sec|Latency|50%|75%|90%|99%|requests in|Socket errors|Non-2xx"

echo "== holding $HOLD_COUNT concurrent connections: $HOLD_KIND"
timeout 120 python3 Benchmarks/hold_connections.py --port "$PORT" --route "$HOLD_ROUTE" \
    --count "$HOLD_COUNT" --pid "$SERVER_PID"
