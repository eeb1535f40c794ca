from odoo import _, api, models
from odoo.exceptions import AccessError, UserError


class MailThread(models.AbstractModel):
    """E-mails enter the database only through the mail gateway.

    Odoo's ``message_process`` is a public model method: any signed-in account
    could call it over RPC with a message it wrote, and the gateway then files it
    as superuser (into an agency's incoming book through its intake address, into
    any document's chatter with ``thread_id``). The gateway runs as superuser
    (incoming mail servers' job) or with a Settings administrator's account
    (``odoo-mailgate``); nobody else delivers e-mails."""

    _inherit = "mail.thread"

    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(_("Only the mail gateway delivers e-mails into iDESK."))
        if (
            not isinstance(model, (str, bool, type(None)))
            or not isinstance(message, (str, bytes))
            or not isinstance(custom_values, (dict, type(None)))
            or not isinstance(thread_id, (int, bool, type(None)))
        ):
            raise UserError(_("This is not an e-mail the gateway can deliver."))
        return super().message_process(
            model,
            message,
            custom_values=custom_values,
            save_original=save_original,
            strip_attachments=strip_attachments,
            thread_id=thread_id,
        )
