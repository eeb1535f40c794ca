#!/usr/bin/env python3
"""Benchmark of the iDESK register books (idesk_registry).

1. Starts Odoo in multi-worker mode (``--workers=4``) on a free port of 127.0.0.1
   against its own database (created with idesk_registry if missing), then lets
   8 concurrent clients register 2,000 incoming documents into ONE book over
   JSON-RPC (``create`` + ``action_register``, as the web client does).
   Prints duplicates, gaps, throughput, median/p95 latency, retries.
2. Times Tesseract (``vie``, ``OMP_THREAD_LIMIT=1``) on a generated A4 page at 300 dpi.

    .venv/bin/python bench/bench_registry.py [--documents 2000] [--clients 8] [--db idesk_reg_bench]

Stops the server it started at the end. Prints numbers; asserts nothing.
"""

import argparse
import http.cookiejar
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date, timedelta

from common import Rpc, RpcError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_BIN = "/root/.cache/idesk/odoo-18.0/odoo-bin"
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
CONFIG = os.path.join(ROOT, "var", "dev.conf")
CLERK_LOGIN, CLERK_PASSWORD = "bench.vanthu", "bench.vanthu.2026"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_exists(name):
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-Atc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
            "postgres",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() == "1"


def psql(db, sql):
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-AtF", "|", "-c", sql, db],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


