from odoo import models
from odoo.tools import formataddr


class IdeskDraft(models.Model):
    """Who outside bodies see as the sender of an issued document."""

    _inherit = "idesk.draft"

    def _sender_vals(self, issuer):
        """``email_from`` and ``reply_to`` of the e-mail of an issued document:
        the issuing agency's sending address, else the company's (``issuer``
        is the agency named in the symbol, e.g. the committee for its Office)."""
        self.ensure_one()
        # sudo: the agencies' configuration, read for the clerk's sending.
        agency = self.sudo().issuing_agency_id
        email = (
            agency.outgoing_email
            or issuer.sudo().outgoing_email
            or self.env.company.email
        )
        if not email:
            return {}
        address = formataddr((issuer.name or agency.name, email))
        return {"email_from": address, "reply_to": address}
