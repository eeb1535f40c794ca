#!/usr/bin/env python3
"""Digest of the iDESK data of a database, and the checks of scripts/backup.sh and
scripts/restore.sh. Needs only psycopg2; connects with the PG* environment variables.

    idesk_digest.py digest --db NAME                 print the digest (JSON)
    idesk_digest.py snapshot-run --db NAME --out FILE -- CMD ... {snapshot} ...
        export a snapshot, run CMD with {snapshot} replaced by its id (e.g. pg_dump
        --snapshot={snapshot}) and write the digest computed in the SAME snapshot:
        the digest describes exactly what the dump contains, even while people work.
    idesk_digest.py verify-files --db NAME --filestore DIR
        every stored file of ir.attachment exists with its SHA-1, and every scan of a
        document has the SHA-256 recorded at its registration
    idesk_digest.py manifest --dir BACKUP --db NAME  write BACKUP/manifest.json
    idesk_digest.py verify-archive --dir BACKUP      check the parts against the manifest
    idesk_digest.py compare A.json B.json            exit 1 and show what differs

The digest holds per-table row counts and SHA-256 hashes over ordered rows of the
data a register must never lose: documents (id, book, number, state, symbol, scan
SHA-256...), books and their no-gap sequences, assignments, closures, attachments of
iDESK records (file name and checksum) and the security log. Tables or columns that
do not exist in the database are left out, so it runs on any database.
"""

import argparse
import datetime
import hashlib
import json
import os
import socket
import subprocess
import sys

import psycopg2
import psycopg2.extensions

COUNTED_TABLES = (
    "ir_attachment",
    "ir_sequence",
    "ir_sequence_date_range",
    "mail_message",
    "res_partner",
    "res_users",
)
HASHED = {
    "documents": (
        "idesk_document",
        "id direction agency_id book_id number number_display state symbol "
        "origin_number_symbol registration_date year quarter issuing_body_name "
        "summary scan_attachment_id scan_sha256 stamped_attachment_id cancel_reason",
        "",
    ),
    "books": (
        "idesk_register_book",
        "id name agency_id direction year sequence_id active",
        "",
    ),
    "book_sequences": (
        "ir_sequence",
        "id implementation number_next number_increment prefix use_date_range",
        "WHERE id IN (SELECT sequence_id FROM idesk_register_book)",
    ),
    "book_sequence_ranges": (
        "ir_sequence_date_range",
        "id sequence_id date_from date_to number_next",
        "WHERE sequence_id IN (SELECT sequence_id FROM idesk_register_book)",
    ),
    "assignments": (
        "idesk_assignment",
        "id document_id role user_id agency_id state deadline done_date",
        "",
    ),
    "closures": (
        "idesk_book_closure",
        "id book_id quarter state sha256 entry_count first_number last_number "
        "attachment_id",
        "",
    ),
    "attachments": (
        "ir_attachment",
        "id res_model res_id name store_fname checksum file_size",
        "WHERE res_model LIKE 'idesk.%'",
    ),
    "agencies": ("idesk_agency", "id name code parent_id active", ""),
    "security_log": (
        "idesk_security_log",
        "id event user_id login create_date",
        "",
    ),
}


def connect(db):
    return psycopg2.connect(dbname=db)


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = %s",
        [table],
    )
    return {row[0] for row in cr.fetchall()}


def compute_digest(cr):
    """The digest of the database of ``cr``, read in ``cr``'s snapshot."""
    cr.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
        "AND table_type = 'BASE TABLE' AND (table_name LIKE 'idesk\\_%%' OR "
        "table_name = ANY(%s)) ORDER BY table_name",
        [list(COUNTED_TABLES)],
    )
    tables = [row[0] for row in cr.fetchall()]
    counts = {}
    for table in tables:
        cr.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - catalog names
        counts[table] = cr.fetchone()[0]
    hashes = {}
    for key, (table, columns, where) in sorted(HASHED.items()):
        existing = _columns(cr, table)
        wanted = [c for c in columns.split() if c in existing]
        if table not in counts or not wanted:
            continue
        if "idesk_register_book" in where and "idesk_register_book" not in counts:
            continue
        cr.execute(
            f'SELECT {", ".join(wanted)} FROM "{table}" {where} ORDER BY id'  # noqa: S608
        )
        sha = hashlib.sha256(" ".join(wanted).encode())
        rows = 0
        for row in cr:
            sha.update(json.dumps(row, default=str, ensure_ascii=False).encode())
            sha.update(b"\n")
            rows += 1
        hashes[key] = {"rows": rows, "sha256": sha.hexdigest()}
    body = {"counts": counts, "hashes": hashes}
    return {
        **body,
        "documents": counts.get("idesk_document", 0),
        "digest": hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest(),
    }


def cmd_digest(args):
    with connect(args.db) as conn, conn.cursor() as cr:
        result = compute_digest(cr)
    print(json.dumps(result, indent=1, sort_keys=True))


def cmd_snapshot_run(args):
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        sys.exit("snapshot-run: give the command to run after --")
    conn = connect(args.db)
    conn.set_session(
        isolation_level=psycopg2.extensions.ISOLATION_LEVEL_REPEATABLE_READ,
        readonly=True,
    )
    with conn.cursor() as cr:
        cr.execute("SELECT pg_export_snapshot(), now() AT TIME ZONE 'UTC'")
        snapshot, taken_at = cr.fetchone()
        # the snapshot lives as long as this transaction: the command imports it
        # while the digest is read from it here
        process = subprocess.Popen(  # noqa: S603 - the operator's command
            [part.replace("{snapshot}", snapshot) for part in command]
        )
        try:
            result = compute_digest(cr)
        finally:
            status = process.wait()
    conn.rollback()
    conn.close()
    result["snapshot_at"] = taken_at.isoformat(timespec="seconds")
    result["database"] = args.db
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump(result, file, indent=1, sort_keys=True)
    sys.exit(status)


