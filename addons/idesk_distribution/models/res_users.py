from odoo import api, fields, models

# Accounts that exist in every database but are no person of an agency:
# OdooBot (__system__) and the ``admin`` superuser account of the installation.
TECHNICAL_USER_XMLIDS = ("base.user_root", "base.user_admin")


class ResUsers(models.Model):
    _inherit = "res.users"

    idesk_is_staff = fields.Boolean(
        string="Agency staff",
        compute="_compute_idesk_is_staff",
        search="_search_idesk_is_staff",
        help="An active internal account of a person of an agency: "
        "never a portal, public, template or technical account.",
    )

    @api.model
    def _idesk_staff_domain(self):
        """Who may be picked as a person in iDESK: every people picker uses it
        (``[('idesk_is_staff', '=', True)]`` in a view domain)."""
        technical = self.env["res.users"]
        for xmlid in TECHNICAL_USER_XMLIDS:
            technical |= self.env.ref(xmlid, raise_if_not_found=False) or technical
        return [
            ("active", "=", True),
            ("share", "=", False),
            ("agency_id", "!=", False),
            ("id", "not in", technical.ids),
        ]

    @api.depends("active", "share", "agency_id")
    def _compute_idesk_is_staff(self):
        staff = self.filtered_domain(self._idesk_staff_domain())
        for user in self:
            user.idesk_is_staff = user in staff

    def _search_idesk_is_staff(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        domain = self._idesk_staff_domain()
        if (operator == "=") == bool(value):
            return domain
        return ["!", *domain]
