from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models


class IdeskAssignment(models.Model):
    """Telling the recipients: the Odoo inbox and the outgoing mail queue."""

    _inherit = "idesk.assignment"

    def _do_send(self):
        """Give access to the recipients and tell them, with the direction.

        Recipients with the same role and deadline share one notification, so
        that sending to every agency of the town stays one short transaction.
        """
        for document, assignments in self.grouped("document_id").items():
            document = document.sudo()
            document.write(
                {
                    "shared_user_ids": [
                        fields.Command.link(u.id) for u in assignments.user_id
                    ],
                    "shared_agency_ids": [
                        fields.Command.link(a.id) for a in assignments.agency_id
                    ],
                }
            )
            groups = defaultdict(lambda: self.env["res.partner"])
            for assignment in assignments:
                if assignment.user_id:
                    partners = assignment.user_id.partner_id
                else:
                    agency = assignment.agency_id
                    partners = (
                        agency._idesk_receiving_clerks().partner_id
                        or agency.leader_ids.partner_id
                    )
                groups[
                    (bool(assignment.agency_id), assignment.role, assignment.deadline)
                ] |= partners
            for (to_agency, role, deadline), partners in groups.items():
                role_label = dict(
                    self._fields["role"]._description_selection(self.env)
                )[role]
                if to_agency:
                    intro = _(
                        "A document has been sent to your agency (%(role)s): register it from the Received queue.",
                        role=role_label,
                    )
                else:
                    intro = _(
                        "A document has been sent to you (%(role)s).", role=role_label
                    )
                body = Markup("<p>%s</p>") % intro
                if document.direction_note:
                    body += Markup("<p><b>%s</b> %s</p>") % (
                        _("Direction:"),
                        document.direction_note,
                    )
                if deadline:
                    body += Markup("<p>%s</p>") % _(
                        "Deadline: %(date)s", date=deadline.strftime("%d/%m/%Y")
                    )
                self._notify_partners(
                    partners, document.display_name, body, record=document
                )

    @api.model
    def _notify_partners(self, partners, subject, body, record=None):
        """Notify in the Odoo inbox and queue an e-mail for each partner.

        Odoo sends either an inbox notification or an e-mail depending on each
        user's preference; the regulation wants both: the e-mail of
        inbox-preferring users is queued here, and the notification of
        e-mail-preferring users stays unread in their inbox. E-mails wait in
        the outgoing queue (sent by Odoo's mail queue job).
        """
        partners = partners.filtered("active")
        if not partners:
            return self.env["mail.message"]
        target = record.sudo() if record else self.env["mail.thread"]
        message = target.message_notify(
            partner_ids=partners.ids,
            subject=subject,
            body=body,
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
            force_send=False,
        )
        # E-mail users: Odoo marks their notification read so that it skips the inbox; keep it there.
        message.sudo().notification_ids.filtered(
            lambda n: n.notification_type == "email" and n.res_partner_id in partners
        ).is_read = False
        inbox_partners = partners.filtered(
            lambda p: (
                p.email
                and p.user_ids
                and all(u.notification_type == "inbox" for u in p.user_ids)
            )
        )
        if inbox_partners:
            self.env["mail.mail"].sudo().create(
                [
                    {
                        "mail_message_id": message.id,
                        "body_html": body,
                        "recipient_ids": [fields.Command.link(partner.id)],
                        "auto_delete": False,
                    }
                    for partner in inbox_partners
                ]
            )
        return message
