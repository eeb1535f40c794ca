from odoo.exceptions import AccessError
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
