from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.idesk_drafting.models.idesk_draft_demo import sample_draft_pdf
from odoo.addons.idesk_drafting.tools import marks

from .common import DraftingCommon


class Rollback(Exception):
    """Ends a savepoint as a failed transaction would."""


@tagged("post_install", "-at_install")
class TestDraftingFlow(DraftingCommon, TransactionCase):
    def _book_next(self):
        self.env.invalidate_all()
        book = self.env["idesk.register.book"]._get_default_book(
            self.office,
            "outgoing",
            fields.Date.context_today(self.env.user).year,
            doc_type=self.doc_type,
        )
        return book.sudo().sequence_id.number_next_actual

    def test_draft_review_return_resubmit_sign_issue_send_as_each_role(self):
        draft = self._new_draft()
        self.assertEqual(draft.issuing_agency_id, self.office)
        draft.with_user(self.drafter).action_submit()
        self.assertEqual(draft.state, "review")
        step = draft.current_step_id
        self.assertEqual((step.kind, step.user_id), ("unit_head", self.unit_head))
        activity = draft.activity_ids.filtered(lambda a: a.user_id == self.unit_head)
        self.assertTrue(activity.date_deadline)
        self.assertEqual(draft.holder_id, self.unit_head)

        self._decide(draft, self.unit_head, "approve")
        self.assertEqual(draft.current_step_id.user_id, self.office_head)
        self.assertFalse(
            draft.activity_ids.filtered(lambda a: a.user_id == self.unit_head)
        )

        # The Office returns it: no number is taken, the drafter has an activity.
        next_before = self._book_next()
        self._decide(
            draft, self.office_head, "return", comment="Sửa thể thức: thiếu nơi nhận."
        )
        self.assertEqual(draft.state, "returned")
        self.assertEqual(draft.holder_id, self.drafter)
        returned = draft.activity_ids.filtered(lambda a: a.user_id == self.drafter)
        self.assertIn("Sửa thể thức", str(returned.note))
        self.assertEqual(self._book_next(), next_before)
        self.assertFalse(
            self.env["idesk.document"].sudo().search([("draft_id", "=", draft.id)])
        )

        # The drafter corrects: a second version, both kept with their hashes.
        self._upload(draft, "du-thao-2.pdf", sample_draft_pdf("Báo cáo", "Đã sửa."))
        versions = draft.version_ids.filtered(lambda v: v.kind == "main")
        self.assertEqual(sorted(versions.mapped("number")), [1, 2])
        self.assertEqual(len(set(versions.mapped("sha256"))), 2)
        self.assertEqual(draft.main_version_id.number, 2)
        self.assertEqual(draft.main_version_id.author_id, self.drafter)

        draft.with_user(self.drafter).action_submit()
        self.assertFalse(
            draft.activity_ids.filtered(lambda a: a.user_id == self.drafter)
        )
        self.assertEqual(draft.step_ids.mapped("round"), [1, 1, 1, 2, 2, 2])
        self._decide(draft, self.unit_head, "approve")
        self._decide(draft, self.office_head, "approve")
        self.assertEqual(draft.current_step_id.user_id, self.chairman)
        # The signature needs the recorded consent.
        with self.assertRaises(UserError) as refusal:
            self._decide(draft, self.chairman, "sign", consent=False)
        self.assertIn("stands for your signature", refusal.exception.args[0])
        self._decide(draft, self.chairman, "sign", consent=True)
        self.assertEqual(draft.state, "signed")
        self.assertEqual(draft.signed_by_id, self.chairman)
        self.assertIn(self.chairman.name, draft.sign_statement)

        # The clerk of the Office issues and sends in one action.
        self.assertEqual(self._book_next(), next_before)
        action = draft.with_user(self.clerk).action_issue()
        document = self.env["idesk.document"].browse(action["res_id"])
        today = fields.Date.context_today(self.clerk)
        self.assertEqual(draft.state, "issued")
        self.assertEqual(document.state, "registered")
        self.assertEqual(document.direction, "outgoing")
        self.assertEqual(document.agency_id, self.office)
        self.assertEqual(document.number, next_before)
        self.assertEqual(document.symbol, f"{next_before:02d}/UBND-TCKH")
        self.assertEqual(document.document_date, today)
        self.assertEqual(document.signer_name, self.chairman.name)
        self.assertEqual(document.drafting_agency_id, self.finance)
        self.assertEqual(document.draft_id, draft)
        self.assertEqual(document.with_user(self.drafter).symbol, document.symbol)

        # Number and date are in the PDF, with how it was signed.
        text = marks.pdf_text(document.scan_attachment_id.raw)
        self.assertIn(f"Số: {document.symbol}", text)
        self.assertIn(
            f"ngày {today.day:02d} tháng {today.month:02d} năm {today.year}", text
        )
        # The statement is written in Vietnamese, the language of the document.
        self.assertIn("ký duyệt trên iDESK", text)
        self.assertIn(self.chairman.name, text)
        with self.assertRaises(UserError):
            document.scan_attachment_id.with_user(self.clerk).write(
                {"raw": sample_draft_pdf("x", "y")}
            )

        # The commune received it in its queue; the province got an e-mail with the PDF.
        assignment = document.assignment_ids
        self.assertEqual(assignment.agency_id, self.commune)
        self.assertEqual(
            document.with_user(self.commune_clerk).summary, "Báo cáo dự toán ngân sách"
        )
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "idesk.document"),
                ("res_id", "=", document.id),
                ("recipient_ids", "in", self.province.ids),
            ]
        )
        self.assertEqual(mail.recipient_ids, self.province)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn(document.scan_attachment_id, mail.attachment_ids)

        # The outgoing book lists it with its recipients.
        listed = (
            self.env["idesk.document"]
            .with_user(self.clerk)
            .search([("book_id", "=", document.book_id.id)])
        )
        self.assertIn(document, listed)
        self.assertEqual(document.recipient_agency_ids, self.commune)
        self.assertEqual(document.recipient_partner_ids, self.province)
        book = document.book_id
        if hasattr(book, "_render_pdf_bytes"):  # idesk_reports prints the books
            pdf, _pages = book.with_user(self.clerk)._render_pdf_bytes(today, today)
            printed = " ".join(marks.pdf_text(pdf).split())
            self.assertIn(document.symbol, printed)
            for name in ("UBND xã Dự Thảo", "Sở Tài chính tỉnh Dự Thảo"):
                self.assertIn(name, printed)

        # A second click issues nothing more.
        with self.assertRaises(UserError) as refusal:
            draft.with_user(self.clerk).action_issue()
        self.assertIn("already been issued", refusal.exception.args[0])
        self.assertEqual(self._book_next(), next_before + 1)

    def test_number_taken_only_at_issue_gap_free_with_a_rollback(self):
        first = self._sign_through(self._new_draft("Văn bản thứ nhất"))
        second = self._sign_through(self._new_draft("Văn bản thứ hai"))
        start = self._book_next()
        # The issue succeeds, then its transaction is rolled back (as when a later
        # step of the same request fails): the number goes back to the book.
        with self.assertRaises(Rollback), self.env.cr.savepoint():
            first.with_user(self.clerk).action_issue()
            self.assertEqual(first.document_id.number, start)
            raise Rollback
        self.env.invalidate_all()
        self.assertEqual(first.state, "signed")
        self.assertEqual(self._book_next(), start)
        second.with_user(self.clerk).action_issue()
        first.with_user(self.clerk).action_issue()
        self.assertEqual(second.document_id.number, start)
        self.assertEqual(first.document_id.number, start + 1)

    def test_reply_links_both_documents(self):
        incoming = (
            self.env["idesk.document"]
            .with_user(self.clerk)
            ._register_new(
                [
                    {
                        "direction": "incoming",
                        "issuing_partner_id": self.province.id,
                        "origin_number_symbol": "12/STC-NS",
                        "type_id": self.doc_type.id,
                        "summary": "Đề nghị báo cáo dự toán",
                    }
                ],
                confirm_duplicate=True,
            )
        )
        incoming.sudo().shared_agency_ids = self.finance
        draft = self._new_draft(reply_to_document_id=incoming.id)
        self._sign_through(draft)
        draft.with_user(self.clerk).action_issue()
        self.assertEqual(draft.document_id.reply_to_document_id, incoming)
        self.assertEqual(incoming.reply_ids, draft.document_id)

    def test_forward_to_a_delegate_who_then_decides(self):
        draft = self._new_draft()
        draft.with_user(self.drafter).action_submit()
        self._decide(draft, self.unit_head, "approve")
        self._decide(
            draft, self.office_head, "forward", forward_user_id=self.office_deputy.id
        )
        self.assertEqual(draft.current_step_id.user_id, self.office_deputy)
        with self.assertRaises(AccessError):
            draft.with_user(self.office_head).action_approve()
        self._decide(draft, self.office_deputy, "approve")
        self.assertEqual(draft.current_step_id.user_id, self.chairman)
        forwarded = draft.step_ids.filtered(lambda s: s.state == "forwarded")
        self.assertEqual(forwarded.user_id, self.office_head)
        self.assertTrue(forwarded.done_date)

    def test_chain_configured_by_the_administrator_per_unit_and_type(self):
        admin = self._create_user("drafting.admin", "admin", self.office, lang="en_US")
        self.env["idesk.review.chain"].with_user(admin).create(
            {
                "name": "Finance letters: signer only",
                "agency_id": self.finance.id,
                "type_id": self.doc_type.id,
                "line_ids": [(0, 0, {"kind": "signer", "days": 1})],
            }
        )
        with self.assertRaises(AccessError):
            self.env["idesk.review.chain"].with_user(self.drafter).create(
                {"name": "Mine", "line_ids": [(0, 0, {"kind": "signer"})]}
            )
        draft = self._new_draft()
        draft.with_user(self.drafter).action_submit()
        self.assertEqual(draft.step_ids.mapped("kind"), ["signer"])
        self.assertEqual(draft.current_step_id.user_id, self.chairman)

    def test_head_drafting_skips_his_own_review(self):
        draft = self._new_draft(user=self.unit_head)
        draft.with_user(self.unit_head).action_submit()
        self.assertEqual(
            draft.step_ids.mapped("state"), ["skipped", "active", "pending"]
        )

    def test_a_reviewer_who_also_signs_reviews_once(self):
        # The head of the Office signs what the Office issues in its own name.
        draft = self._new_draft(signer_id=self.office_head.id, signer_authority="TL.")
        draft.with_user(self.drafter).action_submit()
        self.assertEqual(
            [(s.kind, s.state) for s in draft.step_ids],
            [("unit_head", "active"), ("office", "skipped"), ("signer", "pending")],
        )
        self._decide(draft, self.unit_head, "approve")
        self._decide(draft, self.office_head, "sign", consent=True)
        self.assertEqual(draft.signed_by_id, self.office_head)

    def test_upload_wizard_refuses_bad_file_and_stores_nothing(self):
        draft = self._new_draft()
        count = (
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [("res_model", "=", "idesk.draft"), ("res_id", "=", draft.id)]
            )
        )
        with self.assertRaises(UserError) as refusal:
            self._upload(draft, "thu.docx", b"Just some text, not a document")
        self.assertEqual(
            refusal.exception.args[0],
            "The file thu.docx is not a DOCX, ODT or PDF document, whatever its name says.",
        )
        self.assertEqual(len(draft.version_ids), 1)
        self.assertEqual(
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [("res_model", "=", "idesk.draft"), ("res_id", "=", draft.id)]
            ),
            count,
        )

    def test_issue_refused_before_numbering_when_an_outside_body_has_no_email(self):
        draft = self._sign_through(self._new_draft())
        start = self._book_next()
        self.province.email = False
        with self.assertRaises(UserError) as refusal:
            draft.with_user(self.clerk).action_issue()
        self.assertIn("have no e-mail address", refusal.exception.args[0])
        self.assertIn(self.province.name, refusal.exception.args[0])
        self.assertEqual(draft.state, "signed")
        self.assertFalse(draft.document_id)
        self.assertEqual(self._book_next(), start)
        self.province.email = "stc@province.example.gov.vn"
        draft.with_user(self.clerk).action_issue()
        self.assertEqual(draft.document_id.number, start)
