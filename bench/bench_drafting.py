"""Benchmark of idesk_drafting (issue 14, Performance).

1. Issue and send: the Office's clerk issues a signed draft addressed to the
   town's 27 other agencies and 50 outside bodies (number, date and signing
   statement written into the PDF, entry in the outgoing book, distribution to
   the agencies, one queued e-mail with the PDF): server time of
   ``action_issue``, flushed. Target ≤ 1.5 s.
2. Conversion: a 10-page DOCX (made by LibreOffice from generated HTML, with
   a page break between pages) turned into PDF by the addon's LibreOffice tool
   (``tools/convert.to_pdf``) and by a version upload (``_add_version``: checks,
   conversion, attachments). Target ≤ 5 s.
3. Approval from the phone: the chairman signs (approval with consent) from the
   opened form. A separate Odoo (``--workers=2``, on a copy of the database,
   dropped at the end) is driven over HTTP with exactly the requests the web
   client makes after the tap on "Sign" and the confirmation
   (``/web/dataset/call_button`` then the form's ``web_read``; the tour
   ``idesk_drafting_sign_phone_tour`` counts the same in a real browser).
   Target ≤ 3 round trips.

Parts 1 and 2 run in one transaction that is rolled back: the database is left
as it was. Usage:

    .venv/bin/python bench/bench_drafting.py -c var/dev.conf -d idesk_dev [--runs 5] \
        [--parts issue,convert,phone]
"""

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

from common import OdooServer, psql
from PyPDF2 import PdfReader

import odoo
from odoo import SUPERUSER_ID, api

PAGES = 10


