"""The books fill themselves (issue 16, item 5): the recipient and transfer
date of the incoming book, the progress and reply of the tracking book come
from the direction, the results and the reply documents, in print and XLSX."""

import io
from datetime import timedelta

from openpyxl import load_workbook

from odoo import fields
from odoo.tests import tagged

from .common import IdeskReportsCase, one_line, pdf_text


@tagged("post_install", "-at_install")
class TestRegisterBookProcessing(IdeskReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = cls._create_agency(
            "Phòng Tài chính Thử", "TCT", "department", cls.committee
        )
        cls.finance_head = cls._user("rep_finance_head", "leader", cls.finance)
        cls.finance.leader_ids = cls.finance_head
        cls.first, cls.last = cls._quarter_bounds(1)
        day = cls._quarter_day(1)
        # directed in iDESK: the hand-typed recipient (the commune) is not what happened
        cls.directed = cls._entry(cls.book, 1, day)
        # handed over on paper only: the hand-typed recipient and date stay
        cls.paper = cls._entry(cls.book, 2, day, transfer_date=day + timedelta(days=1))
        cls.late = cls._entry(cls.book, 3, day)
        today = fields.Date.context_today(cls.leader)
        cls.today = today
        cls.assignments = cls.directed.with_user(cls.leader)._do_direct(
            "Phòng Tài chính chủ trì tham mưu.",
            cls.leader,
            [
                {
                    "role": "lead",
                    "agency_id": cls.finance.id,
                    "deadline": today + timedelta(days=5),
                },
                {
                    "role": "cooperate",
                    "user_id": cls.officer.id,
                    "deadline": today + timedelta(days=5),
                },
            ],
        )
        lead = cls.assignments.filtered(lambda a: a.role == "lead")
        cls.out_book = cls.env["idesk.register.book"].create(
            {
                "name": f"Sổ văn bản đi {cls.year} — thử",
                "agency_id": cls.office.id,
                "direction": "outgoing",
                "year": cls.year,
                "is_default": False,
            }
        )
        cls.reply = cls._entry(cls.out_book, 15, day, symbol="15/UBNDT-TCT")
        lead.sudo().write(
            {
                "result_note": "Đã tham mưu văn bản trả lời.",
                "reply_document_id": cls.reply.id,
            }
        )
        lead.sudo()._do_done()
        # the late one: its lead finished after its deadline
        late_lead = cls.late.with_user(cls.leader)._do_direct(
            "Phòng Tài chính xử lý.",
            cls.leader,
            [{"role": "lead", "agency_id": cls.finance.id, "deadline": today}],
        )
        late_lead.sudo().write({"result_note": "Xong."})
        late_lead.sudo()._do_done()
        late_lead.sudo().write({"deadline": today - timedelta(days=3)})

    @classmethod
    def _quarter_bounds(cls, quarter):
        from ..models.idesk_register_book import quarter_bounds

        return quarter_bounds(cls.year, quarter)

    def _pdf_rows(self, tracking=False):
        book = self.book.with_user(self.clerk).with_context(lang="vi_VN")
        content, _pages = book._render_pdf_bytes(
            self.first, self.last, tracking=tracking, volume=1
        )
        return one_line(pdf_text(content, layout=False))

    def _xlsx_rows(self, tracking=False):
        """{arrival number: {column title: cell text}} of the exported book."""
        book = self.book.with_user(self.clerk).with_context(lang="vi_VN")
        content = book._render_xlsx_bytes(
            self.first, self.last, tracking=tracking, volume=1
        )
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        header_index = next(i for i, row in enumerate(rows) if "Số đến" in row)
        titles = rows[header_index]
        number_col = titles.index("Số đến")
        return {
            row[number_col]: dict(zip(titles, row, strict=True))
            for row in rows[header_index + 2 :]
        }

    def _day(self, value):
        return value.strftime("%d/%m/%Y")

    def test_clerk_incoming_book_shows_who_received_it_and_when(self):
        rows = self._xlsx_rows()
        directed = rows["01"]
        self.assertEqual(
            directed["Đơn vị hoặc người nhận"],
            f"Phòng Tài chính Thử, {self.officer.name}",
            "the lead unit first, then the cooperating person; not the hand-typed commune",
        )
        self.assertEqual(directed["Ngày chuyển"], self._day(self.today))
        text = self._pdf_rows()
        self.assertIn(f"Phòng Tài chính Thử, {self.officer.name}", text)
        self.assertIn(self._day(self.today), text)

    def test_clerk_incoming_book_keeps_the_hand_typed_paper_transfer(self):
        paper = self._xlsx_rows()["02"]
        self.assertEqual(paper["Đơn vị hoặc người nhận"], "UBND xã Nhơn Hậu Thử")
        self.assertEqual(
            paper["Ngày chuyển"], self._day(self._quarter_day(1) + timedelta(days=1))
        )

    def test_clerk_incoming_book_drops_a_recalled_recipient(self):
        cooperating = self.assignments.filtered(lambda a: a.role == "cooperate")
        cooperating.sudo().write({"state": "recalled"})
        self.assertEqual(
            self._xlsx_rows()["01"]["Đơn vị hoặc người nhận"], "Phòng Tài chính Thử"
        )

    def test_clerk_tracking_book_shows_progress_and_reply(self):
        rows = self._xlsx_rows(tracking=True)
        directed = rows["01"]
        self.assertEqual(directed["Đơn vị/người nhận"], "Phòng Tài chính Thử")
        self.assertEqual(
            directed["Tiến độ giải quyết"],
            f"Hoàn thành {self._day(self.today)}, đúng hạn",
        )
        reply_day = self._day(self._quarter_day(1))
        self.assertEqual(
            directed["Số, ký hiệu văn bản trả lời"], f"15/UBNDT-TCT ngày {reply_day}"
        )
        self.assertEqual(
            directed["Thời hạn giải quyết"], self._day(self.today + timedelta(days=5))
        )
        text = self._pdf_rows(tracking=True)
        self.assertIn(f"15/UBNDT-TCT ngày {reply_day}", text)
        self.assertIn("đúng hạn", text)

    def test_clerk_tracking_book_says_late(self):
        late = self._xlsx_rows(tracking=True)["03"]
        self.assertEqual(
            late["Tiến độ giải quyết"], f"Hoàn thành {self._day(self.today)}, trễ hạn"
        )
        self.assertIn("trễ hạn", self._pdf_rows(tracking=True))

    def test_clerk_tracking_book_not_directed_yet(self):
        paper = self._xlsx_rows(tracking=True)["02"]
        self.assertEqual(paper["Tiến độ giải quyết"], "Chờ chỉ đạo")
        self.assertIsNone(paper["Số, ký hiệu văn bản trả lời"])

    def test_clerk_tracking_book_ignores_a_reply_not_issued(self):
        self.reply._registry_sudo().write(
            {"state": "cancelled", "cancel_reason": "Hủy"}
        )
        directed = self._xlsx_rows(tracking=True)["01"]
        self.assertIsNone(directed["Số, ký hiệu văn bản trả lời"])
