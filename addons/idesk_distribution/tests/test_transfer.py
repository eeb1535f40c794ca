from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestTransfer(DistributionCase):
    """A unit returns a wrongly sent assignment; the Office re-directs it."""

    def _redirect(self, assignment, user, **vals):
        action = assignment.with_user(user).action_redirect()
        wizard = (
            self.env["idesk.redirect.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create(vals)
        )
        wizard.action_confirm()
        return assignment.transfer_ids

    def test_officer_returns_and_clerk_redirects_nothing_lost(self):
        document, wrong = self._incoming_led_by(self.dept_officer)
        wrong.with_user(self.dept_officer).write(
            {"return_reason": "Không thuộc lĩnh vực của phòng."}
        )
        wrong.with_user(self.dept_officer).action_return()
        self.assertEqual(wrong.state, "returned")
        self.assertEqual(wrong.returned_by_id, self.dept_officer)
        self.assertTrue(wrong.returned_date)
        self.assertEqual(document.process_state, "returned")
        self.assertTrue(wrong.with_user(self.clerk).can_redirect)
        new = self._redirect(
            wrong,
            self.clerk,
            user_id=self.officer.id,
            note="Chuyển Văn phòng xử lý theo đúng lĩnh vực.",
        )
        self.assertEqual(new.user_id, self.officer)
        self.assertEqual(new.role, "lead")
        self.assertEqual(new.deadline, wrong.deadline, "the deadline is kept")
        self.assertEqual(new.transferred_from_id, wrong)
        # The returned one stays, with its reason, who and when.
        self.assertEqual(wrong.state, "returned")
        self.assertEqual(wrong.return_reason, "Không thuộc lĩnh vực của phòng.")
        self.assertEqual(document.process_state, "in_progress")
        self.assertIn(self.officer, document.shared_user_ids)
        bodies = " ".join(document.message_ids.mapped("body"))
        self.assertIn(f"Returned by {self.dept_officer.name}", bodies)
        self.assertIn("Không thuộc lĩnh vực của phòng.", bodies)
        self.assertIn(
            f"Re-directed by {self.clerk.name}: {self.dept_officer.name} → "
            f"{self.officer.name}",
            bodies,
        )
        # The new lead finishes: the document is done.
        new.with_user(self.officer).write({"result_note": "Đã xử lý."})
        new.with_user(self.officer).action_done()
        self.assertEqual(document.process_state, "done")
        with self.assertRaises(UserError):
            wrong.with_user(self.clerk).action_redirect()

    def test_officer_cannot_redirect(self):
        document, wrong = self._incoming_led_by(self.dept_officer)
        wrong.with_user(self.dept_officer).write({"return_reason": "Nhầm đơn vị."})
        wrong.with_user(self.dept_officer).action_return()
        with self.assertRaises(AccessError):
            wrong.with_user(self.officer).action_redirect()
        with self.assertRaises(AccessError):
            wrong.with_user(self.dept_officer).action_redirect()
        self.assertFalse(wrong.transfer_ids)

    def test_clerk_cannot_redirect_an_open_assignment(self):
        document, assignment = self._incoming_led_by(self.dept_officer)
        with self.assertRaises(UserError):
            assignment.with_user(self.clerk).action_redirect()
