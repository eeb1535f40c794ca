import html
import re
import subprocess
import tempfile
from datetime import date, datetime

from odoo.tests import HttpCase, TransactionCase

from odoo.addons.idesk_security.tests.common import IdeskTestCommon

from ..models.idesk_register_book import quarter_bounds


def pdf_text(content, layout=True):
    """Text of a PDF as poppler's pdftotext reads it (-layout or -raw)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        mode = "-layout" if layout else "-raw"
        return subprocess.run(
            ["pdftotext", mode, pdf.name, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def pdf_words(content, page=1):
    """[(word, x, y)] of one page of a PDF, as pdftotext -bbox places them
    (points from the top left corner)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        xhtml = subprocess.run(
            ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf.name, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return [
        (html.unescape(word), float(x), float(y))
        for x, y, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', xhtml
        )
    ]


def one_line(text):
    return " ".join(text.split())


class IdeskReportsFixture(IdeskTestCommon):
    """Agencies, one user per role, a register book of last year (every
    quarter is over) and entries placed in its quarters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, lang="vi_VN")
        )
        if not cls.env["res.lang"]._lang_get("vi_VN"):
            cls.env["res.lang"]._activate_lang("vi_VN")
            cls.env["ir.module.module"].search(
                [("name", "=", "idesk_reports")]
            )._update_translations(["vi_VN"])
        cls.committee = cls._create_agency(
            "UBND thị xã Thử Nghiệm", "UBNDT", "committee"
        )
        cls.office = cls._create_agency(
            "Văn phòng Thử Nghiệm", "VPT", "office", cls.committee
        )
        cls.unit = cls._create_agency(
            "UBND xã Nhơn Hậu Thử", "NHT", "commune", cls.committee
        )
        cls.clerk = cls._user("rep_clerk", "clerk", cls.office)
        cls.officer = cls._user("rep_officer", "officer", cls.office)
        cls.leader = cls._user("rep_leader", "leader", cls.office)
        cls.admin = cls._user("rep_admin", "admin", cls.office)
        cls.office.clerk_ids = cls.clerk
        cls.office.leader_ids = cls.leader
        cls.year = date.today().year - 1
        cls.book = cls.env["idesk.register.book"].create(
            {
                "name": f"Sổ văn bản đến {cls.year} — Văn phòng Thử Nghiệm",
                "agency_id": cls.office.id,
                "direction": "incoming",
                "year": cls.year,
                "is_default": False,
            }
        )
        cls.type_qd = cls.env["idesk.document.type"].search(
            [("code", "=", "QĐ")], limit=1
        )

    def _assert_in_column(self, words, value, header, slack=6):
        """The lowest ``value`` of ``words`` (see pdf_words) starts in the column
        headed by ``header`` (the nearest above it): not left of the header, as
        it would be if an empty cell before it had been dropped. ``slack``
        (points) allows for a centred header above left-aligned cells."""
        values = [(x, y) for word, x, y in words if word == value]
        self.assertTrue(values, f"{value!r} not printed")
        value_x, value_y = max(values, key=lambda position: position[1])
        headers = [(x, y) for word, x, y in words if word == header and y < value_y]
        self.assertTrue(headers, f"no column {header!r} above {value!r}")
        header_x, _y = max(headers, key=lambda position: position[1])
        self.assertGreaterEqual(
            value_x, header_x - slack, f"{value!r} shifted left of {header!r}"
        )

    @classmethod
    def _user(cls, login, role, agency):
        return cls._create_user(
            login,
            role,
            agency,
            context={"no_reset_password": True},
            name=login.replace("_", " ").title(),
            password=f"{login}-Pass-2026!",
            email=f"{login}@example.gov.vn",
            lang="vi_VN",
        )

    @classmethod
    def _entry(cls, book, number, when, state="registered", **vals):
        """An entry of ``book`` registered on ``when`` with ``number``."""
        arrival = datetime.combine(when, datetime.min.time()).replace(hour=3)
        values = {
            "direction": book.direction,
            "agency_id": book.agency_id.id,
            "type_id": cls.type_qd.id,
            "summary": f"Quyết định về việc công nhận xã Nhơn Hậu đạt chuẩn nông thôn mới, số {number}",
            "document_date": when,
            "arrival_datetime": arrival,
            "issuing_body_name": "UBND tỉnh Bình Định",
            "origin_number_symbol": f"{number}/QĐ-UBND",
            "signer_name": "Phạm Văn Trung",
            "recipient_agency_id": cls.unit.id,
        }
        registry_vals = {key: vals.pop(key) for key in ("symbol",) if key in vals}
        values.update(vals)
        document = cls.env["idesk.document"].sudo().create(values)
        if state == "draft":
            document._registry_sudo().write({"book_id": book.id})
            return document
        document._registry_sudo().write(
            {
                "book_id": book.id,
                "number": number,
                "registration_date": arrival,
                "state": "registered",
                **registry_vals,
            }
        )
        if state == "cancelled":
            document._registry_sudo().write(
                {"state": "cancelled", "cancel_reason": "Đăng ký trùng số"}
            )
        return document

    @classmethod
    def _quarter_day(cls, quarter, day=10):
        first, _last = quarter_bounds(cls.year, quarter)
        return first.replace(day=day)


class IdeskReportsCase(IdeskReportsFixture, TransactionCase):
    pass


class IdeskReportsHttpCase(IdeskReportsFixture, HttpCase):
    """The fixture with a running server: wkhtmltopdf loads the report
    assets (styles, web fonts) from it, as it does in production."""
