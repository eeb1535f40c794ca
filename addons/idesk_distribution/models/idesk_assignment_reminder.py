from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models

from .idesk_assignment import ACTION_ROLES, OPEN_STATES

BATCH_SIZE = 1000
# Lines listed in one reminder; the rest is counted (constant memory).
MAX_LINES = 20


class IdeskAssignment(models.Model):
    """Reminders and the weekly follow-up digest (regulation art. 6).

    Both jobs are idempotent: an assignment carries the date of its reminder
    before and after the deadline, an agency the date of its last digest.
    """

    _inherit = "idesk.assignment"

    # ------------------------------------------------------------------
    # Daily reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_reminders(self):
        today = fields.Date.context_today(self)
        days_before = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("idesk_distribution.remind_before_days", 1)
        )
        base = [
            ("state", "in", OPEN_STATES),
            ("role", "in", ACTION_ROLES),
            ("deadline", "!=", False),
        ]
        before = defaultdict(lambda: {"count": 0, "lines": []})
        for agencies, threshold in self._reminder_thresholds(today, days_before):
            domain = base + [
                ("recipient_agency_id", "in", agencies.ids),
                ("deadline", ">=", today),
                ("deadline", "<=", threshold),
                ("reminded_before", "=", False),
            ]
            self._collect_reminders(
                domain, "reminded_before", today, before, with_heads=False
            )
        after = defaultdict(lambda: {"count": 0, "lines": []})
        domain = base + [("deadline", "<", today), ("reminded_after", "=", False)]
        self._collect_reminders(domain, "reminded_after", today, after, with_heads=True)
        self._send_reminders(
            before, _("Deadline approaching"), _("These documents are due soon:")
        )
        self._send_reminders(
            after, _("Deadline passed"), _("These documents are overdue:")
        )

    @api.model
    def _reminder_thresholds(self, today, days_before):
        """Last deadline that gets a reminder today, per working calendar of
        the agencies that have open assignments."""
        groups = self.sudo()._read_group(
            [("state", "in", OPEN_STATES), ("reminded_before", "=", False)],
            ["recipient_agency_id"],
        )
        agencies = self.env["idesk.agency"].union(*(agency for (agency,) in groups))
        by_calendar = defaultdict(lambda: self.env["idesk.agency"])
        for agency in agencies:
            by_calendar[agency._get_working_calendar()] |= agency
        return [
            (group, group[0]._add_working_days(today, days_before))
            for group in by_calendar.values()
        ]

    @api.model
    def _collect_reminders(self, domain, flag, today, acc, with_heads):
        """Walk the matching assignments by id in batches and flag them."""
        last_id = 0
        while True:
            batch = self.sudo().search(
                domain + [("id", ">", last_id)], order="id", limit=BATCH_SIZE
            )
            if not batch:
                break
            last_id = batch[-1].id
            for assignment in batch:
                partners = assignment._reminder_partners(with_heads)
                line = (
                    assignment.document_id.id,
                    assignment.document_id.display_name,
                    assignment.deadline,
                )
                for partner_id in partners.ids:
                    entry = acc[partner_id]
                    entry["count"] += 1
                    if len(entry["lines"]) < MAX_LINES:
                        entry["lines"].append(line)
            batch.write({flag: today})
            self.env.flush_all()
            self.env.invalidate_all()

    def _reminder_partners(self, with_heads):
        """Who is reminded: the responsible of the deadline's activity (the
        person assigned, or the unit's head); without one, the assignee."""
        self.ensure_one()
        if self.activity_id.user_id:
            partners = self.activity_id.user_id.partner_id
        elif self.user_id:
            partners = self.user_id.partner_id
        else:
            partners = self.agency_id.clerk_ids.partner_id
        if with_heads:
            partners |= self.recipient_agency_id.leader_ids.partner_id
        return partners

    @api.model
    def _send_reminders(self, acc, subject, intro):
        for partner_id, entry in acc.items():
            items = Markup("")
            for doc_id, name, deadline in entry["lines"]:
                due = _("due %(date)s", date=deadline.strftime("%d/%m/%Y"))
                items += Markup(
                    '<li><a href="/odoo/idesk.document/%s">%s</a> — %s</li>'
                ) % (doc_id, name, due)
            more = entry["count"] - len(entry["lines"])
            body = Markup("<p>%s</p><ul>%s</ul>") % (intro, items)
            if more > 0:
                body += Markup("<p>%s</p>") % _("…and %(count)s more.", count=more)
            self._notify_partners(
                self.env["res.partner"].browse(partner_id), subject, body
            )

    # ------------------------------------------------------------------
    # Weekly digest
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_weekly_digest(self):
        today = fields.Date.context_today(self)
        week_start = today - timedelta(days=today.weekday())
        agencies = (
            self.env["idesk.agency"]
            .sudo()
            .search(
                [
                    "|",
                    ("digest_last_date", "=", False),
                    ("digest_last_date", "<", week_start),
                ]
            )
        )
        for agency in agencies:
            partners = (agency.clerk_ids | agency.leader_ids).partner_id
            if partners:
                self._notify_partners(
                    partners,
                    _("Weekly follow-up: %(agency)s", agency=agency.name),
                    self._digest_body(agency, today),
                    record=agency,
                )
            agency.digest_last_date = today

    @api.model
    def _digest_counts(self, agency, today):
        since = fields.Datetime.to_datetime(today - timedelta(days=7))
        # a unit's work once: its officers' delegated assignments are not counted again
        base = [
            ("recipient_agency_id", "=", agency.id),
            ("state", "!=", "recalled"),
            ("parent_id", "=", False),
        ]
        count = self.sudo().search_count
        return [
            (
                "received",
                _("Received this week"),
                count(base + [("create_date", ">=", since)]),
            ),
            (
                "on_time",
                _("Done on time this week"),
                count(
                    base
                    + [
                        ("state", "=", "done"),
                        ("done_date", ">=", since),
                        ("completion_status", "=", "on_time"),
                    ]
                ),
            ),
            (
                "late",
                _("Done late this week"),
                count(
                    base
                    + [
                        ("state", "=", "done"),
                        ("done_date", ">=", since),
                        ("completion_status", "=", "late"),
                    ]
                ),
            ),
            (
                "overdue",
                _("Overdue"),
                count(base + [("state", "in", OPEN_STATES), ("deadline", "<", today)]),
            ),
            ("pending", _("Pending"), count(base + [("state", "in", OPEN_STATES)])),
        ]

    @api.model
    def _digest_body(self, agency, today):
        rows = Markup("").join(
            Markup(
                '<tr><td><a href="/odoo/%s/action-idesk_distribution.action_idesk_assignment_digest_%s">%s</a></td>'
                '<td style="text-align:right">%s</td></tr>'
            )
            % (agency.id, key, label, value)
            for key, label, value in self._digest_counts(agency, today)
        )
        return Markup("<p>%s</p><table>%s</table>") % (
            _(
                "Processing of the documents sent to %(agency)s (week of %(date)s):",
                agency=agency.name,
                date=today.strftime("%d/%m/%Y"),
            ),
            rows,
        )
