# Shared steps of scripts/run.sh and scripts/test.sh. Source it; do not run it.
# Every step is idempotent: it checks before it installs, so a second run is fast.

IDESK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$IDESK_ROOT/.venv"
VAR_DIR="${IDESK_VAR_DIR:-$IDESK_ROOT/var}"
CACHE_DIR="${IDESK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/idesk}"
NIGHTLY_URL="${IDESK_ODOO_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
ADDONS="idesk_security,idesk_registry,idesk_distribution,idesk_reports,idesk_drafting,idesk_signature,idesk_drafting_signature"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-$(id -un)}"

say() { printf '\033[1m[idesk]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[idesk] error:\033[0m %s\n' "$*" >&2; exit "${2:-1}"; }

# Debian packages: OCR with Vietnamese data, PDF tools, fonts with Vietnamese glyphs
# (fonts-liberation 1.07 lacks ạ ế ơ ư; liberation2 and DejaVu have them), LibreOffice
# headless to turn DOCX/ODT drafts into PDF (idesk_drafting), and what python-ldap and
# psycopg2 build against; SoftHSM2, the PKCS#11 module of the demo's and the tests' signing
# tokens (idesk_signature).
DEB_RUNTIME="tesseract-ocr tesseract-ocr-vie wkhtmltopdf poppler-utils fonts-liberation2 fonts-dejavu-core
 libreoffice-writer-nogui libldap2-dev libsasl2-dev libpq-dev gcc softhsm2"
# The test suite also starts a real OpenLDAP and a headless Chromium, and formats XML with prettier.
DEB_TEST="slapd ldap-utils chromium"

ensure_debian_packages() {
    local wanted="$*" missing=() pkg
    for pkg in $wanted; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        say "missing Debian packages: ${missing[*]}"
        say "install them with: sudo apt-get install ${missing[*]}"
        [ "${CI:-}" = true ] && die "CI needs these packages"
        return 0
    fi
    say "installing Debian packages: ${missing[*]}"
    # slapd's and others' maintainer scripts must not start services: the tests start
    # their own on loopback ports.
    local policy=/usr/sbin/policy-rc.d own_policy=
    if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; own_policy=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    local rc=$?
    [ -n "$own_policy" ] && rm -f "$policy"
    [ $rc -eq 0 ] || die "apt-get install failed for: ${missing[*]}"
}

# Odoo 18.0 source, in this order: a path the user gives (--odoo PATH or ODOO_SOURCE, a
# source tree or a nightly tarball), the cache folder, the official nightly download.
odoo_is_18() { [ -f "$1/odoo-bin" ] && grep -q "^version_info = (18, 0," "$1/odoo/release.py" 2>/dev/null; }

extract_tarball() {  # $1 tarball, $2 target folder; atomic: a failed extraction leaves nothing
    local tmp="$2.partial.$$"
    rm -rf "$tmp" && mkdir -p "$tmp" && tar -xzf "$1" -C "$tmp" --strip-components=1 &&
        odoo_is_18 "$tmp" && mv "$tmp" "$2" || { rm -rf "$tmp"; return 1; }
}

find_odoo() {
    local given="${1:-${ODOO_SOURCE:-}}"
    if [ -n "$given" ]; then
        if [ -d "$given" ] && odoo_is_18 "$given"; then ODOO_SRC=$(cd "$given" && pwd); return 0; fi
        if [ -f "$given" ]; then
            mkdir -p "$CACHE_DIR" && rm -rf "$CACHE_DIR/odoo-18.0"
            extract_tarball "$given" "$CACHE_DIR/odoo-18.0" && { ODOO_SRC="$CACHE_DIR/odoo-18.0"; return 0; }
        fi
        die "$given is not an Odoo 18.0 source tree or nightly tarball" 2
    fi
    if odoo_is_18 "$CACHE_DIR/odoo-18.0"; then ODOO_SRC="$CACHE_DIR/odoo-18.0"; return 0; fi
    if [ -f "$CACHE_DIR/odoo_18.0.latest.tar.gz" ] &&
        extract_tarball "$CACHE_DIR/odoo_18.0.latest.tar.gz" "$CACHE_DIR/odoo-18.0"; then
        ODOO_SRC="$CACHE_DIR/odoo-18.0"; return 0
    fi
    say "Odoo 18.0 not found; downloading the official nightly source ($NIGHTLY_URL)"
    mkdir -p "$CACHE_DIR"
    if curl -fsSL --connect-timeout 15 --max-time 900 -o "$CACHE_DIR/odoo.tar.gz.partial" "$NIGHTLY_URL" &&
        mv "$CACHE_DIR/odoo.tar.gz.partial" "$CACHE_DIR/odoo_18.0.latest.tar.gz" &&
        extract_tarball "$CACHE_DIR/odoo_18.0.latest.tar.gz" "$CACHE_DIR/odoo-18.0"; then
        ODOO_SRC="$CACHE_DIR/odoo-18.0"; return 0
    fi
    rm -f "$CACHE_DIR/odoo.tar.gz.partial"
    die "Odoo 18.0 Community source not found and the nightly download failed. Provide it in one of three ways:
  1. give its path:   bash scripts/run.sh --odoo /path/to/odoo-18.0   (or ODOO_SOURCE=/path; a source tree or a .tar.gz)
  2. put it in the cache folder: $CACHE_DIR/odoo-18.0/ (a source tree with odoo-bin)
     or $CACHE_DIR/odoo_18.0.latest.tar.gz
  3. let this script download it: allow access to $NIGHTLY_URL" 2
}

