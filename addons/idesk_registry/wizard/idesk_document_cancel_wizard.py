from odoo import fields, models


class IdeskDocumentCancelWizard(models.TransientModel):
    _name = "idesk.document.cancel.wizard"
    _description = "Cancel a registered document"
    _inherit = ["idesk.input.mixin"]

    document_ids = fields.Many2many("idesk.document", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.document_ids._check_can_register()
        self.document_ids._do_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
