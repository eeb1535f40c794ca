from odoo import fields, models


class IdeskSecurityLog(models.Model):
    _inherit = "idesk.security.log"

    event = fields.Selection(
        selection_add=[
            ("trust_add", "Trusted certificate added"),
            ("trust_remove", "Trusted certificate removed"),
        ],
        ondelete={"trust_add": "cascade", "trust_remove": "cascade"},
    )
