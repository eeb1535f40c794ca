import base64

from odoo import fields
from odoo.tests import TransactionCase, tagged

from odoo.addons.idesk_drafting.models.idesk_draft_demo import sample_draft_pdf
from odoo.addons.idesk_drafting.tools import marks

SUMMARY = "Trả lời về tình hình thực hiện dự toán ngân sách quý IV năm 2026"


@tagged("post_install", "-at_install")
class TestDraftingDemo(TransactionCase):
    """Issue 14's "done when", in the demo database, with the demo accounts and
    only the actions their buttons call: the finance office's officer drafts a
    reply to an incoming document, to Nhơn Hậu commune and to the province's
    finance department (by e-mail); the head approves, the Office checks, the
    chairman signs (approval with consent, the phone's button), the Office's
    clerk issues; Nhơn Hậu's clerk finds it and it is in Nhơn Hậu's incoming book
    the same minute; the province's e-mail with the PDF waits in the queue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        if not ref("idesk_security.user_cv_tckh", raise_if_not_found=False):
            cls.skipTest(cls, "needs the demo data of idesk_security")
        cls.officer = ref("idesk_security.user_cv_tckh")
        cls.head = ref("idesk_security.user_lanhdao_tckh")
        cls.office_head = ref("idesk_security.user_chanhvp")
        cls.chairman = ref("idesk_security.user_chutich")
        cls.clerk = ref("idesk_security.user_vanthu_vp")
        cls.commune_clerk = ref("idesk_security.user_vanthu_nhonhau")
        cls.nhon_hau = ref("idesk_security.agency_x_nhon_hau")
        cls.province = ref("idesk_registry.partner_so_tai_chinh")

    def _walk(self, draft):
        """From the head's step to the issue, each as the demo person."""
        self.assertEqual(draft.holder_id, self.head)
        self.assertIs(draft.with_user(self.head).action_approve(), True)
        self.assertEqual(draft.holder_id, self.office_head)
        self.assertIs(draft.with_user(self.office_head).action_approve(), True)
        self.assertEqual(draft.holder_id, self.chairman)
        self.assertTrue(draft.with_user(self.chairman).can_sign)
        draft.with_user(self.chairman).action_sign_with_consent()
        self.assertEqual(draft.state, "signed")
        self.assertEqual(draft.signed_by_id, self.chairman)
        action = draft.with_user(self.clerk).action_issue()
        return self.env["idesk.document"].browse(action["res_id"])

    def _assert_in_nhon_hau_book_same_minute(self, draft, document):
        assignment = document.assignment_ids.filtered(
            lambda a: a.agency_id == self.nhon_hau
        )
        self.assertEqual(len(assignment), 1)
        queue = (
            self.env["idesk.assignment"]
            .with_user(self.commune_clerk)
            .search([("document_id", "=", document.id)])
        )
        self.assertEqual(queue, assignment)
        action = assignment.with_user(self.commune_clerk).action_register_received()
        received = self.env["idesk.document"].browse(action["res_id"])
        self.assertEqual(received.direction, "incoming")
        self.assertEqual(received.agency_id, self.nhon_hau)
        self.assertEqual(received.state, "registered")
        self.assertEqual(received.book_id.agency_id, self.nhon_hau)
        self.assertEqual(received.book_id.direction, "incoming")
        self.assertEqual(received.origin_number_symbol, document.symbol)
        self.assertIn(
            received,
            self.env["idesk.document"]
            .with_user(self.commune_clerk)
            .search([("book_id", "=", received.book_id.id)]),
        )
        self.assertLess(
            abs((received.registration_date - draft.issue_date).total_seconds()), 60
        )

    def _assert_province_mail_queued(self, document):
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "idesk.document"),
                ("res_id", "=", document.id),
                ("recipient_ids", "in", self.province.ids),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn(document.symbol, mail.subject)
        self.assertIn("vanphong@annhon.example.gov.vn", mail.email_from)
        self.assertEqual(mail.reply_to, mail.email_from)
        pdf = mail.attachment_ids.filtered(lambda a: a.mimetype == "application/pdf")
        self.assertIn(document.scan_attachment_id, pdf)
        self.assertIn(f"Số: {document.symbol}", marks.pdf_text(pdf[:1].raw))

    def test_officer_reply_reaches_nhon_hau_book_and_province_mail_queue(self):
        self.assertTrue(self.province.email, "the demo's outside body has an address")
        incoming = (
            self.env["idesk.document"]
            .with_user(self.officer)
            .search(
                [("direction", "=", "incoming"), ("state", "=", "registered")],
                limit=1,
            )
        )
        self.assertTrue(incoming, "the officer sees an incoming demo document")
        draft = (
            self.env["idesk.draft"]
            .with_user(self.officer)
            .create(
                {
                    "type_id": self.env.ref("idesk_registry.type_cv").id,
                    "summary": SUMMARY,
                    "reply_to_document_id": incoming.id,
                    "recipient_agency_ids": [(6, 0, self.nhon_hau.ids)],
                    "recipient_partner_ids": [(6, 0, self.province.ids)],
                    "signer_id": self.chairman.id,
                    "signer_authority": "TM.",
                    "signer_position": "Chủ tịch",
                }
            )
        )
        wizard = (
            self.env["idesk.draft.upload.wizard"]
            .with_user(self.officer)
            .with_context(
                **draft.with_user(self.officer).action_upload_version()["context"]
            )
            .create(
                {
                    "file": base64.b64encode(sample_draft_pdf(SUMMARY, "Kính gửi.")),
                    "filename": "tra-loi-du-toan.pdf",
                }
            )
        )
        wizard.action_upload()
        draft.with_user(self.officer).action_submit()
        document = self._walk(draft)

        today = fields.Date.context_today(self.clerk)
        self.assertEqual(document.state, "registered")
        self.assertEqual(document.agency_id, self.env.ref("idesk_security.agency_vp"))
        self.assertEqual(document.document_date, today)
        self.assertEqual(document.reply_to_document_id, incoming)
        self.assertTrue(document.symbol.endswith("/UBND-TCKH"))
        self._assert_in_nhon_hau_book_same_minute(draft, document)
        self._assert_province_mail_queued(document)

    def test_officer_demo_draft_goes_to_head_office_chairman_clerk(self):
        draft = (
            self.env["idesk.draft"]
            .with_user(self.officer)
            .search([("summary", "ilike", "dự toán ngân sách năm 2026")], limit=1)
        )
        self.assertTrue(draft, "the demo has the officer's draft")
        self.assertEqual(draft.state, "review")
        self.assertTrue(draft.reply_to_document_id)
        self.assertEqual(draft.recipient_agency_ids, self.nhon_hau)
        self.assertEqual(draft.recipient_partner_ids, self.province)
        document = self._walk(draft)
        self._assert_in_nhon_hau_book_same_minute(draft, document)
        self._assert_province_mail_queued(document)
