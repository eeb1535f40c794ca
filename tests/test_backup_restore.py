"""A backup taken while clerks register documents restores into a new database with
every document, number, file and hash of the dump's moment (regulation art. 5).

Clerk threads register incoming documents with their scans through XML-RPC against the
HTTP server of pytest-odoo, as the demo clerk vanthu; scripts/backup.sh runs meanwhile,
then scripts/restore.sh restores the backup into a new database, which is dropped at
the end. The registered documents stay in the test database: a register never deletes.

    .venv/bin/pytest -q --odoo-config=var/dev.conf --odoo-database=DB --odoo-http \
        tests/test_backup_restore.py
"""

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import threading
import time
import xmlrpc.client
from datetime import date, timedelta

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLERK_LOGIN = CLERK_PASSWORD = "vanthu"
CLERKS = 3
RUN = f"{os.getpid()}-{int(time.time())}"


def _scan_pdf(text):
    from reportlab.pdfgen import canvas

    stream = io.BytesIO()
    page = canvas.Canvas(stream)
    page.drawString(72, 720, text)
    page.save()
    return stream.getvalue()


def _odoo_settings():
    import odoo

    config = odoo.tools.config
    if not config["db_name"] or "," in config["db_name"]:
        pytest.fail("give the database with the iDESK addons with --odoo-database=DB")
    if not config["http_port"]:
        pytest.fail("run with --odoo-http: the clerks register through XML-RPC")
    env = dict(os.environ)
    for option, var in (
        ("db_host", "PGHOST"),
        ("db_port", "PGPORT"),
        ("db_user", "PGUSER"),
        ("db_password", "PGPASSWORD"),
    ):
        if config[option]:
            env[var] = str(config[option])
    return config["db_name"], config["http_port"], config["data_dir"], env


BUSY = ("could not obtain lock", "could not serialize", "deadlock detected")


class Clerk(threading.Thread):
    """Registers documents one after the other until told to stop; keeps, for each
    acknowledged registration, its id, number and scan SHA-256, and when it came."""

    def __init__(self, index, db, port, agency_id, type_id, stop):
        super().__init__(daemon=True)
        self.index, self.db, self.agency_id, self.type_id = (
            index,
            db,
            agency_id,
            type_id,
        )
        self.url = f"http://127.0.0.1:{port}/xmlrpc/2/"
        self.stop = stop
        self.acknowledged = []  # (id, number, sha256, started, acknowledged)
        self.errors = []

    @staticmethod
    def _register(call, document_id):
        """Register; when the book stays busy after Odoo's own retries, click again
        on the same draft, as a clerk would (the failed attempt took no number)."""
        for attempt in range(10):
            try:
                return call("idesk.document", "action_register", [document_id])
            except xmlrpc.client.Fault as fault:
                if attempt == 9 or not any(b in fault.faultString for b in BUSY):
                    raise
                time.sleep(0.2 * (attempt + 1))

    def run(self):
        common = xmlrpc.client.ServerProxy(self.url + "common", allow_none=True)
        uid = common.authenticate(self.db, CLERK_LOGIN, CLERK_PASSWORD, {})
        models = xmlrpc.client.ServerProxy(self.url + "object", allow_none=True)

        def call(model, method, *args):
            return models.execute_kw(
                self.db, uid, CLERK_PASSWORD, model, method, list(args)
            )

        sequence = 0
        while not self.stop.is_set() and len(self.acknowledged) < 60:
            sequence += 1
            started = time.monotonic()
            origin = f"{sequence}/BR{self.index}-{RUN}"
            pdf = _scan_pdf(f"So {origin} - sao luu va phuc hoi")
            try:
                document_id = call(
                    "idesk.document",
                    "create",
                    {
                        "direction": "incoming",
                        "agency_id": self.agency_id,
                        "issuing_body_name": "Sở Nội vụ tỉnh Bình Định",
                        "origin_number_symbol": origin,
                        "document_date": str(date.today() - timedelta(days=1)),
                        "type_id": self.type_id,
                        "summary": "V/v sao lưu và phục hồi dữ liệu iDESK",
                    },
                )
                wizard_id = call(
                    "idesk.scan.upload.wizard",
                    "create",
                    {
                        "document_id": document_id,
                        "file_data": base64.b64encode(pdf).decode(),
                        "file_name": f"{origin.replace('/', '-')}.pdf",
                    },
                )
                call("idesk.scan.upload.wizard", "action_confirm", [wizard_id])
                self._register(call, document_id)
                (row,) = call(
                    "idesk.document",
                    "read",
                    [document_id],
                    ["number", "state", "scan_sha256"],
                )
            except Exception as error:  # noqa: BLE001 - reported by the test
                self.errors.append(repr(error))
                return
            if row["state"] != "registered":
                self.errors.append(f"document {document_id} is {row['state']}")
                return
            self.acknowledged.append(
                (
                    document_id,
                    row["number"],
                    hashlib.sha256(pdf).hexdigest(),
                    started,
                    time.monotonic(),
                )
            )


