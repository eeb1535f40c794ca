from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    idesk_totp_required_roles = fields.Boolean(
        string="Require two-factor authentication for leaders and administrators",
        config_parameter="idesk_security.totp_required_roles",
        help="Leaders and network administrators without an authenticator app receive a "
        "login code by e-mail until they set one up (Odoo two-factor authentication).",
    )
    idesk_inactive_days = fields.Integer(
        string="Inactive account after (days)",
        config_parameter="idesk_security.inactive_days",
        default=90,
        help="Accounts not logged in for this many days are listed for review (article 7.1).",
    )
