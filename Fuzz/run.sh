#!/usr/bin/env bash
# Builds and runs one libFuzzer harness for a bounded time.
#
#   Fuzz/run.sh NAME SECONDS      NAME: http_request | json | jwt | sse | ecma_pattern | all
#   FUZZ_RUNS=N Fuzz/run.sh ...   also stop after N executions (whichever comes first)
#   FUZZ_RSS_MB=N Fuzz/run.sh ... libFuzzer's RSS limit, default 2048. Long runs need more:
#                                 ASan's quarantine and stack depot grow the process over
#                                 millions of inputs (see Fuzz/Findings/README.md).
#
# The modules a harness needs are compiled from Sources/ with -sanitize=fuzzer,address into
# Fuzz/.build (ignored by git); the harness in Fuzz/Harnesses/NAME.swift is linked against
# them. The committed seeds in Fuzz/Corpus/NAME are read, new inputs go to
# Fuzz/.build/corpus/NAME. Runs at nice 19 so builds on the same machine are not starved,
# with Swift's backtracer off (after a crash it can keep libFuzzer from exiting).
# Exit status: 0 when the run ended without a finding; a crash input is left in
# Fuzz/.build/crash-*.
set -euo pipefail

name=${1:?usage: Fuzz/run.sh NAME SECONDS}
seconds=${2:?usage: Fuzz/run.sh NAME SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build="$here/.build"
mkdir -p "$build"

if [[ $name == all ]]; then
    for each in http_request json jwt sse ecma_pattern; do "$0" "$each" "$seconds"; done
    exit 0
fi

flags=(-parse-as-library -O -sanitize=fuzzer,address -I "$build" -L "$build")

# module NAME SOURCES...: a static library and its .swiftmodule, rebuilt when a source is newer.
module() {
    local module=$1
    shift
    local library="$build/lib$module.a"
    if [[ -f $library ]] && [[ -z $(find "$@" -newer "$library" 2>/dev/null | head -1) ]]; then return; fi
    echo "building $module" >&2
    nice -n 19 swiftc "${flags[@]}" -module-name "$module" -emit-module \
        -emit-module-path "$build/$module.swiftmodule" -emit-library -static -o "$library" "$@"
}

sources() { find "$root/Sources/$1" -name '*.swift' | sort; }

case $name in
    http_request)
        # The parser and the request types only: the transport needs the CEpoll C target.
        mapfile -t files < <(sources HTTPServer/HTTP; sources HTTPServer/Routing)
        module HTTPServer "${files[@]}"
        libraries=(-lHTTPServer) ;;
    json | ecma_pattern)
        mapfile -t files < <(sources JSONSchema)
        module JSONSchema "${files[@]}"
        libraries=(-lJSONSchema) ;;
    sse)
        mapfile -t files < <(sources EventStream)
        module EventStream "${files[@]}"
        libraries=(-lEventStream) ;;
    jwt)
        mapfile -t files < <(sources JSONSchema)
        module JSONSchema "${files[@]}"
        mapfile -t files < <(sources Locking)
        module Locking "${files[@]}"
        mapfile -t files < <(sources SessionsAPI)
        module SessionsAPI "${files[@]}"
        # The verifier and what it uses from MockServer, as a module of their own.
        mapfile -t files < <(sources MockServer/Auth; echo "$root/Sources/MockServer/Core/JSONValue+Mock.swift")
        module MockAuth "${files[@]}"
        libraries=(-lMockAuth -lSessionsAPI -lLocking -lJSONSchema) ;;
    *) echo "unknown fuzzer '$name'" >&2; exit 64 ;;
esac

binary="$build/fuzz-$name"
harness="$here/Harnesses/$name.swift"
if [[ ! -x $binary ]] || [[ -n $(find "$harness" "$build" -name '*.a' -newer "$binary" 2>/dev/null | head -1) ]] \
    || [[ $harness -nt $binary ]]; then
    echo "linking fuzz-$name" >&2
    nice -n 19 swiftc "${flags[@]}" "$harness" "${libraries[@]}" -o "$binary"
fi

mkdir -p "$build/corpus/$name"
cd "$build"
limits=(-max_total_time="$seconds")
if [[ -n ${FUZZ_RUNS:-} ]]; then limits+=(-runs="$FUZZ_RUNS"); fi
# -timeout is wall-clock: at nice 19 on a busy machine a 50 ms input can wait seconds for a
# core, so only a unit stuck for two minutes counts as a hang.
SWIFT_BACKTRACE=enable=no nice -n 19 "$binary" "${limits[@]}" -max_len=4096 -timeout=120 \
    -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -print_final_stats=1 "$build/corpus/$name" "$here/Corpus/$name"
