from odoo import api, fields, models

from .idesk_assignment import ACTION_ROLES, OPEN_STATES


class IdeskAgency(models.Model):
    _inherit = "idesk.agency"

    def _get_head(self):
        """Who answers for a unit's work: its first leader (the head, named
        first), else its first clerk; nobody when it has neither."""
        self.ensure_one()
        return self.leader_ids.sorted("id")[:1] or self.clerk_ids.sorted("id")[:1]


class IdeskAssignment(models.Model):
    """The deadline of an assignment that requires action is a ``mail.activity``
    (type "To process") on the document, for the person who must act: the
    assignee, or the head of the assigned unit. It shows in Odoo's activity
    views, the systray and the calendar; it is marked done when the assignment
    is done and cancelled when it is returned or recalled. The daily reminders
    go to its responsible (``idesk_assignment_reminder``).
    """

    _inherit = "idesk.assignment"

    activity_id = fields.Many2one(
        "mail.activity",
        string="Deadline activity",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    activity_user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        related="activity_id.user_id",
        help="Whose activities show this deadline: the person assigned, or the head of the unit.",
    )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        assignments = super().create(vals_list)
        assignments._activity_sync()
        return assignments

    def write(self, vals):
        result = super().write(vals)
        if {"state", "deadline"} & vals.keys():
            self._activity_sync()
        return result

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _requires_action(self):
        self.ensure_one()
        return (
            self.role in ACTION_ROLES
            and bool(self.deadline)
            and self.state in OPEN_STATES
            and not self.document_id.recalled
        )

    def _activity_responsible(self):
        self.ensure_one()
        return self.user_id or self.agency_id._get_head()

    def _activity_sync(self):
        """Schedule, move, close or cancel the deadline activities of these
        assignments after their state or deadline changed. The writes are
        iDESK's own (sudo): whoever moved the assignment had the right to."""
        activity_type = self.env.ref("idesk_distribution.mail_activity_type_to_process")
        for assignment in self.sudo().with_context(mail_activity_quick_update=True):
            activity = assignment.activity_id
            if assignment._requires_action():
                if activity:
                    if activity.date_deadline != assignment.deadline:
                        activity.date_deadline = assignment.deadline
                    continue
                user = assignment._activity_responsible()
                if not user:
                    continue
                # The assignment's own notification has told them already
                # (mail_activity_quick_update: no second "assigned to you" mail).
                assignment.activity_id = assignment.document_id.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    date_deadline=assignment.deadline,
                    summary=assignment._role_label(),
                )
            elif activity:
                if assignment.state == "done":
                    activity.action_feedback(feedback=assignment.result_note or False)
                else:
                    activity.unlink()