def _sha256_file(path, algorithm="sha256"):
    sha = hashlib.new(algorithm)
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def cmd_verify_files(args):
    problems = []
    with connect(args.db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT DISTINCT store_fname, checksum FROM ir_attachment "
            "WHERE store_fname IS NOT NULL AND checksum IS NOT NULL"
        )
        files = cr.fetchall()
        for store_fname, checksum in files:
            path = os.path.join(args.filestore, store_fname)
            if not os.path.isfile(path):
                problems.append(f"missing file {store_fname}")
            elif _sha256_file(path, "sha1") != checksum:
                problems.append(f"damaged file {store_fname}")
        scans = []
        if "scan_sha256" in _columns(cr, "idesk_document"):
            cr.execute(
                "SELECT d.id, a.store_fname, d.scan_sha256 FROM idesk_document d "
                "JOIN ir_attachment a ON a.id = d.scan_attachment_id "
                "WHERE d.scan_sha256 IS NOT NULL AND a.store_fname IS NOT NULL"
            )
            scans = cr.fetchall()
        for document_id, store_fname, scan_sha256 in scans:
            path = os.path.join(args.filestore, store_fname)
            if os.path.isfile(path) and _sha256_file(path) != scan_sha256:
                problems.append(f"document {document_id}: scan SHA-256 differs")
    for problem in problems[:50]:
        print(problem, file=sys.stderr)
    print(
        json.dumps(
            {"files": len(files), "scans": len(scans), "problems": len(problems)}
        )
    )
    sys.exit(1 if problems else 0)


def cmd_manifest(args):
    with open(os.path.join(args.dir, "digest.json"), encoding="utf-8") as file:
        digest = json.load(file)
    with connect(args.db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT pg_encoding_to_char(encoding), datcollate, datctype "
            "FROM pg_database WHERE datname = current_database()"
        )
        encoding, collate, ctype = cr.fetchone()
        cr.execute("SHOW server_version")
        server_version = cr.fetchone()[0]
    parts = {}
    for name in sorted(os.listdir(args.dir)):
        if name in ("manifest.json", "digest.json"):
            continue
        path = os.path.join(args.dir, name)
        parts[name] = {"sha256": _sha256_file(path), "size": os.path.getsize(path)}
    manifest = {
        "format": 1,
        "database": args.db,
        "created_at": datetime.datetime.now(datetime.timezone.utc).isoformat(
            timespec="seconds"
        ),
        "host": socket.gethostname(),
        "postgresql": server_version,
        "encoding": encoding,
        "collate": collate,
        "ctype": ctype,
        "parts": parts,
        "digest": digest,
    }
    with open(os.path.join(args.dir, "manifest.json"), "w", encoding="utf-8") as file:
        json.dump(manifest, file, indent=1, sort_keys=True)
    print(digest["digest"])


def cmd_verify_archive(args):
    with open(os.path.join(args.dir, "manifest.json"), encoding="utf-8") as file:
        manifest = json.load(file)
    bad = []
    for name, part in sorted(manifest["parts"].items()):
        path = os.path.join(args.dir, name)
        if not os.path.isfile(path):
            bad.append(f"{name}: missing")
        elif _sha256_file(path) != part["sha256"]:
            bad.append(f"{name}: SHA-256 differs from the manifest")
    for line in bad:
        print(line, file=sys.stderr)
    sys.exit(1 if bad or not manifest["parts"] else 0)


def cmd_compare(args):
    with open(args.expected, encoding="utf-8") as file:
        expected = json.load(file)
    if "digest" in expected and isinstance(expected["digest"], dict):
        expected = expected["digest"]  # a manifest
    with open(args.actual, encoding="utf-8") as file:
        actual = json.load(file)
    if expected["digest"] == actual["digest"]:
        print(f"digest {actual['digest']} matches ({actual['documents']} documents)")
        return
    for section in ("counts", "hashes"):
        for key in sorted(set(expected[section]) | set(actual[section])):
            if expected[section].get(key) != actual[section].get(key):
                print(
                    f"{section} {key}: expected {expected[section].get(key)}, "
                    f"found {actual[section].get(key)}",
                    file=sys.stderr,
                )
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("digest")
    p.add_argument("--db", required=True)
    p.set_defaults(func=cmd_digest)
    p = sub.add_parser("snapshot-run")
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("command", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_snapshot_run)
    p = sub.add_parser("verify-files")
    p.add_argument("--db", required=True)
    p.add_argument("--filestore", required=True)
    p.set_defaults(func=cmd_verify_files)
    p = sub.add_parser("manifest")
    p.add_argument("--dir", required=True)
    p.add_argument("--db", required=True)
    p.set_defaults(func=cmd_manifest)
    p = sub.add_parser("verify-archive")
    p.add_argument("--dir", required=True)
    p.set_defaults(func=cmd_verify_archive)
    p = sub.add_parser("compare")
    p.add_argument("expected")
    p.add_argument("actual")
    p.set_defaults(func=cmd_compare)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
