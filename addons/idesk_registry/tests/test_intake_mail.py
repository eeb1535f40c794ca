import hashlib
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models import idesk_document_mail
from .common import IdeskRegistryCase, make_scan_image
from .test_bad_input import EXECUTABLE
from .test_scan_ocr import SCAN_LINES

DOMAIN = "annhon-test.gov.vn"


def rfc822(sender, to, subject, files, message_id):
    """A real e-mail as a mail server hands it to Odoo's gateway."""
    message = MIMEMultipart()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-Id"] = message_id
    message.attach(MIMEText("Kính gửi Văn phòng, gửi kèm văn bản.", "plain", "utf-8"))
    for name, data in files:
        part = MIMEApplication(data, "pdf" if name.endswith(".pdf") else "octet-stream")
        part.add_header("Content-Disposition", "attachment", filename=name)
        message.attach(part)
    return message.as_string()


@tagged("post_install", "-at_install")
class TestIntakeMail(IdeskRegistryCase):
    """Electronic documents by e-mail: the agency's intake address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        alias_domain = cls.env["mail.alias.domain"].create({"name": DOMAIN})
        cls.env.company.alias_domain_id = alias_domain
        cls.agency_a.write(
            {"alias_name": "vanban-den-nv", "alias_domain_id": alias_domain.id}
        )
        cls.partner_province.email = "vanthu@binhdinh.gov.vn"
        cls.address = f"vanban-den-nv@{DOMAIN}"
        cls.pdf = cls.Document._prepare_scan(
            [("trang1.png", make_scan_image(SCAN_LINES, dpi=300))]
        )[0]

    def _receive(self, sender, files, message_id="<intake-1@binhdinh.gov.vn>"):
        return self.env["mail.thread"].message_process(
            None,
            rfc822(sender, self.address, "Gửi Quyết định 245", files, message_id),
        )

    def _drafts(self):
        return self.Document.search([("agency_id", "=", self.agency_a.id)])

    def test_agency_intake_address_defaults(self):
        alias = self.agency_a.alias_id
        self.assertEqual(self.agency_a.alias_email, self.address)
        self.assertEqual(alias.alias_model_id.model, "idesk.document")
        self.assertEqual(alias.alias_contact, "partners", "known senders only")
        self.assertIn(f"'agency_id': {self.agency_a.id}", alias.alias_defaults)

    def test_mail_known_sender_pdf_becomes_draft_unaltered(self):
        bad = self.env["mail.mail"].search_count([])
        document_id = self._receive(
            "Văn thư tỉnh <vanthu@binhdinh.gov.vn>",
            [("qd-245.pdf", self.pdf), ("virus.pdf", EXECUTABLE)],
        )
        draft = self._drafts()
        self.assertEqual(len(draft), 1, "the refused file made no draft")
        self.assertEqual(draft.id, document_id)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.direction, "incoming")
        self.assertEqual(draft.scan_attachment_id.raw, self.pdf, "unaltered")
        self.assertEqual(draft.scan_sha256, hashlib.sha256(self.pdf).hexdigest())
        self.assertEqual(draft.origin_number_symbol, "245/QĐ-UBND", "read at once")
        self.assertEqual(draft.issuing_partner_id, self.partner_province)
        self.assertIn("issuing_partner_id", draft._intake_suggested())
        self.assertIn("vanthu@binhdinh.gov.vn", draft.note)
        email = draft.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertIn("<vanthu@binhdinh.gov.vn>", email.email_from, "sender kept")
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "idesk.document"), ("name", "=", "virus.pdf")]
            ),
            "nothing of the refused file is stored",
        )
        notice = self.env["mail.mail"].search([], order="id desc", limit=1)
        self.assertEqual(self.env["mail.mail"].search_count([]), bad + 1)
        self.assertEqual(notice.email_to, "vanthu@binhdinh.gov.vn")
        self.assertIn("virus.pdf", notice.body_html)

    def test_mail_two_pdfs_make_two_drafts(self):
        self._receive(
            "vanthu@binhdinh.gov.vn", [("a.pdf", self.pdf), ("b.pdf", self.pdf)]
        )
        self.assertEqual(len(self._drafts()), 2)

    def test_mail_files_beyond_the_bound_refused_and_named(self):
        # the bound (50 in use) set to 1 here, so as not to read 51 scans
        with patch.object(idesk_document_mail, "INTAKE_MAX_FILES", 1):
            self._receive(
                "vanthu@binhdinh.gov.vn", [("a.pdf", self.pdf), ("b.pdf", self.pdf)]
            )
        self.assertEqual(len(self._drafts()), 1)
        notice = self.env["mail.mail"].search([], order="id desc", limit=1)
        self.assertIn("b.pdf", notice.body_html)
        self.assertRegex(notice.body_html, "at most 1 files|tối đa 1 tệp")

    def test_mail_only_bad_files_stores_nothing(self):
        attachments = self.env["ir.attachment"].search_count([])
        self._receive("vanthu@binhdinh.gov.vn", [("virus.pdf", EXECUTABLE)])
        self.assertFalse(self._drafts())
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        kept = self.agency_a.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(kept.subject, "Gửi Quyết định 245", "kept on the agency")
        notice = self.env["mail.mail"].search([], order="id desc", limit=1)
        self.assertIn("virus.pdf", notice.body_html)

    def test_mail_unknown_sender_bounced(self):
        self._receive(
            "stranger@example.com",
            [("qd-245.pdf", self.pdf)],
            message_id="<intake-2@example.com>",
        )
        self.assertFalse(self._drafts(), "only known contacts may send")

    def test_clerk_message_new_outside_gateway_refused(self):
        with self.assertRaises(AccessError):
            self.Document.with_user(self.clerk).message_new(
                {
                    "email_from": "anyone@example.com",
                    "attachments": [("qd.pdf", self.pdf)],
                },
                {"agency_id": self.agency_a.id, "direction": "incoming"},
            )
        self.assertFalse(self._drafts())

    def test_clerk_message_process_over_rpc_refused(self):
        """Odoo's gateway method is public: a signed-in account calling it with
        an e-mail it wrote (fallback route with its own values, or straight into
        a document's chatter) is refused; only the gateway delivers."""
        document = self.Document.create(self._incoming_vals())
        messages = document.message_ids
        message = rfc822(
            "anyone@example.com", "nobody@example.com", "Giả mạo", [("qd.pdf", self.pdf)],
            "<forged-1@example.com>",
        )  # fmt: skip
        for user in (self.clerk, self.users["officer"]):
            for kwargs in (
                {"custom_values": {"agency_id": self.agency_a.id}},
                {"thread_id": document.id},
            ):
                with self.subTest(user=user.login, route=list(kwargs)):
                    with self.assertRaises(AccessError):
                        self.env["mail.thread"].with_user(user).message_process(
                            "idesk.document", message, **kwargs
                        )
        self.assertEqual(self._drafts(), document)
        self.assertEqual(document.message_ids, messages)
