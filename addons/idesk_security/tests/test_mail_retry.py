from odoo.tests import TransactionCase, tagged

from ..models.mail_mail import MAX_SEND_ATTEMPTS


@tagged("post_install", "-at_install")
class TestMailRetry(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Mail = cls.env["mail.mail"]
        vals = {
            "subject": "Nhắc hạn xử lý văn bản",
            "email_to": "a@annhon.example.gov.vn",
        }
        cls.server_down = Mail.create(
            dict(
                vals, state="exception", failure_reason="[Errno 111] Connection refused"
            )
        )
        cls.bad_address = Mail.create(
            dict(vals, state="exception", failure_type="mail_email_invalid")
        )
        cls.given_up = Mail.create(
            dict(vals, state="exception", idesk_send_attempts=MAX_SEND_ATTEMPTS)
        )
        cls.sent = Mail.create(dict(vals, state="sent"))

    def test_cron_requeue_failed_mails_once_per_run(self):
        requeued = self.env["mail.mail"]._cron_idesk_requeue_failed_mails()
        self.assertEqual(requeued, self.server_down)
        self.assertEqual(
            (self.server_down.state, self.server_down.idesk_send_attempts),
            ("outgoing", 1),
        )
        self.assertEqual(
            self.bad_address.state, "exception", "a wrong address stays failed"
        )
        self.assertEqual(self.given_up.state, "exception", "retries stop after a day")
        self.assertEqual(self.sent.state, "sent")
        self.assertFalse(
            self.env["mail.mail"]._cron_idesk_requeue_failed_mails(),
            "a queued mail is not queued twice",
        )

    def test_cron_requeue_failed_mails_is_scheduled(self):
        cron = self.env.ref("idesk_security.ir_cron_requeue_failed_mails")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "hours"))
