from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

STATUS_ORDER = ("done_on_time", "done_late", "overdue", "pending")


class IdeskStatusReportPrint(models.TransientModel):
    """The weekly processing status as a PDF (regulation art. 6)."""

    _name = "idesk.status.report.print"
    _description = "Print the weekly processing status"
    _inherit = ["idesk.input.mixin"]

    date_from = fields.Date(required=True, default=lambda self: self._default_week()[0])
    date_to = fields.Date(required=True, default=lambda self: self._default_week()[1])

    @api.model
    def _default_week(self):
        """Last week, Monday to Sunday: the weekly report is made on the
        Monday after, when the week is over."""
        today = fields.Date.context_today(self)
        monday = today - timedelta(days=today.weekday() + 7)
        return monday, monday + timedelta(days=6)

    def _rows(self):
        """Assignments received by the end of the week and not finished before it."""
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The week must start before it ends."))
        return self.env["idesk.status.report"].search(
            [
                ("received_date", "<=", self.date_to),
                "|",
                ("done_date", "=", False),
                ("done_date", ">=", self.date_from),
            ],
            order="agency_id, unit_id, status, deadline",
        )

    def _report_groups(self):
        """[(agency, unit, figures dict, rows by status)] for the template."""
        groups = {}
        for row in self._rows():
            key = (row.agency_id, row.unit_id)
            group = groups.setdefault(
                key, {status: row.browse() for status in STATUS_ORDER}
            )
            group[row.status] |= row
        result = []
        for (agency, unit), by_status in groups.items():
            figures = {status: len(rows) for status, rows in by_status.items()}
            figures["received"] = sum(figures.values())
            result.append((agency, unit, figures, by_status))
        return result

    def _status_labels(self):
        return dict(
            self.env["idesk.status.report"]
            ._fields["status"]
            ._description_selection(self.env)
        )

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "idesk_reports.action_report_idesk_status_weekly"
        ).report_action(self)
