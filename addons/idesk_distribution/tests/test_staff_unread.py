"""Unread received items on the staff's daily use (regulation art. 7.1, 8.3):
the unit head sees whose items have not been opened."""

from odoo.tests import tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestStaffUnread(DistributionCase):
    def _line(self, viewer, user):
        return (
            self.env["idesk.staff.activity"]
            .with_user(viewer)
            .search([("user_id", "=", user.id)])
        )

    def _with_unread(self, viewer):
        return (
            self.env["idesk.staff.activity"]
            .with_user(viewer)
            .search([("unread_count", ">", 0)])
            .user_id
        )

    def test_leader_sees_unread_items_until_opened(self):
        _document, assignment = self._incoming_led_by(self.officer)
        self._direct(
            self._incoming(symbol="13/KH-UBND"), info_user_ids=[self.officer.id]
        )
        line = self._line(self.leader, self.officer)
        self.assertEqual(line.unread_count, 2)
        self.assertTrue(line.unread_since)
        self.assertIn(self.officer, self._with_unread(self.leader))
        self.assertNotIn(self.clerk, self._with_unread(self.leader))
        # the officer opens the document he leads: one item left unread
        assignment.with_user(self.officer).action_open_document()
        self.env.invalidate_all()
        self.assertEqual(self._line(self.leader, self.officer).unread_count, 1)

    def test_leader_does_not_count_a_recalled_item(self):
        document, _assignment = self._incoming_led_by(self.officer)
        document.sudo().write({"recalled": True})
        self.assertEqual(self._line(self.leader, self.officer).unread_count, 0)
        self.assertNotIn(self.officer, self._with_unread(self.leader))

    def test_leader_of_another_unit_sees_no_line(self):
        self._incoming_led_by(self.officer)
        self.assertFalse(self._line(self.ward_leader, self.officer))