# A project-local virtual environment with Odoo's requirements (cbor2 5.4.2 does not build
# on Python 3.11: 5.4.6 does), iDESK's own, and Odoo installed in editable mode.
# pip, without the warnings some machines' pip.conf prints about absent local indexes
pip_quiet() { "$VENV/bin/pip" "$@" 2> >(grep -v "^WARNING: Location 'file:" >&2); }

ensure_venv() {
    local extra="$1" stamp_file="$VENV/.idesk-stamp" base full want
    base=$( { echo "$ODOO_SRC"; python3 --version; cat "$ODOO_SRC/requirements.txt" \
        "$IDESK_ROOT/requirements.txt"; } | sha256sum | cut -c1-16)
    full=$( { echo "$base"; [ -z "$extra" ] || cat "$IDESK_ROOT/$extra"; } | sha256sum | cut -c1-16)
    want=$([ -n "$extra" ] && echo "$full" || echo "$base")
    if [ -f "$stamp_file" ] && grep -qx "$want" "$stamp_file"; then return 0; fi
    say "preparing the Python environment in .venv (Odoo from $ODOO_SRC)"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || die "python3 -m venv failed"
    local pip=(pip_quiet install -q --disable-pip-version-check)
    "${pip[@]}" "setuptools<75" wheel || die "pip could not install setuptools"
    # iDESK's requirements.txt overrides Odoo's pin of a package it names (cryptography and
    # pyopenssl for pyHanko, see there): Odoo's lines for those packages are left out, so one
    # pip call resolves everything and `pip check` is clean.
    local own
    own=$(sed -n 's/^\([A-Za-z0-9_.-]*\)==.*/\1/p' "$IDESK_ROOT/requirements.txt" | tr 'A-Z_.' 'a-z--' | paste -sd'|')
    sed 's/^cbor2==5\.4\.2/cbor2==5.4.6/' "$ODOO_SRC/requirements.txt" |
        awk -v own="^($own)\$" '{ n = tolower($0); sub(/[ =<>~!;].*/, "", n); gsub(/[_.]/, "-", n) } n !~ own' \
            >"$VENV/odoo-requirements.txt"
    "${pip[@]}" --no-build-isolation -r "$VENV/odoo-requirements.txt" -r "$IDESK_ROOT/requirements.txt" \
        ${extra:+-r "$IDESK_ROOT/$extra"} || die "pip install of the requirements failed"
    "${pip[@]}" --no-build-isolation --no-deps -e "$ODOO_SRC" || die "pip could not install Odoo"
    pip_quiet check || die "the Python packages in .venv conflict (pip check)"
    "$VENV/bin/python" -c "import odoo.release as r; assert r.version_info[:2] == (18, 0)" ||
        die "the virtual environment does not import Odoo 18.0"
    printf '%s\n' "$base" ${extra:+"$full"} >"$stamp_file"
}

ensure_npm() {
    local stamp_file="$IDESK_ROOT/node_modules/.idesk-stamp" stamp
    [ -f "$IDESK_ROOT/package-lock.json" ] || return 0
    stamp=$(sha256sum "$IDESK_ROOT/package-lock.json" | cut -c1-16)
    if [ -f "$stamp_file" ] && grep -qx "$stamp" "$stamp_file"; then return 0; fi
    say "installing the XML formatter (npm ci)"
    (cd "$IDESK_ROOT" && npm ci --silent --no-audit --no-fund) || die "npm ci failed"
    echo "$stamp" >"$stamp_file"
}

# PostgreSQL: the local server at PGHOST:PGPORT; as root with none running, Debian's.
ensure_postgres() {
    if pg_isready -q 2>/dev/null; then return 0; fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ "$PGHOST" = 127.0.0.1 ]; then
        say "no PostgreSQL at $PGHOST:$PGPORT: starting Debian's"
        command -v pg_ctlcluster >/dev/null 2>&1 || ensure_debian_packages postgresql
        local ver
        ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)
        [ -n "$ver" ] || die "no PostgreSQL cluster found after installing postgresql"
        pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
        for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
        su postgres -c "psql -tAc \"select 1 from pg_roles where rolname='$PGUSER'\"" | grep -q 1 ||
            su postgres -c "createuser --superuser '$PGUSER'"
    fi
    pg_isready -q || die "no PostgreSQL server answers at $PGHOST:$PGPORT (set PGHOST, PGPORT, PGUSER, PGPASSWORD)"
}

write_config() {  # $1 config path, $2 http port
    mkdir -p "$VAR_DIR/data" "$(dirname "$1")"
    cat >"$1" <<EOF
; Generated by scripts/lib.sh for local use; production settings are in odoo.conf.
[options]
addons_path = $ODOO_SRC/odoo/addons,$IDESK_ROOT/addons
data_dir = $VAR_DIR/data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = ${PGPASSWORD:-False}
http_interface = 127.0.0.1
http_port = $2
list_db = False
EOF
}

odoo_bin() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "$@"; }

db_exists() { psql -d postgres -tAc "select 1 from pg_database where datname = '$1'" | grep -q 1; }

drop_db() {  # database and its filestore
    dropdb --if-exists "$1" 2>/dev/null
    rm -rf "$VAR_DIR/data/filestore/$1"
}

addons_hash() { (cd "$IDESK_ROOT/addons" && find . -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16; }
