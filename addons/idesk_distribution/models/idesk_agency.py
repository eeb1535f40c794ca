from datetime import datetime, time, timedelta

import pytz

from odoo import _, fields, models
from odoo.exceptions import UserError


class IdeskAgency(models.Model):
    """Working calendar of an agency, used to count processing deadlines in
    working days (Decree 30/2020 art. 24). Public holidays, Tết included, are
    global ``resource.calendar.leaves`` (no calendar, no resource) that the
    administrator keeps under Configuration > Public holidays.
    """

    _inherit = "idesk.agency"

    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working calendar",
        help="Working days and hours of the agency. Empty: the town's standard calendar.",
    )
    digest_last_date = fields.Date(
        string="Last weekly digest",
        readonly=True,
        copy=False,
        help="Date of the last weekly follow-up digest sent to the clerks and heads (art. 6).",
    )

    def _check_can_archive(self):
        """An agency that still has documents to process stays active."""
        reasons = super()._check_can_archive()
        open_count = (
            self.env["idesk.assignment"]
            .sudo()
            .search_count(
                [
                    ("recipient_agency_id", "=", self.id),
                    ("state", "in", ("received", "read", "in_progress")),
                ]
            )
        )
        if open_count:
            reasons.append(
                _("%(count)s document(s) still to be processed", count=open_count)
            )
        return reasons

    def _get_working_calendar(self):
        """The calendar deadlines are counted on; falls back to the town's one."""
        self.ensure_one()
        return (
            self.resource_calendar_id
            or self.env.ref(
                "idesk_distribution.resource_calendar_idesk", raise_if_not_found=False
            )
            or self.env.company.resource_calendar_id
        )

    def _get_working_dates(self, date_from, date_to):
        """Return the set of working dates in [date_from, date_to] (inclusive)."""
        calendar = self._get_working_calendar().sudo()
        tz = pytz.timezone(calendar.tz or "Asia/Ho_Chi_Minh")
        start = tz.localize(datetime.combine(date_from, time.min))
        stop = tz.localize(datetime.combine(date_to, time.max))
        intervals = calendar._work_intervals_batch(start, stop, tz=tz)[False]
        return {interval[0].date() for interval in intervals}

    def _add_working_days(self, start_date, days):
        """Date of the ``days``-th working day after ``start_date``.

        The start day itself is not counted: a document received on Friday
        with one working day to process is due on Monday. ``days <= 0``
        returns ``start_date``. Odoo's ``resource.calendar.plan_days`` counts
        them, with the agency's leaves and the global public holidays.
        """
        self.ensure_one()
        if days <= 0:
            return start_date
        calendar = self._get_working_calendar().sudo()
        tz = pytz.timezone(calendar.tz or "Asia/Ho_Chi_Minh")
        # From the first minute of the next day, so the start day never counts.
        next_day = tz.localize(
            datetime.combine(start_date + timedelta(days=1), time.min)
        )
        due = calendar.plan_days(days, next_day, compute_leaves=True)
        if not due:
            raise UserError(
                _(
                    "The working calendar %(calendar)s of %(agency)s has no working day: "
                    "no deadline can be counted on it.",
                    calendar=calendar.display_name,
                    agency=self.display_name,
                )
            )
        return due.astimezone(tz).date()

    def _count_working_days(self, date_from, date_to):
        """Working days after ``date_from`` up to ``date_to`` (inclusive)."""
        self.ensure_one()
        if date_to <= date_from:
            return 0
        return len(self._get_working_dates(date_from + timedelta(days=1), date_to))