def cpu_seconds():
    """CPU time of this process and of its finished children (LibreOffice,
    poppler): what the work costs whatever else the machine runs."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _draft_for_signature(env, summary, agencies, partners):
    """A draft of the finance office through its whole review, as the demo staff."""
    from odoo.addons.idesk_drafting.models.idesk_draft_demo import sample_draft_pdf

    ref = env.ref
    officer = ref("idesk_security.user_cv_tckh")
    draft = (
        env["idesk.draft"]
        .with_user(officer)
        .create(
            {
                "type_id": ref("idesk_registry.type_cv").id,
                "summary": summary,
                "recipient_agency_ids": [(6, 0, agencies.ids)],
                "recipient_partner_ids": [(6, 0, partners.ids)],
                "signer_id": ref("idesk_security.user_chutich").id,
                "signer_authority": "TM.",
                "signer_position": "Chủ tịch",
            }
        )
    )
    draft._add_version("bench.pdf", sample_draft_pdf(summary, "Nội dung.\n" * 20))
    draft.action_submit()
    draft.with_user(ref("idesk_security.user_lanhdao_tckh")).action_approve()
    draft.with_user(ref("idesk_security.user_chanhvp")).action_approve()
    return draft


def bench_issue(env, runs):
    ref = env.ref
    clerk = ref("idesk_security.user_vanthu_vp")
    # Every other agency of the town (the committee included: its standing
    # members receive the Office's documents too).
    agencies = env["idesk.agency"].search([("id", "!=", clerk.agency_id.id)])
    partners = env["res.partner"].create(
        [
            {
                "name": f"Cơ quan ngoài {i:02d} (benchmark)",
                "email": f"coquan{i:02d}@example.gov.vn",
                "is_company": True,
            }
            for i in range(50)
        ]
    )
    timings, cpu = [], []
    for run in range(runs):
        draft = _draft_for_signature(
            env, f"Công văn gửi toàn thị xã (benchmark {run})", agencies, partners
        )
        draft.with_user(ref("idesk_security.user_chutich")).action_sign_with_consent()
        env.flush_all()
        start, start_cpu = time.perf_counter(), cpu_seconds()
        draft.with_user(clerk).action_issue()
        env.flush_all()
        timings.append(time.perf_counter() - start)
        cpu.append(cpu_seconds() - start_cpu)
        document = draft.document_id
    mail = env["mail.mail"].search(
        [
            ("model", "=", "idesk.document"),
            ("res_id", "=", document.id),
            ("recipient_ids", "in", partners.ids),
        ]
    )
    print(
        f"issue and send: {len(agencies)} agencies + {len(partners)} outside bodies "
        f"({len(document.assignment_ids)} assignments, {len(mail)} e-mail to "
        f"{len(mail.recipient_ids)} recipients): median {statistics.median(timings):.3f} s, "
        f"max {max(timings):.3f} s server time over {runs} issues "
        f"(first {timings[0]:.3f} s; CPU of Odoo and its tools median "
        f"{statistics.median(cpu):.3f} s, PostgreSQL not included); target ≤ 1.5 s"
    )
    return timings


def ten_page_docx():
    """A 10-page DOCX written by LibreOffice from HTML with page breaks."""
    paragraph = (
        "Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về "
        "công tác văn thư, Ủy ban nhân dân thị xã An Nhơn báo cáo tình hình thực hiện "
        "dự toán ngân sách nhà nước, các khoản thu, chi và các nhiệm vụ trọng tâm. "
    )
    pages = []
    for page in range(1, PAGES + 1):
        body = "".join(f"<p>{page}.{n}. {paragraph * 2}</p>" for n in range(1, 9))
        pages.append(f"<h2>Phần {page}</h2>{body}")
    html = (
        "<html><head><meta charset='utf-8'></head><body>"
        + "<p style='page-break-before: always'></p>".join(pages)
        + "</body></html>"
    )
    with tempfile.TemporaryDirectory(prefix="idesk_bench_docx_") as folder:
        source = os.path.join(folder, "bao-cao.html")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write(html)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                folder,
                source,
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        with open(os.path.join(folder, "bao-cao.docx"), "rb") as handle:
            return handle.read()


def bench_convert(env, runs):
    from odoo.addons.idesk_drafting.tools import convert

    docx = ten_page_docx()
    timings, cpu = [], []
    for _run in range(runs):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        pdf = convert.to_pdf(docx, "docx")
        timings.append(time.perf_counter() - start)
        cpu.append(cpu_seconds() - start_cpu)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"conversion: DOCX of {len(docx) // 1024} KB -> PDF of {pages} pages: "
        f"first {timings[0]:.2f} s, median {statistics.median(timings):.2f} s, "
        f"max {max(timings):.2f} s over {runs} (CPU of LibreOffice median "
        f"{statistics.median(cpu):.2f} s); target ≤ 5 s"
    )
    # The officer's upload: checks, conversion, the version's two files.
    officer = env.ref("idesk_security.user_cv_tckh")
    draft = (
        env["idesk.draft"]
        .with_user(officer)
        .create(
            {
                "type_id": env.ref("idesk_registry.type_bc").id
                if env.ref("idesk_registry.type_bc", raise_if_not_found=False)
                else env.ref("idesk_registry.type_cv").id,
                "summary": "Báo cáo mười trang (benchmark)",
                "recipient_agency_ids": [
                    (6, 0, env.ref("idesk_security.agency_x_nhon_hau").ids)
                ],
            }
        )
    )
    uploads = []
    for _run in range(runs):
        start = time.perf_counter()
        version = draft._add_version("bao-cao.docx", docx)
        env.flush_all()
        uploads.append(time.perf_counter() - start)
    print(
        f"upload of the DOCX as a version ({version.page_count} pages): median "
        f"{statistics.median(uploads):.2f} s, max {max(uploads):.2f} s over {runs}"
    )
    return timings, pages


# The fields the draft's form reads (enough for the bench: the form's own
# specification has more, read in the same request).
FORM_SPEC = {
    name: {}
    for name in (
        "state",
        "summary",
        "holder_label",
        "held_days",
        "is_stuck",
        "signed_date",
        "sign_statement",
        "can_edit",
        "can_review",
        "can_sign",
        "can_issue",
    )
}


def round_trips(requests):
    """The longest chain of requests each sent after the previous one came
    back: requests in flight together share one round trip."""
    depth = []
    for i, (_path, start, _end) in enumerate(requests):
        before = [depth[j] for j in range(i) if requests[j][2] <= start]
        depth.append(1 + max(before, default=0))
    return max(depth, default=0)


class WebClient:
    """The requests the web client makes, with its session cookie."""

    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar())
        )
        self.requests = []

    def post(self, path, params):
        payload = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        ).encode()
        request = urllib.request.Request(
            f"{self.url}{path}", payload, {"Content-Type": "application/json"}
        )
        start = time.perf_counter()
        with self.opener.open(request, timeout=120) as response:
            answer = json.loads(response.read())
        self.requests.append((path, start, time.perf_counter()))
        if answer.get("error"):
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]


def _sign_from_opened_form(client, draft_id):
    """The requests of the web client once the leader taps "Sign" and
    confirms: ``(round trips, requests, seconds)``."""
    context = {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
    thread = {"thread_model": "idesk.draft", "thread_id": draft_id}
    # The form's reload of its record and the chatter's reload of its
    # thread, sent together (what the browser does after a button).
    reload_requests = [
        (
            "/web/dataset/call_kw/idesk.draft/web_read",
            {
                "model": "idesk.draft",
                "method": "web_read",
                "args": [[draft_id]],
                "kwargs": {"context": context, "specification": FORM_SPEC},
            },
        ),
        (
            "/mail/thread/data",
            {
                **thread,
                "request_list": [
                    "activities",
                    "attachments",
                    "followers",
                    "scheduledMessages",
                    "suggestedRecipients",
                ],
            },
        ),
        ("/mail/thread/messages", {**thread, "limit": 30}),
    ]

    def reload():
        with ThreadPoolExecutor(len(reload_requests)) as pool:
            return list(pool.map(lambda r: client.post(*r), reload_requests))

    # The leader opens the form (not counted).
    reload()
    client.requests.clear()
    started = time.perf_counter()
    client.post(
        "/web/dataset/call_button/idesk.draft/action_sign_with_consent",
        {
            "model": "idesk.draft",
            "method": "action_sign_with_consent",
            "args": [[draft_id]],
            "kwargs": {"context": context},
        },
    )
    record = reload()[0][0]
    seconds = time.perf_counter() - started
    if record["state"] != "signed":
        raise RuntimeError(f"the draft is {record['state']}, not signed")
    return round_trips(client.requests), list(client.requests), seconds


def bench_phone_approval(config, database, runs):
    """The chairman's signatures from the opened form, over HTTP, on a copy."""
    copy = f"{database}_bench_drafting"
    psql("postgres", f'DROP DATABASE IF EXISTS "{copy}"')
    psql("postgres", f'CREATE DATABASE "{copy}" TEMPLATE "{database}"')
    try:
        registry = odoo.modules.registry.Registry(copy)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "vi_VN"})
            # One more than measured: the first warms both workers up.
            draft_ids = [
                _draft_for_signature(
                    env,
                    f"Ký trên điện thoại (benchmark {run})",
                    env.ref("idesk_security.agency_x_nhon_hau"),
                    env["res.partner"],
                ).id
                for run in range(runs + 1)
            ]
            cr.commit()
        with OdooServer(copy, workers=2, config=config) as server:
            client = WebClient(server.url)
            client.post(
                "/web/session/authenticate",
                {"db": copy, "login": "chutich", "password": "chutich"},
            )
            results = [_sign_from_opened_form(client, i) for i in draft_ids][1:]
        trips = max(r[0] for r in results)
        requests = max(len(r[1]) for r in results)
        sign = [r[1][0][2] - r[1][0][1] for r in results]
        total = [r[2] for r in results]
        paths = " ".join(path.rsplit("/", 1)[-1] for path, _s, _e in results[0][1])
        print(
            f"phone approval (sign with consent) from the opened form: {trips} round "
            f"trips, {requests} requests ({paths}); over {len(results)} signatures: the "
            f"signature's request median {statistics.median(sign) * 1000:.0f} ms, until "
            f"the form and chatter are up to date median "
            f"{statistics.median(total) * 1000:.0f} ms (max {max(total) * 1000:.0f} ms); "
            f"target ≤ 3 round trips"
        )
        return trips
    finally:
        odoo.modules.registry.Registry.delete(copy)
        odoo.sql_db.close_db(copy)
        psql("postgres", f'DROP DATABASE IF EXISTS "{copy}"')
        shutil.rmtree(odoo.tools.config.filestore(copy), ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", default="var/dev.conf")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--parts",
        default="issue,convert,phone",
        help="comma-separated: issue, convert, phone (default: all three)",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"]
    )
    load = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} CPUs, load average {load[0]:.1f} / {load[1]:.1f} "
        f"/ {load[2]:.1f} (1/5/15 min)"
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(
            cr, SUPERUSER_ID, {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
        )
        try:
            if "issue" in args.parts:
                bench_issue(env, args.runs)
            if "convert" in args.parts:
                bench_convert(env, args.runs)
        finally:
            cr.rollback()
    # The copy of the database needs it without connections.
    odoo.sql_db.close_db(args.database)
    if "phone" in args.parts:
        bench_phone_approval(os.path.abspath(args.config), args.database, args.runs)


if __name__ == "__main__":
    sys.exit(main())
