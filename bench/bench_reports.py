#!/usr/bin/env python3
"""Register book benchmark: iDESK's streamed generator against Odoo's QWeb
→ wkhtmltopdf pipeline, side by side, on the same 10,000 entries.

    .venv/bin/python bench/bench_reports.py [--entries 10000] [--db idesk_rep_bench]
                                            [--skip-qweb] [--keep-files DIR]

The first run creates the database (all four addons, demo data) and a benchmark
book of one quarter (Q3 of the current year) filled through the ORM in
batches; the numbering columns are then set in SQL, as registration one by one
is not what is measured here. Each measurement runs in its own child process,
so that its peak memory (``getrusage``: the process and, for QWeb, wkhtmltopdf)
is its own; the table compares time, peak memory, file size and page count.
"""

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ODOO = os.environ.get("ODOO_DIR", "/root/.cache/idesk/odoo-18.0")
CONFIG = os.path.join(ROOT, "var", "dev.conf")
PYTHON = sys.executable
BOOK_NAME = "Benchmark incoming book"
# wkhtmltopdf fetches the report's CSS from a running Odoo, as in production
QWEB_HTTP_PORT = 8075
TARGETS = {"pdf_seconds": 5, "pdf_mb": 300, "pdf_file_mb": 15, "xlsx_seconds": 5}
# issued outgoing documents the benchmark entries name as their replies
REPLIES = 200

SUMMARIES = [
    "Quyết định phê duyệt kế hoạch sử dụng đất năm 2026 của thị xã An Nhơn",
    "V/v hướng dẫn đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
    "Kế hoạch kiểm tra công tác bảo vệ môi trường tại các làng nghề",
    "Công điện về việc chủ động ứng phó với cơn bão số 5",
    "Quyết định về việc công nhận xã Nhơn Hậu đạt chuẩn nông thôn mới nâng cao",
    "Giấy mời dự hội nghị trực tuyến sơ kết công tác cải cách hành chính 9 tháng",
    "Báo cáo tình hình thực hiện dự toán thu, chi ngân sách 10 tháng",
]
BODIES = [
    "UBND tỉnh Bình Định",
    "Sở Nội vụ tỉnh Bình Định",
    "Sở Tài chính tỉnh Bình Định",
    "Sở Tài nguyên và Môi trường tỉnh Bình Định",
    "UBND xã Nhơn Hậu",
]

QWEB_TEMPLATE = """<t t-name="idesk_reports.bench_qweb_rows">
<t t-call="web.html_container">
<t t-call="web.internal_layout">
<div class="page">
<h3>Sổ đăng ký văn bản đến</h3>
<table class="table table-sm table-bordered">
<thead><tr><th>Ngày đến</th><th>Số đến</th><th>Tác giả</th><th>Số, ký hiệu</th>
<th>Ngày tháng văn bản</th><th>Tên loại và trích yếu nội dung</th>
<th>Đơn vị hoặc người nhận</th><th>Ngày chuyển</th><th>Ký nhận</th><th>Ghi chú</th></tr></thead>
<tbody>
<tr t-foreach="docs" t-as="d">
<td t-out="d.arrival_datetime" t-options="{'widget': 'date'}"/><td t-out="d.number_display"/>
<td t-out="d.issuing_body_name"/><td t-out="d.origin_number_symbol"/>
<td t-out="d.document_date"/><td><t t-out="d.type_id.name"/> <t t-out="d.summary"/></td>
<td t-out="d.recipient_agency_id.name"/><td t-out="d.transfer_date"/><td/><td t-out="d.note"/>
</tr>
</tbody>
</table>
</div>
</t>
</t>
</t>"""


# ----------------------------------------------------------------------
# Odoo in this process
# ----------------------------------------------------------------------
def odoo_env(db):
    sys.path.insert(0, ODOO)
    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", CONFIG, "-d", db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    return api.Environment(
        cr, SUPERUSER_ID, {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
    )


def quarter():
    year = date.today().year
    return year, date(year, 7, 1), date(year, 9, 30)


