import ast

from odoo import _, models


class IdeskAgency(models.Model):
    """An agency may have an intake address (``alias_name``): each e-mail
    received there becomes drafts of its incoming book (see
    ``idesk_document_mail.py``). Only known contacts may send by default."""

    _name = "idesk.agency"
    _inherit = ["idesk.agency", "mail.alias.mixin.optional"]

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("idesk.document")
        if self.id:
            values["alias_defaults"] = defaults = ast.literal_eval(
                self.alias_defaults or "{}"
            )
            defaults.update({"agency_id": self.id, "direction": "incoming"})
        if not self.alias_id:
            # Safe default: only senders known as a contact (staff of an
            # agency, or an outside body the administrator entered).
            values["alias_contact"] = "partners"
        return values

    def _check_can_archive(self):
        """An agency with documents still waiting for registration stays active."""
        reasons = super()._check_can_archive()
        drafts = (
            self.env["idesk.document"]
            .sudo()
            .search_count([("agency_id", "=", self.id), ("state", "=", "draft")])
        )
        if drafts:
            reasons.append(_("%(count)s document(s) not yet registered", count=drafts))
        return reasons
