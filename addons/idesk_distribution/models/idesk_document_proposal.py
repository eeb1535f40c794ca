from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# The recipients of a direction, as the direction wizard names them.
ROLE_FIELDS = (
    "lead_agency_id",
    "lead_user_id",
    "lead_deadline",
    "cooperate_agency_ids",
    "cooperate_user_ids",
    "cooperate_deadline",
    "info_agency_ids",
    "info_user_ids",
)


class IdeskAgency(models.Model):
    """Who proposes and who decides the direction of the agency's incoming
    documents, set by the network administrator (Decree 30/2020 art. 23:
    the head of the Office proposes, a leader decides)."""

    _inherit = "idesk.agency"

    direction_proposer_ids = fields.Many2many(
        "res.users",
        "idesk_agency_direction_proposer_rel",
        "agency_id",
        "user_id",
        string="Propose directions",
        domain="[('idesk_is_staff', '=', True)]",
        help="Who records a proposal (units, persons, deadline) on the incoming "
        "documents before a leader directs them: the head of the Office, or the "
        "person he names. Empty: the leaders direct without a proposal.",
    )
    direction_decider_ids = fields.Many2many(
        "res.users",
        "idesk_agency_direction_decider_rel",
        "agency_id",
        "user_id",
        string="Decide on proposals",
        domain="[('idesk_is_staff', '=', True)]",
        help="The leaders a proposal may go to. Empty: the agency's leaders.",
    )


