from odoo import Command, models


def _named_user_ids(commands):
    """Ids of the existing users that x2many ``commands`` link, unlink or set."""
    ids = set()
    for command in commands or ():
        if isinstance(command, int):
            ids.add(command)
        elif command[0] in (Command.UPDATE, Command.UNLINK, Command.LINK):
            ids.add(command[1])
        elif command[0] == Command.SET:
            ids.update(command[2])
    return ids


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        """Roles changed from a group (its users, or the groups it implies, which Odoo
        gives to all its users) are audited like those changed on a user
        (``res_users_audit.py``). A group created with users adds them through write."""
        if "users" not in vals and "implied_ids" not in vals:
            return super().write(vals)
        users = self.with_context(active_test=False).users | self.env[
            "res.users"
        ].browse(_named_user_ids(vals.get("users")))
        return self.env["res.users"]._idesk_audit(
            users, lambda: super(ResGroups, self).write(vals)
        )
