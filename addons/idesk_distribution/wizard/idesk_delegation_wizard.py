from odoo import Command, fields, models

# The officers offered: real staff of the unit the work was sent to.
OFFICER_DOMAIN = (
    "[('idesk_is_staff', '=', True), ('agency_id', 'child_of', parent.unit_id)]"
)


class IdeskDelegationWizard(models.TransientModel):
    """A head of a unit hands the unit's lead or cooperating role to one or
    more of its officers, each with a deadline within the unit's."""

    _name = "idesk.delegation.wizard"
    _description = "Hand a unit's work to officers"
    _inherit = ["idesk.input.mixin"]

    assignment_id = fields.Many2one(
        "idesk.assignment", required=True, readonly=True, ondelete="cascade"
    )
    unit_id = fields.Many2one(related="assignment_id.recipient_agency_id")
    unit_deadline = fields.Date(
        related="assignment_id.deadline", string="Unit's deadline"
    )
    line_ids = fields.One2many(
        "idesk.delegation.wizard.line",
        "wizard_id",
        string="Officers",
        default=lambda self: self._default_line_ids(),
    )

    def _default_line_ids(self):
        """The lead officer's line, due with the unit, when there is no lead yet."""
        assignment = self.env["idesk.assignment"].browse(
            self.env.context.get("default_assignment_id")
        )
        if not assignment.exists() or not assignment.has_access("read"):
            return []
        if any(
            c.role == "lead" and c.state not in ("recalled", "returned")
            for c in assignment.child_ids
        ):
            return []
        return [Command.create({"role": "lead", "deadline": assignment.deadline})]

    def action_confirm(self):
        self.ensure_one()
        self.assignment_id._do_delegate(
            [
                {
                    "user_id": line.user_id.id,
                    "role": line.role,
                    "deadline": line.deadline,
                }
                for line in self.line_ids
            ]
        )
        return {"type": "ir.actions.act_window_close"}


class IdeskDelegationWizardLine(models.TransientModel):
    _name = "idesk.delegation.wizard.line"
    _description = "Officer of a delegation"
    _inherit = ["idesk.input.mixin"]

    wizard_id = fields.Many2one(
        "idesk.delegation.wizard", required=True, ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", string="Officer", domain=OFFICER_DOMAIN)
    role = fields.Selection(
        [("lead", "Lead (chủ trì)"), ("cooperate", "Cooperating (phối hợp)")],
        required=True,
        default="cooperate",
    )
    deadline = fields.Date()
