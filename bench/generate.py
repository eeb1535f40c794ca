#!/usr/bin/env python3
"""Fill an iDESK database with a town's ten years of documents, fast.

    .venv/bin/python bench/generate.py --db idesk_scale_100k --documents 100000

The database is created when missing, as a copy of ``idesk_scale_base`` (the four
addons with the An Nhơn demo data and Vietnamese, installed once by this script).
Then, on top of the demo town's 28 agencies:

- about 500 users (officers of every agency; per agency one clerk ``scale.vt.<id>`` and
  one leader ``scale.ld.<id>`` with the password ``idesk.scale.2026``), the outside
  issuing bodies (res.partner), and the yearly general register books of every agency
  for ten years (created by the registry's own ``_get_default_book``, with their no-gap
  sequences) — through the ORM;
- N documents, incoming and outgoing, over those ten years, with types, urgencies,
  issuing bodies, Vietnamese summaries, signers, 0.5 % cancelled; incoming ones
  directed, with assignments in every state (lead, cooperating, for information,
  done on time, late, returned, still open); a share (``--scan-share``, 3 %) with a real
  small PDF scan in the filestore (``ir.attachment``, SHA-256 on the document, OCR done)
  — with PostgreSQL ``COPY`` (the ORM would need hours for a million documents).

Invariants kept (and checked at the end, ``--check-only`` to re-check):
- per book, numbers 1..n consecutive in the order of registration, no gap, no duplicate;
  the demo's documents keep their numbers and the generated ones continue after them,
  later than them and after the last closed quarter (closures stay valid);
- each book's ``ir.sequence`` continues after the last number;
- ``search_text`` is exactly what the registry stores (its own ``fold()`` over the
  fields of ``_compute_search_text``; a sample is recomputed by the ORM and compared);
- outgoing symbols composed by the registry's ``_compose_symbol`` (one per agency, type
  and drafting unit), unique per agency and year; stored ``process_state``, ``deadline``,
  ``done_late``, ``recipient_agency_id`` as the distribution addon computes them.

Not generated: chatter messages and activities of old documents, mail followers.
Prints rows/s for each phase.
"""

import argparse
import hashlib
import io
import os
import random
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from datetime import date, datetime, timedelta
from types import SimpleNamespace

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import vocabulary as voc  # noqa: E402
from common import (  # noqa: E402
    ADDONS,
    BENCH_PASSWORD,
    CONFIG,
    ODOO_BIN,
    PYTHON,
    ROOT,
    database_exists,
    odoo_env,
    psql,
)

BASE_DB = "idesk_scale_base"
TOTAL_USERS = 500
WORK_START = 30 * 60  # 07:30 in Vietnam = 00:30 UTC, seconds after 00:00 UTC
WORK_END = 10 * 3600  # 17:00 in Vietnam
DOC_COLUMNS = (
    "id agency_id book_id number number_display year quarter state direction "
    "registration_date arrival_datetime document_date type_id urgency_id is_urgent "
    "urgency_priority page_count signer_name issuing_agency_id issuing_partner_id "
    "issuing_body_name origin_number_symbol recipient_agency_id transfer_date symbol "
    "drafting_agency_id signer_authority signer_position copies_count stamped stamped_by_id "
    "stamped_date summary cancel_reason search_text confidentiality content_state ocr_state "
    "ocr_text ocr_attempts scan_attachment_id scan_sha256 scan_dpi process_state deadline "
    "directed_by_id direction_date direction_note recalled create_uid write_uid create_date "
    "write_date"
).split()
ASSIGNMENT_COLUMNS = (
    "id document_id sender_agency_id role role_sequence user_id agency_id recipient_agency_id "
    "deadline state read_date start_date done_date returned_date done_late result_note "
    "return_reason create_uid write_uid create_date write_date"
).split()
ATTACHMENT_COLUMNS = (
    "id name res_model res_id company_id type store_fname file_size checksum mimetype "
    "public create_uid write_uid create_date write_date"
).split()


