from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import DraftingCommon


@tagged("post_install", "-at_install")
class TestDraftingAccess(DraftingCommon, TransactionCase):
    def _visible(self, user):
        return self.Draft.with_user(user).search([])

    def test_visibility_of_a_draft_per_role_and_agency(self):
        draft = self._new_draft()
        # Before submission: the drafting unit only.
        for user in (self.drafter, self.colleague, self.unit_head):
            self.assertIn(draft, self._visible(user), user.login)
        for user in (
            self.office_head,
            self.chairman,
            self.clerk,
            self.commune_clerk,
            self.stranger,
        ):
            self.assertNotIn(draft, self._visible(user), user.login)
            with self.assertRaises(AccessError):
                draft.with_user(user).read(["summary"])
        draft.with_user(self.drafter).action_submit()
        # The Office's head and the signer see it once it reached them.
        self.assertNotIn(draft, self._visible(self.office_head))
        self._decide(draft, self.unit_head, "approve")
        self.assertIn(draft, self._visible(self.office_head))
        self.assertNotIn(draft, self._visible(self.chairman))
        self._decide(draft, self.office_head, "approve")
        self.assertIn(draft, self._visible(self.chairman))
        # The clerk once it is signed; the recipients never.
        self.assertNotIn(draft, self._visible(self.clerk))
        self._decide(draft, self.chairman, "sign", consent=True)
        self.assertIn(draft, self._visible(self.clerk))
        draft.with_user(self.clerk).action_issue()
        for user in (self.commune_clerk, self.stranger):
            self.assertNotIn(draft, self._visible(user), user.login)
        self.assertFalse(
            self.env["idesk.draft.version"].with_user(self.commune_clerk).search([])
            & draft.version_ids
        )
        self.assertFalse(
            self.env["idesk.review.step"].with_user(self.commune_clerk).search([])
            & draft.step_ids
        )

    def test_a_leader_signs_only_what_reached_him(self):
        draft = self._new_draft()
        draft.with_user(self.drafter).action_submit()
        with self.assertRaises(AccessError):
            draft.with_user(self.chairman).action_sign()
        with self.assertRaises(AccessError):
            draft.with_user(self.chairman)._do_review("sign", consent=True)
        self.assertEqual(draft.state, "review")
        self._decide(draft, self.unit_head, "approve")
        with self.assertRaises(UserError) as refusal:
            draft.with_user(self.office_head)._do_review("sign", consent=True)
        self.assertIn("Only the signing leader signs", refusal.exception.args[0])

    def test_the_clerk_issues_only_what_is_signed(self):
        draft = self._new_draft()
        draft.with_user(self.drafter).action_submit()
        self._decide(draft, self.unit_head, "approve")
        self._decide(draft, self.office_head, "approve")
        with self.assertRaises(AccessError):
            draft.with_user(self.clerk).action_issue()
        self._decide(draft, self.chairman, "sign", consent=True)
        for user in (self.drafter, self.chairman, self.commune_clerk):
            with self.assertRaises(AccessError):
                draft.with_user(user).action_issue()
        self.assertEqual(draft.state, "signed")
        self.assertFalse(draft.document_id)

    def test_nobody_changes_a_draft_under_review_and_states_are_protected(self):
        draft = self._new_draft()
        draft.with_user(self.drafter).action_submit()
        with self.assertRaises(UserError):
            draft.with_user(self.drafter).write({"summary": "Đổi khi đang trình"})
        with self.assertRaises(UserError):
            draft.with_user(self.unit_head).write({"summary": "Lãnh đạo sửa thẳng"})
        for user in (self.drafter, self.clerk):
            with self.assertRaises(AccessError):
                draft.with_user(user).write({"state": "signed"})
        with self.assertRaises(AccessError):
            self.Draft.with_user(self.drafter).create(
                {
                    "type_id": self.doc_type.id,
                    "summary": "Giả mạo",
                    "state": "signed",
                }
            )
        with self.assertRaises(AccessError):
            self.Draft.with_user(self.drafter).with_context(
                default_state="draft"
            ).create({"type_id": self.doc_type.id, "summary": "Giả mạo qua ngữ cảnh"})
        with self.assertRaises(UserError):
            draft.with_user(self.drafter).unlink()
        self.assertEqual(draft.summary, "Báo cáo dự toán ngân sách")

    def test_version_files_are_never_changed(self):
        draft = self._new_draft()
        original = draft.main_version_id.attachment_id
        checksum = original.checksum
        with self.assertRaises(UserError):
            original.with_user(self.drafter).write({"raw": b"%PDF-1.4 forged"})
        with self.assertRaises(UserError):
            original.with_user(self.drafter).unlink()
        self.assertEqual(original.sudo().checksum, checksum)
        with self.assertRaises(AccessError):
            draft.main_version_id.with_user(self.drafter).write({"sha256": "0" * 64})

    def test_issuing_agency_must_be_the_unit_or_its_committee(self):
        with self.assertRaises(UserError) as refusal:
            self._new_draft(issuing_agency_id=self.commune.id)
        self.assertIn("cannot issue the documents of", refusal.exception.args[0])


@tagged("post_install", "-at_install")
class TestDraftingConcurrentIssue(TransactionCase):
    def test_two_clerks_issuing_at_once_the_second_is_told(self):
        """The first click holds the draft's row in its transaction; a second
        one, in another transaction, is refused at once with a clear message
        (it never reaches the register book)."""
        # A draft committed in the database (the demo's), so that another
        # transaction sees its row.
        draft = self.env["idesk.draft"].sudo().search([], order="id", limit=1)
        self.assertTrue(draft, "the demo data (a draft of the finance office)")
        with self.env.registry.cursor() as other_cr:
            other = api.Environment(other_cr, SUPERUSER_ID, {"lang": "en_US"})
            other["idesk.draft"].browse(draft.id)._lock_for_issue()
            with self.assertRaises(UserError) as refusal:
                draft.with_context(lang="en_US")._lock_for_issue()
            self.assertEqual(
                refusal.exception.args[0],
                "This document is being issued by someone else right now.",
            )
            other_cr.rollback()
        draft._lock_for_issue()  # released with the other transaction
