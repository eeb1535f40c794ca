#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh into a NEW database, and prove it is complete.
#   bash scripts/restore.sh --from BACKUP_DIR --db NEW_NAME [--config FILE | --data-dir DIR] [--neutralize]
#
#   --from DIR       a folder written by scripts/backup.sh (manifest.json, database.dump, filestore.tar)
#   --db NAME        the new database; refused if a database or a file store of that name exists
#   --config FILE    Odoo configuration giving data_dir and db_host/db_port/db_user/db_password
#                    (default: var/odoo-run.conf, written by scripts/run.sh, when it exists)
#   --data-dir DIR   Odoo's data_dir instead (the file store goes to DIR/filestore/NAME)
#   --neutralize     also run Odoo's "neutralize" on it (no e-mail, no scheduled job): for a
#                    test copy served next to the production database
# PGHOST, PGPORT, PGUSER, PGPASSWORD are used as they are given; the configuration fills
# only those not given.
#
# Steps: check the SHA-256 of every part against the manifest; restore into a temporary
# database and file store; compare the digest of the iDESK data with the one taken in the
# dump's snapshot; check every stored file (SHA-1 of ir.attachment, SHA-256 of each scan);
# only then give the database and the file store their name. On any failure nothing is left.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
FROM="" DB="" CONFIG="" DATA_DIR="" NEUTRALIZE=""
while [ $# -gt 0 ]; do
    case "$1" in
        --from) FROM="$2"; shift 2 ;;
        --db) DB="$2"; shift 2 ;;
        --config) CONFIG="$2"; shift 2 ;;
        --data-dir) DATA_DIR="$2"; shift 2 ;;
        --neutralize) NEUTRALIZE=1; shift ;;
        -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
        *) echo "restore.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ -n "$FROM" ] && [ -n "$DB" ] || { echo "restore.sh: --from and --db are required (see --help)" >&2; exit 2; }
. "$HERE/backup_lib.sh"
read_odoo_config

[ -f "$FROM/manifest.json" ] || die "$FROM/manifest.json not found: not a backup of scripts/backup.sh"
db_exists "$DB" && die "database $DB already exists: restore.sh never restores over a database"
FILESTORES="$DATA_DIR/filestore"
[ -e "$FILESTORES/$DB" ] && die "file store $FILESTORES/$DB already exists"

say "checking the SHA-256 of the parts"
"$PY" "$DIGEST" verify-archive --dir "$FROM" || die "the backup is damaged: not restored"

manifest() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$FROM/manifest.json" "$1"; }
SOURCE_DB="$(manifest database)"
TMP_DB="${DB}_restoring_$$"
WORK="$FILESTORES/.restoring_$$"
cleanup() { dropdb --if-exists "$TMP_DB" 2>/dev/null || true; rm -rf "$WORK" "$FILESTORES/$TMP_DB"; }
trap cleanup EXIT

say "restoring the database into $TMP_DB"
createdb --template=template0 --encoding="$(manifest encoding)" --lc-collate="$(manifest collate)" \
    --lc-ctype="$(manifest ctype)" "$TMP_DB" || die "createdb failed"
pg_restore --exit-on-error --no-owner --no-acl --dbname="$TMP_DB" "$FROM/database.dump" ||
    die "pg_restore failed"

say "restoring the file store"
mkdir -p "$WORK"
tar --extract --file="$FROM/filestore.tar" --directory="$WORK" || die "tar failed"
[ -d "$WORK/$SOURCE_DB" ] || die "the file store archive has no folder $SOURCE_DB"
mv "$WORK/$SOURCE_DB" "$FILESTORES/$TMP_DB"

say "comparing the digest of the iDESK data with the one of the dump's snapshot"
"$PY" "$DIGEST" digest --db "$TMP_DB" >"$WORK/digest.json" || die "digest failed"
"$PY" "$DIGEST" compare "$FROM/manifest.json" "$WORK/digest.json" ||
    die "the restored data differ from the backup's digest: not restored"
say "checking every stored file"
"$PY" "$DIGEST" verify-files --db "$TMP_DB" --filestore "$FILESTORES/$TMP_DB" ||
    die "files are missing or damaged: not restored"

psql -d postgres -qc "ALTER DATABASE \"$TMP_DB\" RENAME TO \"$DB\""
mv "$FILESTORES/$TMP_DB" "$FILESTORES/$DB"
rm -rf "$WORK"
trap - EXIT

if [ -n "$NEUTRALIZE" ]; then
    find_odoo ""
    say "neutralizing $DB"
    odoo_bin neutralize -d "$DB" --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" \
        --data-dir="$DATA_DIR" || die "neutralize failed (the restored database $DB is kept)"
fi
say "restored: database $DB, file store $FILESTORES/$DB"
