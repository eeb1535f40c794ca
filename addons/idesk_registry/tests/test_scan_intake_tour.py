from odoo.tests import HttpCase, tagged

from odoo.addons.idesk_security.tests.common import one_page_pdf

from .common import make_scan_image

TOUR_SCAN_LINES = [
    "UBND TỈNH BÌNH ĐỊNH",
    "Số: 318/QĐ-UBND",
    "Bình Định, ngày 5 tháng 10 năm 2026",
    "",
    "QUYẾT ĐỊNH",
    "Về việc thành lập đoàn kiểm tra công tác văn thư",
    "",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
]


@tagged("post_install", "-at_install")
class TestScanIntakeTour(HttpCase):
    def test_clerk_receive_from_scan_in_browser(self):
        """Desktop: from the incoming list, receive a scan, see the fields
        filled, correct one, register."""
        if not self.env.ref("idesk_security.user_vanthu_vp", raise_if_not_found=False):
            self.skipTest("needs the demo data of idesk_security")
        Document = self.env["idesk.document"]
        pdf = Document._prepare_scan(
            [("trang1.png", make_scan_image(TOUR_SCAN_LINES, dpi=300))]
        )[0]
        # Where the tour's browser fetches the file the clerk "chooses".
        self.env["ir.attachment"].create(
            {"name": "idesk-intake-tour.pdf", "raw": pdf, "public": True}
        )
        self.start_tour(
            "/odoo/action-idesk_registry.action_idesk_document_incoming",
            "idesk_registry_scan_intake_tour",
            login="vanthu",
            timeout=300,
        )
        document = Document.search([("origin_number_symbol", "=", "318/QĐ-UBND")])
        self.assertEqual(document.state, "registered")
        self.assertTrue(document.number_display)
        self.assertEqual(document.agency_id, self.env.ref("idesk_security.agency_vp"))
        self.assertEqual(str(document.document_date), "2026-10-05")
        self.assertEqual(
            document.summary,
            "Thành lập đoàn kiểm tra công tác văn thư, lưu trữ năm 2026",
        )
        self.assertEqual(document.scan_attachment_id.raw, pdf)

    def test_clerk_wide_screen_shows_scan_beside_fields(self):
        if not self.env.ref("idesk_security.user_vanthu_vp", raise_if_not_found=False):
            self.skipTest("needs the demo data of idesk_security")
        self.browser_size = "1920x1080"
        draft = self.env["idesk.document"].create(
            {
                "direction": "incoming",
                "agency_id": self.env.ref("idesk_security.agency_vp").id,
            }
        )
        draft._attach_scan([("qd-318.pdf", one_page_pdf("Quyết định 318"))])
        self.start_tour(
            f"/odoo/action-idesk_registry.action_idesk_document_incoming/{draft.id}",
            "idesk_registry_scan_beside_tour",
            login="vanthu",
        )