# ----------------------------------------------------------------------
# Database
# ----------------------------------------------------------------------
def ensure_database(db):
    if database_exists(db):
        return
    if not database_exists(BASE_DB):
        print(f"Installing the four iDESK addons with demo data into {BASE_DB} (once)…")
        subprocess.run(
            [
                PYTHON,
                ODOO_BIN,
                "-c",
                CONFIG,
                "-d",
                BASE_DB,
                "-i",
                ADDONS,
                "--load-language=vi_VN",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
        )
    print(f"Creating {db} from {BASE_DB}…", flush=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-T", BASE_DB, db], check=True)
    # As PostgreSQL runs in production (docker-compose.yml, docs/deployment.md): JIT
    # compiling costs more than it saves on these short queries.
    psql("postgres", f'ALTER DATABASE "{db}" SET jit = off')
    data_dir = os.path.join(ROOT, "var", "data", "filestore")
    if os.path.isdir(os.path.join(data_dir, BASE_DB)):
        subprocess.run(
            ["cp", "-a", os.path.join(data_dir, BASE_DB), os.path.join(data_dir, db)],
            check=True,
        )


def copy_rows(cr, table, columns, rows):
    """COPY ``rows`` (tuples in ``columns`` order) into ``table``."""

    def text(value):
        if value is None or value is False and not isinstance(value, bool):
            return "\\N"
        if isinstance(value, bool):
            return "t" if value else "f"
        value = str(value)
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )

    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(text(v) for v in row))
        buffer.write("\n")
    buffer.seek(0)
    cr._obj.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


def reserve_ids(cr, table, count):
    cr.execute(
        f"SELECT setval('{table}_id_seq', nextval('{table}_id_seq') + %s - 1)", [count]
    )
    last = cr.fetchone()[0]
    return last - count + 1


# ----------------------------------------------------------------------
# Reference data through the ORM
# ----------------------------------------------------------------------
def person_name(rng):
    return (
        f"{rng.choice(voc.FAMILY_NAMES)} {rng.choice(voc.MIDDLE_NAMES)} "
        f"{rng.choice(voc.GIVEN_NAMES)}"
    )


def prepare_people(env, rng):
    """~500 users, one bench clerk and leader per agency; outside bodies."""
    started = time.perf_counter()
    agencies = env["idesk.agency"].search([], order="id")
    group = env.ref
    officer, clerk, leader = (
        group("idesk_security.group_idesk_officer"),
        group("idesk_security.group_idesk_clerk"),
        group("idesk_security.group_idesk_leader"),
    )
    Users = env["res.users"].with_context(
        no_reset_password=True, mail_create_nolog=True, tracking_disable=True
    )
    existing = set(Users.search([]).mapped("login"))
    vals_list = []
    for agency in agencies:
        for prefix, grp in (("vt", clerk), ("ld", leader)):
            login = f"scale.{prefix}.{agency.id}"
            if login not in existing:
                vals_list.append(
                    {
                        "name": person_name(rng),
                        "login": login,
                        "email": f"{login}@annhon.example.vn",
                        "agency_id": agency.id,
                        "groups_id": [(6, 0, (grp | officer).ids)],
                        "lang": "vi_VN",
                        "tz": "Asia/Ho_Chi_Minh",
                    }
                )
    staff = Users.search_count([("agency_id", "!=", False)])
    missing = max(0, TOTAL_USERS - staff - len(vals_list))
    for index in range(missing):
        agency = agencies[index % len(agencies)]
        login = f"scale.cv.{agency.id}.{index}"
        if login not in existing:
            vals_list.append(
                {
                    "name": person_name(rng),
                    "login": login,
                    "email": f"{login}@annhon.example.vn",
                    "agency_id": agency.id,
                    "groups_id": [(6, 0, officer.ids)],
                    "lang": "vi_VN",
                    "tz": "Asia/Ho_Chi_Minh",
                }
            )
    if vals_list:
        Users.create(vals_list)
        # One hash for all bench accounts: hashing 56 times would take a minute.
        hashed = env["res.users"]._crypt_context().hash(BENCH_PASSWORD)
        env.cr.execute(
            "UPDATE res_users SET password = %s WHERE login LIKE 'scale.%%'", [hashed]
        )
        for agency in agencies:
            agency.sudo().write(
                {
                    "clerk_ids": [
                        (4, Users.search([("login", "=", f"scale.vt.{agency.id}")]).id)
                    ],
                    "leader_ids": [
                        (4, Users.search([("login", "=", f"scale.ld.{agency.id}")]).id)
                    ],
                }
            )
    Partners = env["res.partner"].with_context(tracking_disable=True)
    partners = {}
    for name, code in voc.OUTSIDE_BODIES:
        partner = Partners.search([("name", "=", name)], limit=1) or Partners.create(
            {"name": name, "is_company": True}
        )
        partners[partner.id] = (name, code)
    env.cr.commit()
    users = env["res.users"].search([("agency_id", "!=", False)])
    elapsed = time.perf_counter() - started
    print(
        f"People: {len(users)} staff users ({len(vals_list)} created), "
        f"{len(partners)} outside bodies in {elapsed:.1f} s",
        flush=True,
    )
    return agencies, partners


