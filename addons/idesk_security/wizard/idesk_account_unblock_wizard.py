from odoo import _, fields, models
from odoo.exceptions import UserError


class IdeskAccountUnblockWizard(models.TransientModel):
    """The network administrator unblocks accounts and gives them a new password."""

    _name = "idesk.account.unblock.wizard"
    _description = "Unblock accounts"
    _inherit = ["idesk.input.mixin"]

    user_ids = fields.Many2many("res.users", string="Accounts", required=True)
    # any character may be part of a password, "<" included
    new_password = fields.Char(required=True, allow_markup=True)
    confirm_password = fields.Char(required=True, allow_markup=True)

    def action_confirm(self):
        self.ensure_one()
        self.user_ids._check_idesk_admin()
        not_blocked = self.user_ids.filtered(lambda user: not user.idesk_blocked)
        if not_blocked:
            raise UserError(
                _(
                    "These accounts are not blocked: %(names)s",
                    names=", ".join(not_blocked.mapped("name")),
                )
            )
        if self.new_password != self.confirm_password:
            raise UserError(_("The two passwords do not match."))
        self.user_ids._check_password_policy([self.new_password])
        self.user_ids._do_unblock(self.new_password)
        return {"type": "ir.actions.act_window_close"}