def _run(args, env):
    return subprocess.run(
        args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def _query(db, env, sql):
    result = _run(
        ["psql", "-d", db, "-tAF", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql], env
    )
    assert result.returncode == 0, result.stderr
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def _backup(db, out, data_dir, env, *options):
    return _run(
        ["bash", "scripts/backup.sh", "--db", db, "--out", str(out)]
        + ["--data-dir", data_dir, *options],
        env,
    )


def _restore(archive, db, data_dir, env):
    return _run(
        ["bash", "scripts/restore.sh", "--from", archive, "--db", db]
        + ["--data-dir", data_dir],
        env,
    )


def test_clerks_register_during_backup_restored_db_equals_dump_snapshot(
    odoo_env, tmp_path
):
    db, port, data_dir, env = _odoo_settings()
    restored = f"{db}_restored_{os.getpid()}"
    agency_id = odoo_env.ref("idesk_security.agency_vp").id
    type_id = odoo_env.ref("idesk_registry.type_cv").id
    stop = threading.Event()
    clerks = [Clerk(i, db, port, agency_id, type_id, stop) for i in range(CLERKS)]
    try:
        for clerk in clerks:
            clerk.start()
        deadline = time.monotonic() + 120
        while sum(len(c.acknowledged) for c in clerks) < 2 * CLERKS:
            assert time.monotonic() < deadline, "the clerks could not register"
            assert not any(c.errors for c in clerks), [c.errors for c in clerks]
            time.sleep(0.2)

        backup_start = time.monotonic()
        backup = _backup(db, tmp_path, data_dir, env)
        backup_end = time.monotonic()
        time.sleep(1)  # registrations after the backup must not be in it
        stop.set()
        for clerk in clerks:
            clerk.join(timeout=120)
        assert backup.returncode == 0, backup.stdout + backup.stderr
        assert not any(c.errors for c in clerks), [c.errors for c in clerks]
        archive = backup.stdout.strip().splitlines()[-1]
        with open(os.path.join(archive, "manifest.json"), encoding="utf-8") as file:
            manifest = json.load(file)
        assert set(manifest["parts"]) == {"database.dump", "filestore.tar"}

        acknowledged = [row for clerk in clerks for row in clerk.acknowledged]
        during = [r for r in acknowledged if r[4] > backup_start and r[3] < backup_end]
        assert during, "no clerk registered while the backup ran"
        before = [r for r in acknowledged if r[4] < backup_start]
        after = [r for r in acknowledged if r[3] > backup_end]

        restore = _restore(archive, restored, data_dir, env)
        assert restore.returncode == 0, restore.stdout + restore.stderr
        print(
            f"registrations acknowledged: {len(before)} before, {len(during)} during, "
            f"{len(after)} after the backup ({backup_end - backup_start:.1f} s)"
        )

        # the digest of the restored database equals the one of the dump's snapshot
        digest = _run(
            [
                os.path.join(ROOT, ".venv", "bin", "python"),
                "scripts/idesk_digest.py",
                "digest",
                "--db",
                restored,
            ],
            env,
        )
        assert digest.returncode == 0, digest.stderr
        restored_digest = json.loads(digest.stdout)
        assert restored_digest["digest"] == manifest["digest"]["digest"]
        assert restored_digest["counts"] == manifest["digest"]["counts"]

        rows = _query(
            restored,
            env,
            "SELECT d.id, d.number, d.state, d.scan_sha256, a.store_fname "
            "FROM idesk_document d LEFT JOIN ir_attachment a ON a.id = d.scan_attachment_id "
            f"WHERE d.origin_number_symbol LIKE '%-{RUN}'",
        )
        restored_docs = {int(r[0]): r[1:] for r in rows}
        filestore = os.path.join(data_dir, "filestore", restored)
        for document_id, number, sha, _start, _ack in before:
            assert document_id in restored_docs, f"document {document_id} lost"
            r_number, r_state, r_sha, store_fname = restored_docs[document_id]
            assert (int(r_number), r_state, r_sha) == (number, "registered", sha)
            with open(os.path.join(filestore, store_fname), "rb") as file:
                assert hashlib.sha256(file.read()).hexdigest() == sha
        for document_id, *_rest in after:
            assert document_id not in restored_docs, "a document after the dump"
        # what the restored database holds of this run is what was registered then,
        # with the same numbers, and the numbers of the book have no gap
        numbers = {r[0]: r[1] for r in acknowledged}
        for document_id, (r_number, r_state, *_r) in restored_docs.items():
            if r_state == "registered":
                assert int(r_number) == numbers[document_id]
        book_numbers = [
            int(r[0])
            for r in _query(
                restored,
                env,
                "SELECT number FROM idesk_document WHERE state != 'draft' AND "
                "book_id = (SELECT book_id FROM idesk_document "
                f"WHERE origin_number_symbol LIKE '%-{RUN}' AND book_id IS NOT NULL "
                "LIMIT 1) ORDER BY number",
            )
        ]
        assert book_numbers == list(range(1, len(book_numbers) + 1))
        # the run is recorded in the backed-up database (not in the dump itself)
        logged = _query(
            db,
            env,
            f"SELECT digest FROM idesk_backup_log WHERE archive_path = '{archive}'",
        )
        assert logged == [[manifest["digest"]["digest"]]]
        assert not _query(
            restored,
            env,
            f"SELECT 1 FROM idesk_backup_log WHERE archive_path = '{archive}'",
        )
    finally:
        stop.set()
        _run(["dropdb", "--if-exists", restored], env)
        shutil.rmtree(os.path.join(data_dir, "filestore", restored), ignore_errors=True)
        _run(
            [
                "psql",
                "-d",
                db,
                "-qc",
                f"DELETE FROM idesk_backup_log WHERE archive_path LIKE '{tmp_path}%'",
            ],
            env,
        )


def test_restore_refuses_existing_database_and_damaged_archive(odoo_env, tmp_path):
    db, _port, data_dir, env = _odoo_settings()
    backup = _backup(db, tmp_path, data_dir, env, "--no-record")
    assert backup.returncode == 0, backup.stderr
    archive = backup.stdout.strip().splitlines()[-1]
    # over an existing database: refused, the database untouched
    over = _restore(archive, db, data_dir, env)
    assert over.returncode != 0
    assert "already exists" in over.stderr
    # a damaged part: refused before anything is created
    with open(os.path.join(archive, "database.dump"), "r+b") as file:
        file.seek(200)
        byte = file.read(1)
        file.seek(200)
        file.write(bytes([byte[0] ^ 0xFF]))
    target = f"{db}_damaged_{os.getpid()}"
    damaged = _restore(archive, target, data_dir, env)
    assert damaged.returncode != 0
    assert "database.dump: SHA-256 differs" in damaged.stderr
    assert not _query(
        "postgres", env, f"SELECT 1 FROM pg_database WHERE datname LIKE '{target}%'"
    )
    assert not os.path.exists(os.path.join(data_dir, "filestore", target))
