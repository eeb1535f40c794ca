from odoo import fields, models


class IdeskResultReturnWizard(models.TransientModel):
    """A head of the unit returns an officer's result for rework, with the reason."""

    _name = "idesk.result.return.wizard"
    _description = "Return a result for rework"
    _inherit = ["idesk.input.mixin"]

    assignment_id = fields.Many2one(
        "idesk.assignment", required=True, readonly=True, ondelete="cascade"
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.assignment_id.action_return_result(reason=self.reason or "")
        return {"type": "ir.actions.act_window_close"}
