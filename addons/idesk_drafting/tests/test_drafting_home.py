from odoo.tests import TransactionCase, tagged

from .common import DraftingCommon


@tagged("post_install", "-at_install")
class TestDraftingHome(DraftingCommon, TransactionCase):
    """The home counts the drafts waiting for a person and the signed drafts
    the clerk issues; each card opens a list of exactly its count; every
    member of staff finds "Draft a document" there."""

    def _home(self, user):
        return self.env["idesk.home"].with_user(user).get_home_data()

    def _counter(self, user, key):
        return next((c for c in self._home(user)["counters"] if c["key"] == key), None)

    def _assert_opens_its_count(self, user, counter):
        action = counter["action"]
        listed = self.env[action["res_model"]].with_user(user).search(action["domain"])
        self.assertEqual(len(listed), counter["count"], counter["key"])
        return listed

    def test_reviewer_home_counts_the_draft_that_reached_him(self):
        draft = self._new_draft()
        self.assertEqual(
            self._counter(self.unit_head, "drafts_waiting_for_me")["count"], 0
        )
        draft.with_user(self.drafter).action_submit()
        counter = self._counter(self.unit_head, "drafts_waiting_for_me")
        self.assertEqual(counter["count"], 1)
        self.assertEqual(self._assert_opens_its_count(self.unit_head, counter), draft)
        # the next reviewer has it only once the head approved
        self.assertEqual(
            self._counter(self.office_head, "drafts_waiting_for_me")["count"], 0
        )
        self._decide(draft, self.unit_head, "approve")
        self.assertEqual(
            self._counter(self.unit_head, "drafts_waiting_for_me")["count"], 0
        )
        self.assertEqual(
            self._counter(self.office_head, "drafts_waiting_for_me")["count"], 1
        )

    def test_clerk_home_counts_signed_drafts_of_own_agency_to_issue(self):
        self.assertEqual(self._counter(self.clerk, "drafts_to_issue")["count"], 0)
        draft = self._sign_through(self._new_draft())
        counter = self._counter(self.clerk, "drafts_to_issue")
        self.assertEqual(counter["count"], 1)
        self.assertEqual(self._assert_opens_its_count(self.clerk, counter), draft)
        # another agency's clerk has nothing to issue, and officers no such card
        self.assertEqual(
            self._counter(self.commune_clerk, "drafts_to_issue")["count"], 0
        )
        self.assertIsNone(self._counter(self.drafter, "drafts_to_issue"))

    def test_officer_home_offers_draft_a_document(self):
        actions = {a["key"]: a for a in self._home(self.drafter)["actions"]}
        self.assertEqual(
            actions["draft_document"]["action"], "idesk_drafting.action_idesk_draft_new"
        )
