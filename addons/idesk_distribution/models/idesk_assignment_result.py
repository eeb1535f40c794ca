from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .idesk_assignment import OPEN_STATES

# What the officer reports; frozen while the unit reviews it and once accepted.
RESULT_FIELDS = {"result_note", "reply_document_id", "result_attachment_ids"}


class IdeskAssignment(models.Model):
    """Results of delegated work (Decree 30/2020 art. 24.1.c–d).

    The officer reports the result of his assignment: a text, files and/or
    the reply document (the outgoing ``idesk.document`` drafted and issued
    in iDESK). A head or delegate of the unit accepts it or returns it with
    a reason. Accepting the lead officer's result completes the unit's
    assignment with that result; a cooperating unit's completed result is
    readable on the lead's assignment (``cooperation_ids``).

    Every finished assignment stores its completion: ``completion_date``
    (the day it was done: for delegated work, the day the result was
    accepted), ``late_working_days`` (working days after the deadline, on
    the unit's ``resource.calendar`` with the public holidays) and
    ``completion_status`` (on time / late): the weekly status counts these.
    """

    _inherit = "idesk.assignment"

    result_attachment_ids = fields.Many2many(
        "ir.attachment",
        "idesk_assignment_result_attachment_rel",
        "assignment_id",
        "attachment_id",
        string="Result files",
        copy=False,
    )
    result_state = fields.Selection(
        [
            ("submitted", "Reported"),
            ("accepted", "Accepted"),
            ("returned", "Returned for rework"),
        ],
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    result_submitted_date = fields.Datetime(
        string="Reported on", readonly=True, copy=False
    )
    result_reviewed_by_id = fields.Many2one(
        "res.users", string="Reviewed by", readonly=True, copy=False
    )
    result_return_reason = fields.Text(
        string="Reason for rework", readonly=True, copy=False
    )
    completion_date = fields.Date(
        compute="_compute_completion", store=True, string="Completed on"
    )
    late_working_days = fields.Integer(
        compute="_compute_completion",
        store=True,
        string="Working days late",
        help="Working days of the unit's calendar between the deadline and the completion.",
    )
    completion_status = fields.Selection(
        [("on_time", "On time"), ("late", "Late")],
        compute="_compute_completion",
        store=True,
        index=True,
    )
    can_review_result = fields.Boolean(compute="_compute_can_review_result")
    cooperation_ids = fields.Many2many(
        "idesk.assignment",
        compute="_compute_cooperation_ids",
        string="Cooperating units' results",
    )

    @api.depends("state", "done_date", "deadline", "recipient_agency_id")
    def _compute_completion(self):
        for assignment in self:
            if assignment.state != "done" or not assignment.done_date:
                assignment.completion_date = False
                assignment.late_working_days = 0
                assignment.completion_status = False
                continue
            done = fields.Date.context_today(assignment, assignment.done_date)
            agency = assignment.recipient_agency_id or assignment.sender_agency_id
            late = 0
            if assignment.deadline and done > assignment.deadline and agency:
                late = agency.sudo()._count_working_days(assignment.deadline, done)
            assignment.completion_date = done
            assignment.late_working_days = late
            assignment.completion_status = "late" if late > 0 else "on_time"

    @api.depends_context("uid")
    @api.depends("result_state", "state", "parent_id")
    def _compute_can_review_result(self):
        for assignment in self:
            assignment.can_review_result = (
                assignment.result_state == "submitted"
                and assignment.state in OPEN_STATES
                and bool(assignment.parent_id)
                and assignment.parent_id._is_unit_head(self.env.user)
            )

    @api.depends_context("uid")
    @api.depends("role", "parent_id", "document_id")
    def _compute_cooperation_ids(self):
        # Searched as the user: the lead unit reads the cooperating units'
        # assignments through a record rule, nobody else gains them here.
        Assignment = self.env["idesk.assignment"]
        for assignment in self:
            if assignment.role != "lead" or assignment.parent_id:
                assignment.cooperation_ids = Assignment
                continue
            assignment.cooperation_ids = Assignment.search(
                [
                    ("document_id", "=", assignment.document_id.id),
                    ("parent_id", "=", False),
                    ("role", "=", "cooperate"),
                    ("state", "!=", "recalled"),
                ]
            )

    @api.constrains("result_attachment_ids")
    def _check_result_attachments(self):
        # A result file is one uploaded to this assignment, never another record's.
        for assignment in self:
            foreign = assignment.result_attachment_ids.sudo().filtered_domain(
                [
                    "|",
                    ("res_model", "!=", "idesk.assignment"),
                    ("res_id", "!=", assignment.id),
                ]
            )
            if foreign:
                raise ValidationError(
                    _(
                        "Upload the result files to this assignment: %(names)s "
                        "belong to another record.",
                        names=", ".join(foreign.mapped("name")),
                    )
                )

    def write(self, vals):
        if (
            not self.env.su
            and RESULT_FIELDS & set(vals)
            and any(a.result_state in ("submitted", "accepted") for a in self)
        ):
            raise UserError(
                _(
                    "The result has been reported: it changes only if the unit returns it."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_report_result(self):
        """The officer reports his result to the unit."""
        self._check_can_process()
        for assignment in self:
            if not assignment.parent_id:
                raise UserError(
                    _("Only work handed down by a unit is reported to its head.")
                )
            if assignment.state not in OPEN_STATES:
                raise UserError(
                    _(
                        "%(doc)s is no longer being processed.",
                        doc=assignment.document_id.display_name,
                    )
                )
            if assignment.result_state == "submitted":
                raise UserError(_("The result has already been reported."))
            if not (assignment.result_note or "").strip():
                raise UserError(_("Write the result before reporting it."))
            reply = assignment.reply_document_id
            if reply:
                # The officer shows only a reply he can open himself.
                reply.check_access("read")
                if reply.direction != "outgoing":
                    raise UserError(_("The reply is an outgoing document."))
        self._do_report_result()

    def action_accept_result(self):
        """A head of the unit accepts the officer's result."""
        self._check_can_review_result()
        self._do_accept_result()

    def action_return_result(self, reason=None):
        """A head of the unit returns the result for rework, with a reason;
        without ``reason`` it opens the form asking for it."""
        self._check_can_review_result()
        if reason is None:
            self.ensure_one()
            return {
                "type": "ir.actions.act_window",
                "name": _("Return the result"),
                "res_model": "idesk.result.return.wizard",
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "new",
                "context": {"default_assignment_id": self.id},
            }
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(_("Write why the result is returned."))
        self._do_return_result(reason.strip())
        return True

    def _check_can_review_result(self):
        for assignment in self:
            if not (
                assignment.parent_id
                and assignment.parent_id._is_unit_head(self.env.user)
            ):
                raise AccessError(
                    _(
                        "Only a head of %(unit)s (or a delegate the unit named) "
                        "accepts or returns its officers' results.",
                        unit=assignment.recipient_agency_id.name or _("the unit"),
                    )
                )
            if (
                assignment.result_state != "submitted"
                or assignment.state not in OPEN_STATES
            ):
                raise UserError(_("There is no reported result to review."))

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _unit_heads(self):
        """Partners of the heads and delegates of this assignment's unit."""
        unit = self.recipient_agency_id
        return (unit.leader_ids | unit.assignment_delegate_ids).partner_id

    def _do_report_result(self):
        now = fields.Datetime.now()
        self._do_start()
        for assignment in self.sudo():
            assignment.write(
                {
                    "result_state": "submitted",
                    "result_submitted_date": now,
                    "result_return_reason": False,
                }
            )
            parent = assignment.parent_id
            self._notify_partners(
                parent._unit_heads(),
                _("Result to review: %(doc)s", doc=assignment.document_id.display_name),
                Markup("<p>%s</p><p>%s</p>")
                % (
                    _(
                        "%(officer)s reported the result: accept it or return it.",
                        officer=assignment.user_id.name,
                    ),
                    assignment.result_note,
                ),
                record=assignment.document_id,
            )

    def _do_accept_result(self):
        """Accept: the officer's assignment is done; the lead officer's result
        becomes the unit's and completes it."""
        for assignment in self.sudo():
            assignment.write(
                {"result_state": "accepted", "result_reviewed_by_id": self.env.uid}
            )
            assignment._do_done()
            parent = assignment.parent_id
            if assignment.role != "lead" or parent.state not in OPEN_STATES:
                continue
            files = self.env["ir.attachment"]
            for attachment in assignment.result_attachment_ids:
                files |= attachment.copy(
                    {"res_model": "idesk.assignment", "res_id": parent.id}
                )
            parent.write(
                {
                    "result_note": assignment.result_note,
                    "reply_document_id": assignment.reply_document_id.id,
                    "result_attachment_ids": [fields.Command.set(files.ids)],
                }
            )
            parent._do_done()
            self._notify_partners(
                assignment.user_id.partner_id,
                _("Result accepted: %(doc)s", doc=assignment.document_id.display_name),
                Markup("<p>%s</p>")
                % _("%(head)s accepted your result.", head=self.env.user.name),
                record=assignment.document_id,
            )

    def _do_return_result(self, reason):
        for assignment in self.sudo():
            assignment.write(
                {
                    "result_state": "returned",
                    "result_return_reason": reason,
                    "result_reviewed_by_id": self.env.uid,
                }
            )
            self._notify_partners(
                assignment.user_id.partner_id,
                _("Result returned: %(doc)s", doc=assignment.document_id.display_name),
                Markup("<p>%s</p><p>%s</p>")
                % (
                    _(
                        "%(head)s returned your result for rework:",
                        head=self.env.user.name,
                    ),
                    reason,
                ),
                record=assignment.document_id,
            )

    def _do_done(self):
        res = super()._do_done()
        # A cooperating unit reports its part to the lead (Decree 30/2020 art. 24.1.d).
        for assignment in self.filtered(
            lambda a: a.role == "cooperate" and not a.parent_id
        ).sudo():
            lead = assignment.document_id.assignment_ids.filtered(
                lambda a: a.role == "lead" and not a.parent_id and a.state != "recalled"
            )
            partners = lead.user_id.partner_id | lead._unit_heads()
            if lead.agency_id:
                partners |= lead.agency_id.clerk_ids.partner_id
            self._notify_partners(
                partners,
                _(
                    "Cooperation result: %(doc)s",
                    doc=assignment.document_id.display_name,
                ),
                Markup("<p>%s</p><p>%s</p>")
                % (
                    _(
                        "%(unit)s reported its part.",
                        unit=(assignment.agency_id or assignment.user_id).display_name,
                    ),
                    assignment.result_note or "",
                ),
                record=assignment.document_id,
            )
        return res
