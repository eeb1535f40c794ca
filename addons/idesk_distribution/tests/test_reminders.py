from datetime import timedelta

from odoo.tests import tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestReminders(DistributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Reminders of other documents (demo data) must not interfere with counts.
        cls.env["idesk.assignment"].search([]).write(
            {"reminded_before": cls.today, "reminded_after": cls.today}
        )

    def _messages(self, user, text):
        return (
            self.env["mail.notification"]
            .search(
                [("res_partner_id", "=", user.partner_id.id), ("is_read", "=", False)]
            )
            .mail_message_id.filtered(
                lambda m: text in (m.body or "") or text in (m.subject or "")
            )
        )

    def _mails(self, user, message):
        return self.env["mail.mail"].search(
            [
                ("recipient_ids", "in", user.partner_id.ids),
                ("mail_message_id", "in", message.ids),
            ]
        )

    def test_cron_remind_before_deadline_once(self):
        document, assignment = self._incoming_led_by(self.officer, 1)
        Assignment = self.env["idesk.assignment"]
        Assignment._cron_send_reminders()
        Assignment._cron_send_reminders()
        reminders = self._messages(self.officer, "Deadline approaching")
        self.assertEqual(len(reminders), 1)
        self.assertIn(f"/odoo/idesk.document/{document.id}", reminders.body)
        self.assertEqual(
            len(self._mails(self.officer, reminders)), 1, "and one e-mail in the queue"
        )
        self.assertEqual(assignment.reminded_before, self.today)
        self.assertFalse(
            self._messages(self.leader, "Deadline approaching"),
            "the head is not bothered before",
        )

    def test_cron_remind_after_deadline_to_assignee_and_head_once(self):
        _document, assignment = self._incoming_led_by(self.officer, 3)
        assignment.sudo().write(
            {"deadline": self.today - timedelta(days=1), "reminded_before": self.today}
        )
        Assignment = self.env["idesk.assignment"]
        Assignment._cron_send_reminders()
        Assignment._cron_send_reminders()
        self.assertEqual(len(self._messages(self.officer, "Deadline passed")), 1)
        head = self._messages(self.leader, "Deadline passed")
        self.assertEqual(len(head), 1, "the unit head is told once")
        self.assertEqual(len(self._mails(self.leader, head)), 1)
        self.assertEqual(assignment.reminded_after, self.today)

    def test_cron_done_assignment_not_reminded(self):
        _document, assignment = self._incoming_led_by(self.officer, 1)
        assignment.with_user(self.officer).write({"result_note": "Xong"})
        assignment.with_user(self.officer).action_done()
        self.env["idesk.assignment"]._cron_send_reminders()
        self.assertFalse(self._messages(self.officer, "Deadline approaching"))

    def test_cron_weekly_digest_once(self):
        self.env["idesk.agency"].search([]).write({"digest_last_date": self.today})
        self.office.digest_last_date = False
        _overdue_doc, late = self._incoming_led_by(self.officer, 2)
        late.sudo().write({"deadline": self.today - timedelta(days=2)})
        Assignment = self.env["idesk.assignment"]
        Assignment._cron_send_weekly_digest()
        Assignment._cron_send_weekly_digest()
        for user in (self.clerk, self.leader):
            digest = self._messages(user, "Weekly follow-up")
            self.assertEqual(len(digest), 1, f"{user.name} gets the digest once")
            self.assertIn(
                "action-idesk_distribution.action_idesk_assignment_digest_overdue",
                digest.body,
            )
            self.assertEqual(len(self._mails(user, digest)), 1)
        counts = {
            key: value
            for key, _label, value in Assignment._digest_counts(self.office, self.today)
        }
        self.assertEqual(counts["overdue"], 1)
        self.assertEqual(counts["pending"], 1)
        self.assertEqual(counts["received"], 1)
