#!/usr/bin/env bash
# iDESK quality gates: ruff (lint + format), pylint-odoo, OCA's Odoo XML/CSV/PO
# checks, manifests and XML ids, prettier (XML), hadolint (Dockerfile),
# docker-compose.yml against the Compose specification. All run through
# pre-commit with local hooks
# (.pre-commit-config.yaml), so nothing is downloaded here.
#
# This script installs nothing. Before it, from the repository root:
#   .venv/bin/pip install -r requirements-test.txt   # pre-commit, ruff, pylint-odoo, ...
#   npm ci                                           # prettier + @prettier/plugin-xml
#
# Usage:
#   scripts/quality.sh          check everything; exits non-zero on any failure
#   scripts/quality.sh --fix    apply the automatic fixes (ruff, prettier), then
#                               check again
# Environment: VENV (default .venv) to use another virtual environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-$ROOT/.venv}"

missing=()
for tool in pre-commit ruff pylint oca-checks-odoo-module oca-checks-po check-jsonschema hadolint; do
    [ -x "$VENV/bin/$tool" ] || missing+=("$VENV/bin/$tool")
done
[ -x node_modules/.bin/prettier ] || missing+=("node_modules/.bin/prettier")
if [ ${#missing[@]} -gt 0 ]; then
    echo "quality.sh: missing tools: ${missing[*]}" >&2
    echo "Install them with: $VENV/bin/pip install -r requirements-test.txt && npm ci" >&2
    exit 2
fi
export PATH="$VENV/bin:$ROOT/node_modules/.bin:$PATH"
# pre-commit keeps its (tiny, for local hooks) state out of the user's home.
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$ROOT/var/pre-commit}"

if [ "${1:-}" = "--fix" ]; then
    ruff check --fix --force-exclude . || true
    ruff format --force-exclude .
    prettier --write --log-level warn "addons/**/*.xml"
fi

start=$(date +%s)
status=0
pre-commit run --all-files --color=never || status=$?
echo "quality gates: $([ $status -eq 0 ] && echo PASSED || echo FAILED) in $(( $(date +%s) - start ))s"
exit $status