class IdeskDocumentProposal(models.Model):
    """Đề xuất phân phối: the proposal of who should handle an incoming
    document, recorded for the leader who decides.

    ======================  =================================================
    Who                     May
    ======================  =================================================
    a proposer of the       record it from the document (``action_propose``,
    agency                  the direction wizard in proposal mode)
    the leader it goes to   confirm it in one tap (``action_confirm_proposal``)
    (or another decider)    or open the direction wizard pre-filled with it
                            (``action_change``)
    ======================  =================================================

    Every field is set by these actions (readonly: protected); the document's
    chatter shows the proposal and the decision.
    """

    _name = "idesk.document.proposal"
    _description = "Direction proposal"
    _inherit = ["idesk.input.mixin"]
    _order = "id desc"
    _rec_name = "document_id"

    document_id = fields.Many2one(
        "idesk.document",
        string="Document",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    agency_id = fields.Many2one(
        related="document_id.agency_id", store=True, index=True, string="Agency"
    )
    proposed_by_id = fields.Many2one("res.users", string="Proposed by", readonly=True)
    decider_id = fields.Many2one(
        "res.users", string="Goes to", readonly=True, index=True
    )
    note = fields.Text(string="Proposal", readonly=True)
    lead_agency_id = fields.Many2one("idesk.agency", string="Lead unit", readonly=True)
    lead_user_id = fields.Many2one("res.users", string="Lead person", readonly=True)
    lead_deadline = fields.Date(string="Lead deadline", readonly=True)
    cooperate_agency_ids = fields.Many2many(
        "idesk.agency",
        "idesk_document_proposal_coop_agency_rel",
        string="Cooperating units",
        readonly=True,
    )
    cooperate_user_ids = fields.Many2many(
        "res.users",
        "idesk_document_proposal_coop_user_rel",
        string="Cooperating persons",
        readonly=True,
    )
    cooperate_deadline = fields.Date(string="Cooperation deadline", readonly=True)
    info_agency_ids = fields.Many2many(
        "idesk.agency",
        "idesk_document_proposal_info_agency_rel",
        string="Units for information",
        readonly=True,
    )
    info_user_ids = fields.Many2many(
        "res.users",
        "idesk_document_proposal_info_user_rel",
        string="Persons for information",
        readonly=True,
    )
    state = fields.Selection(
        [
            ("waiting", "Waiting for the decision"),
            ("confirmed", "Confirmed"),
            ("changed", "Changed by the leader"),
            ("cancelled", "Cancelled"),
        ],
        default="waiting",
        required=True,
        readonly=True,
        index=True,
    )
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_date = fields.Datetime(string="Decided on", readonly=True)
    can_decide = fields.Boolean(compute="_compute_can_decide")

    @api.depends_context("uid")
    @api.depends("state", "document_id.process_state")
    def _compute_can_decide(self):
        for proposal in self:
            proposal.can_decide = proposal._is_decidable() and proposal._is_decider(
                self.env.user
            )

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    def _is_decidable(self):
        self.ensure_one()
        return (
            self.state == "waiting"
            and self.document_id.process_state == "to_direct"
            and not self.document_id.recalled
        )

    def _is_decider(self, user):
        self.ensure_one()
        document = self.document_id
        return document._is_leader_of(user) and (
            user == self.decider_id or user in document._get_direction_deciders()
        )

    def _check_can_decide(self):
        for proposal in self:
            if not proposal._is_decider(self.env.user):
                raise AccessError(
                    _(
                        "Only %(leader)s or another leader who decides for %(agency)s "
                        "can decide on this proposal.",
                        leader=proposal.decider_id.name,
                        agency=proposal.agency_id.name,
                    )
                )
            if not proposal._is_decidable():
                raise UserError(
                    _(
                        "This proposal on %(doc)s is no longer waiting for a decision.",
                        doc=proposal.document_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_confirm_proposal(self):
        """One tap: direct the document exactly as proposed."""
        self.ensure_one()
        self._check_can_decide()
        wizard = self._direction_wizard()
        wizard.action_confirm()
        return {"type": "ir.actions.act_window_close"}

    def action_change(self):
        """Open the direction wizard pre-filled with the proposal."""
        self.ensure_one()
        self._check_can_decide()
        return self.document_id.action_direct()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _direction_wizard(self):
        self.ensure_one()
        return (
            self.env["idesk.direction.wizard"]
            .with_context(default_document_id=self.document_id.id)
            .create({})
        )

    def _wizard_values(self):
        """The direction wizard's values for this proposal."""
        self.ensure_one()
        values = {
            "direction_note": self.note,
            "lead_agency_id": self.lead_agency_id.id,
            "lead_user_id": self.lead_user_id.id,
            "lead_deadline": self.lead_deadline,
            "cooperate_deadline": self.cooperate_deadline,
        }
        for name in (
            "cooperate_agency_ids",
            "cooperate_user_ids",
            "info_agency_ids",
            "info_user_ids",
        ):
            values[name] = [fields.Command.set(self[name].ids)]
        return values

    def _recipients_key(self, record):
        """What a decision may change: recipients and deadlines."""
        return tuple(
            record[name].ids if name.endswith(("_ids", "_id")) else record[name]
            for name in ROLE_FIELDS
        )

    def _do_decide(self, wizard):
        """Record the leader's decision on the proposal: as proposed or changed."""
        self.ensure_one()
        changed = self._recipients_key(self) != self._recipients_key(wizard)
        leader = wizard.directed_by_id
        self.sudo().write(
            {
                "state": "changed" if changed else "confirmed",
                "decided_by_id": leader.id,
                "decided_date": fields.Datetime.now(),
            }
        )
        message = (
            _(
                "%(leader)s changed the proposal of %(proposer)s.",
                leader=leader.name,
                proposer=self.proposed_by_id.name,
            )
            if changed
            else _(
                "%(leader)s confirmed the proposal of %(proposer)s.",
                leader=leader.name,
                proposer=self.proposed_by_id.name,
            )
        )
        self.document_id.sudo().message_post(
            body=Markup("<p>%s</p>") % message, subtype_xmlid="mail.mt_note"
        )

    def _summary(self):
        """One line per role, for the chatter and the decider's notification."""
        self.ensure_one()
        rows = []
        for label, units, persons, deadline in (
            (
                _("Lead"),
                self.lead_agency_id,
                self.lead_user_id,
                self.lead_deadline,
            ),
            (
                _("Cooperating"),
                self.cooperate_agency_ids,
                self.cooperate_user_ids,
                self.cooperate_deadline,
            ),
            (_("For information"), self.info_agency_ids, self.info_user_ids, False),
        ):
            names = units.mapped("name") + persons.mapped("name")
            if not names:
                continue
            row = f"{label}: {', '.join(names)}"
            if deadline:
                row += " — " + _(
                    "deadline %(date)s", date=deadline.strftime("%d/%m/%Y")
                )
            rows.append(row)
        return rows


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    proposal_ids = fields.One2many(
        "idesk.document.proposal", "document_id", string="Proposals", readonly=True
    )
    can_propose = fields.Boolean(compute="_compute_can_propose")
    can_decide_proposal = fields.Boolean(compute="_compute_can_propose")

    @api.depends_context("uid")
    @api.depends(
        "process_state", "agency_id.direction_proposer_ids", "proposal_ids.state"
    )
    def _compute_can_propose(self):
        user = self.env.user
        for document in self:
            document.can_propose = (
                document.direction == "incoming"
                and document.process_state == "to_direct"
                and not document.recalled
                and user in document.agency_id.direction_proposer_ids
            )
            proposal = document._waiting_proposal(user)
            document.can_decide_proposal = bool(
                proposal and proposal._is_decidable() and proposal._is_decider(user)
            )

    def action_confirm_proposal(self):
        """One tap on the document: direct it as the proposal waiting for me says."""
        self.ensure_one()
        proposal = self._waiting_proposal(self.env.user)
        if not proposal:
            raise UserError(
                _("No proposal waits for a decision on %(doc)s.", doc=self.display_name)
            )
        return proposal.with_env(self.env).action_confirm_proposal()

    def _get_direction_deciders(self):
        """The leaders a proposal on this document may go to."""
        self.ensure_one()
        return self.agency_id.direction_decider_ids or self._get_leaders()

    def _waiting_proposal(self, user):
        """The proposal a leader decides now: the one that goes to ``user``,
        else the latest one waiting."""
        self.ensure_one()
        waiting = self.sudo().proposal_ids.filtered(lambda p: p.state == "waiting")
        return (waiting.filtered(lambda p: p.decider_id == user) or waiting)[:1]

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_propose(self):
        self.ensure_one()
        self._check_can_propose()
        return {
            "type": "ir.actions.act_window",
            "name": _("Propose the direction"),
            "res_model": "idesk.direction.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_document_id": self.id, "default_is_proposal": True},
        }

    # ------------------------------------------------------------------
    # Rights and business
    # ------------------------------------------------------------------
    def _check_can_propose(self, decider=None):
        user = self.env.user
        for document in self:
            if user not in document.agency_id.direction_proposer_ids:
                raise AccessError(
                    _(
                        "Only the persons named to propose directions for %(agency)s "
                        "can propose one.",
                        agency=document.agency_id.name,
                    )
                )
            if (
                document.direction != "incoming"
                or document.process_state != "to_direct"
                or document.recalled
            ):
                raise UserError(
                    _(
                        "Only a registered incoming document waiting for direction "
                        "can get a proposal: %(doc)s.",
                        doc=document.display_name,
                    )
                )
            if decider is not None and not (
                decider in document._get_direction_deciders()
                and document._is_leader_of(decider)
            ):
                raise UserError(
                    _(
                        "%(user)s does not decide the directions of %(agency)s.",
                        user=decider.name,
                        agency=document.agency_id.name,
                    )
                )

    def _do_propose(self, decider, note, values):
        """Record the proposal (replacing a waiting one) and tell the leader."""
        self.ensure_one()
        if not (note or "").strip():
            raise UserError(_("Write the proposal."))
        Proposal = self.env["idesk.document.proposal"].sudo()
        self.sudo().proposal_ids.filtered(lambda p: p.state == "waiting").write(
            {"state": "cancelled"}
        )
        proposal = Proposal.create(
            dict(
                values,
                document_id=self.id,
                proposed_by_id=self.env.user.id,
                decider_id=decider.id,
                note=note,
            )
        )
        summary = proposal._summary()
        body = Markup("<p><b>%s</b> %s</p>") % (
            _(
                "Proposal of %(proposer)s to %(leader)s:",
                proposer=self.env.user.name,
                leader=decider.name,
            ),
            note,
        )
        if summary:
            body += Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % row for row in summary
            )
        self.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        self.env["idesk.assignment"]._notify_partners(
            decider.partner_id,
            _("Proposal to direct: %(doc)s", doc=self.display_name),
            body,
            record=self,
        )
        return proposal


class IdeskHome(models.AbstractModel):
    _inherit = "idesk.home"

    @api.model
    def _get_home_counters(self):
        counters = super()._get_home_counters()
        if self.env.user.has_group("idesk_security.group_idesk_leader"):
            label = _("Proposals waiting for me")
            counters.append(
                {
                    "key": "proposals_mine",
                    "sequence": 22,
                    "label": label,
                    "severity": "warning",
                    "action": self._home_list_action(
                        "idesk_distribution.action_idesk_document_proposal_mine",
                        label,
                        [
                            ("decider_id", "=", self.env.user.id),
                            ("state", "=", "waiting"),
                        ],
                    ),
                }
            )
        return counters
