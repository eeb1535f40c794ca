from markupsafe import Markup

from odoo import api, models


class IdeskAssignment(models.Model):
    _inherit = "idesk.assignment"

    @api.model
    def _digest_body(self, agency, today):
        """The weekly digest also leads to the status report of the units (art. 6)."""
        link = Markup(
            '<p><a href="/odoo/action-idesk_reports.action_idesk_status_report">%s</a></p>'
        ) % self.env._("Weekly processing status of the units")
        return super()._digest_body(agency, today) + link
