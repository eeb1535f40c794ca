from odoo.tests import tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestDeadlineActivity(DistributionCase):
    """An assignment that requires action is a "To process" activity of the
    person who must act, due on its deadline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.to_process = cls.env.ref("idesk_distribution.mail_activity_type_to_process")

    def _my_activities(self, user, document):
        """What the user's activity views and systray list for this document."""
        return (
            self.env["mail.activity"]
            .with_user(user)
            .search(
                [
                    ("user_id", "=", user.id),
                    ("res_model", "=", "idesk.document"),
                    ("res_id", "=", document.id),
                    ("activity_type_id", "=", self.to_process.id),
                ]
            )
        )

    def test_officer_sees_deadline_activity_and_done_closes_it(self):
        document, assignment = self._incoming_led_by(self.officer, 5)
        activity = self._my_activities(self.officer, document)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, self._deadline(5))
        self.assertEqual(assignment.activity_id, activity)
        # The officer can open what the activity points to, and the systray counts it.
        self.assertTrue(document.with_user(self.officer).summary)
        groups = {
            group["model"]: group
            for group in self.env["res.users"]
            .with_user(self.officer)
            ._get_activity_groups()
        }
        self.assertGreaterEqual(groups["idesk.document"]["planned_count"], 1)
        assignment.with_user(self.officer).write({"result_note": "Đã báo cáo."})
        assignment.with_user(self.officer).action_done()
        self.assertFalse(self._my_activities(self.officer, document))
        self.assertIn(
            "Đã báo cáo.",
            " ".join(document.message_ids.mapped("body")),
        )

    def test_unit_head_gets_the_unit_activity_info_gets_none(self):
        document = self._incoming()
        deadline = self._deadline(3)
        self._direct(
            document,
            lead_agency_id=self.ward.id,
            lead_deadline=deadline,
            info_user_ids=[(6, 0, self.officer.ids)],
        )
        activity = self._my_activities(self.ward_leader, document)
        self.assertEqual(len(activity), 1, "the ward's head acts for the ward")
        self.assertEqual(activity.date_deadline, deadline)
        self.assertFalse(self._my_activities(self.ward_clerk, document))
        self.assertFalse(
            self._my_activities(self.officer, document), "for information: no activity"
        )

    def test_leader_moves_deadline_activity_follows_return_cancels(self):
        document, assignment = self._incoming_led_by(self.officer, 5)
        later = self._deadline(8)
        assignment.with_user(self.leader).write({"deadline": later})
        self.assertEqual(
            self._my_activities(self.officer, document).date_deadline, later
        )
        assignment.with_user(self.officer).write({"return_reason": "Nhầm người."})
        assignment.with_user(self.officer).action_return()
        self.assertFalse(self._my_activities(self.officer, document))

    def test_recall_cancels_deadline_activity(self):
        document, assignment = self._incoming_led_by(self.officer, 5)
        document.with_user(self.clerk)._do_recall("Gửi nhầm.")
        self.assertFalse(self._my_activities(self.officer, document))

    def test_cron_reminds_the_activity_responsible(self):
        self.env["idesk.assignment"].search([]).write(
            {"reminded_before": self.today, "reminded_after": self.today}
        )
        document = self._incoming()
        self._direct(
            document, lead_agency_id=self.ward.id, lead_deadline=self._deadline(1)
        )
        self.env["idesk.assignment"]._cron_send_reminders()
        reminded = (
            self.env["mail.notification"]
            .search([("mail_message_id.subject", "=", "Deadline approaching")])
            .res_partner_id
        )
        self.assertIn(self.ward_leader.partner_id, reminded)
