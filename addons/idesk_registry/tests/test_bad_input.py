import base64
from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import IdeskRegistryCase, make_scan_image

EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
)


@tagged("post_install", "-at_install")
class TestBadInput(IdeskRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls.Document.with_user(cls.clerk).create(cls._incoming_vals())

    def _assert_refused(self, vals, exception=ValidationError, message=None):
        """``vals`` refused with ``exception`` (and exactly ``message`` when given)."""
        before = self.Document.search_count([])
        with self.assertRaises(exception) as refusal:
            self._register_incoming(**vals)
        if message is not None:
            self.assertEqual(str(refusal.exception), message)
        self.assertEqual(self.Document.search_count([]), before, "nothing stored")

    def _assert_nothing_stored(self, vals, exception=ValidationError, message=None):
        self._assert_refused(vals, exception, message)
        self.assertEqual(self._register_incoming().number, 1, "no number was taken")

    def test_clerk_register_missing_issuing_body_refused(self):
        # A draft may lack it (scan first); registration may not.
        self._assert_nothing_stored(
            {"issuing_partner_id": False, "issuing_body_name": False},
            exception=UserError,
            message="Please fill in the legal fields of the register book: Issuing body.",
        )

    def test_clerk_register_missing_number_symbol_refused(self):
        self._assert_nothing_stored(
            {"origin_number_symbol": False},
            exception=UserError,
            message="Please fill in the legal fields of the register book: "
            "Number and symbol.",
        )

    def test_clerk_create_draft_without_legal_fields_then_register_refused(self):
        draft = self.Document.with_user(self.clerk).create(
            {"direction": "incoming", "agency_id": self.agency_a.id}
        )
        self.assertEqual(draft.state, "draft")
        with self.assertRaises(UserError) as refusal:
            draft.with_user(self.clerk).action_register()
        self.assertEqual(
            str(refusal.exception),
            "Please fill in the legal fields of the register book: Document type, "
            "Summary (trích yếu), Issuing body, Number and symbol.",
        )
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.number, "no number was taken")

    def test_clerk_empty_legal_field_of_registered_document_refused(self):
        document = self._register_incoming()
        for field in ("summary", "origin_number_symbol", "type_id"):
            with self.subTest(field=field), self.assertRaises(ValidationError):
                document.with_user(self.clerk).write({field: False})
        self.assertTrue(document.summary)

    def test_clerk_register_malformed_number_symbol_refused(self):
        for value in ("123 QĐ-UBND", "QĐ-UBND", "123456789012/QĐ", "12/" + "X" * 31):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self.Document.with_user(self.clerk).create(
                    self._incoming_vals(origin_number_symbol=value)
                )

    def test_clerk_register_future_date_refused(self):
        self._assert_nothing_stored({"document_date": self.today + timedelta(days=3)})

    def test_clerk_register_date_before_1945_refused(self):
        # The day before 1945 is a date every generic check accepts: only the
        # registry's own rule (no state register predates 2/9/1945) refuses it.
        self._assert_nothing_stored(
            {"document_date": "1945-09-01"},
            message="The document date 01/09/1945 is before 02/09/1945: please check it.",
        )

    def test_clerk_write_script_in_another_text_field_alone_refused(self):
        for field in ("note", "signer_name", "issuing_body_name"):
            with self.subTest(field=field), self.assertRaises(ValidationError):
                self.draft.with_user(self.clerk).write({field: "<script>x</script>"})
        self.assertFalse(self.draft.note)

    def test_clerk_register_arrival_before_document_date_refused(self):
        self._assert_nothing_stored(
            {
                "document_date": self.today,
                "arrival_datetime": "2020-01-01 08:00:00",
            }
        )

    def test_clerk_register_document_of_today_arrived_early_morning(self):
        # 06:30 in the town is 23:30 of the day before in UTC, as stored.
        documents = self.Document.with_user(self.clerk).with_context(
            tz="Asia/Ho_Chi_Minh"
        )
        local = datetime.combine(self.today, time(6, 30))
        arrival = local - timedelta(hours=7)
        with freeze_time(arrival + timedelta(minutes=1)):
            document = documents._register_new(
                [
                    self._incoming_vals(
                        document_date=self.today, arrival_datetime=arrival
                    )
                ],
                confirm_duplicate=True,
            )
        self.assertEqual(document.state, "registered")
        self.assertEqual(document.document_date, self.today)

    def test_clerk_register_script_in_summary_refused(self):
        for summary in (
            "<script>alert(1)</script>",
            'Quyết định <img src=x onerror="alert(1)">',
            "<b>Quyết định</b>",
        ):
            with self.subTest(summary=summary):
                self._assert_refused({"summary": summary})
        self.assertEqual(self._register_incoming().number, 1, "no number was taken")

    def test_clerk_register_summary_over_500_refused(self):
        self._assert_nothing_stored({"summary": "Quyết định " * 60})

    def test_clerk_register_state_secret_refused(self):
        self._assert_nothing_stored({"confidentiality": "secret"}, exception=UserError)

    def test_clerk_register_summary_with_comparison_signs_accepted(self):
        document = self._register_incoming(
            summary="Hộ có thu nhập < 2 triệu đồng và > 1 triệu đồng"
        )
        self.assertEqual(document.state, "registered")

    def _assert_file_refused(self, files, message_part):
        attachments = self.env["ir.attachment"].search_count([])
        with self.assertRaises(UserError) as caught:
            self.draft.with_user(self.clerk)._attach_scan(files)
        self.assertIn(message_part, str(caught.exception))
        self.assertEqual(
            self.env["ir.attachment"].search_count([]),
            attachments,
            "no orphan attachment",
        )
        self.assertFalse(self.draft.scan_attachment_id)
        self.assertEqual(self.draft.ocr_state, "none")

    def test_clerk_attach_executable_named_pdf_refused(self):
        self._assert_file_refused(
            [("quyet-dinh.pdf", EXECUTABLE)], "not a PDF or an image"
        )

    def test_clerk_attach_empty_file_refused(self):
        self._assert_file_refused([("scan.pdf", b"")], "empty")

    def test_clerk_attach_corrupt_pdf_refused(self):
        self._assert_file_refused(
            [("scan.pdf", b"%PDF-1.4\n1 0 obj <<>> garbage")], "damaged"
        )

    def test_clerk_attach_corrupt_image_refused(self):
        self._assert_file_refused(
            [("page.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)], "damaged"
        )

    def test_clerk_attach_oversized_file_refused(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "idesk_registry.scan_max_size_mb", "0.001"
        )
        self._assert_file_refused(
            [("page.png", make_scan_image(["QUYẾT ĐỊNH"], dpi=100))], "larger than"
        )

    def test_clerk_attach_pdf_with_images_refused(self):
        pdf = self.Document._prepare_scan([("a.png", make_scan_image(["A"], dpi=50))])[
            0
        ]
        self._assert_file_refused(
            [("a.pdf", pdf), ("b.png", make_scan_image(["A"], dpi=50))], "PDF alone"
        )

    def test_clerk_upload_wizard_refusal_leaves_nothing(self):
        attachments = self.env["ir.attachment"].search_count([])
        # Refused when the wizard is saved, not only by its button.
        with self.assertRaises(UserError):
            self.env["idesk.scan.upload.wizard"].with_user(self.clerk).create(
                {
                    "document_id": self.draft.id,
                    "file_data": base64.b64encode(EXECUTABLE),
                    "file_name": "scan.pdf",
                }
            )
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
