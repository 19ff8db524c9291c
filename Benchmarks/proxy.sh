#!/usr/bin/env bash
# Overhead of `sessions proxy` (release build): wrk -t2 -c32 -d5s on GET one CID222 session,
# directly against the mock and through the proxy in front of it, in alternating rounds so
# both see the same machine load. Prints requests/s and p99 per round, then the ratio of the
# medians (through ÷ direct; the target is ≥ 0.5). Everything started here is stopped on exit.
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
WRK_ARGS=(-t2 -c32 -d5s --latency)

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

MOCK_OUT="$(mktemp)"
PROXY_OUT="$(mktemp)"
WRK_OUT="$(mktemp)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    rm -f "$MOCK_OUT" "$PROXY_OUT" "$WRK_OUT"
}
trap cleanup EXIT

# Waits (bounded) for a server's `listening on URL` line and prints the URL.
url_of() {
    local out="$1" pid="$2" url=""
    for _ in $(seq 1 100); do
        url="$(head -n 1 "$out" | sed -n 's/^listening on //p')"
        [ -n "$url" ] && { echo "$url"; return 0; }
        kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; return 1; }
        sleep 0.1
    done
    echo "no 'listening on' line from pid $pid" >&2
    return 1
}

"$BIN" serve --port 0 >"$MOCK_OUT" 2>&1 &
PIDS+=($!)
MOCK="$(url_of "$MOCK_OUT" "${PIDS[0]}")"
"$BIN" proxy --target "$MOCK" --port 0 >"$PROXY_OUT" 2>&1 &
PIDS+=($!)
PROXY="$(url_of "$PROXY_OUT" "${PIDS[1]}")"
echo "== mock $MOCK, proxy $PROXY, $(nproc) cores"

JWT="$("$BIN" token --tenant bench --user bench)"
SESSION="$(curl -sf -X POST "$MOCK/sessions" -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' \
    -d '{"session_name":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
ROUTE="/sessions/$SESSION"
# Same body both ways: the relay must not change it.
cmp <(curl -sf "$MOCK$ROUTE" -H "Authorization: Bearer $JWT") <(curl -sf "$PROXY$ROUTE" -H "Authorization: Bearer $JWT")

# Runs one wrk round and prints "<req/s> <p99 in ms>".
measure() {
    timeout 60 wrk "${WRK_ARGS[@]}" -H "Authorization: Bearer $JWT" "$1$ROUTE" >"$WRK_OUT"
    if grep -q "Non-2xx" "$WRK_OUT"; then
        echo "non-2xx answers from $1" >&2
        cat "$WRK_OUT" >&2
        return 1
    fi
    local rps p99
    rps="$(awk '/Requests\/sec/ {print $2}' "$WRK_OUT")"
    p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$WRK_OUT")"
    echo "$rps $p99"
}

DIRECT=()
THROUGH=()
echo "== wrk ${WRK_ARGS[*]} GET $ROUTE, $ROUNDS alternating rounds"
printf '%-6s %-8s %12s %10s\n' round path "req/s" "p99 ms"
for round in $(seq 1 "$ROUNDS"); do
    read -r rps p99 < <(measure "$MOCK")
    DIRECT+=("$rps")
    printf '%-6s %-8s %12s %10s\n' "$round" direct "$rps" "$p99"
    read -r rps p99 < <(measure "$PROXY")
    THROUGH+=("$rps")
    printf '%-6s %-8s %12s %10s\n' "$round" proxy "$rps" "$p99"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
D="$(median "${DIRECT[@]}")"
P="$(median "${THROUGH[@]}")"
RATIO="$(awk -v p="$P" -v d="$D" 'BEGIN {printf "%.2f", p / d}')"
echo "== median req/s: direct $D, through the proxy $P; ratio $RATIO (target >= 0.5)"
awk -v r="$RATIO" 'BEGIN {exit !(r >= 0.5)}' || { echo "below target"; exit 1; }
