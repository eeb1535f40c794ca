from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    agency_id = fields.Many2one(
        "idesk.agency",
        string="Agency",
        index=True,
        ondelete="restrict",
        help="The agency this person works for; it decides which documents they see.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["agency_id"]
