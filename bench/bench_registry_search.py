#!/usr/bin/env python3
"""Search and list timings of idesk_registry with a large register (default 1,000,000 documents).

Fills its own database (``idesk_reg_bench``, idesk_registry installed; see
bench_registry.py) once with documents spread over 20 books of one agency,
inserted in SQL (the ORM would take hours), with Vietnamese summaries and their
folded search text computed by the addon's own ``fold()``. Then measures, through
the ORM as a clerk of that agency (record rules applied):

- accent-insensitive search by a summary word and by a number/symbol, as the
  list view asks it (``web_search_read``, 80 rows + count);
- the first page of one book's list;
- one registration (create + register + flush), server time.

    .venv/bin/python bench/bench_registry_search.py [--rows 1000000] [--db idesk_reg_bench]
    PGOPTIONS="-c jit=off" .venv/bin/python bench/bench_registry_search.py   # as recommended for Odoo

PostgreSQL's JIT compiles these short queries for about 15 ms each (the count of
the list view gets costed high enough to trigger it): set ``jit = off`` on the
server (postgresql.conf) for an OLTP workload like Odoo's.

Prints medians; asserts nothing.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, "/root/.cache/idesk/odoo-18.0")

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

AGENCY_NAME = "Phòng Đo Tải 1M"
BOOKS = 20
SUBJECTS = [
    "Quyết định",
    "Công văn",
    "Kế hoạch",
    "Báo cáo",
    "Thông báo",
    "Tờ trình",
    "Giấy mời",
    "Hướng dẫn",
]
TOPICS = [
    "phê duyệt kế hoạch sử dụng đất",
    "hướng dẫn đánh giá, xếp loại cán bộ, công chức",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "thực hiện dự toán ngân sách địa phương",
    "kiểm tra công tác bảo vệ môi trường",
    "tổ chức hội nghị sơ kết cải cách hành chính",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "đôn đốc xử lý văn bản quá hạn",
    "công nhận xã đạt chuẩn nông thôn mới",
    "rà soát hộ nghèo, hộ cận nghèo",
    "tăng cường quản lý trật tự xây dựng đô thị",
    "triển khai tiêm chủng mở rộng",
]
PLACES = [
    "xã Nhơn Hậu",
    "xã Nhơn Lộc",
    "phường Đập Đá",
    "phường Bình Định",
    "xã Nhơn Phong",
    "thị xã An Nhơn",
    "xã Nhơn Thọ",
    "phường Nhơn Hưng",
    "xã Nhơn Khánh",
    "xã Nhơn Tân",
]
BODIES = [
    "UBND tỉnh Bình Định",
    "Sở Nội vụ tỉnh Bình Định",
    "Sở Tài chính tỉnh Bình Định",
    "Sở Tài nguyên và Môi trường tỉnh Bình Định",
    "Văn phòng UBND tỉnh Bình Định",
]
CODES = ["QĐ", "KH", "BC", "TB", "TTr", "GM", "HD", "UBND-VP"]


def sql_array(values):
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def fill(env, rows):
    from odoo.addons.idesk_registry.tools.text import fold

    cr = env.cr
    agency = env["idesk.agency"].search([("name", "=", AGENCY_NAME)], limit=1)
    if not agency:
        agency = env["idesk.agency"].create(
            {"name": AGENCY_NAME, "code": "ĐT", "kind": "department"}
        )
    books = env["idesk.register.book"].search(
        [("agency_id", "=", agency.id)], order="id"
    )
    year = date.today().year
    for index in range(len(books), BOOKS):
        books |= env["idesk.register.book"].create(
            {
                "name": f"Sổ văn bản đến {year} — {AGENCY_NAME} — quyển {index + 1}",
                "agency_id": agency.id,
                "direction": "incoming",
                "year": year,
                "is_default": index == 0,
            }
        )
    cr.execute("SELECT count(*) FROM idesk_document WHERE agency_id = %s", [agency.id])
    present = cr.fetchone()[0]
    if present >= rows:
        return agency, books
    print(f"Inserting {rows - present} documents (once)…", flush=True)
    start = time.perf_counter()
    # Loading is faster without the search and list indexes; the registry makes
    # them again at the end.
    env["idesk.document"]._drop_search_indexes()
    type_id = env.ref("idesk_registry.type_cv").id
    urgency_id = env.ref("idesk_registry.urgency_normal").id
    per_book = -(-rows // BOOKS)
    arrays = {
        "s": (sql_array(SUBJECTS), sql_array([fold(v) for v in SUBJECTS])),
        "t": (sql_array(TOPICS), sql_array([fold(v) for v in TOPICS])),
        "p": (sql_array(PLACES), sql_array([fold(v) for v in PLACES])),
        "b": (sql_array(BODIES), sql_array([fold(v) for v in BODIES])),
        "c": (sql_array(CODES), sql_array([fold(v) for v in CODES])),
    }
    cr.execute(
        "SELECT coalesce(max(number), 0) FROM idesk_document WHERE agency_id = %s",
        [agency.id],
    )
    base = cr.fetchone()[0]
    chunk = 100_000
    for first in range(present, rows, chunk):
        last = min(first + chunk, rows) - 1
        cr.execute(
            f"""
            WITH r AS (
                SELECT g,
                       1 + floor(random() * {len(SUBJECTS)})::int AS s,
                       1 + floor(random() * {len(TOPICS)})::int AS t,
                       1 + floor(random() * {len(PLACES)})::int AS p,
                       1 + floor(random() * {len(BODIES)})::int AS b,
                       1 + floor(random() * {len(CODES)})::int AS c,
                       1 + floor(random() * 99999)::int AS n
                FROM generate_series(%(first)s, %(last)s) AS g
            )
            INSERT INTO idesk_document (
                direction, book_id, agency_id, state, number, number_display, registration_date,
                arrival_datetime, year, quarter, document_date, type_id, urgency_id, is_urgent,
                urgency_priority, summary, issuing_body_name, origin_number_symbol, search_text,
                confidentiality, content_state, ocr_state, page_count, copies_count, stamped,
                create_uid, write_uid, create_date, write_date)
            SELECT 'incoming', (%(books)s)[1 + (g - %(present)s) %% {BOOKS}], %(agency)s, 'registered',
                   %(base)s + 1 + (g - %(present)s) / {BOOKS},
                   lpad((%(base)s + 1 + (g - %(present)s) / {BOOKS})::text, 2, '0'),
                   now() - ((%(last_g)s - g) * interval '20 seconds'),
                   now() - ((%(last_g)s - g) * interval '20 seconds'),
                   {year}, '4', current_date - 2, {type_id}, {urgency_id}, false, 0,
                   ({arrays["s"][0]})[s] || ' về việc ' || ({arrays["t"][0]})[t] || ' tại ' || ({arrays["p"][0]})[p],
                   ({arrays["b"][0]})[b], n || '/' || ({arrays["c"][0]})[c],
                   lpad((%(base)s + 1 + (g - %(present)s) / {BOOKS})::text, 2, '0') || ' ' ||
                   n || '/' || ({arrays["c"][1]})[c] || ' ' ||
                   ({arrays["s"][1]})[s] || ' ve viec ' || ({arrays["t"][1]})[t] || ' tai ' ||
                   ({arrays["p"][1]})[p] || ' ' || ({arrays["b"][1]})[b],
                   'normal', 'normal', 'none', 1, 1, false, 1, 1, now(), now()
            FROM r
        """,
            {
                "first": first,
                "last": last,
                "books": books.ids,
                "agency": agency.id,
                "last_g": rows,
                "present": present,
                "base": base,
            },
        )
        cr.commit()  # pylint: disable=invalid-commit
        print(f"  {last + 1} rows ({time.perf_counter() - start:.0f} s)", flush=True)
    # Keep each book's sequence after its highest number, as registration would.
    for book in books:
        cr.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM idesk_document WHERE book_id = %s",
            [book.id],
        )
        book.sequence_id.sudo().number_next = cr.fetchone()[0]
    print("Building the search and list indexes…", flush=True)
    env["idesk.document"]._init_search_indexes()
    cr.execute("ANALYZE idesk_document")
    cr.commit()  # pylint: disable=invalid-commit
    print(
        f"Filled in {time.perf_counter() - start:.0f} s; per book about {per_book} documents.",
        flush=True,
    )
    return agency, books


def timed(function, runs):
    timings = []
    for _i in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), max(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="idesk_reg_bench")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["-c", os.path.join(ROOT, "var", "dev.conf"), "-d", args.db]
    )
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        agency, books = fill(env, args.rows)
        clerk = env["res.users"].search([("login", "=", "bench.vanthu.1m")])
        if not clerk:
            clerk = env["res.users"].create(
                {
                    "name": "Văn thư đo tải 1M",
                    "login": "bench.vanthu.1m",
                    "email": "bench.1m@example.com",
                    "groups_id": [
                        (6, 0, [env.ref("idesk_security.group_idesk_clerk").id])
                    ],
                }
            )
        clerk.agency_id = agency
        cr.commit()  # pylint: disable=invalid-commit
        cr.execute("SELECT count(*) FROM idesk_document")
        total = cr.fetchone()[0]
        Document = env["idesk.document"].with_user(clerk)
        spec = {
            f: {}
            for f in (
                "number_display",
                "arrival_datetime",
                "issuing_body_name",
                "origin_number_symbol",
                "document_date",
                "summary",
                "state",
            )
        }

        def list_page(domain):
            def run():
                env.invalidate_all()
                # The document lists' count_limit (1,000), plus one, as the web client asks.
                Document.web_search_read(domain, spec, limit=80, count_limit=1001)

            return run

        cr.execute(
            "SELECT origin_number_symbol FROM idesk_document WHERE agency_id = %s OFFSET 4242 LIMIT 1",
            [agency.id],
        )
        number_symbol = cr.fetchone()[0]
        print(
            f"Database {args.db}: {total} documents in idesk_document ({args.rows} in {BOOKS} books of one agency)"
        )
        cases = [
            (
                "summary word, unaccented ('nhon hau')",
                [("search_anything", "ilike", "nhon hau")],
            ),
            (
                "summary words, unaccented ('ngheo can ngheo')",
                [("search_anything", "ilike", "ngheo can ngheo")],
            ),
            (
                "rare word, accented ('Lộc' + 'tiêm chủng')",
                [("search_anything", "ilike", "Lộc tiêm chủng")],
            ),
            (
                f"number/symbol ('{number_symbol}')",
                [("search_anything", "ilike", number_symbol)],
            ),
            ("first page of one book's list", [("book_id", "=", books[3].id)]),
        ]
        for label, domain in cases:
            median, worst = timed(list_page(domain), args.runs)
            print(
                f"  {label:<55} median {median:6.1f} ms (max {worst:.1f} ms; 80 rows + count)"
            )

        def register():
            Document._register_new(
                [
                    {
                        "direction": "incoming",
                        "agency_id": agency.id,
                        "issuing_body_name": "Sở Nội vụ tỉnh Bình Định",
                        "origin_number_symbol": f"{random.randint(1, 99999)}/SNV-VP",
                        "document_date": date.today() - timedelta(days=1),
                        "type_id": env.ref("idesk_registry.type_cv").id,
                        "summary": "V/v hướng dẫn chế độ báo cáo thống kê",
                    }
                ],
                confirm_duplicate=True,
            )
            env.flush_all()
            cr.commit()  # pylint: disable=invalid-commit

        median, worst = timed(register, args.runs)
        print(
            f"  {'one registration (create + register + commit)':<55} median {median:6.1f} ms (max {worst:.1f} ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
