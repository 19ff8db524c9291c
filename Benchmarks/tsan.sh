#!/usr/bin/env bash
# Runs the test suite under ThreadSanitizer and fails on any data race it reports.
#
#   Benchmarks/tsan.sh [extra swift test arguments, e.g. --filter MockServerTests]
#
# Builds into .build-tsan (its own scratch path, so the normal debug build is kept) at
# nice 19. Every lock of ours is `Locking.Locked`, a pthread mutex, which TSan intercepts;
# `Synchronization.Mutex` is invisible to TSan on Linux and would be reported as races.
# Tests run one at a time (--no-parallel): under TSan the CPU-heavy parser tests run ten
# times slower and, run in parallel, starve the live-socket tests of the cooperative pool's
# two threads until their clients time out, which is noise, not a finding.
# The report is kept in .build-tsan/tsan.log.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
log=.build-tsan/tsan.log
mkdir -p .build-tsan
# halt_on_error=0: one run lists every race; the backtracer off keeps TSan's reports readable.
TSAN_OPTIONS=${TSAN_OPTIONS:-"halt_on_error=0 second_deadlock_stack=1"} SWIFT_BACKTRACE=enable=no \
    nice -n 19 swift test --sanitize=thread --scratch-path .build-tsan --no-parallel "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
races=$(grep -c "WARNING: ThreadSanitizer" "$log" || true)
echo "ThreadSanitizer: $races report(s) (data races, Swift access races); swift test exit status $status"
if [[ $races -gt 0 || $status -ne 0 ]]; then exit 1; fi
