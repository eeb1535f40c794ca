from odoo import api, models

from .res_users_audit import is_audited


class ResUsers(models.Model):
    """iDESK staff open the iDESK home (Trang chủ) after login: it is the home
    action (``action_id``) of every person who has an iDESK role and no home
    action of their own, whether the role comes from the Settings, a group or
    the LDAP directory at login."""

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._idesk_set_home_action()
        return users

    def write(self, vals):
        result = super().write(vals)
        if is_audited(vals):
            self._idesk_set_home_action()
        return result

    def _idesk_set_home_action(self):
        """Give the iDESK home as home action to those of ``self`` who have an
        iDESK role and no home action (a home action chosen by the person or the
        administrator is kept)."""
        home = self.env.ref(
            "idesk_security.action_idesk_home", raise_if_not_found=False
        )
        if not home:
            return
        staff = self.filtered(
            lambda user: (
                not user.action_id
                and not user.share
                and user.has_group("idesk_security.group_idesk_officer")
            )
        )
        if staff:
            staff.write({"action_id": home.id})


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        """People given an iDESK role from a group's form get the home too."""
        result = super().write(vals)
        if "users" in vals or "implied_ids" in vals:
            self.with_context(active_test=False).users._idesk_set_home_action()
        return result
