#!/usr/bin/env python3
"""Scale benchmark: Odoo in multi-worker mode, driven over JSON-RPC by separate processes.

    .venv/bin/python bench/bench_scale.py --db idesk_scale_10k [--db idesk_scale_100k ...]
    .venv/bin/python bench/bench_scale.py --chart-only      # redraw the chart from bench/out/

For each database (filled by bench/generate.py) it starts ``odoo-bin --workers=4`` on a
free loopback port and measures, as the demo town's users would act:

- registration (``create`` + ``action_register``, the web client's two calls) by 1, 8
  and 32 client processes at once, all in the Office's incoming book of this year (the
  worst case: one no-gap sequence); after each round the book is checked for duplicates
  and gaps;
- search (``web_search_read``, 80 rows + count up to the lists' ``count_limit``, as the
  list view): an accent-insensitive summary word, a number/symbol, an issuing body, as
  the clerk of the Office;
- the first page of the largest book's list; opening a document form (``web_read`` with
  the form view's fields);
- distribution of one document to every agency + 50 persons (direction wizard);
- the quarterly register book PDF (print wizard, the largest quarter);
- the daily reminder job (``ir.cron.method_direct_trigger``, as the administrator).

Latencies are measured by the client (they include HTTP and JSON, ~2-5 ms here).
Results go to ``bench/out/scale_<db>.json``; the table is printed and the chart
``bench/out/scale_latency.png`` (median latency against database size) redrawn from
every JSON in ``bench/out/``.
"""

import argparse
import glob
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from common import (  # noqa: E402
    BENCH_PASSWORD,
    PYTHON,
    OdooServer,
    Rpc,
    RpcError,
    psql,
    timings_row,
)

