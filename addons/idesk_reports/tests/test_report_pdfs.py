from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import IdeskReportsHttpCase, one_line, pdf_text, pdf_words


@tagged("post_install", "-at_install")
class TestReportPdfs(IdeskReportsHttpCase):
    """The PDFs that wkhtmltopdf prints (action slip, weekly status) read
    right once extracted: Vietnamese letters, columns, empty cells."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls._entry(cls.book, 7, cls._quarter_day(4))
        cls.document.sudo().direction_note = "Giao UBND xã Nhơn Hậu chủ trì xử lý."
        cls.today = fields.Date.context_today(
            cls.env["idesk.document"].with_context(tz="Asia/Ho_Chi_Minh")
        )
        # one overdue lead without a person nor a done date: two empty cells
        cls.lead = (
            cls.env["idesk.assignment"]
            .sudo()
            .create(
                {
                    "document_id": cls.document.id,
                    "role": "lead",
                    "agency_id": cls.unit.id,
                    "deadline": cls.today - timedelta(days=1),
                    "state": "in_progress",
                }
            )
        )
        cls.env.flush_all()

    def _pdf(self, report_ref, records, user):
        content, report_type = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True, lang="vi_VN")
            ._render_qweb_pdf(report_ref, records.ids)
        )
        self.assertEqual(report_type, "pdf")
        return content

    def test_clerk_print_action_slip_reads_vietnamese(self):
        content = self._pdf(
            "idesk_distribution.action_report_idesk_action_slip",
            self.document,
            self.clerk,
        )
        text = one_line(pdf_text(content, layout=False))
        for words in (
            "UBND THỊ XÃ THỬ NGHIỆM",
            "VĂN PHÒNG THỬ NGHIỆM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN",
            "Trích yếu: Quyết định về việc công nhận xã Nhơn Hậu",
            "Giao UBND xã Nhơn Hậu chủ trì xử lý.",
            "Ý kiến chỉ đạo của lãnh đạo",
        ):
            self.assertIn(words, text)
        self.assertNotIn("á»", text, "no UTF-8 read as Latin-1")

    def test_leader_print_action_slip_keeps_assignment_columns(self):
        content = self._pdf(
            "idesk_distribution.action_report_idesk_action_slip",
            self.document,
            self.leader,
        )
        self.assertIn(
            "Đơn vị, cá nhân Vai trò Thời hạn giải quyết",
            one_line(pdf_text(content, layout=False)),
        )
        words = pdf_words(content)
        deadline = self.today - timedelta(days=1)
        self._assert_in_column(words, deadline.strftime("%d/%m/%Y"), "Thời")

    def test_leader_print_weekly_status_text_is_searchable(self):
        wizard = (
            self.env["idesk.status.report.print"]
            .with_user(self.leader)
            .create(
                {"date_from": self.today - timedelta(days=6), "date_to": self.today}
            )
        )
        content = self._pdf(
            "idesk_reports.action_report_idesk_status_weekly", wizard, self.leader
        )
        text = one_line(pdf_text(content, layout=False))
        for words in (
            "Tình hình xử lý văn bản hằng tuần",
            "UBND xã Nhơn Hậu Thử: Quá hạn",
            "Quyết định về việc công nhận xã Nhơn Hậu đạt chuẩn nông thôn mới",
        ):
            self.assertIn(words, text)

    def test_leader_print_weekly_status_keeps_empty_cells(self):
        wizard = (
            self.env["idesk.status.report.print"]
            .with_user(self.leader)
            .create(
                {"date_from": self.today - timedelta(days=6), "date_to": self.today}
            )
        )
        words = pdf_words(
            self._pdf(
                "idesk_reports.action_report_idesk_status_weekly", wizard, self.leader
            )
        )
        # no person: the received date stays under "Tiếp nhận", the deadline
        # under "Hạn xử lý"
        self._assert_in_column(words, self.today.strftime("%d/%m/%Y"), "Tiếp")
        self._assert_in_column(
            words, (self.today - timedelta(days=1)).strftime("%d/%m/%Y"), "Hạn"
        )

    def test_demo_company_is_the_town_committee(self):
        if not self.env.ref("idesk_registry.partner_ubnd_tinh", False):
            self.skipTest("demo data not installed")
        company = self.env.ref("base.main_company").with_user(self.clerk)
        self.assertEqual(company.name, "UBND thị xã An Nhơn")
