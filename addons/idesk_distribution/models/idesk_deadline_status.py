"""The colour of a late row explained in words: overdue, due soon, on time.

Lists paint overdue rows red; the status column says why, so that the colour
is a legend of itself (and is read the same by people who do not see red).
"Due soon" uses the reminders' setting ``idesk_distribution.remind_before_days``
in working days of the recipient agency: what is due soon is what is reminded.
"""

from odoo import api, fields, models

from .idesk_assignment import ACTION_ROLES, OPEN_STATES

DEADLINE_STATUSES = [
    ("overdue", "Overdue"),
    ("due_soon", "Due soon"),
    ("on_time", "On time"),
]


def _deadline_statuses(env, items):
    """``items``: (deadline, agency) pairs; returns the status of each, in order.

    One look at the working calendar per agency, not per row."""
    today = fields.Date.context_today(env.user)
    days = int(
        env["ir.config_parameter"]
        .sudo()
        .get_param("idesk_distribution.remind_before_days", 1)
    )
    thresholds = {}
    statuses = []
    for deadline, agency in items:
        if not deadline:
            statuses.append(False)
            continue
        if deadline < today:
            statuses.append("overdue")
            continue
        if agency not in thresholds:
            thresholds[agency] = (
                agency._add_working_days(today, days) if agency else today
            )
        statuses.append("due_soon" if deadline <= thresholds[agency] else "on_time")
    return statuses


class IdeskAssignment(models.Model):
    _inherit = "idesk.assignment"

    deadline_status = fields.Selection(
        DEADLINE_STATUSES,
        string="Deadline status",
        compute="_compute_deadline_status",
        help="Open lead or cooperating assignments: overdue (deadline passed), "
        "due soon (within the reminder's working days) or on time.",
    )

    @api.depends("deadline", "state", "role", "recipient_agency_id")
    def _compute_deadline_status(self):
        pending = self.filtered(
            lambda a: a.state in OPEN_STATES and a.role in ACTION_ROLES
        )
        (self - pending).deadline_status = False
        statuses = _deadline_statuses(
            self.env, [(a.deadline, a.recipient_agency_id) for a in pending]
        )
        for assignment, status in zip(pending, statuses, strict=True):
            assignment.deadline_status = status


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    processing_deadline = fields.Date(
        string="Processing deadline",
        compute="_compute_deadline_status",
        help="The lead's deadline; before the direction, the one the direction "
        "will propose (processing time of the document type, in working days).",
    )
    deadline_status = fields.Selection(
        DEADLINE_STATUSES,
        string="Deadline status",
        compute="_compute_deadline_status",
        help="Documents to direct or in progress: overdue, due soon (within the "
        "reminder's working days) or on time.",
    )

    @api.depends("deadline", "process_state", "registration_date", "type_id")
    def _compute_deadline_status(self):
        pending = self.filtered(
            lambda d: d.process_state in ("to_direct", "in_progress")
        )
        (self - pending).update(
            {"processing_deadline": False, "deadline_status": False}
        )
        deadlines = []
        proposed = {}
        for document in pending:
            deadline = document.deadline
            if not deadline and document.process_state == "to_direct":
                # Same agency, type and day of registration: same proposal.
                key = (
                    document.agency_id,
                    document.type_id,
                    fields.Date.context_today(document, document.registration_date),
                )
                if key not in proposed:
                    proposed[key] = document._default_deadline()
                deadline = proposed[key]
            deadlines.append(deadline)
        statuses = _deadline_statuses(
            self.env,
            [(d, doc.agency_id) for d, doc in zip(deadlines, pending, strict=True)],
        )
        for document, deadline, status in zip(
            pending, deadlines, statuses, strict=True
        ):
            document.processing_deadline = deadline
            document.deadline_status = status
