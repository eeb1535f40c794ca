import base64
import hashlib
import io
import subprocess
import tempfile

from PyPDF2 import PdfReader

from odoo.tests import tagged

from .common import IdeskRegistryCase, make_scan_image

SCAN_LINES = [
    "UỶ BAN NHÂN DÂN TỈNH BÌNH ĐỊNH",
    "Số: 245/QĐ-UBND",
    "Bình Định, ngày 12 tháng 3 năm 2026",
    "",
    "QUYẾT ĐỊNH",
    "Về việc phê duyệt kế hoạch sử dụng đất năm 2026",
    "của thị xã An Nhơn",
    "",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Xét đề nghị của Giám đốc Sở Tài nguyên và Môi trường,",
]


def pdf_text(data, first=1, last=1):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-f", str(first), "-l", str(last), handle.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


@tagged("post_install", "-at_install")
class TestScanOcr(IdeskRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.page = make_scan_image(SCAN_LINES, dpi=300)

    def test_clerk_attach_image_scan_stamped_copy(self):
        document = self._register_incoming(recipient_agency_id=self.agency_s.id)
        second_page = make_scan_image(
            ["Điều 1. Phê duyệt kế hoạch."], dpi=300, fmt="JPEG"
        )
        document.with_user(self.clerk)._attach_scan(
            [("trang1.png", self.page), ("trang2.jpg", second_page)]
        )
        scan = document.scan_attachment_id
        self.assertEqual(scan.mimetype, "application/pdf")
        self.assertEqual(document.scan_sha256, hashlib.sha256(scan.raw).hexdigest())
        self.assertEqual(document.page_count, 2, "the page count was already typed in")
        self.assertEqual(document.scan_dpi, 300)
        self.assertEqual(document.ocr_state, "pending")
        originals = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "idesk.document"),
                ("res_id", "=", document.id),
                ("name", "=", "trang1.png"),
            ]
        )
        self.assertEqual(originals.raw, self.page, "the original is kept unaltered")
        stamped = document.stamped_attachment_id
        self.assertTrue(stamped)
        text = pdf_text(stamped.raw)
        self.assertIn("ĐẾN", text)
        self.assertIn("Số: 01", text)
        self.assertIn(self.agency_s.name, text)
        self.assertIn(self.agency_a.name.upper(), text)

    def test_clerk_attach_pdf_kept_unaltered_and_stamped_at_registration(self):
        pdf = self.env["idesk.document"]._prepare_scan([("a.png", self.page)])[0]
        draft = self.Document.with_user(self.clerk).create(self._incoming_vals())
        draft.with_user(self.clerk)._attach_scan([("quyet-dinh-245.pdf", pdf)])
        self.assertEqual(draft.scan_attachment_id.raw, pdf)
        self.assertEqual(draft.scan_sha256, hashlib.sha256(pdf).hexdigest())
        self.assertFalse(draft.stamped_attachment_id, "no arrival number yet")
        draft.with_user(self.clerk).action_register()
        self.assertIn("ĐẾN", pdf_text(draft.stamped_attachment_id.raw))

    def test_clerk_attach_low_resolution_warned(self):
        document = self._register_incoming()
        low = make_scan_image(["QUYẾT ĐỊNH"], dpi=150)
        document.with_user(self.clerk)._attach_scan([("mo.png", low)])
        self.assertEqual(document.scan_dpi, 150)
        self.assertTrue(document.scan_attachment_id, "a warning, not a refusal")
        self.assertIn(
            "150 dpi", document.message_ids[0].body + document.message_ids[1].body
        )

    def test_cron_reads_vietnamese_scan_and_suggests(self):
        draft = self.Document.with_user(self.clerk).create(
            self._incoming_vals(
                origin_number_symbol="1/X-Y",
                summary="Chưa rõ",
                type_id=self.type_cv.id,
            )
        )
        draft.with_user(self.clerk)._attach_scan([("trang1.png", self.page)])
        self.assertEqual(
            draft.ocr_state, "pending", "registration never waits for the recognition"
        )
        self.Document._cron_read_scans()
        self.assertEqual(draft.ocr_state, "done")
        self.assertIn("kế hoạch sử dụng đất", draft.ocr_text)
        self.assertEqual(draft.ocr_number_symbol, "245/QĐ-UBND")
        self.assertEqual(str(draft.ocr_document_date), "2026-03-12")
        self.assertEqual(draft.ocr_type_id, self.type_qd)
        self.assertIn("BÌNH ĐỊNH", draft.ocr_issuing_body.upper())
        self.assertIn("kế hoạch sử dụng đất", draft.ocr_summary)
        draft.with_user(self.clerk).action_apply_ocr_suggestions()
        # What the clerk typed stays; the scan's readings are shown beside it.
        self.assertEqual(draft.origin_number_symbol, "1/X-Y")
        self.assertEqual(draft.type_id, self.type_cv)
        self.assertEqual(draft.summary, "Chưa rõ")
        note = draft.message_ids[0].body
        self.assertIn("“1/X-Y”", note)
        self.assertIn("“245/QĐ-UBND”", note)
        self.assertIn("“Chưa rõ”", note)
        found = self.Document.with_user(self.clerk).search(
            [("search_anything", "ilike", "can cu luat to chuc chinh quyen")]
        )
        self.assertEqual(found, draft)

    def test_clerk_apply_suggestions_fills_only_what_was_not_typed(self):
        # The legal fields are typed before a draft exists; the date on the
        # paper defaults to today, which the scan's date replaces.
        draft = self.Document.with_user(self.clerk).create(
            self._incoming_vals(
                document_date=self.today, summary="Kế hoạch do văn thư nhập"
            )
        )
        draft.with_user(self.clerk)._attach_scan([("trang1.png", self.page)])
        self.Document._cron_read_scans()
        draft.with_user(self.clerk).action_apply_ocr_suggestions()
        self.assertEqual(str(draft.document_date), "2026-03-12")
        self.assertEqual(draft.summary, "Kế hoạch do văn thư nhập")
        self.assertEqual(draft.origin_number_symbol, "123/QĐ-UBND")
        note = draft.message_ids[0].body
        self.assertIn("Kế hoạch do văn thư nhập", note)
        self.assertIn("“245/QĐ-UBND”", note)

    def test_cron_marks_unreadable_scan_failed(self):
        draft = self.Document.with_user(self.clerk).create(self._incoming_vals())
        draft.with_user(self.clerk)._attach_scan([("trang1.png", self.page)])
        # Damaged in storage: no ORM write can change a document's file into
        # one that does not pass as a scan.
        self.env.cr.execute(
            "UPDATE ir_attachment SET store_fname = NULL, db_datas = %s WHERE id = %s",
            (b"%PDF-1.4 broken", draft.scan_attachment_id.id),
        )
        draft.scan_attachment_id.invalidate_recordset()
        self.Document._cron_read_scans()
        self.assertEqual(draft.ocr_state, "failed")
        self.assertEqual(draft.ocr_attempts, 1)
        self.assertTrue(draft.ocr_error)

    def test_clerk_upload_wizard_attaches_pages(self):
        document = self._register_incoming()
        action = document.with_user(self.clerk).action_upload_scan()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.clerk)
            .with_context(**action["context"])
            .create(
                {
                    "file_data": base64.b64encode(self.page),
                    "file_name": "trang1.png",
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "file_data": base64.b64encode(self.page),
                                "file_name": "trang2.png",
                            },
                        )
                    ],
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(document.scan_attachment_id.mimetype, "application/pdf")
        self.assertEqual(document.scan_dpi, 300)
        self.assertIn("ĐẾN", pdf_text(document.stamped_attachment_id.raw))
        self.assertEqual(
            len(PdfReader(io.BytesIO(document.scan_attachment_id.raw)).pages), 2
        )

    def test_cron_suggests_summary_under_type_title(self):
        text = (
            "UBND TỈNH BÌNH ĐỊNH\nSố: 56/KH-UBND\nBình Định, ngày 18 tháng 11 năm 2026\n\n"
            "KẾ HOẠCH\nKế hoạch tổ chức các hoạt động chào mừng kỷ niệm ngày thành\nlập tỉnh\n\n"
            "Thực hiện chỉ đạo của Tỉnh ủy, UBND tỉnh ban hành kế hoạch như sau:"
        )
        values = self.Document._ocr_values(text)
        self.assertEqual(
            values["ocr_summary"],
            "Kế hoạch tổ chức các hoạt động chào mừng kỷ niệm ngày thành lập tỉnh",
        )
        self.assertEqual(values["ocr_issuing_body"], "UBND tỉnh Bình Định")
        self.assertEqual(values["ocr_number_symbol"], "56/KH-UBND")
        self.assertEqual(str(values["ocr_document_date"]), "2026-11-18")
        self.assertEqual(
            values["ocr_type_id"], self.env.ref("idesk_registry.type_kh").id
        )
