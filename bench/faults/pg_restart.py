#!/usr/bin/env python3
"""Fault test: PostgreSQL restarted while clerks register (long; not in CI).

    .venv/bin/python bench/faults/pg_restart.py [--clients 4] [--before 8] [--after 12]

Never touches the machine's PostgreSQL on 5432 except to read ``idesk_scale_base``
(``pg_dump``): it creates its OWN cluster with ``initdb`` in a temporary folder
(owned by the ``postgres`` system user, on a free loopback port), restores the
demo database there, copies its filestore, starts Odoo (``--workers=2``) on it,
and lets N clerk processes register incoming documents with a scan over JSON-RPC
(create draft → upload the scan through the wizard → register). After
``--before`` seconds the cluster is restarted (``pg_ctl restart -m fast``: every
connection is cut); the clerks go on for ``--after`` seconds.

Then it checks, in SQL, that
- every acknowledged registration is there, registered, with its number;
- no failed registration took a number (failed ones are absent or still drafts);
- every book's numbers are 1..n without gap or duplicate, the sequence continues;
- registrations work again after the restart without restarting Odoo;
- no file in the filestore is referenced by nobody once Odoo's own filestore
  garbage collector (``ir.attachment._gc_file_store_unsafe``) has run (files written
  by transactions cut by the restart are on its checklist).
Exit status 0 when all hold. Everything is removed at the end.
"""

import argparse
import base64
import io
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from common import ODOO_DIR, PYTHON, ROOT, OdooServer, Rpc, free_port, psql  # noqa: E402

SOURCE_DB = "idesk_scale_base"
DB = "idesk_scale_pgfault"


def pg_bin(name):
    versions = sorted(
        os.listdir("/usr/lib/postgresql"), key=lambda v: int(v.split(".")[0])
    )
    return f"/usr/lib/postgresql/{versions[-1]}/bin/{name}"


def as_postgres(*command):
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        check=True,
        capture_output=True,
        text=True,
    )


