#!/usr/bin/env bash
# Command 2: build the same environment, run the quality gates, install the four addons
# in a throwaway database, run every addon's Odoo tests and the repository tests with
# pytest (pytest-odoo), print pytest's summary and drop the database.
#   bash scripts/test.sh [--odoo PATH] [pytest arguments...]
# With CI=true, a missing Odoo, database or test service is a failure, never a skip;
# a skipped test fails the run in any case (set IDESK_ALLOW_SKIPS=1 to allow it locally).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

GIVEN_ODOO=""
if [ "${1:-}" = --odoo ]; then GIVEN_ODOO="$2"; shift 2; fi

T0=$SECONDS
ensure_debian_packages $DEB_RUNTIME $DEB_TEST
command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm
find_odoo "$GIVEN_ODOO"
ensure_venv requirements-test.txt
ensure_npm
ensure_postgres
for tool in slapd tesseract chromium pdftotext; do
    command -v "$tool" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null 2>&1 ||
        die "$tool is missing: the tests need the real one"
done
tesseract --list-langs 2>/dev/null | grep -qx vie || die "Tesseract has no Vietnamese data (tesseract-ocr-vie)"
say "environment ready in $((SECONDS - T0)) s"

if [ -x "$IDESK_ROOT/scripts/quality.sh" ] || [ -f "$IDESK_ROOT/scripts/quality.sh" ]; then
    say "quality gates"
    PATH="$VENV/bin:$PATH" bash "$IDESK_ROOT/scripts/quality.sh" || die "quality gates failed"
fi

RUN_ID="$(date +%s)_$$"
DB="idesk_test_$RUN_ID"
CONF="$VAR_DIR/odoo-test-$RUN_ID.conf"
write_config "$CONF" 0
DBS=("$DB")
cleanup() { for db in "${DBS[@]}"; do drop_db "$db"; done; rm -f "$CONF"; }
trap cleanup EXIT

# Each addon installs alone with its dependencies (idesk_reports needs all the others).
for addon in idesk_security idesk_registry idesk_distribution idesk_drafting idesk_signature idesk_drafting_signature; do
    DBS+=("${DB}_$addon")
    say "install alone: $addon"
    odoo_bin -c "$CONF" -d "${DB}_$addon" -i "$addon" --stop-after-init --log-level=warn ||
        die "$addon does not install alone"
    drop_db "${DB}_$addon"
done
say "install the iDESK addons with demo data in $DB, then upgrade them (-u)"
odoo_bin -c "$CONF" -d "$DB" -i "$ADDONS" --load-language=vi_VN --stop-after-init --log-level=warn ||
    die "the iDESK addons do not install together"
odoo_bin -c "$CONF" -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn || die "the iDESK addons do not upgrade"

say "pytest"
cd "$IDESK_ROOT"
set +e
"$VENV/bin/pytest" -p no:cacheprovider -rfEs --odoo-config="$CONF" --odoo-database="$DB" --odoo-http \
    --odoo-log-level=warn --odoo-extra=test-enable addons/*/tests tests "$@"
rc=$?
set -e
say "test command finished in $((SECONDS - T0)) s"
exit $rc
