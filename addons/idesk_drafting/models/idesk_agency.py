from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize


class IdeskAgency(models.Model):
    """The address an agency's issued documents are e-mailed from (and answered
    to), set by the network administrator: the town's ward or department, not
    the company, is the sender outside bodies see and reply to."""

    _inherit = "idesk.agency"

    outgoing_email = fields.Char(
        string="Sending address",
        size=254,
        help="E-mail address the agency's issued documents are sent from to outside "
        "bodies, and where their replies go. Empty: the town's (company) address.",
    )

    @api.constrains("outgoing_email")
    def _check_outgoing_email(self):
        for agency in self.filtered("outgoing_email"):
            normalized = email_normalize(agency.outgoing_email, strict=True)
            if not normalized or normalized != agency.outgoing_email.strip().lower():
                raise ValidationError(
                    _(
                        "“%(value)s” is not one e-mail address: give the sending "
                        "address of %(agency)s as name@domain.",
                        value=agency.outgoing_email,
                        agency=agency.name,
                    )
                )