def prepare_books(env, agencies, years):
    started = time.perf_counter()
    Book = env["idesk.register.book"].with_context(tracking_disable=True)
    books = {}
    for agency in agencies:
        for direction in ("incoming", "outgoing"):
            for year in years:
                books[agency.id, direction, year] = Book._get_default_book(
                    agency, direction, year
                )
    env.cr.commit()
    print(
        f"Books: {len(books)} general books ({len(years)} years) in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return books


def make_pdfs(count, rng):
    """Small real one-page PDFs (Vietnamese text, Liberation Serif)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font_path = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
    pdfmetrics.registerFont(TTFont("IdeskSerif", font_path))
    pdfs = []
    for index in range(count):
        topic = voc.TOPICS[index % len(voc.TOPICS)].format(
            year=2020 + index % 7,
            next_year=2021 + index % 7,
            place=voc.PLACES[index % len(voc.PLACES)],
            month=1 + index % 12,
            quarter=1 + index % 4,
        )
        lines = [
            "ỦY BAN NHÂN DÂN THỊ XÃ AN NHƠN",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            f"Số: {rng.randint(1, 999)}/UBND-VP",
            f"V/v {topic}",
        ]
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4)
        pdf.setFont("IdeskSerif", 13)
        for line_no, line in enumerate(lines):
            pdf.drawString(60, 780 - 24 * line_no, line)
        pdf.showPage()
        pdf.save()
        pdfs.append(("\n".join(lines), buffer.getvalue()))
    return pdfs


# ----------------------------------------------------------------------
# Plan: how many documents per book, and from when
# ----------------------------------------------------------------------
def working_days(first, last):
    day, days = first, []
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def plan(env, agencies, books, total, now):
    """{book: (count, first number, start datetime, end datetime)}."""
    cr = env.cr
    cr.execute(
        "SELECT book_id, coalesce(max(number), 0), max(registration_date) "
        "FROM idesk_document WHERE book_id IS NOT NULL GROUP BY book_id"
    )
    existing = {row[0]: (row[1], row[2]) for row in cr.fetchall()}
    cr.execute(
        "SELECT book_id, max(date_to) FROM idesk_book_closure WHERE state = 'closed' "
        "GROUP BY book_id"
    )
    closed_until = dict(cr.fetchall())
    weights = {}
    slots = {}
    for (agency_id, direction, year), book in books.items():
        agency = agencies.browse(agency_id)
        weight = {"office": 4.0, "committee": 1.5, "department": 1.0}.get(
            agency.kind, 0.7
        )
        weight *= 0.62 if direction == "incoming" else 0.38
        start = datetime(year, 1, 1)
        end = min(datetime(year, 12, 31, 23, 59), now - timedelta(hours=1))
        last_number, last_date = existing.get(book.id, (0, None))
        if last_date:
            start = max(start, last_date + timedelta(minutes=1))
        if book.id in closed_until:
            start = max(
                start,
                datetime.combine(
                    closed_until[book.id] + timedelta(days=1), datetime.min.time()
                ),
            )
        span_days = max(0.0, (end - start).total_seconds() / 86400)
        weights[book] = weight * span_days
        slots[book] = (last_number + 1, start, end)
    scale = total / (sum(weights.values()) or 1)
    counts = {book: int(w * scale) for book, w in weights.items()}
    # Give the rounding remainder to the largest books.
    remainder = total - sum(counts.values())
    for book in sorted(weights, key=weights.get, reverse=True)[: max(0, remainder)]:
        counts[book] += 1
    return {
        book: (counts[book], *slots[book]) for book in books.values() if counts[book]
    }


# ----------------------------------------------------------------------
# Documents
# ----------------------------------------------------------------------
class Generator:
    def __init__(self, env, agencies, partners, rng, now, scan_share):
        from odoo.addons.idesk_registry.tools.text import fold, format_number

        self.env, self.cr, self.rng, self.now = env, env.cr, rng, now
        self.fold, self.format_number = fold, format_number
        self.scan_share = scan_share
        self.today = (now + timedelta(hours=7)).date()
        ref = env.ref
        # Plain values: reading ORM records a million times is the slow part.
        self.types = []
        for xmlid, weight in voc.TYPE_WEIGHTS:
            t = ref(f"idesk_registry.{xmlid}")
            plain = SimpleNamespace(
                id=t.id,
                name=t.name,
                code=t.code or None,
                is_official_letter=t.is_official_letter,
                processing_days=t.processing_days,
            )
            self.types += [plain] * weight
        self.urgencies = []
        for xmlid, weight in voc.URGENCY_WEIGHTS:
            u = ref(f"idesk_registry.{xmlid}")
            plain = SimpleNamespace(
                id=u.id, name=u.name, is_urgent=u.is_urgent, priority=u.priority
            )
            self.urgencies += [plain] * weight
        self.plain_agency = {
            a.id: SimpleNamespace(id=a.id, name=a.name, code=a.code, kind=a.kind)
            for a in agencies
        }
        self.agencies = agencies
        self.agency_name = {a.id: a.name for a in agencies}
        self.partners = partners
        users = env["res.users"].search([("agency_id", "!=", False)])
        self.user_name = {u.id: u.name for u in users}
        self.staff = defaultdict(list)
        for user in users:
            if user.login.startswith("scale.cv.") or user.login.startswith(
                "chuyenvien"
            ):
                self.staff[user.agency_id.id].append(user.id)
        self.clerk = {
            a.id: env["res.users"].search([("login", "=", f"scale.vt.{a.id}")]).id
            for a in agencies
        }
        self.leader = {
            a.id: env["res.users"].search([("login", "=", f"scale.ld.{a.id}")]).id
            for a in agencies
        }
        for agency in agencies:
            self.staff[agency.id] = self.staff[agency.id] or [self.clerk[agency.id]]
        top = agencies.filtered(lambda a: a.kind in ("committee", "office"))
        others = agencies - top
        self.units = {
            a.id: (others.ids if a in top else [x.id for x in a.child_ids] or [])
            for a in agencies
        }
        self.notations = {}
        self.pdfs = make_pdfs(40, rng) if scan_share else []
        self.pdf_files = []
        Attachment = env["ir.attachment"]
        for text, data in self.pdfs:
            checksum = Attachment._compute_checksum(data)
            fname = Attachment._file_write(data, checksum)
            self.pdf_files.append(
                (text, fname, len(data), checksum, hashlib.sha256(data).hexdigest())
            )
        self.stats = defaultdict(int)

    def notation(self, agency, doc_type, drafting):
        key = (agency.id, doc_type.id, drafting.id)
        if key not in self.notations:
            doc = self.env["idesk.document"].new(
                {
                    "agency_id": agency.id,
                    "type_id": doc_type.id,
                    "drafting_agency_id": drafting.id,
                    "direction": "outgoing",
                }
            )
            doc = doc.with_env(self.env)
            self.notations[key] = doc._compose_symbol(1).split("/", 1)[1]
        return self.notations[key]

    def summary(self, doc_type, year, when):
        topic = self.rng.choice(voc.TOPICS).format(
            year=year,
            next_year=year + 1,
            place=self.rng.choice(voc.PLACES),
            month=when.month,
            quarter=(when.month - 1) // 3 + 1,
        )
        if doc_type.is_official_letter:
            text = f"V/v {topic}"
        else:
            text = f"{doc_type.name} về việc {topic}"
        return unicodedata.normalize("NFC", text)

    def search_text(self, parts):
        return self.fold(" \n ".join(p for p in parts if p))

    def times(self, count, start, end):
        days = working_days(start.date(), end.date())
        out = []
        for _i in range(count):
            day = self.rng.choice(days)
            moment = datetime.combine(day, datetime.min.time()) + timedelta(
                seconds=self.rng.randint(WORK_START, WORK_END)
            )
            out.append(min(max(moment, start), end))
        out.sort()
        return out

    def book_rows(self, book, count, first_number, start, end):
        """Yield (document row, assignment rows, attachment row or None)."""
        rng = self.rng
        agency = self.plain_agency[book.agency_id.id]
        book = SimpleNamespace(id=book.id, year=book.year, direction=book.direction)
        clerk = self.clerk[agency.id]
        for offset, registered in enumerate(self.times(count, start, end)):
            number = first_number + offset
            doc_type = rng.choice(self.types)
            urgency = rng.choice(self.urgencies)
            number_display = self.format_number(number)
            summary = self.summary(doc_type, book.year, registered)
            quarter = str((registered.month - 1) // 3 + 1)
            state = "cancelled" if rng.random() < 0.005 else "registered"
            cancel_reason = (
                rng.choice(voc.CANCEL_REASONS) if state == "cancelled" else None
            )
            signer = person_name(rng)
            position = rng.choice(voc.SIGNER_POSITIONS)
            row = dict.fromkeys(DOC_COLUMNS)
            row.update(
                agency_id=agency.id,
                book_id=book.id,
                number=number,
                number_display=number_display,
                year=book.year,
                quarter=quarter,
                state=state,
                direction=book.direction,
                registration_date=registered,
                type_id=doc_type.id,
                urgency_id=urgency.id,
                is_urgent=urgency.is_urgent,
                urgency_priority=urgency.priority,
                page_count=rng.randint(1, 12),
                signer_name=signer,
                summary=summary,
                cancel_reason=cancel_reason,
                confidentiality="normal",
                content_state="normal",
                ocr_state="none",
                ocr_attempts=0,
                recalled=False,
                stamped=False,
                copies_count=1,
                create_uid=clerk,
                write_uid=clerk,
                create_date=registered,
                write_date=registered,
            )
            recipient_agency = None
            if book.direction == "incoming":
                if rng.random() < 0.35 and self.units[agency.id]:
                    issuer = self.plain_agency[rng.choice(self.units[agency.id])]
                    row["issuing_agency_id"] = issuer.id
                    body, code = issuer.name, issuer.code
                else:
                    partner_id = rng.choice(list(self.partners))
                    body, code = self.partners[partner_id]
                    if rng.random() < 0.85:
                        row["issuing_partner_id"] = partner_id
                arrival = registered - timedelta(minutes=rng.randint(0, 90))
                notation = (
                    code if doc_type.is_official_letter else f"{doc_type.code}-{code}"
                )
                row.update(
                    arrival_datetime=arrival,
                    document_date=(arrival - timedelta(days=rng.randint(0, 6))).date(),
                    issuing_body_name=body,
                    origin_number_symbol=f"{rng.randint(1, 3500)}/{notation}",
                    signer_authority=None,
                    signer_position=None,
                    transfer_date=(
                        registered + timedelta(hours=rng.randint(0, 30))
                    ).date(),
                )
                if self.units[agency.id]:
                    recipient_agency = rng.choice(self.units[agency.id])
                row["recipient_agency_id"] = recipient_agency
                row["signer_position"] = position
            else:
                units = [agency.id] + [
                    u
                    for u in self.units[agency.id]
                    if self.plain_agency[u].kind != "ward"
                ][:3]
                drafting = self.plain_agency[rng.choice(units)]
                symbol = f"{number_display}/{self.notation(agency, doc_type, drafting)}"
                row.update(
                    symbol=symbol,
                    drafting_agency_id=drafting.id,
                    signer_authority=rng.choice(["TM.", "KT."]),
                    signer_position=position,
                    document_date=(registered + timedelta(hours=7)).date(),
                    copies_count=rng.randint(2, 30),
                    stamped=state == "registered",
                    stamped_by_id=clerk if state == "registered" else None,
                    stamped_date=registered + timedelta(minutes=5)
                    if state == "registered"
                    else None,
                )
            attachment = None
            if self.pdf_files and rng.random() < self.scan_share:
                text, fname, size, checksum, sha256 = rng.choice(self.pdf_files)
                attachment = [
                    None,
                    f"{number_display}_{book.year}.pdf",
                    "idesk.document",
                    None,
                    1,
                    "binary",
                    fname,
                    size,
                    checksum,
                    "application/pdf",
                    False,
                    clerk,
                    clerk,
                    registered,
                    registered,
                ]
                row.update(
                    scan_sha256=sha256,
                    scan_dpi=300,
                    ocr_state="done",
                    ocr_text=text,
                    ocr_attempts=1,
                )
            assignments = []
            if book.direction == "incoming" and state == "registered":
                assignments = self.assignments(row, agency, registered, doc_type)
            row["search_text"] = self.search_text(
                (
                    number_display,
                    row["symbol"],
                    row["origin_number_symbol"],
                    doc_type.name,
                    doc_type.code,
                    summary,
                    row["issuing_body_name"],
                    signer,
                    row["signer_position"],
                    urgency.name,
                    self.agency_name.get(recipient_agency),
                    None,
                    self.agency_name.get(row["drafting_agency_id"]),
                    None,
                    cancel_reason,
                    row["ocr_text"],
                )
            )
            if (
                state == "registered"
                and book.direction == "incoming"
                and not assignments
            ):
                age = (self.today - registered.date()).days
                if age > 30:
                    row.update(
                        process_state="done",
                        directed_by_id=self.leader[agency.id],
                        direction_date=registered + timedelta(hours=3),
                        direction_note="Lưu hồ sơ, để biết.",
                    )
                else:
                    row["process_state"] = "to_direct"
            yield row, assignments, attachment

    def pick_state(self, role, age):
        """Old work is mostly done (a few late, returned or still open)."""
        rng = self.rng
        if role == "info":
            return "read" if age > 2 else rng.choice(["received", "read"])
        if age <= 45:
            return rng.choice(["received", "read", "in_progress", "done"])
        draw = rng.random()
        if draw < 0.955:
            return "done"
        return "returned" if draw < 0.965 else "in_progress"

    def assignments(self, row, agency, registered, doc_type):
        rng = self.rng
        age = (self.today - registered.date()).days
        if rng.random() > 0.85:
            return []
        leader = self.leader[agency.id]
        days = doc_type.processing_days or 10
        deadline = (registered + timedelta(days=days * 7 // 5 + 1)).date()
        units = self.units[agency.id]
        people = self.staff[agency.id]
        lines = []
        if units and rng.random() < 0.6:
            picked = rng.sample(units, min(len(units), 1 + rng.randint(0, 2)))
            lines.append(("lead", None, picked[0]))
            lines += [("cooperate", None, unit) for unit in picked[1:]]
        else:
            lines.append(("lead", rng.choice(people), None))
        if rng.random() < 0.4:
            lines.append(("info", leader, None))
        out = []
        lead_state = None
        for role, user_id, agency_id in lines:
            read = registered + timedelta(hours=rng.randint(1, 48))
            start = done = returned = None
            state = self.pick_state(role, age)
            if state in ("in_progress", "done", "returned"):
                start = read + timedelta(hours=rng.randint(1, 24))
            if state == "done":
                done = start + timedelta(
                    days=rng.choice([0, 1, 2, 3, 5, 7, 9, 12, 16, 25])
                )
                done = min(done, self.now - timedelta(minutes=5))
            if state == "returned":
                returned = start + timedelta(days=1)
            if state == "received":
                read = None
            if read and read > self.now:
                read = self.now - timedelta(minutes=10)
            if start and start > self.now:
                start = self.now - timedelta(minutes=5)
            if returned and returned > self.now:
                returned = self.now - timedelta(minutes=1)
            recipient = agency_id or self.env_user_agency(user_id)
            done_late = bool(done and (done + timedelta(hours=7)).date() > deadline)
            if role == "lead":
                lead_state = state
            out.append(
                [
                    None,
                    None,
                    agency.id,
                    role,
                    {"lead": 1, "cooperate": 2, "info": 3}[role],
                    user_id,
                    agency_id,
                    recipient,
                    deadline if role != "info" else None,
                    state,
                    read,
                    start,
                    done,
                    returned,
                    done_late,
                    "Đã triển khai thực hiện." if state == "done" else None,
                    "Không thuộc thẩm quyền giải quyết của đơn vị."
                    if state == "returned"
                    else None,
                    leader,
                    leader,
                    registered,
                    registered,
                ]
            )
        row.update(
            process_state={"done": "done", "returned": "returned"}.get(
                lead_state, "in_progress"
            ),
            deadline=deadline,
            directed_by_id=leader,
            direction_date=registered + timedelta(hours=2),
            direction_note=rng.choice(voc.DIRECTIONS).format(
                unit=self.agency_name.get(lines[0][2])
                or self.user_name.get(lines[0][1], "")
            ),
        )
        self.stats["assignments"] += len(out)
        return out

    def env_user_agency(self, user_id):
        if not hasattr(self, "_user_agency"):
            self.cr.execute(
                "SELECT id, agency_id FROM res_users WHERE agency_id IS NOT NULL"
            )
            self._user_agency = dict(self.cr.fetchall())
        return self._user_agency.get(user_id)


SHARE_FROM_ASSIGNMENTS = """
    INSERT INTO idesk_document_res_users_rel (idesk_document_id, res_users_id)
    SELECT DISTINCT document_id, user_id FROM idesk_assignment WHERE user_id IS NOT NULL
    ON CONFLICT DO NOTHING;
    INSERT INTO idesk_agency_idesk_document_rel (idesk_document_id, idesk_agency_id)
    SELECT DISTINCT document_id, agency_id FROM idesk_assignment WHERE agency_id IS NOT NULL
    ON CONFLICT DO NOTHING;
"""


def generate(env, counts, gen, batch):
    cr = env.cr
    # Loading is faster without the search and list indexes; the registry makes
    # them again at the end.
    env["idesk.document"]._drop_search_indexes()
    total = sum(c for c, *_r in counts.values())
    started = time.perf_counter()
    done = 0
    docs, assigns, attachments = [], [], []
    copy_seconds = [0.0]

    def flush():
        nonlocal docs, assigns, attachments
        if not docs:
            return
        first = reserve_ids(cr, "idesk_document", len(docs))
        att_first = (
            reserve_ids(cr, "ir_attachment", len(attachments)) if attachments else 0
        )
        ass_first = reserve_ids(cr, "idesk_assignment", len(assigns)) if assigns else 0
        att_rows, ass_rows, att_index, ass_index = [], [], 0, 0
        doc_rows = []
        for index, (row, doc_assigns, attachment) in enumerate(docs):
            row["id"] = first + index
            if attachment:
                attachment[0] = att_first + att_index
                attachment[3] = row["id"]
                row["scan_attachment_id"] = attachment[0]
                att_index += 1
                att_rows.append(attachment)
            for line in doc_assigns:
                line[0] = ass_first + ass_index
                line[1] = row["id"]
                ass_index += 1
                ass_rows.append(line)
            doc_rows.append([row[c] for c in DOC_COLUMNS])
        copy_started = time.perf_counter()
        if att_rows:
            copy_rows(cr, "ir_attachment", ATTACHMENT_COLUMNS, att_rows)
        copy_rows(cr, "idesk_document", DOC_COLUMNS, doc_rows)
        if ass_rows:
            copy_rows(cr, "idesk_assignment", ASSIGNMENT_COLUMNS, ass_rows)
        cr.commit()
        copy_seconds[0] += time.perf_counter() - copy_started
        docs, assigns, attachments = [], [], []

    for book, (count, first_number, start, end) in counts.items():
        for row, doc_assigns, attachment in gen.book_rows(
            book, count, first_number, start, end
        ):
            docs.append((row, doc_assigns, attachment))
            if attachment:
                attachments.append(attachment)
            assigns.extend(doc_assigns)
            done += 1
            if len(docs) >= batch:
                flush()
                elapsed = time.perf_counter() - started
                print(
                    f"  {done:>9,} / {total:,} documents  {done / elapsed:8.0f} rows/s",
                    flush=True,
                )
    flush()
    elapsed = time.perf_counter() - started
    print(
        f"Documents: {done:,} in {elapsed:.1f} s = {done / max(elapsed, 1e-9):.0f} documents/s "
        f"(+ {gen.stats['assignments']:,} assignments; {copy_seconds[0]:.1f} s in COPY)",
        flush=True,
    )
    started = time.perf_counter()
    # A directed document is shared with the people and units it is assigned to,
    # as idesk_distribution's sending does (the record rules read these tables).
    cr.execute(SHARE_FROM_ASSIGNMENTS)
    # Each book's no-gap sequence continues after its last number.
    cr.execute(
        """
        UPDATE ir_sequence s SET number_next = b.last + 1
          FROM (SELECT book_id, max(number) AS last FROM idesk_document
                 WHERE book_id IS NOT NULL GROUP BY book_id) b
          JOIN idesk_register_book rb ON rb.id = b.book_id
         WHERE s.id = rb.sequence_id
        """
    )
    cr.execute("SET maintenance_work_mem = '512MB'")
    env["idesk.document"]._init_search_indexes()
    cr.execute("ANALYZE idesk_document")
    cr.execute("ANALYZE idesk_assignment")
    cr.execute("ANALYZE ir_attachment")
    cr.commit()
    print(
        f"Sequences, search and list indexes, ANALYZE: {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return done


# ----------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------
def check(env, sample=300):
    cr = env.cr
    problems = []
    cr.execute(
        """
        SELECT book_id, count(*), count(DISTINCT number), min(number), max(number)
          FROM idesk_document WHERE book_id IS NOT NULL AND state != 'draft'
         GROUP BY book_id
        HAVING count(*) != count(DISTINCT number) OR min(number) != 1 OR max(number) != count(*)
        """
    )
    bad = cr.fetchall()
    if bad:
        problems.append(f"{len(bad)} books with gaps or duplicates, e.g. {bad[:3]}")
    cr.execute(
        """
        SELECT rb.id, s.number_next, coalesce(max(d.number), 0)
          FROM idesk_register_book rb JOIN ir_sequence s ON s.id = rb.sequence_id
          LEFT JOIN idesk_document d ON d.book_id = rb.id
         GROUP BY rb.id, s.number_next HAVING s.number_next != coalesce(max(d.number), 0) + 1
        """
    )
    bad = cr.fetchall()
    if bad:
        problems.append(
            f"{len(bad)} sequences not after the last number, e.g. {bad[:3]}"
        )
    cr.execute(
        """
        SELECT count(*) FROM idesk_assignment a
         WHERE NOT EXISTS (SELECT 1 FROM idesk_document_res_users_rel r
                            WHERE r.idesk_document_id = a.document_id AND r.res_users_id = a.user_id)
           AND NOT EXISTS (SELECT 1 FROM idesk_agency_idesk_document_rel r
                            WHERE r.idesk_document_id = a.document_id AND r.idesk_agency_id = a.agency_id)
        """
    )
    ((unshared,),) = cr.fetchall()
    if unshared:
        problems.append(
            f"{unshared} assignments whose recipient cannot see the document"
        )
    cr.execute(
        "SELECT count(*) FROM (SELECT agency_id, year, symbol FROM idesk_document "
        "WHERE symbol IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1) x"
    )
    if cr.fetchone()[0]:
        problems.append("duplicate outgoing symbols")
    cr.execute(
        "SELECT id, search_text FROM idesk_document WHERE state != 'draft' "
        "ORDER BY random() LIMIT %s",
        [sample],
    )
    stored = dict(cr.fetchall())
    documents = env["idesk.document"].browse(list(stored))
    with env.protecting([documents._fields["search_text"]], documents):
        documents._compute_search_text()
        wrong = [d.id for d in documents if d.search_text != stored[d.id]]
    if wrong:
        problems.append(
            f"search_text differs from the registry's on {len(wrong)} of {sample}: {wrong[:5]}"
        )
    cr.execute("SELECT count(*) FROM idesk_document")
    total = cr.fetchone()[0]
    cr.execute("SELECT state, count(*) FROM idesk_assignment GROUP BY 1 ORDER BY 1")
    states = cr.fetchall()
    cr.execute(
        "SELECT count(*) FROM idesk_document WHERE scan_attachment_id IS NOT NULL"
    )
    scans = cr.fetchone()[0]
    env.invalidate_all(flush=False)
    cr.rollback()
    print(
        f"Check: {total:,} documents, {scans:,} with a scan; assignments {dict(states)}"
    )
    if problems:
        print("INVARIANTS BROKEN:\n  " + "\n  ".join(problems))
        return False
    print(
        f"Check: every book numbered 1..n without gap or duplicate, sequences continue, "
        f"search_text identical to the registry's on a sample of {len(stored)}."
    )
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database name (idesk_scale_*)")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--scan-share", type=float, default=0.03)
    parser.add_argument("--batch", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--check-only", action="store_true")
    args = parser.parse_args()
    ensure_database(args.db)
    _registry, cr, env = odoo_env(args.db)
    try:
        if args.check_only:
            return 0 if check(env) else 1
        rng = random.Random(args.seed)
        now = datetime.utcnow().replace(microsecond=0)
        years = list(range(now.year - args.years + 1, now.year + 1))
        started = time.perf_counter()
        agencies, partners = prepare_people(env, rng)
        books = prepare_books(env, agencies, years)
        counts = plan(env, agencies, books, args.documents, now)
        gen = Generator(env, agencies, partners, rng, now, args.scan_share)
        cr.commit()
        generate(env, counts, gen, args.batch)
        env.invalidate_all()
        ok = check(env)
        print(
            f"Total {time.perf_counter() - started:.0f} s for {args.documents:,} documents "
            f"in {args.db}; today {date.today()}"
        )
        return 0 if ok else 1
    finally:
        cr.close()


if __name__ == "__main__":
    sys.exit(main())
