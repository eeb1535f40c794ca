from odoo import api, models
from odoo.exceptions import AccessError


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def action_idesk_inactive_users_of_my_units(self):
        """Accounts of the head's agency and sub-agencies not used for N days
        (regulation art. 7.1 and 8); the network administrator sees every account."""
        user = self.env.user
        is_admin = user.has_group("idesk_security.group_idesk_admin")
        if not (is_admin or user.has_group("idesk_security.group_idesk_leader")):
            raise AccessError(
                self.env._(
                    "Only heads of units and the network administrator see this list."
                )
            )
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("idesk_security.inactive_days", 90)
        )
        domain = [("id", "in", self._idesk_inactive_user_ids(days))]
        if not is_admin:
            domain.append(("agency_id", "child_of", user.agency_id.ids))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Accounts not logged in for %(days)s days", days=days),
            "res_model": "res.users",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
        }
