#!/usr/bin/env bash
# Command 1: prepare everything and serve iDESK with demo data on http://localhost:8069.
#   bash scripts/run.sh [--odoo PATH] [--db NAME] [--port PORT] [--no-serve]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

DB="${IDESK_DB:-idesk}" PORT="${IDESK_PORT:-8069}" SERVE=1 GIVEN_ODOO=""
while [ $# -gt 0 ]; do
    case "$1" in
        --odoo) GIVEN_ODOO="$2"; shift 2 ;;
        --db) DB="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --no-serve) SERVE=""; shift ;;
        -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done

ensure_debian_packages $DEB_RUNTIME
find_odoo "$GIVEN_ODOO"
ensure_venv ""
ensure_postgres
CONF="$VAR_DIR/odoo-run.conf"
write_config "$CONF" "$PORT"
# The developers' recipes (docs/dev-recipes.md) and the benchmarks (bench/) use this one.
write_config "$VAR_DIR/dev.conf" "$PORT"

STAMP="$VAR_DIR/$DB.addons-stamp"
if ! db_exists "$DB"; then
    # Built under a temporary name and renamed when complete: an interrupted run leaves
    # no half-created database behind.
    TMP_DB="${DB}_building_$$"
    trap 'drop_db "$TMP_DB"' EXIT
    say "creating database $DB with the iDESK addons and Vietnamese demo data (a few minutes)"
    odoo_bin -c "$CONF" -d "$TMP_DB" -i "$ADDONS" --load-language=vi_VN \
        --stop-after-init --log-level=warn || die "installing the iDESK addons failed"
    psql -d postgres -qc "alter database \"$TMP_DB\" rename to \"$DB\""
    [ -d "$VAR_DIR/data/filestore/$TMP_DB" ] && mv "$VAR_DIR/data/filestore/$TMP_DB" "$VAR_DIR/data/filestore/$DB"
    trap - EXIT
    addons_hash >"$STAMP"
elif [ "$(cat "$STAMP" 2>/dev/null)" != "$(addons_hash)" ]; then
    say "the addons changed since the last run: upgrading them in $DB"
    odoo_bin -c "$CONF" -d "$DB" -u "$ADDONS" --stop-after-init --log-level=warn || die "upgrading the addons failed"
    addons_hash >"$STAMP"
fi

# Demo signing keys on SoftHSM2 tokens (files under var/softhsm, outside the database as
# real keys are): the chairman's and the Office's, PIN 123456. The server reads the tokens
# through SOFTHSM2_CONF.
export SOFTHSM2_CONF="$VAR_DIR/softhsm/softhsm2.conf"
if [ ! -f "$VAR_DIR/softhsm/demo-keys-$DB" ]; then
    echo "env['idesk.signing.key']._setup_demo_keys('$VAR_DIR/softhsm') and env.cr.commit()" |
        odoo_bin shell -c "$CONF" -d "$DB" --no-http --log-level=warn >/dev/null &&
        touch "$VAR_DIR/softhsm/demo-keys-$DB" || say "the demo signing keys could not be made"
fi

say "iDESK is ready: http://localhost:$PORT  (database $DB)"
say "log in as: vanthu / vanthu (clerk), chutich / chutich (leader), chuyenvien / chuyenvien (officer),"
say "           vanthu.nhonhau / vanthu.nhonhau (ward clerk), quantri / quantri (network administrator), admin / admin"
say "PIN of the demo signing tokens (chutich's, the Office's): 123456"
[ -n "$SERVE" ] || exit 0
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --db-filter="^$DB\$"
