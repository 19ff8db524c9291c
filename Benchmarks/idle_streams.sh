#!/usr/bin/env bash
# Memory of idle streams in `sessions serve` (release build, default options): 5,000
# concurrent CID222 streams held open by Benchmarks/hold_connections.py, with the server's
# resident memory (VmRSS) before, while they are open (and so per stream), and after they
# close; then the same for 5,000 idle keep-alive connections. Throughput and latency are in
# Benchmarks/routes.sh.
# Everything the script starts is stopped on exit, and every step is bounded in time.
set -euo pipefail

# The held connections are CID222 message streams that send their first event and then stall
# (the mock's `X-Mock-Fault: stall_ms` fault), so each is a live SSE response kept open.
HOLD_KIND="CID222 SSE streams, each open after its first event (stalled by X-Mock-Fault)"
HOLD_STALL_MS=600000
HOLD_COUNT=5000

cd "$(dirname "$0")/.."

echo "== building release"
swift build -c release --product sessions >/dev/null
BIN="$(swift build -c release --show-bin-path)/sessions"

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
    rm -f "$OUT" "${ROUTES:-}"
}
trap cleanup EXIT

# Above the default caps of 1024 connections and 1000 sessions per namespace: the held streams
# need one connection and (sends into one session take turns) one session each.
"$BIN" serve --port 0 --max-connections $((HOLD_COUNT + 256)) --max-sessions-per-namespace "$HOLD_COUNT" \
    >"$OUT" 2>&1 &
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

JWT="$("$BIN" token --tenant bench --user bench)"
ROUTES="$(mktemp)"
# One session per held stream: concurrent sends into one session are served one at a time.
python3 - "$PORT" "$JWT" "$HOLD_COUNT" >"$ROUTES" <<'PY'
import http.client, json, sys
port, jwt, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(count):
    connection.request("POST", "/sessions", body='{"session_name":"bench"}',
                       headers={"Authorization": f"Bearer {jwt}", "Content-Type": "application/json"})
    print(f"/sessions/{json.load(connection.getresponse())['id']}/messages")
PY

echo "== holding $HOLD_COUNT concurrent connections: $HOLD_KIND"
timeout 180 python3 Benchmarks/hold_connections.py --port "$PORT" --pid "$SERVER_PID" --count "$HOLD_COUNT" \
    --method POST --routes-file "$ROUTES" \
    --header "Authorization: Bearer $JWT" --header "Content-Type: application/json" \
    --header "X-Mock-Fault: stall_ms=$HOLD_STALL_MS" \
    --body '{"content":"Tell me a long story","model":"gpt-4o"}'

# The same for connections that are only kept alive: each has had one answer and waits for
# its next request.
echo "== holding $HOLD_COUNT idle keep-alive connections (one GET /__admin/health each)"
timeout 180 python3 Benchmarks/hold_connections.py --port "$PORT" --pid "$SERVER_PID" --count "$HOLD_COUNT" \
    --route /__admin/health
