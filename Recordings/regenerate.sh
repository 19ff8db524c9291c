#!/bin/sh
# Regenerates Recordings/ from a deterministic run of every scenario against the in-process
# mock (seed 42, clock 2026-01-15T10:30:00Z ticking 1 s per reading), then shows what changed.
# The golden test (Tests/ConformanceTests/Recordings) compares the same run with the files.
set -eu
cd "$(dirname "$0")/.."
SESSIONS_RECORD_GOLDEN=1 swift test --filter 'GoldenRecordingTests/committedRecordingsEqualAFreshRun'
git status --short Recordings