def cpu_seconds():
    """CPU time of this process and its finished children (wkhtmltopdf)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_mb(who=resource.RUSAGE_SELF):
    return resource.getrusage(who).ru_maxrss / 1024


# ----------------------------------------------------------------------
# Database and data
# ----------------------------------------------------------------------
def db_exists(db):
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "root",
            "-Atc",
            f"SELECT 1 FROM pg_database WHERE datname = '{db}'",
            "postgres",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "1"


def ensure_database(db):
    if db_exists(db):
        return
    print(f"Installing the iDESK addons into {db} …", flush=True)
    subprocess.run(
        [
            PYTHON,
            os.path.join(ODOO, "odoo-bin"),
            "-c",
            CONFIG,
            "-d",
            db,
            "-i",
            "idesk_reports",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def ensure_entries(db, entries):
    env = odoo_env(db)
    try:
        year, first, last = quarter()
        books = env["idesk.register.book"]
        book = books.search([("name", "=", BOOK_NAME), ("year", "=", year)], limit=1)
        if (
            book
            and env["idesk.document"].search_count([("book_id", "=", book.id)])
            == entries
        ):
            ensure_processing(env, book.id)
            return book.id
        started = time.time()
        agency = env.ref("idesk_security.agency_vp")
        if book:
            env.cr.execute("DELETE FROM idesk_document WHERE book_id = %s", [book.id])
        else:
            book = books.create(
                {
                    "name": BOOK_NAME,
                    "agency_id": agency.id,
                    "direction": "incoming",
                    "year": year,
                    "is_default": False,
                }
            )
        types = env["idesk.document.type"].search([])
        units = env["idesk.agency"].search([("parent_id", "!=", False)])
        span = datetime.combine(last, datetime.min.time()) - datetime.combine(
            first, datetime.min.time()
        )
        step = span / entries
        documents = env["idesk.document"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        batch = 1000
        for start in range(0, entries, batch):
            vals_list = []
            for index in range(start, min(entries, start + batch)):
                arrival = (
                    datetime.combine(first, datetime.min.time())
                    + step * index
                    + timedelta(hours=1)
                )
                vals_list.append(
                    {
                        "direction": "incoming",
                        "agency_id": agency.id,
                        "book_id": book.id,
                        "type_id": types[index % len(types)].id,
                        "summary": SUMMARIES[index % len(SUMMARIES)],
                        "document_date": (arrival - timedelta(days=2)).date(),
                        "arrival_datetime": arrival,
                        "issuing_body_name": BODIES[index % len(BODIES)],
                        "origin_number_symbol": f"{index + 1}/QĐ-UBND",
                        "recipient_agency_id": units[index % len(units)].id,
                        "transfer_date": arrival.date(),
                    }
                )
            documents.create(vals_list)
            env.cr.commit()
            env.invalidate_all()
            print(f"  {min(entries, start + batch)} entries", flush=True)
        # Registration in SQL: numbers in order of arrival, one entry in 200 cancelled.
        env.cr.execute(
            """
            WITH numbered AS (
                SELECT id, row_number() OVER (ORDER BY arrival_datetime, id) AS n
                  FROM idesk_document WHERE book_id = %s
            )
            UPDATE idesk_document d
               SET number = numbered.n,
                   number_display = lpad(numbered.n::text, 2, '0'),
                   registration_date = d.arrival_datetime,
                   year = %s,
                   quarter = '3',
                   state = CASE WHEN numbered.n %% 200 = 0 THEN 'cancelled' ELSE 'registered' END,
                   cancel_reason = CASE WHEN numbered.n %% 200 = 0 THEN 'Đăng ký trùng' END
              FROM numbered WHERE numbered.id = d.id
            """,
            [book.id, year],
        )
        env.cr.commit()
        print(f"  {entries} entries ready in {time.time() - started:.0f} s", flush=True)
        ensure_processing(env, book.id)
        return book.id
    finally:
        env.cr.close()


def ensure_processing(env, book_id):
    """Direction and results of the benchmark entries, in SQL: each registered
    entry is sent to a lead unit and a cooperating person two hours after its
    arrival; two in three are done (one in five late), one in three answered
    by an issued reply. The book columns filled by the processing read them."""
    cr = env.cr
    cr.execute(
        """SELECT count(*) FROM idesk_assignment a
             JOIN idesk_document d ON d.id = a.document_id WHERE d.book_id = %s""",
        [book_id],
    )
    if cr.fetchone()[0]:
        return
    started = time.time()
    year, first, _last = quarter()
    agency = env.ref("idesk_security.agency_vp")
    units = env["idesk.agency"].search([("parent_id", "!=", False)])
    person = env.ref("base.user_admin")
    replies = (
        env["idesk.document"]
        .with_context(tracking_disable=True)
        .create(
            [
                {
                    "direction": "outgoing",
                    "agency_id": agency.id,
                    "type_id": env["idesk.document.type"].search([], limit=1).id,
                    "summary": f"Văn bản trả lời số {index + 1}",
                    "document_date": first,
                }
                for index in range(REPLIES)
            ]
        )
    )
    cr.execute(
        """UPDATE idesk_document SET state = 'registered', year = %s,
                  number = id, symbol = id || '/UBND-VP', registration_date = %s
            WHERE id = ANY(%s)""",
        [year, first, replies.ids],
    )
    cr.execute(
        """
        WITH entries AS (
            SELECT id, number, arrival_datetime AS sent
              FROM idesk_document WHERE book_id = %(book)s AND state = 'registered'
        ), units AS (
            SELECT unit, ordinality - 1 AS n FROM unnest(%(units)s::int[]) WITH ORDINALITY unit
        )
        INSERT INTO idesk_assignment (document_id, sender_agency_id, role, role_sequence,
               agency_id, user_id, recipient_agency_id, deadline, state, read_date,
               done_date, done_late, completion_status, reply_document_id, create_uid, create_date,
               write_uid, write_date)
        SELECT e.id, %(agency)s, r.role, r.seq,
               CASE WHEN r.role = 'lead' THEN u.unit END,
               CASE WHEN r.role = 'cooperate' THEN %(person)s END,
               CASE WHEN r.role = 'lead' THEN u.unit ELSE %(agency)s END,
               (e.sent + interval '7 days')::date,
               CASE WHEN e.number %% 3 = 0 THEN 'in_progress' ELSE 'done' END,
               e.sent + interval '3 hours',
               CASE WHEN e.number %% 3 = 0 THEN NULL
                    WHEN e.number %% 5 = 0 THEN e.sent + interval '9 days'
                    ELSE e.sent + interval '4 days' END,
               e.number %% 3 != 0 AND e.number %% 5 = 0,
               CASE WHEN e.number %% 3 = 0 THEN NULL
                    WHEN e.number %% 5 = 0 THEN 'late' ELSE 'on_time' END,
               CASE WHEN r.role = 'lead' AND e.number %% 3 = 1
                    THEN (%(replies)s::int[])[1 + e.number %% %(reply_count)s] END,
               1, e.sent + interval '2 hours', 1, e.sent + interval '2 hours'
          FROM entries e
          JOIN units u ON u.n = e.number %% %(unit_count)s
         CROSS JOIN (VALUES ('lead', 1), ('cooperate', 2)) r(role, seq)
        """,
        {
            "book": book_id,
            "units": units.ids,
            "unit_count": len(units),
            "agency": agency.id,
            "person": person.id,
            "replies": replies.ids,
            "reply_count": len(replies),
        },
    )
    cr.execute(
        """UPDATE idesk_document d
              SET deadline = (d.arrival_datetime + interval '7 days')::date,
                  direction_date = d.arrival_datetime + interval '2 hours',
                  process_state = CASE WHEN d.number %% 3 = 0 THEN 'in_progress'
                                       ELSE 'done' END
            WHERE d.book_id = %s AND d.state = 'registered'""",
        [book_id],
    )
    cr.commit()
    print(f"  processing records ready in {time.time() - started:.0f} s", flush=True)


# ----------------------------------------------------------------------
# Children: one measurement each
# ----------------------------------------------------------------------
def child(db, kind, book_id, out_dir):
    env = odoo_env(db)
    baseline = peak_mb()
    year, first, last = quarter()
    book = env["idesk.register.book"].browse(book_id)
    result = {"kind": kind, "baseline_mb": baseline}
    path = os.path.join(out_dir, f"{kind}.{'xlsx' if kind == 'xlsx' else 'pdf'}")
    started = time.time()
    cpu_started = cpu_seconds()
    if kind == "pdf":
        with open(path, "wb") as stream:
            result["pages"] = book._render_pdf(stream, first, last, volume=3)
    elif kind == "tracking":
        with open(path, "wb") as stream:
            result["pages"] = book._render_pdf(
                stream, first, last, tracking=True, volume=3
            )
    elif kind == "xlsx":
        with open(path, "wb") as stream:
            result["rows"] = book._render_xlsx(stream, first, last)
    else:
        wrapper_dir, rss_file = wkhtmltopdf_wrapper(out_dir)
        os.environ["PATH"] = f"{wrapper_dir}:{os.environ['PATH']}"
        env["ir.config_parameter"].set_param(
            "report.url", f"http://127.0.0.1:{QWEB_HTTP_PORT}"
        )
        report = qweb_report(env)
        ids = (
            env["idesk.document"]
            .search(book._entries_domain(first, last), order="number")
            .ids
        )
        content, _type = env["ir.actions.report"]._render_qweb_pdf(report, res_ids=ids)
        with open(path, "wb") as stream:
            stream.write(content)
        result["pages"] = pdf_pages(path)
        with open(rss_file) as rss:
            # GNU time's %M: peak resident set size of wkhtmltopdf, in KB
            result["wkhtmltopdf_mb"] = int(rss.read().split()[-1]) / 1024
    result["seconds"] = time.time() - started
    result["cpu_seconds"] = cpu_seconds() - cpu_started
    result["peak_mb"] = peak_mb()
    result["file_mb"] = os.path.getsize(path) / 1024 / 1024
    env.cr.rollback()
    env.cr.close()
    print(json.dumps(result))


def qweb_report(env):
    view = env["ir.ui.view"].create(
        {
            "name": "bench_qweb_rows",
            "type": "qweb",
            "key": "idesk_reports.bench_qweb_rows",
            "arch": QWEB_TEMPLATE,
        }
    )
    env["ir.model.data"].create(
        {
            "module": "idesk_reports",
            "name": "bench_qweb_rows",
            "model": "ir.ui.view",
            "res_id": view.id,
        }
    )
    paper = env.ref("base.paperformat_euro").copy(
        {"orientation": "Landscape", "name": "bench"}
    )
    return (
        env["ir.actions.report"]
        .create(
            {
                "name": "Bench QWeb rows",
                "model": "idesk.document",
                "report_type": "qweb-pdf",
                "report_name": "idesk_reports.bench_qweb_rows",
                "paperformat_id": paper.id,
            }
        )
        .report_name
    )


def wkhtmltopdf_wrapper(out_dir):
    """A ``wkhtmltopdf`` first in PATH that records the real one's peak memory
    (a forked child's ru_maxrss would count the Odoo pages it was forked from)."""
    wrapper_dir = os.path.join(out_dir, "bin")
    os.makedirs(wrapper_dir, exist_ok=True)
    rss_file = os.path.join(out_dir, "wkhtmltopdf.rss")
    wrapper = os.path.join(wrapper_dir, "wkhtmltopdf")
    real = subprocess.run(
        ["which", "wkhtmltopdf"], capture_output=True, text=True, check=True
    ).stdout.strip()
    with open(wrapper, "w") as script:
        script.write(
            f'#!/bin/sh\nexec /usr/bin/time -f "%M" -o {rss_file} {real} "$@"\n'
        )
    os.chmod(wrapper, 0o755)
    return wrapper_dir, rss_file


def start_http_server(db):
    """An Odoo HTTP server for wkhtmltopdf to load the report assets from."""
    server = subprocess.Popen(
        [
            PYTHON,
            os.path.join(ODOO, "odoo-bin"),
            "-c",
            CONFIG,
            "-d",
            db,
            f"--http-port={QWEB_HTTP_PORT}",
            f"--db-filter=^{db}$",
            "--workers=0",
            "--max-cron-threads=0",
            "--log-level=warn",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(120):
        try:
            with socket.create_connection(("127.0.0.1", QWEB_HTTP_PORT), timeout=1):
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the Odoo HTTP server for the QWeb measurement did not start")


def pdf_pages(path):
    out = subprocess.run(
        ["pdfinfo", path], capture_output=True, text=True, check=False
    ).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def measure(db, kind, book_id, out_dir):
    proc = subprocess.run(
        [
            PYTHON,
            os.path.abspath(__file__),
            "--db",
            db,
            "--child",
            kind,
            "--book",
            str(book_id),
            "--keep-files",
            out_dir,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode or not lines:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"{kind} measurement failed")
    return json.loads(lines[-1])


def print_table(entries, results):
    print()
    print(
        f"Register book of one quarter, {entries} entries, on this machine ({os.cpu_count()} cores)"
    )
    header = f"{'pipeline':<34}{'time s':>9}{'CPU s':>8}{'peak MB':>10}{'+wkhtml MB':>12}{'file MB':>10}{'pages':>8}"
    print(header)
    print("-" * len(header))
    labels = {
        "pdf": "iDESK streamed PDF (reportlab)",
        "tracking": "iDESK tracking book PDF",
        "xlsx": "iDESK XLSX (xlsxwriter)",
        "qweb": "Odoo QWeb → wkhtmltopdf",
    }
    for res in results:
        extra = (
            f"{res['wkhtmltopdf_mb']:>12.0f}" if res["kind"] == "qweb" else f"{'':>12}"
        )
        pages = res.get("pages", "")
        print(
            f"{labels[res['kind']]:<34}{res['seconds']:>9.1f}{res['cpu_seconds']:>8.1f}"
            f"{res['peak_mb']:>10.0f}{extra}"
            f"{res['file_mb']:>10.1f}{pages!s:>8}"
        )
    base = results[0]["baseline_mb"]
    print(
        f"(peak MB: the whole Odoo process, {base:.0f} MB with its registry loaded before "
        "printing; +wkhtml MB: wkhtmltopdf's own peak, on top of it)"
    )
    print(
        f"(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    by_kind = {res["kind"]: res for res in results}
    pdf = by_kind["pdf"]
    checks = [
        ("PDF time ≤ 5 s", pdf["seconds"] <= TARGETS["pdf_seconds"]),
        ("PDF peak memory ≤ 300 MB", pdf["peak_mb"] <= TARGETS["pdf_mb"]),
        ("PDF file ≤ 15 MB", pdf["file_mb"] <= TARGETS["pdf_file_mb"]),
        ("XLSX time ≤ 5 s", by_kind["xlsx"]["seconds"] <= TARGETS["xlsx_seconds"]),
        (
            "tracking book PDF time ≤ 5 s",
            by_kind["tracking"]["seconds"] <= TARGETS["pdf_seconds"],
        ),
    ]
    print()
    for label, ok in checks:
        print(f"  [{'ok' if ok else 'FAILED'}] {label}")
    return all(ok for _label, ok in checks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="idesk_rep_bench")
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--skip-qweb", action="store_true")
    parser.add_argument("--keep-files")
    parser.add_argument(
        "--child", choices=["pdf", "tracking", "xlsx", "qweb"], help=argparse.SUPPRESS
    )
    parser.add_argument("--book", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.child, args.book, args.keep_files)
        return 0
    ensure_database(args.db)
    book_id = ensure_entries(args.db, args.entries)
    out_dir = args.keep_files or tempfile.mkdtemp(prefix="idesk_bench_")
    os.makedirs(out_dir, exist_ok=True)
    kinds = ["pdf", "tracking", "xlsx"] + ([] if args.skip_qweb else ["qweb"])
    results = []
    for kind in kinds:
        print(f"Measuring {kind} …", flush=True)
        server = start_http_server(args.db) if kind == "qweb" else None
        try:
            results.append(measure(args.db, kind, book_id, out_dir))
        finally:
            if server:
                server.terminate()
                server.wait(timeout=30)
    ok = print_table(args.entries, results)
    print(f"\nFiles in {out_dir}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