OUT = os.path.join(HERE, "out")
CONTEXT = {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
# The registry's document lists count up to 1,000 (``count_limit``); the web client
# asks for one more to know whether to show "1000+".
LIST_COUNT_LIMIT = 1000
LIST_SPEC = {
    f: {}
    for f in (
        "number_display",
        "arrival_datetime",
        "issuing_body_name",
        "origin_number_symbol",
        "document_date",
        "summary",
        "state",
        "process_state",
        "deadline",
    )
}


# ----------------------------------------------------------------------
# Registration clients (separate processes)
# ----------------------------------------------------------------------
def register_client(url, db, login, count, fixture, queue, seed):
    rng = random.Random(seed)
    rpc = Rpc(url, db).login(login, BENCH_PASSWORD)
    results = []
    for index in range(count):
        vals = {
            "direction": "incoming",
            "agency_id": fixture["agency"],
            "issuing_partner_id": rng.choice(fixture["partners"]),
            "origin_number_symbol": f"{rng.randint(1, 99999)}/SNV-VP",
            "document_date": str(date.today() - timedelta(days=1)),
            "type_id": fixture["type"],
            "summary": f"V/v hướng dẫn thực hiện chế độ báo cáo thống kê số {seed}-{index}",
        }
        started = time.perf_counter()
        register_seconds, error, retries, doc_id = None, None, 0, None
        for _attempt in range(20):
            try:
                if doc_id is None:
                    doc_id = rpc("idesk.document", "create", [vals], context=CONTEXT)[0]
                t0 = time.perf_counter()
                rpc(
                    "idesk.document",
                    "action_register",
                    [doc_id],
                    context=dict(CONTEXT, idesk_confirm_duplicate=True),
                )
                register_seconds = time.perf_counter() - t0
                error = None
                break
            except RpcError as exc:
                text = str(exc).lower()
                if "serializ" in text or "lock" in text or "concurrent" in text:
                    retries += 1
                    # The draft stays; register it on the next attempt.
                    time.sleep(rng.uniform(0.01, 0.2))
                    error = str(exc)[:200]
                    continue
                error = str(exc)[:200]
                break
        results.append(
            (time.perf_counter() - started, register_seconds, error, retries)
        )
    queue.put(results)


def run_registration(server, db, fixture, clients, per_client):
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(
            target=register_client,
            args=(
                server.url,
                db,
                fixture["login"],
                per_client,
                fixture,
                queue,
                1000 * clients + n,
            ),
        )
        for n in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    results = []
    for _process in processes:
        results += queue.get()
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    ok = [r for r in results if r[2] is None]
    errors = [r[2] for r in results if r[2] is not None]
    return {
        "clients": clients,
        "asked": clients * per_client,
        "registered": len(ok),
        "errors": len(errors),
        "error_samples": errors[:3],
        "client_retries": sum(r[3] for r in results),
        "create_register": timings_row(
            f"create+register, {clients} clients", [r[0] for r in ok], elapsed
        ),
        "register": timings_row(
            f"action_register, {clients} clients", [r[1] for r in ok], elapsed
        ),
    }


def check_book(db, book_id):
    ((total, distinct, low, high, drafts),) = psql(
        db,
        "SELECT count(*) FILTER (WHERE state != 'draft'), count(DISTINCT number), "
        "coalesce(min(number), 0), coalesce(max(number), 0), count(*) FILTER (WHERE state = 'draft') "
        f"FROM idesk_document WHERE book_id = {int(book_id)}",
    )
    total, distinct, low, high = int(total), int(distinct), int(low), int(high)
    ((next_number,),) = psql(
        db,
        "SELECT s.number_next FROM ir_sequence s JOIN idesk_register_book b "
        f"ON b.sequence_id = s.id WHERE b.id = {int(book_id)}",
    )
    return {
        "entries": total,
        "duplicates": total - distinct,
        "gaps": (high - low + 1 - distinct) if high else 0,
        "starts_at_1": low == 1,
        "sequence_next_ok": int(next_number) == high + 1,
        "drafts_left": int(drafts),
    }


# ----------------------------------------------------------------------
# Single-client measurements
# ----------------------------------------------------------------------
def timed(function, runs):
    seconds = []
    for _i in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return seconds


def form_spec(rpc):
    views = rpc("idesk.document", "get_views", [[False, "form"]], context=CONTEXT)
    fields = views["models"]["idesk.document"]
    fields = fields.get("fields", fields)
    spec = {}
    for name, description in fields.items():
        kind = description.get("type") if isinstance(description, dict) else None
        if kind in ("many2one", "one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        elif kind == "binary":
            continue
        else:
            spec[name] = {}
    return spec


def measure_reads(rpc, db, fixture, runs):
    rows = []
    ((symbol,),) = psql(
        db,
        "SELECT origin_number_symbol FROM idesk_document WHERE agency_id = "
        f"{fixture['agency']} AND origin_number_symbol IS NOT NULL ORDER BY id OFFSET 777 LIMIT 1",
    )
    searches = [
        (
            "search: summary word, unaccented ('ngheo')",
            [("search_anything", "ilike", "ngheo")],
        ),
        (
            "search: two words, accented ('thiên tai')",
            [("search_anything", "ilike", "thiên tai")],
        ),
        (f"search: number/symbol ('{symbol}')", [("search_anything", "ilike", symbol)]),
        (
            "search: issuing body ('so tai chinh')",
            [("search_anything", "ilike", "so tai chinh")],
        ),
        (
            "search: issuing body field ilike 'Sở Tài chính'",
            [("issuing_body_name", "ilike", "Sở Tài chính")],
        ),
        (
            "list: first page of the largest book",
            [("book_id", "=", fixture["big_book"])],
        ),
    ]
    for label, domain in searches:
        seconds = timed(
            lambda d=domain: rpc(
                "idesk.document",
                "web_search_read",
                d,
                LIST_SPEC,
                limit=80,
                count_limit=LIST_COUNT_LIMIT + 1,
                context=CONTEXT,
            ),
            runs,
        )
        rows.append(timings_row(label, seconds))
    spec = form_spec(rpc)
    ids = [
        int(r[0])
        for r in psql(
            db,
            f"SELECT id FROM idesk_document WHERE book_id = {fixture['big_book']} ORDER BY random() LIMIT {runs}",
        )
    ]
    queue = list(ids)
    seconds = timed(
        lambda: rpc("idesk.document", "web_read", [queue.pop()], spec, context=CONTEXT),
        len(ids),
    )
    rows.append(timings_row(f"form: open a document ({len(spec)} fields)", seconds))
    return rows


def measure_distribution(db, url, fixture, runs):
    clerk = Rpc(url, db).login(f"scale.vt.{fixture['ubnd']}", BENCH_PASSWORD)
    leader = Rpc(url, db).login(f"scale.ld.{fixture['ubnd']}", BENCH_PASSWORD)
    agencies = [
        int(r[0])
        for r in psql(
            db, f"SELECT id FROM idesk_agency WHERE id != {fixture['ubnd']} ORDER BY id"
        )
    ]
    persons = [
        int(r[0])
        for r in psql(
            db,
            "SELECT id FROM res_users WHERE login LIKE 'scale.cv.%' ORDER BY id LIMIT 50",
        )
    ]
    seconds = []
    for index in range(runs):
        doc = clerk(
            "idesk.document",
            "create",
            [
                {
                    "direction": "incoming",
                    "agency_id": fixture["ubnd"],
                    "issuing_partner_id": fixture["partners"][0],
                    "origin_number_symbol": f"{900 + index}/KH-UBND",
                    "document_date": str(date.today()),
                    "type_id": fixture["type_kh"],
                    "summary": "Kế hoạch triển khai công tác phòng, chống thiên tai",
                }
            ],
            context=CONTEXT,
        )[0]
        clerk(
            "idesk.document",
            "action_register",
            [doc],
            context=dict(CONTEXT, idesk_confirm_duplicate=True),
        )
        started = time.perf_counter()
        wizard = leader(
            "idesk.direction.wizard",
            "create",
            [
                {
                    "document_id": doc,
                    "direction_note": "Các đơn vị triển khai thực hiện.",
                    "lead_agency_id": agencies[0],
                    "cooperate_agency_ids": [(6, 0, agencies[1:])],
                    "info_user_ids": [(6, 0, persons)],
                }
            ],
            context=dict(CONTEXT, default_document_id=doc),
        )[0]
        leader("idesk.direction.wizard", "action_confirm", [wizard], context=CONTEXT)
        seconds.append(time.perf_counter() - started)
    ((count,),) = psql(
        db, f"SELECT count(*) FROM idesk_assignment WHERE document_id = {doc}"
    )
    return timings_row(
        f"distribution: 1 document -> {len(agencies)} agencies + {len(persons)} persons ({count} assignments)",
        seconds,
    )


def measure_pdf(db, url, fixture):
    clerk = Rpc(url, db).login(fixture["login"], BENCH_PASSWORD)
    ((book, year, quarter, entries),) = psql(
        db,
        (
            "SELECT book_id, year, quarter, count(*) FROM idesk_document "
            f"WHERE agency_id = {fixture['agency']} AND direction = 'incoming' AND year < extract(year FROM now()) "
            "GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 1"
        ),
    )
    started = time.perf_counter()
    wizard = clerk(
        "idesk.register.print.wizard",
        "create",
        [{"book_id": int(book), "period": "quarter", "quarter": quarter}],
        context=CONTEXT,
    )[0]
    clerk("idesk.register.print.wizard", "action_print_pdf", [wizard], context=CONTEXT)
    elapsed = time.perf_counter() - started
    ((pages,),) = psql(
        db, f"SELECT page_count FROM idesk_register_print_wizard WHERE id = {wizard}"
    )
    return timings_row(
        f"quarterly PDF: Q{quarter}/{year}, {entries} entries, {pages} pages", [elapsed]
    )


def measure_reminders(db, url):
    admin = Rpc(url, db).login("admin", "admin")
    ((cron,),) = psql(
        db,
        "SELECT res_id FROM ir_model_data WHERE module = 'idesk_distribution' "
        "AND name = 'ir_cron_assignment_reminders'",
    )
    ((open_count,),) = psql(
        db,
        "SELECT count(*) FROM idesk_assignment WHERE deadline IS NOT NULL "
        "AND state IN ('received', 'read', 'in_progress')",
    )
    ((mails_before,),) = psql(db, "SELECT count(*) FROM mail_mail")
    started = time.perf_counter()
    admin("ir.cron", "method_direct_trigger", [int(cron)])
    elapsed = time.perf_counter() - started
    ((mails_after,),) = psql(db, "SELECT count(*) FROM mail_mail")
    started = time.perf_counter()
    admin("ir.cron", "method_direct_trigger", [int(cron)])
    again = time.perf_counter() - started
    row = timings_row(
        f"reminder job: {int(open_count):,} open assignments, {int(mails_after) - int(mails_before)} e-mails queued",
        [elapsed],
    )
    row["second_run_s"] = again
    return row


# ----------------------------------------------------------------------
def measure_server_registration(db, fixture, runs):
    """Server time of one registration (create + action_register + commit) by the
    clerk, in a child process with Odoo loaded: no HTTP, no JSON, no authentication."""
    script = f"""
import json, random, sys, time
sys.path.insert(0, {HERE!r})
from datetime import date, datetime, timedelta
from common import odoo_env
registry, cr, env = odoo_env({db!r})
clerk = env["res.users"].search([("login", "=", {fixture["login"]!r})])
Document = env["idesk.document"].with_user(clerk).with_context(tz="Asia/Ho_Chi_Minh", lang="vi_VN")
seconds = []
for index in range({int(runs)} + 3):
    vals = dict(direction="incoming", agency_id={fixture["agency"]}, type_id={fixture["type"]},
                summary="V/v hướng dẫn thực hiện chế độ báo cáo thống kê", document_date=date.today(),
                arrival_datetime=datetime.now() - timedelta(hours=1), issuing_body_name="Sở Nội vụ tỉnh Bình Định",
                origin_number_symbol=f"{{random.randint(1, 99999)}}/SNV-VP")
    started = time.perf_counter()
    document = Document.create(vals)
    document.with_context(idesk_confirm_duplicate=True).action_register()
    env.flush_all()
    cr.commit()
    seconds.append(time.perf_counter() - started)
print(json.dumps(seconds[3:]))
"""
    out = subprocess.run(
        [PYTHON, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    seconds = json.loads(out.strip().splitlines()[-1])
    return timings_row(
        "registration, server time (create + register + commit, in-process)", seconds
    )


def fixture_of(db):
    ((vp,),) = psql(
        db,
        "SELECT res_id FROM ir_model_data WHERE module = 'idesk_security' AND name = 'agency_vp'",
    )
    ((ubnd,),) = psql(
        db,
        "SELECT res_id FROM ir_model_data WHERE module = 'idesk_security' AND name = 'agency_ubnd'",
    )
    types = dict(
        psql(
            db,
            "SELECT name, res_id FROM ir_model_data WHERE module = 'idesk_registry' AND name IN ('type_cv', 'type_kh')",
        )
    )
    partners = [
        int(r[0])
        for r in psql(
            db, "SELECT id FROM res_partner WHERE name LIKE 'Sở %' ORDER BY id LIMIT 10"
        )
    ]
    ((big_book,),) = psql(
        db,
        f"SELECT book_id FROM idesk_document WHERE agency_id = {vp} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
    )
    ((total,),) = psql(db, "SELECT count(*) FROM idesk_document")
    return {
        "agency": int(vp),
        "ubnd": int(ubnd),
        "login": f"scale.vt.{vp}",
        "type": int(types["type_cv"]),
        "type_kh": int(types["type_kh"]),
        "partners": partners,
        "big_book": int(big_book),
        "documents": int(total),
    }


def current_book(db, agency):
    rows = psql(
        db,
        f"SELECT id FROM idesk_register_book WHERE agency_id = {int(agency)} AND direction = 'incoming' "
        "AND year = extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh') AND is_default",
    )
    return int(rows[0][0])


def bench_database(args, db):
    fixture = fixture_of(db)
    print(
        f"\n=== {db}: {fixture['documents']:,} documents, Odoo --workers={args.workers} ===",
        flush=True,
    )
    result = {
        "db": db,
        "documents": fixture["documents"],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "rows": [],
        "registration": [],
    }
    with OdooServer(db, workers=args.workers) as server:
        rpc = Rpc(server.url, db).login(fixture["login"], BENCH_PASSWORD)
        # Warm-up: one registration per worker, a search.
        run_registration(server, db, fixture, args.workers, 1)
        book = current_book(db, fixture["agency"])
        for clients, per_client in (
            (1, args.single),
            (8, args.per_client_8),
            (32, args.per_client_32),
        ):
            if not per_client:
                continue
            print(f"  registration: {clients} clients x {per_client}…", flush=True)
            reg = run_registration(server, db, fixture, clients, per_client)
            reg["book"] = check_book(db, book)
            result["registration"].append(reg)
            result["rows"] += [reg["register"], reg["create_register"]]
            print_row(reg["register"])
            print_row(reg["create_register"])
            print(
                f"    book after: {reg['book']}; errors {reg['errors']} {reg['error_samples']}; "
                f"client retries {reg['client_retries']}",
                flush=True,
            )
        for row in measure_reads(rpc, db, fixture, args.runs):
            result["rows"].append(row)
            print_row(row)
        for function in (
            lambda: measure_distribution(db, server.url, fixture, 3),
            lambda: measure_pdf(db, server.url, fixture),
            lambda: measure_reminders(db, server.url),
        ):
            try:
                row = function()
            except (RpcError, ValueError) as exc:
                row = timings_row(f"FAILED: {str(exc)[:150]}", [])
            result["rows"].append(row)
            print_row(row)
    if args.server_runs:
        row = measure_server_registration(db, fixture, args.server_runs)
        result["rows"].append(row)
        print_row(row)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"scale_{db}.json"), "w") as stream:
        json.dump(result, stream, indent=1, default=str)
    return result


def machine():
    try:
        with open("/proc/cpuinfo") as stream:
            model = next(
                line.split(":", 1)[1].strip()
                for line in stream
                if line.startswith("model name")
            )
    except (OSError, StopIteration):
        model = "?"
    with open("/proc/meminfo") as stream:
        mem = int(stream.readline().split()[1]) // 1024 // 1024
    ((version,),) = psql("postgres", "SHOW server_version")
    return f"{os.cpu_count()} CPU {model}, {mem} GB RAM, PostgreSQL {version}, shared with other jobs"


def print_row(row):
    per_s = f"{row['per_s']:8.1f}/s" if row.get("per_s") else " " * 10
    print(
        f"  {row['label'][:78]:<78} n={row['count']:<5} median {row['median_ms']:8.1f} ms  "
        f"p95 {row['p95_ms']:8.1f}  max {row['max_ms']:8.1f}  {per_s}",
        flush=True,
    )


def chart_key(label):
    """The measurement without its variable details (counts, symbols, quarters)."""
    head, _sep, tail = label.partition(":")
    if not tail or head.startswith(("action_register", "create+register")):
        return label.split("(")[0].strip()
    if head in ("quarterly PDF", "reminder job", "distribution"):
        return head
    return (
        f"{head}:{tail.split('(')[0]}".strip()[:60]
        if head != "search" or "symbol" not in tail
        else "search: number/symbol"
    )


def chart():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = []
    for path in glob.glob(os.path.join(OUT, "scale_*.json")):
        with open(path) as stream:
            results.append(json.load(stream))
    if not results:
        return None
    results.sort(key=lambda r: r["documents"])
    series = {}
    for result in results:
        for row in result["rows"]:
            key = chart_key(row["label"])
            series.setdefault(key, []).append((result["documents"], row["median_ms"]))
    figure, axis = plt.subplots(figsize=(11, 7))
    colors = plt.get_cmap("tab20").colors
    for index, (key, points) in enumerate(sorted(series.items())):
        if key.startswith("FAILED"):
            continue
        xs, ys = zip(*points, strict=True)
        style = "--" if "register" in key else "-"
        axis.plot(xs, ys, style, marker="o", color=colors[index % 20], label=key)
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("documents in the database")
    axis.set_ylabel("median latency (ms, client side)")
    axis.set_title("iDESK on Odoo 18, --workers=4: latency against database size")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    figure.tight_layout()
    path = os.path.join(OUT, "scale_latency.png")
    figure.savefig(path, dpi=110)
    print(f"Chart: {path}")
    return path


def markdown():
    """One table over every result in bench/out/: median (p95) ms per database size."""
    results = []
    for path in glob.glob(os.path.join(OUT, "scale_*.json")):
        with open(path) as stream:
            results.append(json.load(stream))
    results.sort(key=lambda r: r["documents"])
    keys, cells = [], {}
    for result in results:
        for row in result["rows"]:
            key = chart_key(row["label"])
            if key not in keys:
                keys.append(key)
            per_s = f", {row['per_s']:.1f}/s" if row.get("per_s") else ""
            cells[key, result["documents"]] = (
                f"{row['median_ms']:.0f} ({row['p95_ms']:.0f}; max {row['max_ms']:.0f}{per_s})"
            )
    sizes = [r["documents"] for r in results]
    print(
        "\n| median ms (p95; max; throughput) | "
        + " | ".join(f"{n:,} docs" for n in sizes)
        + " |"
    )
    print("|---|" + "---|" * len(sizes))
    for key in keys:
        print(f"| {key} | " + " | ".join(cells.get((key, n), "") for n in sizes) + " |")
    for result in results:
        for reg in result["registration"]:
            print(
                f"{result['documents']:,} docs, {reg['clients']} clients: {reg['registered']}/{reg['asked']} "
                f"registered, errors {reg['errors']}, book {reg['book']}"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", default=[])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--single", type=int, default=60, help="registrations by the lone client"
    )
    parser.add_argument(
        "--per-client-8", type=int, default=250, help="registrations per client of 8"
    )
    parser.add_argument(
        "--per-client-32", type=int, default=20, help="registrations per client of 32"
    )
    parser.add_argument(
        "--server-runs",
        type=int,
        default=30,
        help="in-process registrations (server time)",
    )
    parser.add_argument("--chart-only", action="store_true")
    args = parser.parse_args()
    if not args.chart_only:
        for db in args.db:
            bench_database(args, db)
    chart()
    markdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
