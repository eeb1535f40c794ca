from odoo import _, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        """Role changes made from a group's form are logged like those made on a user."""
        before = {group.id: group.users for group in self} if "users" in vals else {}
        res = super().write(vals)
        if before:
            Log = self.env["idesk.security.log"]
            for group in self:
                for user in group.users - before[group.id]:
                    Log._log_event(
                        "role_change",
                        user=user,
                        description=_(
                            "Added: %(added)s. Removed: %(removed)s.",
                            added=group.full_name,
                            removed="-",
                        ),
                    )
                for user in before[group.id] - group.users:
                    Log._log_event(
                        "role_change",
                        user=user,
                        description=_(
                            "Added: %(added)s. Removed: %(removed)s.",
                            added="-",
                            removed=group.full_name,
                        ),
                    )
        return res