class Cluster:
    """A throw-away PostgreSQL cluster owned by the postgres system user."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="idesk_pgfault_")
        os.chmod(self.tmp, 0o777)
        self.data = os.path.join(self.tmp, "pgdata")
        self.port = free_port()
        self.log = os.path.join(self.tmp, "postgresql.log")

    def create(self):
        shutil.chown(self.tmp, "postgres", "postgres")
        as_postgres(
            pg_bin("initdb"),
            "-D",
            self.data,
            "-U",
            "root",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()

    def ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 -c max_connections=100"
        as_postgres(
            pg_bin("pg_ctl"),
            "-D",
            self.data,
            "-l",
            self.log,
            "-w",
            "-o",
            options,
            action,
            *extra,
        )

    def start(self):
        self.ctl("start")

    def restart(self):
        self.ctl("restart", "-m", "fast")

    def destroy(self):
        try:
            self.ctl("stop", "-m", "immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)


def scan_png(text):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1240, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 36)
    draw.text((60, 120), text, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(300, 300))
    return base64.b64encode(buffer.getvalue()).decode()


def clerk(url, agency, type_id, stop_at, restart_at, queue, seed):
    """Register in a loop; report (doc id, acknowledged, after restart, error)."""
    rng = random.Random(seed)
    rpc, outcomes = None, []
    while time.time() < stop_at:
        doc_id, error = None, None
        try:
            rpc = rpc or Rpc(url, DB, timeout=60).login("vanthu", "vanthu")
            doc_id = rpc(
                "idesk.document",
                "create",
                [
                    {
                        "direction": "incoming",
                        "agency_id": agency,
                        "type_id": type_id,
                        "summary": f"V/v báo cáo số liệu thống kê {seed}-{len(outcomes)}",
                        "document_date": str(date.today()),
                        "arrival_datetime": (
                            datetime.utcnow() - timedelta(minutes=5)
                        ).strftime("%Y-%m-%d %H:%M:%S"),
                        "issuing_body_name": "Sở Nội vụ tỉnh Bình Định",
                        "origin_number_symbol": f"{rng.randint(1, 99999)}/SNV-VP",
                    }
                ],
            )[0]
            wizard = rpc(
                "idesk.scan.upload.wizard",
                "create",
                [
                    {
                        "document_id": doc_id,
                        "file_name": "scan.png",
                        "file_data": scan_png(f"Văn bản {doc_id}"),
                    }
                ],
            )[0]
            rpc("idesk.scan.upload.wizard", "action_confirm", [wizard])
            rpc(
                "idesk.document",
                "action_register",
                [doc_id],
                context={"idesk_confirm_duplicate": True},
            )
            outcomes.append((doc_id, True, time.time() > restart_at, None, time.time()))
        except Exception as exc:  # noqa: BLE001 - every failure is an outcome here
            error = f"{type(exc).__name__}: {str(exc)[:120]}"
            outcomes.append(
                (doc_id, False, time.time() > restart_at, error, time.time())
            )
            time.sleep(0.3)
    queue.put(outcomes)


def filestore_orphans(db, port, filestore):
    referenced = {
        row[0]
        for row in psql(
            db,
            "SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL",
            port=port,
        )
    }
    files = set()
    for folder, _dirs, names in os.walk(filestore):
        if "checklist" in folder:
            continue
        files |= {os.path.relpath(os.path.join(folder, n), filestore) for n in names}
    return files - referenced


def run_gc(config, port):
    script = (
        "import odoo\n"
        f"odoo.tools.config.parse_config(['-c', {config!r}, '-d', {DB!r}, '--log-level=warn'])\n"
        f"registry = odoo.modules.registry.Registry({DB!r})\n"
        "with registry.cursor() as cr:\n"
        "    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})\n"
        "    env['ir.attachment']._gc_file_store_unsafe()\n"
    )
    subprocess.run([PYTHON, "-c", script], check=True, cwd=ODOO_DIR)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--before", type=float, default=8)
    parser.add_argument("--after", type=float, default=12)
    args = parser.parse_args()
    cluster = Cluster()
    server = None
    try:
        cluster.create()
        print(
            f"Own PostgreSQL cluster on 127.0.0.1:{cluster.port} in {cluster.tmp}",
            flush=True,
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(cluster.port), DB], check=True
        )
        dump = subprocess.Popen(
            ["pg_dump", "-h", "127.0.0.1", "-p", "5432", "-Fc", SOURCE_DB],
            stdout=subprocess.PIPE,
        )
        subprocess.run(
            [
                "pg_restore",
                "-h",
                "127.0.0.1",
                "-p",
                str(cluster.port),
                "-d",
                DB,
                "--no-owner",
            ],
            stdin=dump.stdout,
            check=True,
        )
        dump.wait()
        data_dir = os.path.join(cluster.tmp, "odoo-data")
        filestore = os.path.join(data_dir, "filestore", DB)
        shutil.copytree(
            os.path.join(ROOT, "var", "data", "filestore", SOURCE_DB), filestore
        )
        config = os.path.join(cluster.tmp, "odoo.conf")
        with open(os.path.join(ROOT, "var", "dev.conf")) as stream:
            addons_path = next(
                line.split("=", 1)[1].strip()
                for line in stream
                if line.startswith("addons_path")
            )
        with open(config, "w") as stream:
            stream.write(
                f"[options]\naddons_path = {addons_path}\ndb_host = 127.0.0.1\ndb_port = {cluster.port}\n"
                f"db_user = root\ndata_dir = {data_dir}\n"
            )
        ((agency,),) = psql(
            DB,
            "SELECT res_id FROM ir_model_data WHERE module = 'idesk_security' AND name = 'agency_vp'",
            port=cluster.port,
        )
        ((type_id,),) = psql(
            DB,
            "SELECT res_id FROM ir_model_data WHERE module = 'idesk_registry' AND name = 'type_cv'",
            port=cluster.port,
        )
        orphans_before = filestore_orphans(DB, cluster.port, filestore)
        server = OdooServer(
            DB, workers=2, config=config, log_name="pg_restart_odoo.log"
        ).start()
        queue = multiprocessing.Queue()
        started = time.time()
        restart_at = started + args.before
        stop_at = restart_at + args.after
        processes = [
            multiprocessing.Process(
                target=clerk,
                args=(
                    server.url,
                    int(agency),
                    int(type_id),
                    stop_at,
                    restart_at,
                    queue,
                    n,
                ),
            )
            for n in range(args.clients)
        ]
        for process in processes:
            process.start()
        time.sleep(max(0, restart_at - time.time()))
        print(
            f"Restarting PostgreSQL (fast) at t={time.time() - started:.1f} s …",
            flush=True,
        )
        cluster.restart()
        print(f"PostgreSQL back at t={time.time() - started:.1f} s", flush=True)
        outcomes = []
        for _process in processes:
            outcomes += queue.get()
        for process in processes:
            process.join()
        server.stop()
        acked = [o[0] for o in outcomes if o[1]]
        failed = [o for o in outcomes if not o[1]]
        acked_after = [o for o in outcomes if o[1] and o[2]]
        problems = []
        if acked:
            rows = psql(
                DB,
                f"SELECT id, state, number FROM idesk_document WHERE id IN ({','.join(map(str, acked))})",
                port=cluster.port,
            )
            good = {int(r[0]) for r in rows if r[1] == "registered" and r[2]}
            if len(good) != len(set(acked)):
                problems.append(
                    f"{len(set(acked)) - len(good)} acknowledged registrations missing or unnumbered"
                )
        failed_ids = [str(o[0]) for o in failed if o[0]]
        if failed_ids:
            rows = psql(
                DB,
                f"SELECT id, state, number FROM idesk_document WHERE id IN ({','.join(failed_ids)})",
                port=cluster.port,
            )
            numbered = [r for r in rows if r[2]]
            # A registration whose answer was lost may have committed: it must then be whole.
            half = [r for r in numbered if r[1] != "registered"]
            if half:
                problems.append(f"failed registrations left numbers: {half[:5]}")
            print(
                f"  failed attempts with a draft left: {sum(1 for r in rows if r[1] == 'draft')}, "
                f"committed although the answer was lost: {len(numbered)}"
            )
        books = psql(
            DB,
            (
                "SELECT book_id, count(*), count(DISTINCT number), min(number), max(number) FROM idesk_document "
                "WHERE state != 'draft' AND book_id IS NOT NULL GROUP BY 1"
            ),
            port=cluster.port,
        )
        for book, total, distinct, low, high in books:
            if not (total == distinct and low == "1" and int(high) == int(total)):
                problems.append(
                    f"book {book}: {total} entries, {distinct} numbers, {low}..{high}"
                )
        sequence = psql(
            DB,
            (
                "SELECT b.id FROM idesk_register_book b JOIN ir_sequence s ON s.id = b.sequence_id "
                "LEFT JOIN idesk_document d ON d.book_id = b.id GROUP BY b.id, s.number_next "
                "HAVING s.number_next != coalesce(max(d.number), 0) + 1"
            ),
            port=cluster.port,
        )
        if sequence:
            problems.append(f"sequences not after the last number: {sequence}")
        if not acked_after:
            problems.append("no registration succeeded after the restart")
        orphans = filestore_orphans(DB, cluster.port, filestore) - orphans_before
        run_gc(config, cluster.port)
        orphans_gc = filestore_orphans(DB, cluster.port, filestore) - orphans_before
        if orphans_gc:
            problems.append(f"{len(orphans_gc)} orphan files after Odoo's filestore GC")
        errors = sorted(
            {o[3].split(":")[0] + ":" + o[3].split(":")[1][:60] for o in failed if o[3]}
        )
        print(
            f"Clerks: {args.clients}; attempts {len(outcomes)}, acknowledged {len(acked)} "
            f"({len(acked_after)} after the restart), failed {len(failed)}"
        )
        print(f"  errors seen: {errors[:6]}")
        failed_after = [o[4] for o in failed if o[2]]
        if failed_after:
            print(
                f"  failures after the restart: {len(failed_after)}, the last one "
                f"{max(failed_after) - restart_at:.1f} s after the restart began; first success after it "
                f"{min((o[4] for o in acked_after), default=float('nan')) - restart_at:.1f} s"
            )
        print(
            f"  books checked: {len(books)}; orphan files before GC {len(orphans)}, after GC {len(orphans_gc)}"
        )
        print(
            "RESULT: "
            + (
                "OK, nothing lost or half-done"
                if not problems
                else "PROBLEMS:\n  " + "\n  ".join(problems)
            )
        )
        return 1 if problems else 0
    finally:
        if server:
            server.stop()
        cluster.destroy()


if __name__ == "__main__":
    sys.exit(main())
