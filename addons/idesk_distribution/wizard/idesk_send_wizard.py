from odoo import api, fields, models


class IdeskSendWizard(models.TransientModel):
    """The clerk's confirmation before an outgoing document is sent: it names the
    agencies that will receive it (``action_distribute`` opens it)."""

    _name = "idesk.send.wizard"
    _description = "Confirm sending a document"
    _inherit = ["idesk.input.mixin"]

    document_ids = fields.Many2many(
        "idesk.document", string="Documents", required=True, readonly=True
    )
    recipient_names = fields.Text(
        string="Recipients", compute="_compute_recipient_names"
    )

    @api.depends("document_ids")
    def _compute_recipient_names(self):
        for wizard in self:
            wizard.recipient_names = "\n".join(
                f"{document.display_name}: "
                + ", ".join(document._undistributed_recipient_agencies().mapped("name"))
                for document in wizard.document_ids
            )

    def action_confirm(self):
        self.ensure_one()
        return self.document_ids.with_context(
            idesk_confirm_send=True
        ).action_distribute()
