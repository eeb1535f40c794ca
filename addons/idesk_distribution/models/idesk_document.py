from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .idesk_assignment import ACTION_ROLES, OPEN_STATES

# What may still change on a recalled document (mail thread bookkeeping).
RECALL_WRITABLE = {"message_main_attachment_id", "activity_ids", "message_follower_ids", "shared_user_ids"}


class IdeskDocument(models.Model):
    """Direction, distribution and follow-up of a document.

    ========================  =====================================================
    Who                       May
    ========================  =====================================================
    leader of the agency      direct (bút phê): direction, one lead, cooperating and
                              for-information recipients, deadlines
    clerk of the agency       record the direction a leader wrote on paper (with the
                              scanned page), distribute outgoing documents, recall
    assignee                  see it, process it (see ``idesk.assignment``)
    ========================  =====================================================
    """

    _inherit = "idesk.document"

    direction_note = fields.Text(string="Leader's direction", tracking=True, copy=False)
    directed_by_id = fields.Many2one("res.users", string="Directed by", readonly=True, copy=False)
    direction_entered_by_id = fields.Many2one(
        "res.users", string="Direction entered by", readonly=True, copy=False
    )
    direction_date = fields.Datetime(readonly=True, copy=False)
    direction_attachment_id = fields.Many2one(
        "ir.attachment", string="Direction written on paper", readonly=True, copy=False
    )
    direction_author_label = fields.Char(compute="_compute_direction_author_label")
    assignment_ids = fields.One2many("idesk.assignment", "document_id", string="Assignments", copy=False)
    process_state = fields.Selection(
        [
            ("to_direct", "To direct"),
            ("in_progress", "In progress"),
            ("done", "Done"),
            ("returned", "Returned"),
            ("recalled", "Recalled"),
        ],
        compute="_compute_process_state",
        store=True,
        index=True,
        tracking=True,
    )
    deadline = fields.Date(compute="_compute_deadline", store=True, index=True)
    recalled = fields.Boolean(readonly=True, copy=False, index=True)
    recall_reason = fields.Text(readonly=True, copy=False)
    recall_date = fields.Datetime(readonly=True, copy=False)
    source_document_id = fields.Many2one(
        "idesk.document",
        string="Sent by",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The sender's document this received copy was registered from.",
    )
    received_copy_ids = fields.One2many("idesk.document", "source_document_id", string="Registered copies")
    scan_pdf = fields.Binary(related="scan_attachment_id.datas", string="Scanned document")
    can_direct = fields.Boolean(compute="_compute_can_direct")
    can_distribute = fields.Boolean(compute="_compute_can_direct")
    my_assignment_ids = fields.One2many(
        "idesk.assignment", compute="_compute_my_assignment_ids", string="My assignments"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "state", "direction", "recalled", "directed_by_id", "assignment_ids.state", "assignment_ids.role"
    )
    def _compute_process_state(self):
        for document in self:
            assignments = document.assignment_ids.filtered(lambda a: a.state != "recalled")
            actions = assignments.filtered(lambda a: a.role in ACTION_ROLES)
            lead = actions.filtered(lambda a: a.role == "lead")
            if document.recalled:
                state = "recalled"
            elif document.state != "registered":
                state = False
            elif actions:
                main = lead or actions
                if all(a.state == "done" for a in main):
                    state = "done"
                elif all(a.state == "returned" for a in main):
                    state = "returned"
                else:
                    state = "in_progress"
            elif assignments:
                state = "in_progress" if any(a.state == "received" for a in assignments) else "done"
            elif document.directed_by_id:
                state = "done"
            elif document.direction == "incoming":
                state = "to_direct"
            else:
                state = False
            document.process_state = state

    @api.depends("assignment_ids.deadline", "assignment_ids.role", "assignment_ids.state")
    def _compute_deadline(self):
        for document in self:
            actions = document.assignment_ids.filtered(lambda a: a.role in ACTION_ROLES and a.deadline)
            lead = actions.filtered(lambda a: a.role == "lead")
            document.deadline = min((lead or actions).mapped("deadline"), default=False)

    @api.depends("directed_by_id", "direction_entered_by_id")
    def _compute_direction_author_label(self):
        for document in self:
            leader, clerk = document.directed_by_id, document.direction_entered_by_id
            if leader and clerk and clerk != leader:
                document.direction_author_label = _(
                    "entered by %(clerk)s for %(leader)s", clerk=clerk.name, leader=leader.name
                )
            else:
                document.direction_author_label = leader.name or False

    @api.depends_context("uid")
    @api.depends("agency_id", "process_state", "state", "direction")
    def _compute_can_direct(self):
        user = self.env.user
        for document in self:
            allowed = document._is_leader_of(user) or document._is_clerk_of(user)
            document.can_direct = (
                allowed and document.direction == "incoming" and document.process_state == "to_direct"
            )
            document.can_distribute = (
                document._is_clerk_of(user)
                and document.direction == "outgoing"
                and document.state == "registered"
                and not document.recalled
                and bool(document._undistributed_recipient_agencies())
            )

    @api.depends_context("uid")
    @api.depends("assignment_ids")
    def _compute_my_assignment_ids(self):
        for document in self:
            document.my_assignment_ids = document.assignment_ids.filtered(
                lambda a: a._is_assignee(self.env.user)
            )

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _is_leader_of(self, user):
        self.ensure_one()
        agency = self.agency_id
        if user in agency.leader_ids:
            return True
        return bool(
            user.agency_id
            and user.has_group("idesk_security.group_idesk_leader")
            and agency.parent_path
            and agency.parent_path.startswith(user.agency_id.parent_path or "-")
        )

    def _is_clerk_of(self, user):
        self.ensure_one()
        return user in self.agency_id.clerk_ids or (
            user.agency_id == self.agency_id and user.has_group("idesk_security.group_idesk_clerk")
        )

    def _get_leaders(self):
        """Who directs this document: the agency's leaders, else the parent's."""
        self.ensure_one()
        agency = self.agency_id
        while agency and not agency.leader_ids:
            agency = agency.parent_id
        return agency.leader_ids

    def _check_can_direct(self, leader):
        user = self.env.user
        for document in self:
            if document.direction != "incoming" or document.state != "registered":
                raise UserError(_("Only a registered incoming document can be directed."))
            if document.recalled:
                raise UserError(_("%(doc)s has been recalled by its sender.", doc=document.display_name))
            if document.process_state != "to_direct":
                raise UserError(_("%(doc)s has already been directed.", doc=document.display_name))
            if not document._is_leader_of(leader):
                raise AccessError(
                    _("%(user)s is not a leader of %(agency)s.", user=leader.name, agency=document.agency_id.name)
                )
            if user != leader and not document._is_clerk_of(user):
                raise AccessError(
                    _("Only a leader, or a clerk recording a leader's direction, can direct a document.")
                )

    def _check_can_send(self):
        user = self.env.user
        for document in self:
            if not (document._is_clerk_of(user) or document._is_leader_of(user)):
                raise AccessError(
                    _("Only a clerk or a leader of %(agency)s can do this.", agency=document.agency_id.name)
                )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and set(vals) - RECALL_WRITABLE and any(self.mapped("recalled")):
            raise UserError(_("A recalled document is frozen: it cannot be changed."))
        return super().write(vals)

    def web_read(self, specification):
        """The first opening of the form by an assignee is its read time."""
        result = super().web_read(specification)
        if len(self) == 1:
            mine = self.sudo().assignment_ids.filtered(
                lambda a: a.user_id == self.env.user and a.state == "received"
            )
            mine._do_mark_read()
        return result

    def _do_register(self):
        res = super()._do_register()
        self.filtered(lambda d: d.direction == "incoming")._do_present_to_leaders()
        return res

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_direct(self):
        self.ensure_one()
        user = self.env.user
        leader = user if self._is_leader_of(user) else self._get_leaders()[:1]
        self._check_can_direct(leader or user)
        return {
            "type": "ir.actions.act_window",
            "name": _("Direct"),
            "res_model": "idesk.direction.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_distribute(self):
        """Send a registered outgoing document to its internal recipient agencies."""
        self._check_can_send()
        for document in self:
            if document.direction != "outgoing" or document.state != "registered":
                raise UserError(_("Only a registered outgoing document is distributed this way."))
            if document.recalled:
                raise UserError(_("%(doc)s has been recalled.", doc=document.display_name))
            if not document._undistributed_recipient_agencies():
                raise UserError(_("%(doc)s has no internal recipient left to send to.", doc=document.display_name))
        self._do_distribute()
        return True

    def action_recall(self):
        self.ensure_one()
        self._check_can_send()
        if not self.assignment_ids or self.recalled:
            raise UserError(_("Only a sent document that is not recalled yet can be recalled."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Recall"),
            "res_model": "idesk.recall.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_open_source_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "idesk.document",
            "res_id": self.source_document_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _default_deadline(self):
        """Processing time of the document type, in working days of the agency."""
        self.ensure_one()
        days = self.type_id.processing_days or int(
            self.env["ir.config_parameter"].sudo().get_param("idesk_distribution.default_processing_days", 10)
        )
        start = fields.Date.context_today(self, self.registration_date) if self.registration_date else (
            fields.Date.context_today(self)
        )
        return self.agency_id._add_working_days(start, days)

    def _do_present_to_leaders(self):
        """The "to direct" queue of the agency's leaders, the same day (art. 7.1)."""
        activity_type = self.env.ref("idesk_distribution.mail_activity_type_to_direct")
        today = fields.Date.context_today(self)
        for document in self.sudo():
            leaders = document._get_leaders()
            for leader in leaders:
                document.activity_schedule(
                    activity_type_id=activity_type.id, user_id=leader.id, date_deadline=today
                )
            if document.is_urgent and leaders:
                self.env["idesk.assignment"]._notify_partners(
                    leaders.partner_id,
                    _("Urgent document to direct: %(doc)s", doc=document.display_name),
                    Markup("<p>%s</p><p>%s</p>") % (
                        _("An urgent document (%(urgency)s) waits for your direction.",
                          urgency=document.urgency_id.name),
                        document.summary or "",
                    ),
                    record=document,
                )

    def _do_direct(self, note, leader, lines, attachment=None):
        """Record the direction and send the assignments.

        :param lines: list of dicts with ``role``, ``user_id`` or ``agency_id``
            and ``deadline``
        """
        self.ensure_one()
        if not (note or "").strip():
            raise UserError(_("Write the direction (ý kiến chỉ đạo)."))
        leads = [line for line in lines if line["role"] == "lead"]
        if len(leads) > 1:
            raise UserError(_("Choose only one lead (chủ trì) unit or person."))
        if not leads and any(line["role"] == "cooperate" for line in lines):
            raise UserError(_("Cooperating units need a lead (chủ trì) unit or person."))
        today = fields.Date.context_today(self)
        for line in lines:
            if line["role"] in ACTION_ROLES and not line.get("deadline"):
                raise UserError(_("Each unit or person who must act needs a deadline."))
            if line.get("deadline") and line["deadline"] < today:
                raise UserError(_("A deadline cannot be in the past."))
        document = self.sudo()
        document.write(
            {
                "direction_note": note,
                "directed_by_id": leader.id,
                "direction_entered_by_id": self.env.user.id,
                "direction_date": fields.Datetime.now(),
                "direction_attachment_id": attachment.id if attachment else False,
            }
        )
        assignments = self.env["idesk.assignment"].sudo().create(
            [dict(line, document_id=document.id) for line in lines]
        )
        document.activity_feedback(
            ["idesk_distribution.mail_activity_type_to_direct"],
            feedback=_("Directed by %(leader)s", leader=leader.name),
        )
        document.message_post(
            body=Markup("<p><b>%s</b> %s</p><p>%s</p>") % (
                _("Direction (%(author)s):", author=document.direction_author_label), note,
                ", ".join(f"{a.display_name.split(' → ')[-1]} ({a._role_label()})" for a in assignments),
            ),
            subtype_xmlid="mail.mt_note",
        )
        assignments._do_send()
        document._propagate_to_source()
        return assignments

    def _undistributed_recipient_agencies(self):
        self.ensure_one()
        return self.recipient_agency_ids - self.assignment_ids.agency_id - self.agency_id

    def _do_distribute(self):
        for document in self:
            agencies = document._undistributed_recipient_agencies()
            assignments = self.env["idesk.assignment"].sudo().create(
                [{"document_id": document.id, "role": "info", "agency_id": agency.id} for agency in agencies]
            )
            assignments._do_send()
            document.message_post(
                body=_("Sent to %(agencies)s.", agencies=", ".join(agencies.mapped("name"))),
                subtype_xmlid="mail.mt_note",
            )

    def _post_acknowledgement(self, assignment, copy):
        """The sender's acknowledgement when the recipient registers the copy (art. 21.2)."""
        self.ensure_one()
        partners = (self.agency_id.clerk_ids | self.create_uid).partner_id
        self.env["idesk.assignment"]._notify_partners(
            partners,
            _("Acknowledgement: %(doc)s", doc=self.display_name),
            Markup("<p>%s</p>") % _(
                "%(agency)s registered it on %(date)s with arrival number %(number)s.",
                agency=assignment.agency_id.name,
                date=fields.Datetime.context_timestamp(self, copy.registration_date).strftime("%d/%m/%Y %H:%M"),
                number=copy.number_display,
            ),
            record=self,
        )

    def _propagate_to_source(self):
        """Mirror the state of a received copy on the sender's assignment."""
        for copy in self.sudo().filtered("source_document_id"):
            source_assignment = copy.source_document_id.assignment_ids.filtered(
                lambda a: a.received_document_id == copy
            )
            state = {"in_progress": "in_progress", "done": "done", "returned": "returned"}.get(copy.process_state)
            if not source_assignment or not state or source_assignment.state == state:
                continue
            now = fields.Datetime.now()
            vals = {"state": state}
            vals.update({"in_progress": {"start_date": now}, "done": {"done_date": now},
                         "returned": {"returned_date": now}}[state])
            source_assignment.write(vals)

    def _do_recall(self, reason):
        """Freeze the sent document, withdraw the recipients' copies, tell them."""
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(_("Write why the document is recalled."))
        now = fields.Datetime.now()
        document = self.sudo()
        assignments = document.assignment_ids
        copies = assignments.received_document_id
        recall_vals = {"recalled": True, "recall_reason": reason, "recall_date": now}
        (document | copies).write(recall_vals)
        (assignments | copies.assignment_ids).write({"state": "recalled"})
        (document | copies).activity_unlink(["idesk_distribution.mail_activity_type_to_direct"])
        partners = (
            assignments.user_id
            | assignments.agency_id.clerk_ids
            | assignments.agency_id.leader_ids
            | copies.assignment_ids.user_id
        ).partner_id
        subject = _("Recalled: %(doc)s", doc=document.display_name)
        body = Markup("<p>%s</p><p>%s</p>") % (
            _("The sender has recalled this document; do not process it."), reason
        )
        self.env["idesk.assignment"]._notify_partners(partners, subject, body, record=document)
        for copy in copies:
            copy.message_post(body=body, subtype_xmlid="mail.mt_note")
