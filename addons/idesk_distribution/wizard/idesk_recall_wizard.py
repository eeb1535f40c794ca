from odoo import fields, models


class IdeskRecallWizard(models.TransientModel):
    _name = "idesk.recall.wizard"
    _description = "Recall a document"
    _inherit = ["idesk.input.mixin"]

    document_id = fields.Many2one(
        "idesk.document", required=True, readonly=True, ondelete="cascade"
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.document_id._check_can_send()
        self.document_id._do_recall(self.reason)
        return {"type": "ir.actions.act_window_close"}
