from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .idesk_assignment import ACTION_ROLES

# What may still change on a recalled document (mail thread bookkeeping).
RECALL_WRITABLE = {
    "message_main_attachment_id",
    "activity_ids",
    "message_follower_ids",
    "shared_user_ids",
}


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

    # Processing fields are readonly: only the direction, sending and recall
    # actions write them (idesk_security's protected fields).
    direction_note = fields.Text(
        string="Leader's direction", tracking=True, copy=False, readonly=True
    )
    directed_by_id = fields.Many2one(
        "res.users", string="Directed by", readonly=True, copy=False
    )
    direction_entered_by_id = fields.Many2one(
        "res.users", string="Direction entered by", readonly=True, copy=False
    )
    direction_date = fields.Datetime(readonly=True, copy=False)
    direction_attachment_id = fields.Many2one(
        "ir.attachment", string="Direction written on paper", readonly=True, copy=False
    )
    direction_author_label = fields.Char(compute="_compute_direction_author_label")
    assignment_ids = fields.One2many(
        "idesk.assignment",
        "document_id",
        string="Assignments",
        copy=False,
        readonly=True,
    )
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
    received_copy_ids = fields.One2many(
        "idesk.document",
        "source_document_id",
        string="Registered copies",
        readonly=True,
    )
    scan_pdf = fields.Binary(
        related="scan_attachment_id.datas", string="Scanned document"
    )
    can_direct = fields.Boolean(compute="_compute_can_direct")
    can_distribute = fields.Boolean(compute="_compute_can_direct")
    my_assignment_ids = fields.One2many(
        "idesk.assignment",
        compute="_compute_my_assignment_ids",
        string="My assignments",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "state",
        "direction",
        "recalled",
        "directed_by_id",
        "assignment_ids.state",
        "assignment_ids.role",
        "assignment_ids.transfer_ids",
        "assignment_ids.parent_id",
    )
    def _compute_process_state(self):
        for document in self:
            # A returned assignment that was re-directed counts through its successor;
            # officers' assignments are the units' internal work.
            assignments = document.assignment_ids.filtered(
                lambda a: (
                    a.state != "recalled" and not a.transfer_ids and not a.parent_id
                )
            )
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
                state = (
                    "in_progress"
                    if any(a.state == "received" for a in assignments)
                    else "done"
                )
            elif document.directed_by_id:
                state = "done"
            elif document.direction == "incoming":
                state = "to_direct"
            else:
                state = False
            document.process_state = state

    @api.depends(
        "assignment_ids.deadline",
        "assignment_ids.role",
        "assignment_ids.state",
        "assignment_ids.parent_id",
    )
    def _compute_deadline(self):
        for document in self:
            actions = document.assignment_ids.filtered(
                lambda a: (
                    a.role in ACTION_ROLES
                    and a.deadline
                    and a.state not in ("recalled", "returned")
                    and not a.parent_id
                )
            )
            lead = actions.filtered(lambda a: a.role == "lead")
            document.deadline = min((lead or actions).mapped("deadline"), default=False)

    @api.depends("directed_by_id", "direction_entered_by_id")
    def _compute_direction_author_label(self):
        for document in self:
            leader, clerk = document.directed_by_id, document.direction_entered_by_id
            if leader and clerk and clerk != leader:
                document.direction_author_label = _(
                    "entered by %(clerk)s for %(leader)s",
                    clerk=clerk.name,
                    leader=leader.name,
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
                allowed
                and document.direction == "incoming"
                and document.process_state == "to_direct"
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
        return self.agency_id._idesk_keeps_books(user, self.direction)

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
                raise UserError(
                    _("Only a registered incoming document can be directed.")
                )
            if document.recalled:
                raise UserError(
                    _(
                        "%(doc)s has been recalled by its sender.",
                        doc=document.display_name,
                    )
                )
            if document.process_state != "to_direct":
                raise UserError(
                    _("%(doc)s has already been directed.", doc=document.display_name)
                )
            if not document._is_leader_of(leader):
                raise AccessError(
                    _(
                        "%(user)s is not a leader of %(agency)s.",
                        user=leader.name,
                        agency=document.agency_id.name,
                    )
                )
            if user != leader and not document._is_clerk_of(user):
                raise AccessError(
                    _(
                        "Only a leader, or a clerk recording a leader's direction, can direct a document."
                    )
                )

    def _check_can_send(self):
        user = self.env.user
        for document in self:
            if not (document._is_clerk_of(user) or document._is_leader_of(user)):
                raise AccessError(
                    _(
                        "Only a clerk or a leader of %(agency)s can do this.",
                        agency=document.agency_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    def write(self, vals):
        if (
            not self.env.su
            and set(vals) - RECALL_WRITABLE
            and any(self.mapped("recalled"))
        ):
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
