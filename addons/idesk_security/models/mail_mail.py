from odoo import api, fields, models

# Hourly, for a day: long enough to outlast a mail server's maintenance window.
MAX_SEND_ATTEMPTS = 24
# Failures that a new attempt cannot cure: a wrong or missing address.
PERMANENT_FAILURES = (
    "mail_email_invalid",
    "mail_email_missing",
    "mail_from_invalid",
    "mail_from_missing",
)


class MailMail(models.Model):
    """Reminders must not be lost when the mail server is down (regulation art. 6).

    Odoo marks a mail "Delivery failed" when it cannot reach the mail server and
    its queue job sends only outgoing mails, so without this the reminders would
    wait for an administrator to press Retry.
    """

    _inherit = "mail.mail"

    idesk_send_attempts = fields.Integer(
        string="Automatic retries",
        readonly=True,
        copy=False,
        help="How many times iDESK put this mail back in the queue after the "
        "mail server could not be reached.",
    )

    @api.model
    def _cron_idesk_requeue_failed_mails(self):
        """Put back in the queue the mails that failed for a reason that may pass."""
        failed = self.search(
            [
                ("state", "=", "exception"),
                ("idesk_send_attempts", "<", MAX_SEND_ATTEMPTS),
                "|",
                ("failure_type", "=", False),
                ("failure_type", "not in", PERMANENT_FAILURES),
            ]
        )
        for mail in failed:
            mail.write(
                {
                    "state": "outgoing",
                    "idesk_send_attempts": mail.idesk_send_attempts + 1,
                }
            )
        return failed
