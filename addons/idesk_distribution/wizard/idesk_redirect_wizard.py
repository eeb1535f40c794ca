from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class IdeskRedirectWizard(models.TransientModel):
    """Re-direct an assignment a unit or person returned (chuyển lại)."""

    _name = "idesk.redirect.wizard"
    _description = "Re-direct a returned assignment"
    _inherit = ["idesk.input.mixin"]

    assignment_id = fields.Many2one(
        "idesk.assignment", required=True, readonly=True, ondelete="cascade"
    )
    role = fields.Selection(related="assignment_id.role")
    returned_by_id = fields.Many2one(related="assignment_id.returned_by_id")
    return_reason = fields.Text(related="assignment_id.return_reason")
    agency_id = fields.Many2one("idesk.agency", string="Unit")
    user_id = fields.Many2one(
        "res.users",
        string="Person",
        domain="[('idesk_is_staff', '=', True)]",
    )
    deadline = fields.Date(default=lambda self: self._default_deadline())
    note = fields.Text(string="Note", required=True)

    def _default_deadline(self):
        assignment = self.env["idesk.assignment"].browse(
            self.env.context.get("default_assignment_id")
        )
        return assignment.exists().deadline if assignment else False

    @api.constrains("agency_id", "user_id")
    def _check_one_recipient(self):
        for wizard in self:
            if wizard.agency_id and wizard.user_id:
                raise ValidationError(_("Choose one unit or one person, not both."))

    def action_confirm(self):
        self.ensure_one()
        assignment = self.assignment_id
        assignment._check_can_redirect()
        assignment._do_redirect(self.agency_id, self.user_id, self.deadline, self.note)
        return {"type": "ir.actions.act_window_close"}
