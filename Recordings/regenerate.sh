#!/bin/sh
# Regenerates Recordings/ with the command the golden test checks against: `sessions check`
# on the built-in mock, in process (seed 42, clock 2026-01-15T10:30:00Z ticking 1 s per
# reading), recording every scenario, mock-only ones included. Then shows what changed.
set -eu
cd "$(dirname "$0")/.."
rm -rf Recordings/cid222 Recordings/konnect
swift run sessions check --seed 42 --clock 2026-01-15T10:30:00Z,1 --record Recordings
git status --short Recordings
