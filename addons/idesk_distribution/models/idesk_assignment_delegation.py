from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .idesk_assignment import ACTION_ROLES, LEADER_FIELDS, OPEN_STATES


class IdeskAssignment(models.Model):
    """Delegation down the tree (Decree 30/2020 art. 24.1.c): a unit that
    received a lead or cooperating role hands it to its officers.

    Each officer gets a child assignment (``parent_id``) with their own role
    inside the unit (one lead officer, others cooperating) and their own
    deadline, never later than the unit's. The unit's heads and delegates
    (``idesk.agency._is_head_or_delegate``) delegate and follow the children
    on the unit's assignment. Child assignments are the unit's internal
    work: the document's state, deadline and the weekly status count the
    unit's assignment only.
    """

    _inherit = "idesk.assignment"

    parent_id = fields.Many2one(
        "idesk.assignment",
        string="Delegated from",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The unit's assignment this officer's assignment was handed down from.",
    )
    child_ids = fields.One2many(
        "idesk.assignment",
        "parent_id",
        string="Officers",
        readonly=True,
    )
    child_count = fields.Integer(compute="_compute_child_count")
    can_delegate = fields.Boolean(compute="_compute_can_delegate")
    is_my_unit_work = fields.Boolean(
        compute="_compute_is_my_unit_work",
        search="_search_is_my_unit_work",
        help="A lead or cooperating role of a unit the user heads (or is a delegate of).",
    )

    @api.depends("child_ids")
    def _compute_child_count(self):
        for assignment in self:
            assignment.child_count = len(assignment.child_ids)

    @api.depends_context("uid")
    @api.depends("state", "role", "parent_id", "agency_id", "recipient_agency_id")
    def _compute_can_delegate(self):
        for assignment in self:
            assignment.can_delegate = assignment._delegation_refusal() is None

    @api.depends_context("uid")
    @api.depends("role", "parent_id", "agency_id", "recipient_agency_id")
    def _compute_is_my_unit_work(self):
        for assignment in self:
            assignment.is_my_unit_work = (
                assignment.role in ACTION_ROLES
                and bool(assignment.agency_id)
                and not assignment.parent_id
                and assignment._is_unit_head(self.env.user)
            )

    def _search_is_my_unit_work(self, operator, value):
        uid = self.env.uid
        domain = [
            ("parent_id", "=", False),
            ("agency_id", "!=", False),
            ("role", "in", ACTION_ROLES),
            "|",
            ("recipient_agency_id.leader_ids", "in", [uid]),
            ("recipient_agency_id.assignment_delegate_ids", "in", [uid]),
        ]
        if (operator == "=") == bool(value):
            return domain
        return ["!", *domain]

    @api.constrains("deadline", "parent_id")
    def _check_deadline_within_unit(self):
        for assignment in self:
            pairs = [(assignment, assignment.parent_id)] if assignment.parent_id else []
            pairs += [(child, assignment) for child in assignment.child_ids]
            for child, parent in pairs:
                if (
                    child.state != "recalled"
                    and child.deadline
                    and parent.deadline
                    and child.deadline > parent.deadline
                ):
                    raise ValidationError(
                        _(
                            "The deadline of %(officer)s (%(child)s) is later than the "
                            "unit's deadline (%(parent)s): an officer's deadline must "
                            "fall within the unit's.",
                            officer=child.user_id.name or child.agency_id.name,
                            child=child.deadline.strftime("%d/%m/%Y"),
                            parent=parent.deadline.strftime("%d/%m/%Y"),
                        )
                    )

    @api.constrains("role", "parent_id")
    def _check_one_lead_officer(self):
        for parent in self.parent_id:
            leads = parent.child_ids.filtered(
                lambda a: a.role == "lead" and a.state not in ("recalled", "returned")
            )
            if len(leads) > 1:
                raise ValidationError(
                    _(
                        "One officer leads the unit's work on %(doc)s.",
                        doc=parent.document_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _is_unit_head(self, user):
        """The heads and delegates of the unit this assignment went to."""
        self.ensure_one()
        unit = self.recipient_agency_id
        return bool(unit) and unit._is_head_or_delegate(user)

    def _delegation_refusal(self):
        """Why the current user may not delegate this assignment, as the
        exception to raise (None: he may)."""
        self.ensure_one()
        if not self._is_unit_head(self.env.user):
            return AccessError(
                _(
                    "Only a head of %(unit)s (or a delegate the unit named) hands its "
                    "work to officers.",
                    unit=self.recipient_agency_id.name or _("the unit"),
                )
            )
        if self.parent_id or not self.agency_id:
            return UserError(_("Only work sent to a unit is handed to its officers."))
        if self.role not in ACTION_ROLES:
            return UserError(
                _("Only a lead or cooperating role is handed to officers.")
            )
        if self.state not in OPEN_STATES or self.document_id.recalled:
            return UserError(
                _(
                    "%(doc)s is no longer being processed.",
                    doc=self.document_id.display_name,
                )
            )
        return None

    def _check_can_write(self, vals):
        # An officer's deadline is set by his unit's head when handing the work
        # down: the document's clerk, who records the directing leader's
        # decisions, does not move it (the leader may, within the unit's).
        if LEADER_FIELDS & set(vals):
            for assignment in self.filtered("parent_id"):
                if not assignment.document_id._is_leader_of(self.env.user):
                    raise AccessError(
                        _(
                            "The deadline of an officer's work is set by the head of "
                            "%(unit)s when handing it down.",
                            unit=assignment.recipient_agency_id.name,
                        )
                    )
        return super()._check_can_write(vals)

    def _check_can_delegate(self):
        for assignment in self:
            refusal = assignment._delegation_refusal()
            if refusal:
                raise refusal

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_delegate(self):
        """Open the form that hands the unit's role to its officers."""
        self.ensure_one()
        self._check_can_delegate()
        return {
            "type": "ir.actions.act_window",
            "name": _("Hand to officers"),
            "res_model": "idesk.delegation.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_assignment_id": self.id},
        }

    def action_done(self):
        # An officer's work is finished when the unit accepts it, not by himself.
        if self.filtered("parent_id"):
            raise UserError(
                _(
                    "Report your result to the head of your unit, who accepts it "
                    "(button Report result)."
                )
            )
        return super().action_done()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _do_delegate(self, lines):
        """Create the officers' assignments under this unit's assignment.

        :param lines: list of dicts with ``user_id``, ``role`` (lead or
            cooperate) and ``deadline``
        :return: the child assignments
        """
        self.ensure_one()
        self._check_can_delegate()
        if not lines:
            raise UserError(_("Choose at least one officer."))
        Users = self.env["res.users"]
        unit = self.recipient_agency_id
        today = fields.Date.context_today(self)
        open_children = self.child_ids.filtered(lambda c: c.state in OPEN_STATES)
        seen = open_children.user_id
        for line in lines:
            officer = Users.browse(line.get("user_id")).exists()
            if not officer:
                raise UserError(_("Choose the officer of each line."))
            if not officer.idesk_is_staff or officer.agency_id not in self.env[
                "idesk.agency"
            ].sudo().search([("id", "child_of", unit.id)]):
                raise UserError(
                    _(
                        "%(officer)s does not work in %(unit)s.",
                        officer=officer.name,
                        unit=unit.name,
                    )
                )
            if officer in seen:
                raise UserError(
                    _(
                        "%(officer)s already has this work.",
                        officer=officer.name,
                    )
                )
            seen |= officer
            if line.get("role") not in ACTION_ROLES:
                raise UserError(_("An officer leads or cooperates."))
            deadline = line.get("deadline")
            if not deadline:
                raise UserError(_("Give %(officer)s a deadline.", officer=officer.name))
            deadline = fields.Date.to_date(deadline)
            if deadline < today:
                raise UserError(_("A deadline cannot be in the past."))
            if self.deadline and deadline > self.deadline:
                raise UserError(
                    _(
                        "The deadline of %(officer)s (%(child)s) is later than the "
                        "unit's deadline (%(parent)s): an officer's deadline must "
                        "fall within the unit's.",
                        officer=officer.name,
                        child=deadline.strftime("%d/%m/%Y"),
                        parent=self.deadline.strftime("%d/%m/%Y"),
                    )
                )
        leads = [line for line in lines if line["role"] == "lead"]
        has_lead = any(
            c.role == "lead" and c.state not in ("recalled", "returned")
            for c in self.child_ids
        )
        if len(leads) + int(has_lead) != 1:
            raise UserError(
                _("One officer leads the unit's work (chủ trì): choose exactly one.")
            )
        # Checked above: the current user heads the unit; the children are
        # created by the system as the directions are.
        children = (
            self.env["idesk.assignment"]
            .sudo()
            .create(
                [
                    {
                        "document_id": self.document_id.id,
                        "parent_id": self.id,
                        "user_id": line["user_id"],
                        "role": line["role"],
                        "deadline": line["deadline"],
                    }
                    for line in lines
                ]
            )
        )
        self._do_start()
        self.document_id.sudo().message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                _(
                    "%(head)s handed the work of %(unit)s to:",
                    head=self.env.user.name,
                    unit=unit.name,
                ),
                ", ".join(
                    f"{c.user_id.name} ({c._role_label()}, {c.deadline.strftime('%d/%m/%Y')})"
                    for c in children
                ),
            ),
            subtype_xmlid="mail.mt_note",
        )
        # The officers get access to the document and are told, as any assignee
        # (the deadline activity, when there is one, comes from the same path).
        children._do_send()
        return children.with_env(self.env)
