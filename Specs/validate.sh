#!/usr/bin/env bash
# Validates the OpenAPI documents (both APIs and the admin routes) with openapi-spec-validator (PyPI), installing it when missing.
# CI does not need Python: the Swift tests (SpecsTests) check the documents too.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v openapi-spec-validator >/dev/null 2>&1; then
    echo "openapi-spec-validator not found; installing it with pip" >&2
    python3 -m pip install --quiet openapi-spec-validator
fi

status=0
for api in cid222 konnect admin; do
    document="$here/$api/openapi.json"
    if openapi-spec-validator "$document"; then
        :
    else
        status=1
    fi
done
exit "$status"
