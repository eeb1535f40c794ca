from datetime import date

from odoo.tests import tagged

from ..tools import ocr_layout
from . import appendix_pages as pages
from .common import IdeskRegistryCase, make_scan_image


@tagged("post_install", "-at_install")
class TestOcrFirstPage(IdeskRegistryCase):
    """The first page of a scan is read at once, by its Appendix I layout."""

    def _draft_with_scan(self, *files):
        # the legal fields as a clerk types them before a draft exists
        draft = self.Document.with_user(self.clerk).create(
            self._incoming_vals(
                issuing_partner_id=False, issuing_body_name="Chưa rõ", page_count=0
            )
        )
        draft.with_user(self.clerk)._attach_scan(list(files))
        return draft

    def test_clerk_scan_decision_first_page_read_at_once(self):
        partner = self.env["res.partner"].create(
            {"name": "Sở Tài chính tỉnh Bình Định", "is_company": True}
        )
        second = make_scan_image(["Điều 2. Quyết định có hiệu lực từ ngày ký."])
        draft = self._draft_with_scan(
            ("trang1.png", pages.page_bytes(pages.DECISION)), ("trang2.png", second)
        )
        suggestions = draft.with_user(self.clerk)._ocr_read_first_page()
        # the two-column header, "Số:" with the year, the centred title and
        # the bold summary on two lines, the signer under the seal
        self.assertEqual(draft.ocr_number_symbol, "472/2015/QĐ-UBND")
        self.assertEqual(draft.ocr_document_date, date(2015, 3, 5))
        self.assertEqual(draft.ocr_type_id, self.type_qd)
        self.assertEqual(draft.ocr_issuing_body, "Sở Tài chính")
        self.assertEqual(draft.ocr_summary, pages.DECISION["summary"])
        self.assertEqual(draft.ocr_signer_name, "Nguyễn Văn Hùng")
        self.assertEqual(draft.page_count, 2)
        # the outside body is known under its parent's place
        self.assertEqual(draft.ocr_issuing_partner_id.name, partner.name)
        self.assertEqual(suggestions["issuing_partner_id"].name, partner.name)
        self.assertEqual(suggestions["origin_number_symbol"], "472/2015/QĐ-UBND")
        # the other pages are left to the job, which keeps page 1's reading
        self.assertEqual((draft.ocr_state, draft.ocr_pages_read), ("pending", 1))
        self.assertNotIn("hiệu lực từ ngày ký", draft.ocr_text)
        self.Document._cron_read_scans()
        self.assertEqual((draft.ocr_state, draft.ocr_pages_read), ("done", 2))
        self.assertIn("Quyết định có hiệu lực từ ngày ký", draft.ocr_text)
        self.assertIn("472/2015", draft.ocr_text)
        self.assertEqual(draft.ocr_number_symbol, "472/2015/QĐ-UBND")
        draft.with_user(self.clerk).action_apply_ocr_suggestions()
        self.assertEqual(draft.issuing_partner_id.name, partner.name)
        self.assertEqual(draft.issuing_body_name, partner.name)
        self.assertEqual(draft.signer_name, "Nguyễn Văn Hùng")
        self.assertEqual(draft.origin_number_symbol, "123/QĐ-UBND", "typed: kept")

    def test_clerk_scan_official_letter_matched_to_agency(self):
        draft = self._draft_with_scan(("cv.jpg", pages.page_bytes(pages.LETTER)))
        suggestions = draft.with_user(self.clerk)._ocr_read_first_page()
        self.assertEqual(draft.ocr_number_symbol, "45/TP-HCTP")
        self.assertEqual(draft.ocr_document_date, date(2026, 10, 8))
        self.assertEqual(draft.ocr_type_id, self.type_cv)
        self.assertEqual(draft.ocr_summary, pages.LETTER["summary"])
        self.assertEqual(draft.ocr_signer_name, "Trần Thị Mai")
        self.assertEqual(draft.ocr_issuing_agency_id, self.agency_b)
        self.assertEqual(suggestions["issuing_agency_id"], self.agency_b)
        self.assertNotIn("issuing_body_name", suggestions)
        self.assertEqual(draft.ocr_state, "done", "one page: nothing left to read")

    def test_clerk_scan_ward_report_issuer_as_read(self):
        draft = self._draft_with_scan(("bc.png", pages.page_bytes(pages.WARD_REPORT)))
        suggestions = draft.with_user(self.clerk)._ocr_read_first_page()
        self.assertEqual(draft.ocr_number_symbol, "07/BC-UBND")
        self.assertEqual(draft.ocr_document_date, date(2026, 6, 30))
        self.assertEqual(draft.ocr_type_id, self.env.ref("idesk_registry.type_bc"))
        self.assertEqual(draft.ocr_summary, pages.WARD_REPORT["summary"])
        self.assertEqual(draft.ocr_signer_name, "Võ Minh Tuấn")
        # an issuer the database does not know is suggested as read
        self.assertEqual(
            suggestions["issuing_body_name"], "Ủy ban nhân dân phường Nhơn Thử"
        )

    def test_clerk_scan_skewed_low_resolution_invitation(self):
        draft = self._draft_with_scan(
            ("gm.jpg", pages.page_bytes(pages.SKEWED_INVITATION))
        )
        self.assertEqual(draft.scan_dpi, 200)
        draft.with_user(self.clerk)._ocr_read_first_page()
        self.assertEqual(draft.ocr_number_symbol, "12/GM-UBND")
        self.assertEqual(draft.ocr_document_date, date(2026, 4, 2))
        self.assertEqual(draft.ocr_type_id, self.env.ref("idesk_registry.type_gm"))
        self.assertEqual(draft.ocr_issuing_body, "Ủy ban nhân dân thị xã An Nhơn")
        self.assertEqual(draft.ocr_summary, pages.SKEWED_INVITATION["summary"])
        self.assertEqual(draft.ocr_signer_name, "Phạm Thu Hà")

    def test_unreadable_first_page_left_to_the_job(self):
        draft = self._draft_with_scan(("bc.png", pages.page_bytes(pages.WARD_REPORT)))
        self.env.cr.execute(
            "UPDATE ir_attachment SET store_fname = NULL, db_datas = %s WHERE id = %s",
            (b"%PDF-1.4 broken", draft.scan_attachment_id.id),
        )
        draft.scan_attachment_id.invalidate_recordset()
        self.assertEqual(draft.with_user(self.clerk)._ocr_read_first_page(), {})
        self.assertEqual((draft.ocr_state, draft.ocr_attempts), ("pending", 0))
        self.assertFalse(draft.ocr_has_suggestion)

    def test_symbol_issuer_part_set_right_from_the_issuer_read(self):
        cases = (
            # misread letters, a digit for a letter, a letter added or doubled
            ("180/BC-VPGP", "Văn phòng Chính phủ", "180/BC-VPCP"),
            ("2823/2016/CT-5TC", "Sở Tài chính", "2823/2016/CT-STC"),
            ("1662/VPCPB-VP", "Văn phòng Chính phủ", "1662/VPCP-VP"),
            ("29/LĐĐTBXH-VP", "Phòng Lao động thương binh và Xã hội", "29/LĐTBXH-VP"),
            ("34/SYTVP", "Sở Y tế", "34/SYT-VP"),
            # kept: a short code read right, a code far from the issuer's initials
            ("47/BC-NV", "Phòng Nội vụ", "47/BC-NV"),
            ("472/2015/QĐ-UBND", "Sở Tài chính", "472/2015/QĐ-UBND"),
            ("05/2016/QĐ-BNV", "Bộ Nội vụ tổ", "05/2016/QĐ-BNV"),
            ("45/TP-HCTP", "Phòng Tư pháp", "45/TP-HCTP"),
        )
        for read, issuer, expected in cases:
            with self.subTest(read=read):
                self.assertEqual(ocr_layout.fix_issuer_code(read, issuer), expected)
