from collections import defaultdict

from odoo import _, api, fields, models
from odoo.osv import expression

# Drafts someone still has to act on: a reviewer, the drafter, the issuing clerk.
HELD_STATES = ("review", "returned", "signed")
DEFAULT_STUCK_DAYS = 3


class IdeskDraft(models.Model):
    """Where a draft is, who holds it and for how many working days (issue 14,
    Trace). Working time is counted by Odoo's ``resource.calendar`` of the
    drafting unit (public holidays included, as the processing deadlines)."""

    _inherit = "idesk.draft"

    holder_label = fields.Char(
        string="Now with",
        compute="_compute_held",
        help="The reviewer, the drafter (returned) or the issuing agency's clerks "
        "(signed) the draft waits for.",
    )
    held_days = fields.Float(
        string="Held (working days)",
        compute="_compute_held",
        digits=(16, 1),
        help="Working days since the draft reached whoever holds it, on the drafting "
        "unit's working calendar.",
    )
    is_stuck = fields.Boolean(
        string="Stuck",
        compute="_compute_held",
        search="_search_is_stuck",
        help="Held longer than the number of working days of the system parameter "
        "idesk_drafting.stuck_days (3 unless set).",
    )

    @api.model
    def _stuck_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("idesk_drafting.stuck_days", DEFAULT_STUCK_DAYS)
        )
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return DEFAULT_STUCK_DAYS

    def _working_calendar(self):
        # sudo: the calendar of the drafting unit, whoever reads the draft.
        return self.sudo().agency_id._get_working_calendar().sudo()

    @api.depends("state", "holder_id", "held_since", "issuing_agency_id")
    @api.depends_context("uid")
    def _compute_held(self):
        now = fields.Datetime.now()
        limit = self._stuck_days()
        for draft in self:
            holder = draft.sudo().holder_id
            if draft.state == "signed":
                label = _(
                    "Clerks of %(agency)s", agency=draft.sudo().issuing_agency_id.name
                )
            else:
                label = holder.name or ""
            held = draft.state in HELD_STATES and draft.held_since
            days = (
                draft._working_calendar().get_work_duration_data(
                    draft.held_since, now, compute_leaves=True
                )["days"]
                if held
                else 0.0
            )
            draft.holder_label = label if held else ""
            draft.held_days = days
            draft.is_stuck = bool(held) and days > limit

    @api.model
    def _stuck_cutoffs(self):
        """``[(agencies, cutoff)]``: a draft of one of ``agencies`` is stuck when
        held since before ``cutoff``, the moment ``stuck_days`` working days
        (of their calendar's average day) before now; one per working calendar
        of the units that have held drafts."""
        hours = self._stuck_days()
        now = fields.Datetime.now()
        by_calendar = defaultdict(lambda: self.env["idesk.agency"])
        # sudo: the drafting units of every held draft, for their calendars.
        groups = self.sudo()._read_group([("state", "in", HELD_STATES)], ["agency_id"])
        for (agency,) in groups:
            by_calendar[agency._get_working_calendar().sudo()] |= agency
        cutoffs = []
        for calendar, group in by_calendar.items():
            cutoff = calendar.plan_hours(
                -hours * (calendar.hours_per_day or 8.0), now, compute_leaves=True
            )
            cutoffs.append((group, cutoff or now))
        return cutoffs

    def _search_is_stuck(self, operator, value):
        if operator not in ("=", "!="):
            return expression.FALSE_DOMAIN
        stuck = expression.AND(
            [
                [("state", "in", HELD_STATES)],
                expression.OR(
                    [
                        [("agency_id", "in", agencies.ids), ("held_since", "<", cutoff)]
                        for agencies, cutoff in self._stuck_cutoffs()
                    ]
                ),
            ]
        )
        if (operator == "=") == bool(value):
            return stuck
        return ["!", *stuck]