class WebClerk(Rpc):
    """The web client's JSON-RPC (/web/dataset/call_kw) on a logged-in session."""

    def __init__(self, url, db, login, password):
        super().__init__(url, db, timeout=300)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.post(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )

    def __call__(self, model, method, *args, **kwargs):
        return self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def start_server(db, port, workers):
    log = open(os.path.join(ROOT, "var", f"bench_registry_{port}.log"), "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            PYTHON,
            ODOO_BIN,
            "-c",
            CONFIG,
            "-d",
            db,
            "--db-filter",
            f"^{db}$",
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(port),
            "--gevent-port",
            str(free_port()),
            "--workers",
            str(workers),
            "--max-cron-threads",
            "0",
            "--limit-time-cpu",
            "600",
            "--limit-time-real",
            "1200",
            "--limit-memory-soft",
            str(2**31),
            "--limit-memory-hard",
            str(2**32),
            "--log-level",
            "warn",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _i in range(120):
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(1)
    process.terminate()
    raise SystemExit("Odoo did not start; see var/bench_registry_*.log")


def setup(url, db):
    """A bench agency with one clerk; returns (clerk uid, agency id, partner id)."""
    admin = Rpc(url, db, timeout=300).login("admin", "admin")
    stamp = time.strftime("%H%M%S")
    agency = admin(
        "idesk.agency",
        "create",
        {"name": f"Xã Đo Tải {stamp}", "code": "UBND", "kind": "commune"},
    )
    users = admin("res.users", "search", [("login", "=", CLERK_LOGIN)])
    group = admin(
        "ir.model.data",
        "check_object_reference",
        "idesk_security",
        "group_idesk_clerk",
    )[1]
    vals = {"agency_id": agency, "groups_id": [(4, group)], "password": CLERK_PASSWORD}
    if users:
        admin("res.users", "write", users, vals)
        uid = users[0]
    else:
        uid = admin(
            "res.users", "create", dict(vals, name="Văn thư đo tải", login=CLERK_LOGIN)
        )
    partner = admin("res.partner", "create", {"name": "Sở Nội vụ tỉnh Bình Định"})
    type_id = admin(
        "ir.model.data", "check_object_reference", "idesk_registry", "type_cv"
    )[1]
    return {"uid": uid, "agency": agency, "partner": partner, "type": type_id}


def clerk(session, fixture, count, latencies, errors, retries):
    for index in range(count):
        vals = {
            "direction": "incoming",
            "agency_id": fixture["agency"],
            "issuing_partner_id": fixture["partner"],
            "origin_number_symbol": f"{random.randint(1, 99999)}/SNV-VP",
            "document_date": str(date.today() - timedelta(days=1)),
            "type_id": fixture["type"],
            "summary": f"V/v hướng dẫn thực hiện chế độ báo cáo thống kê số {index}",
        }
        start = time.perf_counter()
        doc_id = None
        for _attempt in range(10):
            try:
                if doc_id is None:
                    doc_id = session("idesk.document", "create", [vals])[0]
                session(
                    "idesk.document",
                    "action_register",
                    [doc_id],
                    context={"idesk_confirm_duplicate": True},
                )
                break
            except RpcError as error:
                if "serializ" in str(error) or "lock" in str(error).lower():
                    # Odoo already retried 5 times on the server; the clerk presses Register again.
                    retries.append(1)
                    time.sleep(random.uniform(0, 0.2))
                    continue
                errors.append(str(error)[:200])
                break
        latencies.append(time.perf_counter() - start)


def bench_registration(args):
    if not database_exists(args.db):
        print(f"Creating database {args.db} with idesk_registry (once)…", flush=True)
        subprocess.run(
            [
                PYTHON,
                ODOO_BIN,
                "-c",
                CONFIG,
                "-d",
                args.db,
                "-i",
                "idesk_registry",
                "--without-demo=all",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
        )
    port = free_port()
    process, url = start_server(args.db, port, args.workers)
    try:
        fixture = setup(url, args.db)
        agency = fixture["agency"]

        def new_session():
            if args.api == "external":
                # /jsonrpc execute_kw: every call checks the password (slow hash by design)
                return Rpc(url, args.db, timeout=300).login(CLERK_LOGIN, CLERK_PASSWORD)
            return WebClerk(url, args.db, CLERK_LOGIN, CLERK_PASSWORD)

        # Warm-up (and the yearly book is created on the first registration).
        latencies, errors, retries = [], [], []
        clerk(new_session(), fixture, 1, latencies, errors, retries)
        per_client = args.documents // args.clients
        latencies, errors, retries = [], [], []
        threads = [
            threading.Thread(
                target=clerk,
                args=(new_session(), fixture, per_client, latencies, errors, retries),
            )
            for _i in range(args.clients)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        if errors and len(errors) == len(latencies):
            raise SystemExit(f"Every registration failed: {errors[:3]}")
        rows = psql(
            args.db,
            "SELECT count(*), count(DISTINCT number), min(number), max(number) FROM idesk_document"
            f" WHERE agency_id = {agency} AND state = 'registered'",
        )
        total, distinct, low, high = (int(v) for v in rows.split("|"))
        server = psql(
            args.db, f"SELECT count(*) FROM idesk_document WHERE agency_id = {agency:d}"
        )
        latencies.sort()
        print(
            f"Registration over JSON-RPC ({args.api} API), {args.clients} clients, "
            f"Odoo --workers={args.workers}, one book:"
        )
        print(
            f"  documents registered : {total} ({per_client * args.clients} + 1 warm-up asked); rows {server}"
        )
        print(f"  duplicates           : {total - distinct}")
        print(
            f"  gaps                 : {high - low + 1 - distinct} (numbers {low:02d}..{high:02d})"
        )
        print(f"  errors               : {len(errors)} {errors[:3] if errors else ''}")
        print(
            f"  client retries       : {len(retries)} (server-side retries are not counted)"
        )
        print(
            f"  throughput           : {len(latencies) / elapsed:.1f} documents/s ({elapsed:.1f} s)"
        )
        print(
            f"  latency create+register: median {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms"
        )
        single = []
        clerk(new_session(), fixture, 50, single, errors, retries)
        print(
            f"  one client alone (50 docs): median {statistics.median(single) * 1000:.0f} ms per document"
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def bench_ocr(runs):
    os.environ["OMP_THREAD_LIMIT"] = "1"
    import pytesseract
    from PIL import Image, ImageDraw, ImageFont

    dpi = 300
    image = Image.new("L", (int(8.27 * dpi), int(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 42)
    text = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; xét đề nghị "
        "của Trưởng phòng Nội vụ thị xã An Nhơn về việc kiện toàn Ban chỉ đạo."
    )
    words, lines, line = text.split(), [], ""
    for word in words * 6:
        if len(line) + len(word) > 60:
            lines.append(line)
            line = ""
        line += word + " "
    for index, line in enumerate(lines[:45]):
        draw.text((250, 250 + index * 66), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    timings = []
    for _i in range(runs):
        start = time.perf_counter()
        pytesseract.image_to_string(image, lang="vie")
        timings.append(time.perf_counter() - start)
    print(
        f"OCR of one A4 page at 300 dpi (tesseract vie, OMP_THREAD_LIMIT=1, {len(lines[:45])} lines): "
        f"median {statistics.median(timings):.2f} s over {runs} runs (min {min(timings):.2f} s)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="idesk_reg_bench")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--ocr-runs", type=int, default=3)
    parser.add_argument("--skip-rpc", action="store_true")
    parser.add_argument(
        "--api",
        choices=("web", "external"),
        default="web",
        help="web: the web client's session JSON-RPC; external: /jsonrpc execute_kw (password per call)",
    )
    args = parser.parse_args()
    if not args.skip_rpc:
        bench_registration(args)
    bench_ocr(args.ocr_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
