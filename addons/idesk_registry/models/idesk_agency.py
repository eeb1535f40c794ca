from odoo import _, models


class IdeskAgency(models.Model):
    _inherit = "idesk.agency"

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
