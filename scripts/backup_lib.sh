# Shared steps of scripts/backup.sh and scripts/restore.sh. Source it; do not run it.
# Expects CONFIG and DATA_DIR (possibly empty) from the caller's options.

read_odoo_config() {
    local root conf value key var
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    conf="$CONFIG"
    if [ -z "$conf" ] && [ -z "$DATA_DIR" ] && [ -f "${IDESK_VAR_DIR:-$root/var}/odoo-run.conf" ]; then
        conf="${IDESK_VAR_DIR:-$root/var}/odoo-run.conf"
    fi
    if [ -n "$conf" ]; then
        [ -f "$conf" ] || { echo "configuration $conf not found" >&2; exit 2; }
        conf_value() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$conf" | tail -n1; }
        [ -n "$DATA_DIR" ] || DATA_DIR="$(conf_value data_dir)"
        # PG* variables given by the operator win over the configuration
        for key in db_host:PGHOST db_port:PGPORT db_user:PGUSER db_password:PGPASSWORD; do
            var="${key#*:}"
            value="$(conf_value "${key%%:*}")"
            if [ -z "${!var:-}" ] && [ -n "$value" ] && [ "$value" != False ]; then
                export "$var=$value"
            fi
        done
    fi
    . "$root/scripts/lib.sh"
    DATA_DIR="${DATA_DIR:-$VAR_DIR/data}"
    DIGEST="$IDESK_ROOT/scripts/idesk_digest.py"
    PY="${PYTHON:-$VENV/bin/python}"
    [ -x "$PY" ] || PY=python3
    "$PY" -c "import psycopg2" 2>/dev/null || die "$PY cannot import psycopg2 (set PYTHON)"
}
