from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

OPEN_STATES = ("received", "read", "in_progress")
ACTION_ROLES = ("lead", "cooperate")
# What an assignee may write by hand; everything else moves through actions.
ASSIGNEE_FIELDS = {
    "result_note",
    "reply_document_id",
    "result_attachment_ids",
    "return_reason",
}
# What the directing leader (or the clerk for him) may still adjust by hand.
LEADER_FIELDS = {"deadline"}


class IdeskAssignment(models.Model):
    """One recipient of a document: a person or an agency, with a role and,
    for action roles, a deadline (Decree 30/2020 art. 23).

    ========================  ==========================================================
    Who                       May
    ========================  ==========================================================
    leader of the document's  create assignments (direction), change their deadlines
    agency (or a clerk for
    that leader)
    the assignee (person)     open (read time), start, mark done with a result, return
    clerk of the recipient    register the received copy into the agency's incoming
    agency                    book in one action, or return a misaddressed document
    sender (document agency)  see every recipient's state and dates; recall
    ========================  ==========================================================
    """

    _name = "idesk.assignment"
    _description = "Document assignment"
    _inherit = ["idesk.input.mixin"]
    _order = "document_id desc, role_sequence, id"
    _rec_name = "document_id"

    document_id = fields.Many2one(
        "idesk.document",
        string="Document",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sender_agency_id = fields.Many2one(
        related="document_id.agency_id", string="Sender agency", store=True, index=True
    )
    role = fields.Selection(
        [
            ("lead", "Lead (chủ trì)"),
            ("cooperate", "Cooperating (phối hợp)"),
            ("info", "For information (để biết)"),
        ],
        required=True,
        default="info",
    )
    role_sequence = fields.Integer(compute="_compute_role_sequence", store=True)
    user_id = fields.Many2one(
        "res.users", string="Person", index=True, ondelete="restrict"
    )
    agency_id = fields.Many2one(
        "idesk.agency", string="Agency", index=True, ondelete="restrict"
    )
    recipient_agency_id = fields.Many2one(
        "idesk.agency",
        string="Recipient agency",
        compute="_compute_recipient_agency_id",
        store=True,
        index=True,
    )
    deadline = fields.Date(index=True)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("read", "Read"),
            ("in_progress", "In progress"),
            ("done", "Done"),
            ("returned", "Returned"),
            ("recalled", "Recalled"),
        ],
        default="received",
        required=True,
        index=True,
    )
    read_date = fields.Datetime(string="Read on", readonly=True, copy=False)
    start_date = fields.Datetime(string="Started on", readonly=True, copy=False)
    done_date = fields.Datetime(string="Done on", readonly=True, copy=False)
    returned_date = fields.Datetime(string="Returned on", readonly=True, copy=False)
    done_late = fields.Boolean(compute="_compute_done_late", store=True)
    result_note = fields.Text(string="Result")
    reply_document_id = fields.Many2one(
        "idesk.document",
        string="Reply document",
        domain="[('direction', '=', 'outgoing')]",
        help="The outgoing document that answers this one.",
    )
    return_reason = fields.Text()
    received_document_id = fields.Many2one(
        "idesk.document",
        string="Registered copy",
        readonly=True,
        copy=False,
        help="The copy registered in the recipient agency's incoming book.",
    )
    reminded_before = fields.Date(readonly=True, copy=False)
    reminded_after = fields.Date(readonly=True, copy=False)
    is_mine = fields.Boolean(compute="_compute_is_mine", search="_search_is_mine")

    _sql_constraints = [
        (
            "one_recipient",
            "CHECK((user_id IS NULL) <> (agency_id IS NULL))",
            "An assignment goes to one person or one agency.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("role")
    def _compute_role_sequence(self):
        order = {"lead": 1, "cooperate": 2, "info": 3}
        for assignment in self:
            assignment.role_sequence = order.get(assignment.role, 9)

    @api.depends("user_id.agency_id", "agency_id")
    def _compute_recipient_agency_id(self):
        for assignment in self:
            assignment.recipient_agency_id = (
                assignment.agency_id or assignment.user_id.agency_id
            )

    @api.depends("done_date", "deadline")
    def _compute_done_late(self):
        for assignment in self:
            assignment.done_late = bool(
                assignment.done_date
                and assignment.deadline
                and fields.Date.context_today(assignment, assignment.done_date)
                > assignment.deadline
            )

    def _compute_is_mine(self):
        for assignment in self:
            assignment.is_mine = assignment._is_assignee(self.env.user)

    def _search_is_mine(self, operator, value):
        user = self.env.user
        domain = [
            "|",
            ("user_id", "=", user.id),
            "&",
            ("agency_id", "!=", False),
            "|",
            ("agency_id.clerk_ids", "in", user.ids),
            ("agency_id.leader_ids", "in", user.ids),
        ]
        if (operator == "=") == bool(value):
            return domain
        return ["!", *domain]

    @api.constrains("role", "document_id")
    def _check_one_lead(self):
        for document in self.document_id:
            # an officer leading inside the unit is the unit's, not the document's
            leads = document.assignment_ids.filtered(
                lambda a: (
                    a.role == "lead"
                    and a.state not in ("recalled", "returned")
                    and not a.parent_id
                )
            )
            if len(leads) > 1:
                raise ValidationError(
                    _(
                        "A document has only one lead (chủ trì) unit or person: %(doc)s.",
                        doc=document.display_name,
                    )
                )

    @api.depends("document_id", "user_id", "agency_id")
    def _compute_display_name(self):
        for assignment in self:
            recipient = assignment.user_id or assignment.agency_id
            assignment.display_name = (
                f"{assignment.document_id.display_name} → {recipient.display_name}"
            )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su:
            self._check_can_write(vals)
        return super().write(vals)

    def _check_can_write(self, vals):
        user = self.env.user
        fields_written = set(vals)
        for assignment in self:
            document = assignment.document_id
            allowed = set()
            if document._is_leader_of(user) or document._is_clerk_of(user):
                allowed |= LEADER_FIELDS
            if assignment._is_assignee(user):
                allowed |= ASSIGNEE_FIELDS
            if not fields_written <= allowed:
                raise AccessError(
                    _(
                        "Only the leader who directs %(doc)s can change its assignments.",
                        doc=document.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _is_assignee(self, user):
        self.ensure_one()
        if self.user_id:
            return self.user_id == user
        return user in self.agency_id.clerk_ids or user in self.agency_id.leader_ids

    def _check_can_process(self):
        for assignment in self:
            if not assignment._is_assignee(self.env.user):
                raise AccessError(
                    _(
                        "Only %(who)s can process this assignment of %(doc)s.",
                        who=(assignment.user_id or assignment.agency_id).display_name,
                        doc=assignment.document_id.display_name,
                    )
                )
            if assignment.state == "recalled" or assignment.document_id.recalled:
                raise UserError(
                    _(
                        "The sender has recalled %(doc)s.",
                        doc=assignment.document_id.display_name,
                    )
                )

    def _check_can_register_received(self):
        user = self.env.user
        for assignment in self:
            agency = assignment.agency_id
            # The agency's clerks, or the clerk who keeps its incoming book for it.
            if not agency or not agency._idesk_keeps_books(user, "incoming"):
                raise AccessError(
                    _(
                        "Only a clerk of the recipient agency can register %(doc)s.",
                        doc=assignment.document_id.display_name,
                    )
                )
            if assignment.state != "received":
                raise UserError(
                    _(
                        "%(doc)s cannot be registered: it is %(state)s.",
                        doc=assignment.document_id.display_name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[assignment.state],
                    )
                )

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_open_document(self):
        """Open the document; the first opening by the assignee is the read time."""
        self.ensure_one()
        self.document_id.check_access("read")
        if self._is_assignee(self.env.user):
            self._do_mark_read()
        return {
            "type": "ir.actions.act_window",
            "res_model": "idesk.document",
            "res_id": self.document_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_start(self):
        self._check_can_process()
        self._do_start()

    def action_done(self):
        self._check_can_process()
        for assignment in self:
            if (
                assignment.role in ACTION_ROLES
                and not (assignment.result_note or "").strip()
            ):
                raise UserError(
                    _("Write the result of the processing before marking it done.")
                )
        self._do_done()

    def action_return(self):
        self._check_can_process()
        for assignment in self:
            if not (assignment.return_reason or "").strip():
                raise UserError(_("Write why the document is returned."))
        self._do_return()

    def action_register_received(self):
        """Register received documents into the recipient agency's incoming book."""
        self._check_can_register_received()
        copies = self._do_register_received()
        if len(copies) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "idesk.document",
                "res_id": copies.id,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "current",
            }
        return True

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _do_mark_read(self):
        unread = self.filtered(lambda a: a.state == "received" and a.user_id)
        unread.sudo().write({"state": "read", "read_date": fields.Datetime.now()})
        unread.document_id._propagate_to_source()

    def _do_start(self):
        todo = self.filtered(lambda a: a.state in ("received", "read"))
        now = fields.Datetime.now()
        for assignment in todo.sudo():
            assignment.write(
                {
                    "state": "in_progress",
                    "start_date": now,
                    "read_date": assignment.read_date or now,
                }
            )
        todo.document_id._propagate_to_source()

    def _do_done(self):
        now = fields.Datetime.now()
        for assignment in self.sudo():
            assignment.write(
                {
                    "state": "done",
                    "done_date": now,
                    "read_date": assignment.read_date or now,
                }
            )
            assignment.document_id.message_post(
                body=Markup("%s<br/>%s")
                % (
                    _(
                        "%(who)s has finished processing.",
                        who=(assignment.user_id or assignment.agency_id).display_name,
                    ),
                    escape(assignment.result_note or ""),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.document_id._propagate_to_source()

    def _do_return(self):
        now = fields.Datetime.now()
        for assignment in self.sudo():
            assignment.write({"state": "returned", "returned_date": now})
            document = assignment.document_id
            partners = (
                document.directed_by_id | document.agency_id.clerk_ids
            ).partner_id
            self._notify_partners(
                partners,
                _("Returned: %(doc)s", doc=document.display_name),
                Markup("<p>%s</p><p>%s</p>")
                % (
                    _(
                        "%(who)s returned the document.",
                        who=(assignment.user_id or assignment.agency_id).display_name,
                    ),
                    assignment.return_reason,
                ),
                record=document,
            )
        self.document_id._propagate_to_source()

    def _do_register_received(self):
        copies = self.env["idesk.document"]
        for assignment in self:
            source = assignment.document_id.sudo()
            vals = source._prepare_received_copy_vals(assignment.agency_id)
            vals["source_document_id"] = source.id
            # The link to the sender's document is the system's (protected
            # field); the copy is then scanned and registered as the clerk.
            Document = self.env["idesk.document"]
            copy = Document._idesk_system().create(vals).with_env(Document.env)
            scan = source.scan_attachment_id
            if scan:
                copy._attach_scan([(scan.name, scan.raw)])
            # The sender's document is known: no duplicate question in the one-step registration.
            copy.with_context(idesk_confirm_duplicate=True).action_register()
            now = fields.Datetime.now()
            assignment.sudo().write(
                {"state": "read", "read_date": now, "received_document_id": copy.id}
            )
            copies |= copy
            source._post_acknowledgement(assignment, copy)
        return copies

    def _role_label(self):
        self.ensure_one()
        return dict(self._fields["role"]._description_selection(self.env))[self.role]
