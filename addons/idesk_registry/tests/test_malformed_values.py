import base64
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.misc import format_date

from odoo.addons.idesk_security.tests.common import RefusalAsserts

from .common import IdeskRegistryCase, make_scan_image

TWENTY_MB = "Ghi chú. " * (20 * 2**20 // 9)
TEXT_FIELDS = (
    "summary",
    "note",
    "signer_name",
    "signer_position",
    "issuing_body_name",
    "origin_number_symbol",
)
MARKUP_PAYLOADS = (
    "<script>alert(1)</script>",
    'Quyết định <img src=x onerror="alert(1)">',
    "<b>Quyết định</b>",
)


@tagged("post_install", "-at_install")
class TestMalformedDocumentValues(RefusalAsserts, IdeskRegistryCase):
    """A clerk's document (``idesk.input.mixin``) refuses the values iDESK must
    not store, whether they come in the values, in ``default_*`` of the
    context, through ``copy`` or a command: a message names the field and
    nothing is stored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Clerk = cls.Document.with_user(cls.clerk)
        cls.draft = cls.Clerk.create(cls._incoming_vals(note="Bản gốc"))

    def _snapshot(self):
        self.Document.invalidate_model()
        documents = self.Document.with_context(active_test=False).search([])
        return documents.read(
            ["note", "summary", "signer_name", "page_count", "document_date"]
            + ["transfer_date", "paper_received_date", "type_id"]
        )

    def _too_long(self, label, length):
        return f"{label}: the text has {length} characters; at most 10000 are allowed."

    def test_clerk_create_document_20mb_note_refused(self):
        message = self._too_long("Notes", len(TWENTY_MB))
        self.assertRefused(
            message, self.Clerk.create, self._incoming_vals(note=TWENTY_MB)
        )
        self.assertRefused(
            message, self.draft.with_user(self.clerk).write, {"note": TWENTY_MB}
        )

    def test_clerk_create_document_20mb_default_note_refused(self):
        self.assertRefused(
            self._too_long("Notes", len(TWENTY_MB)),
            self.Clerk.with_context(default_note=TWENTY_MB).create,
            self._incoming_vals(),
        )

    def test_clerk_copy_document_20mb_note_refused(self):
        self.assertRefused(
            self._too_long("Notes", len(TWENTY_MB)),
            self.draft.with_user(self.clerk).copy,
            {"note": TWENTY_MB},
        )

    def test_clerk_write_document_note_at_size_accepted_over_refused(self):
        draft = self.draft.with_user(self.clerk)
        self.assertRefused(
            self._too_long("Notes", 10001), draft.write, {"note": "x" * 10001}
        )
        draft.write({"note": "x" * 10000})
        self.assertEqual(len(draft.note), 10000)

    def test_clerk_write_document_year_9999_refused(self):
        latest = format_date(self.env, date.today() + relativedelta(years=10))
        earliest = format_date(self.env, date(1900, 1, 1))
        draft = self.draft.with_user(self.clerk)
        for vals, label, day in [
            ({"transfer_date": "9999-12-31"}, "Transfer date", date(9999, 12, 31)),
            (
                {"paper_received_date": "9999-12-31 08:00:00"},
                "Paper received on",
                date(9999, 12, 31),
            ),
            ({"transfer_date": "0001-01-01"}, "Transfer date", date(1, 1, 1)),
            (
                {"transfer_date": date(1899, 12, 31)},
                "Transfer date",
                date(1899, 12, 31),
            ),
        ]:
            with self.subTest(vals=vals):
                self.assertRefused(
                    f"{label}: the date {format_date(self.env, day)} is not plausible; "
                    f"dates from {earliest} to {latest} are accepted.",
                    draft.write,
                    vals,
                )
        self.assertRefused(
            f"Transfer date: the date {format_date(self.env, date(9999, 12, 31))} is not "
            f"plausible; dates from {earliest} to {latest} are accepted.",
            self.Clerk.with_context(default_transfer_date="9999-12-31").create,
            self._incoming_vals(),
        )
        soon = date.today() + relativedelta(years=9)
        draft.write({"transfer_date": soon})
        self.assertEqual(draft.transfer_date, soon)

    def test_clerk_write_document_date_before_1945_gets_registry_message(self):
        """The generic bounds leave the registry's own, clearer rule reachable."""
        self.assertRefused(
            "The document date 01/01/1930 is before 02/09/1945: please check it.",
            self.draft.with_user(self.clerk).write,
            {"document_date": "1930-01-01"},
        )

    def test_clerk_write_document_markup_in_every_text_field_refused(self):
        draft = self.draft.with_user(self.clerk)
        for name in TEXT_FIELDS:
            label = draft._fields[name].get_description(self.env)["string"]
            message = (
                f"{label}: the text contains HTML or script; please type plain text."
            )
            for payload in MARKUP_PAYLOADS:
                with self.subTest(field=name, payload=payload):
                    self.assertRefused(message, draft.write, {name: payload})
            with self.subTest(field=name, route="default"):
                self.assertRefused(
                    message,
                    self.Clerk.with_context(
                        **{f"default_{name}": MARKUP_PAYLOADS[0]}
                    ).create,
                    {
                        key: value
                        for key, value in self._incoming_vals().items()
                        if key != name
                    },
                )

    def test_clerk_create_document_from_contact_with_markup_refused(self):
        """The issuing body is computed from the contact's name: checked as stored."""
        partner = self.env["res.partner"].create(
            {"name": "<b>Sở Tài chính</b>", "is_company": True}
        )
        self.assertRefused(
            "Issuing body: the text contains HTML or script; please type plain text.",
            self.Clerk.create,
            self._incoming_vals(issuing_partner_id=partner.id),
        )

    def test_clerk_create_document_null_character_refused(self):
        message = "Notes: the text contains a null character."
        self.assertRefused(
            message, self.Clerk.create, self._incoming_vals(note="a\x00b")
        )
        self.assertRefused(
            message,
            self.Clerk.with_context(default_note="a\x00b").create,
            self._incoming_vals(),
        )

    def test_clerk_write_document_int4_overflow_refused(self):
        overflow = "Pages: the number must be between -2147483648 and 2147483647."
        draft = self.draft.with_user(self.clerk)
        self.assertRefused(overflow, draft.write, {"page_count": 2**31})
        self.assertRefused(
            overflow,
            self.Clerk.with_context(default_page_count=2**40).create,
            {
                key: value
                for key, value in self._incoming_vals().items()
                if key != "page_count"
            },
        )
        self.assertRefused(
            "Document type: the id of a record is expected.",
            draft.write,
            {"type_id": 2**40},
        )

    def test_clerk_attach_scan_page_command_with_bad_values_refused(self):
        """Values inside one2many create commands are checked by the line's model."""
        page = base64.b64encode(make_scan_image(["TRANG 2"], dpi=50)).decode()
        wizards = self.env["idesk.scan.upload.wizard"].with_user(self.clerk)
        for line, message in [
            (
                {"file_name": "<script>x</script>.png", "file_data": page},
                "File Name: the text contains HTML or script; please type plain text.",
            ),
            (
                {"file_name": "trang-2.png", "file_data": "không phải base64"},
                "Page: a file encoded in base64 is expected.",
            ),
        ]:
            with self.subTest(line=line), self.assertRaises(ValidationError) as refusal:
                wizards.create(
                    {
                        "document_id": self.draft.id,
                        "file_data": page,
                        "file_name": "trang-1.png",
                        "line_ids": [(0, 0, line)],
                    }
                )
            self.assertEqual(refusal.exception.args[0], message)

    def test_cron_read_scan_with_markup_and_misread_year_stored(self):
        """Machine-read text is not refused: the scan would never be read."""
        text = "<b>QUYẾT ĐỊNH</b>\nAn Nhơn, ngày 02 tháng 01 năm 2926\nV/v <script>"
        draft = self.draft._registry_sudo()
        draft.write(draft._ocr_values(text))
        self.assertEqual((draft.ocr_state, draft.ocr_text), ("done", text))
        self.assertFalse(draft.ocr_document_date)

    def test_clerk_write_document_plain_text_of_every_field_accepted(self):
        draft = self.draft.with_user(self.clerk)
        draft.write(
            {
                "summary": "Hộ có thu nhập < 2 triệu đồng và > 1 triệu đồng",
                "note": "Liên hệ <vanthu@annhon.gov.vn>; tỷ lệ 3<5",
                "signer_name": "Nguyễn Văn An",
                "transfer_date": self.today + timedelta(days=30),
                "page_count": 2**31 - 1,
            }
        )
        self.assertEqual(draft.page_count, 2**31 - 1)
        self.assertEqual(draft.note, "Liên hệ <vanthu@annhon.gov.vn>; tỷ lệ 3<5")
