import base64
import hashlib

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IdeskRegistryCase, make_scan_image
from .test_bad_input import EXECUTABLE
from .test_scan_ocr import SCAN_LINES

SECRET_LINES = [
    SCAN_LINES[0],
    "Số: 17/QĐ-UBND",
    "TỐI MẬT",
    "Bình Định, ngày 12 tháng 3 năm 2026",
    "",
    "QUYẾT ĐỊNH",
    "Về việc bảo vệ bí mật nhà nước",
]


def payload(name, data):
    return {"name": name, "data": base64.b64encode(data).decode()}


@tagged("post_install", "-at_install")
class TestScanIntake(IdeskRegistryCase):
    """Scan first: the clerk gives the scan, the draft comes filled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.page = make_scan_image(SCAN_LINES, dpi=300)
        cls.pdf = cls.Document._prepare_scan([("trang1.png", cls.page)])[0]

    def _stored(self):
        return (
            self.Document.search_count([]),
            self.env["ir.attachment"].search_count([]),
        )

    def _assert_refused_nothing_stored(self, files, exception, message_part):
        before = self._stored()
        with self.assertRaises(exception) as refusal:
            self.Document.with_user(self.clerk).action_intake_scans(files)
        self.assertIn(message_part, str(refusal.exception))
        self.assertEqual(self._stored(), before, "nothing stored")

    def test_clerk_intake_scan_fills_draft_then_registers(self):
        action = self.Document.with_user(self.clerk).action_intake_scans(
            [payload("qd-245.pdf", self.pdf)]
        )
        draft = self.Document.browse(action["res_id"])
        self.assertEqual(action["res_model"], "idesk.document")
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.agency_id, self.agency_a)
        self.assertEqual(draft.direction, "incoming")
        self.assertEqual(draft.scan_attachment_id.raw, self.pdf, "kept unaltered")
        self.assertEqual(draft.scan_sha256, hashlib.sha256(self.pdf).hexdigest())
        self.assertEqual(draft.ocr_state, "done", "read at once, not by the cron")
        self.assertEqual(draft.origin_number_symbol, "245/QĐ-UBND")
        self.assertEqual(str(draft.document_date), "2026-03-12")
        self.assertEqual(draft.type_id, self.type_qd)
        self.assertIn("kế hoạch sử dụng đất", draft.summary)
        self.assertEqual(draft.page_count, 1)
        self.assertEqual(
            draft.issuing_partner_id,
            self.partner_province,
            "the body read on the paper is the known contact",
        )
        suggested = draft._intake_suggested()
        for name in (
            "origin_number_symbol",
            "document_date",
            "type_id",
            "summary",
            "page_count",
            "issuing_partner_id",
        ):
            self.assertIn(name, suggested)
        draft.with_user(self.clerk).action_register()
        self.assertEqual(draft.state, "registered")
        self.assertEqual(draft.number_display, "01")
        self.assertFalse(draft.intake_suggested_fields, "confirmed by registering")

    def test_clerk_typed_value_never_overwritten_by_suggestion(self):
        action = self.Document.with_user(self.clerk).action_intake_scans(
            [payload("qd-245.pdf", self.pdf)]
        )
        draft = self.Document.with_user(self.clerk).browse(action["res_id"])
        draft.write({"summary": "Phê duyệt kế hoạch sử dụng đất (văn thư sửa)"})
        self.assertNotIn("summary", draft._intake_suggested(), "no longer suggested")
        self.assertIn("origin_number_symbol", draft._intake_suggested())
        draft._intake_read()
        self.assertEqual(draft.summary, "Phê duyệt kế hoạch sử dụng đất (văn thư sửa)")

    def test_clerk_intake_batch_one_draft_per_file(self):
        other = make_scan_image(
            ["UBND TỈNH BÌNH ĐỊNH", "Số: 56/KH-UBND", "KẾ HOẠCH"], dpi=200
        )
        action = self.Document.with_user(self.clerk).action_intake_scans(
            [payload("qd-245.pdf", self.pdf), payload("kh-56.png", other)]
        )
        drafts = self.Document.search(action["domain"])
        self.assertEqual(len(drafts), 2)
        self.assertEqual(
            set(drafts.mapped("origin_number_symbol")), {"245/QĐ-UBND", "56/KH-UBND"}
        )

    def test_clerk_intake_state_secret_scan_refused_nothing_stored(self):
        secret = make_scan_image(SECRET_LINES, dpi=300)
        self._assert_refused_nothing_stored(
            [payload("qd-17.png", secret)],
            UserError,
            "The first page of qd-17.png is marked “TỐI MẬT”: state-secret documents",
        )

    def test_clerk_intake_secret_in_a_sentence_is_no_mark(self):
        action = self.Document.with_user(self.clerk).action_intake_scans(
            [
                payload(
                    "qd.png",
                    make_scan_image(
                        [
                            "Số: 18/QĐ-UBND",
                            "Về việc tuyên truyền bảo vệ bí mật nhà nước",
                        ],
                        dpi=300,
                    ),
                )
            ]
        )
        self.assertEqual(self.Document.browse(action["res_id"]).state, "draft")

    def test_clerk_intake_bad_file_refused_nothing_stored(self):
        self._assert_refused_nothing_stored(
            [payload("qd.pdf", EXECUTABLE)], UserError, "not a PDF or an image"
        )
        # One bad file refuses the whole batch: no half-received batch.
        self._assert_refused_nothing_stored(
            [payload("qd-245.pdf", self.pdf), payload("x.pdf", b"")], UserError, "empty"
        )
        self.assertEqual(self._register_incoming().number, 1, "no number was taken")

    def test_clerk_intake_malformed_request_refused(self):
        for files in ([], "abc", [{"name": "a.pdf", "data": "%%%"}], [["a", 1]]):
            with self.subTest(files=files):
                self._assert_refused_nothing_stored(files, UserError, "base64")

    def test_officer_intake_refused(self):
        for role in ("officer", "leader"):
            with self.subTest(role=role):
                before = self._stored()
                with self.assertRaises(AccessError):
                    self.Document.with_user(self.users[role]).action_intake_scans(
                        [payload("qd-245.pdf", self.pdf)]
                    )
                self.assertEqual(self._stored(), before)
