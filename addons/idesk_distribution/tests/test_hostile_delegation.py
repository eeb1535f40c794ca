from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .delegation_common import DelegationCase


@tagged("post_install", "-at_install")
class TestHostileDelegation(DelegationCase):
    """Over RPC, nobody outside the unit moves the work its head handed down."""

    def test_clerk_office_cannot_move_officer_deadline(self):
        _document, lead, _cooperate = self._led_document(lead_days=10)
        [child] = self._delegate(
            lead, self.head, [(self.officer_a, "lead", self._deadline(6))]
        )
        with self.assertRaises(AccessError):
            child.with_user(self.clerk).write({"deadline": self._deadline(1)})
        self.assertEqual(child.deadline, self._deadline(6), "nothing was changed")
        # The clerk still records the leader's deadline of the unit itself.
        lead.with_user(self.clerk).write({"deadline": self._deadline(9)})
        self.assertEqual(lead.deadline, self._deadline(9))

    def test_clerk_office_cannot_redirect_officer_returned_work(self):
        _document, lead, _cooperate = self._led_document(lead_days=10)
        children = self._delegate(
            lead,
            self.head,
            [
                (self.officer_a, "lead", self._deadline(6)),
                (self.officer_b, "cooperate", self._deadline(6)),
            ],
        )
        work_b = children.filtered(lambda c: c.user_id == self.officer_b)
        work_b.with_user(self.officer_b).write(
            {"return_reason": "Không phải việc tôi."}
        )
        work_b.with_user(self.officer_b).action_return()
        self.assertEqual(work_b.state, "returned")
        self.assertFalse(work_b.with_user(self.clerk).can_redirect)
        with self.assertRaises(UserError):
            work_b.with_user(self.clerk).action_redirect()
        wizard = (
            self.env["idesk.redirect.wizard"]
            .with_user(self.clerk)
            .create(
                {
                    "assignment_id": work_b.id,
                    "agency_id": self.unit3.id,
                    "deadline": self._deadline(5),
                    "note": "Chuyển ra ngoài đơn vị.",
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertFalse(work_b.transfer_ids, "nothing was sent outside the unit")
