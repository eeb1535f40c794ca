from odoo import fields, models


class IdeskBookReopenWizard(models.TransientModel):
    """Reopen a closed quarter: network administrator only, with a reason."""

    _name = "idesk.book.reopen.wizard"
    _description = "Reopen a closed quarter"
    _inherit = ["idesk.input.mixin"]

    closure_id = fields.Many2one("idesk.book.closure", required=True, readonly=True)
    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.closure_id.action_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
