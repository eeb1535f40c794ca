#!/usr/bin/env bash
# Back up an iDESK database and its file store, while people keep working.
#   bash scripts/backup.sh [--db NAME] [--out DIR] [--config FILE | --data-dir DIR] [--no-record]
#
#   --db NAME        database (default: $IDESK_DB or idesk, the one of scripts/run.sh)
#   --out DIR        where the backup folder NAME-YYYYMMDD-HHMMSS is created (default var/backups)
#   --config FILE    Odoo configuration giving data_dir and db_host/db_port/db_user/db_password
#                    (default: var/odoo-run.conf, written by scripts/run.sh, when it exists)
#   --data-dir DIR   Odoo's data_dir instead (the file store is DIR/filestore/NAME)
#   --no-record      do not record the run in the database (iDESK → Configuration → Backups)
# PGHOST, PGPORT, PGUSER, PGPASSWORD are used as they are given; the configuration fills
# only those not given.
#
# The folder holds database.dump (pg_dump custom format), filestore.tar (the database's
# file store), digest.json and manifest.json (SHA-256 of each part and the digest of the
# iDESK data, see scripts/idesk_digest.py). The digest is computed in the very snapshot
# pg_dump reads (an exported snapshot), so it describes exactly what the dump holds.
# The file store is archived after the dump: files are written before their transaction
# commits and never changed afterwards, so every file the dump refers to is in the tar.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
DB="${IDESK_DB:-idesk}" OUT="" CONFIG="" DATA_DIR="" RECORD=1
while [ $# -gt 0 ]; do
    case "$1" in
        --db) DB="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --config) CONFIG="$2"; shift 2 ;;
        --data-dir) DATA_DIR="$2"; shift 2 ;;
        --no-record) RECORD=""; shift ;;
        -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
        *) echo "backup.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
. "$HERE/backup_lib.sh"
read_odoo_config
OUT="${OUT:-$VAR_DIR/backups}"

db_exists "$DB" || die "database $DB not found on ${PGHOST}:${PGPORT}"
FILESTORE="$DATA_DIR/filestore/$DB"
[ -d "$FILESTORE" ] || die "file store $FILESTORE not found (give --data-dir or --config)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TARGET="$OUT/$DB-$(date -u +%Y%m%d-%H%M%S)"
[ -e "$TARGET" ] && die "$TARGET already exists"
PARTIAL="$TARGET.partial"
trap 'rm -rf "$PARTIAL"' EXIT
mkdir "$PARTIAL"

say "dumping $DB (snapshot shared with the digest)"
"$PY" "$DIGEST" snapshot-run --db "$DB" --out "$PARTIAL/digest.json" -- \
    pg_dump --format=custom --file="$PARTIAL/database.dump" --snapshot="{snapshot}" "$DB" ||
    die "pg_dump failed"

say "archiving the file store $FILESTORE"
# exit status 1 = a file was added while reading (a new upload, after the snapshot)
tar --create --file="$PARTIAL/filestore.tar" --warning=no-file-changed \
    --directory="$DATA_DIR/filestore" "$DB" || [ $? -eq 1 ] || die "tar failed"

DIGEST_VALUE=$("$PY" "$DIGEST" manifest --dir "$PARTIAL" --db "$DB") || die "manifest failed"
mv "$PARTIAL" "$TARGET"
trap - EXIT

SIZE=$(du -sb "$TARGET" | cut -f1)
DOCS=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["documents"])' "$TARGET/digest.json")
if [ -n "$RECORD" ]; then
    if [ "$(psql -d "$DB" -tAc "select to_regclass('idesk_backup_log') is not null")" = t ]; then
        psql -d "$DB" -q -v ON_ERROR_STOP=1 -v path="$TARGET" -v host="$(hostname)" \
            -v size="$SIZE" -v docs="$DOCS" -v digest="$DIGEST_VALUE" -v db="$DB" <<'SQL' ||
INSERT INTO idesk_backup_log
    (backup_date, database_name, archive_path, host, size_bytes, document_count, digest,
     create_date, write_date)
VALUES (now() AT TIME ZONE 'UTC', :'db', :'path', :'host', :size, :docs, :'digest',
        now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC');
SQL
            say "warning: the backup is complete but could not be recorded in $DB"
    else
        say "idesk_security is not installed in $DB: the run is not recorded there"
    fi
fi
say "backup complete: $TARGET ($DOCS documents, digest $DIGEST_VALUE)"
echo "$TARGET"
