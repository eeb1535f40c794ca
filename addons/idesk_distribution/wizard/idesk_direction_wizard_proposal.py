from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class IdeskDirectionWizard(models.TransientModel):
    """The direction wizard also records a proposal (``is_proposal``: the
    proposer chooses the leader it goes to in ``directed_by_id``), and opens
    pre-filled with the proposal waiting for the leader who directs."""

    _inherit = "idesk.direction.wizard"

    is_proposal = fields.Boolean(readonly=True)
    proposal_id = fields.Many2one(
        "idesk.document.proposal", string="Proposal", readonly=True
    )
    proposed_by_id = fields.Many2one(related="proposal_id.proposed_by_id")

    @api.constrains("proposal_id", "document_id")
    def _check_proposal_of_document(self):
        for wizard in self:
            if (
                wizard.proposal_id
                and wizard.proposal_id.sudo().document_id != wizard.document_id
            ):
                raise ValidationError(
                    _("This proposal is not waiting on this document.")
                )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get("is_proposal") or self.env.context.get("default_is_proposal"):
            return values
        document = self._default_document()
        if not document:
            return values
        proposal = document._waiting_proposal(self.env.user)
        if proposal:
            prefill = dict(proposal._wizard_values(), proposal_id=proposal.id)
            if not document._is_leader_of(self.env.user):
                # a clerk recording the decision: the leader it went to
                prefill["directed_by_id"] = proposal.decider_id.id
            values.update(
                {name: value for name, value in prefill.items() if name in fields_list}
            )
        return values

    def _default_directed_by(self):
        if self.env.context.get("default_is_proposal"):
            document = self._default_document()
            return document._get_direction_deciders()[:1] if document else False
        return super()._default_directed_by()

    @api.depends("directed_by_id", "is_proposal")
    def _compute_entered_for_leader(self):
        result = super()._compute_entered_for_leader()
        for wizard in self.filtered("is_proposal"):
            wizard.entered_for_leader = False
        return result

    def action_confirm(self):
        self.ensure_one()
        if self.is_proposal:
            return self._action_confirm_proposal()
        proposal = self.proposal_id
        if proposal and (
            proposal.document_id != self.document_id or proposal.state != "waiting"
        ):
            raise UserError(_("This proposal is not waiting on this document."))
        result = super().action_confirm()
        if proposal:
            proposal._do_decide(self)
        # Directed: no other proposal waits any more.
        self.document_id.sudo().proposal_ids.filtered(
            lambda p: p.state == "waiting"
        ).write({"state": "cancelled"})
        return result

    def _action_confirm_proposal(self):
        document = self.document_id
        document._check_can_propose(self.directed_by_id)
        today = fields.Date.context_today(self)
        lines = self._prepare_lines()
        if not any(line["role"] == "lead" for line in lines) and any(
            line["role"] == "cooperate" for line in lines
        ):
            raise UserError(
                _("Cooperating units need a lead (chủ trì) unit or person.")
            )
        for line in lines:
            if line["role"] != "info" and not line.get("deadline"):
                raise UserError(_("Each unit or person who must act needs a deadline."))
            if line.get("deadline") and line["deadline"] < today:
                raise UserError(_("A deadline cannot be in the past."))
        values = {
            "lead_agency_id": self.lead_agency_id.id,
            "lead_user_id": self.lead_user_id.id,
            "lead_deadline": self.lead_deadline if lines else False,
            "cooperate_deadline": self.cooperate_deadline
            if self.cooperate_agency_ids or self.cooperate_user_ids
            else False,
        }
        for name in (
            "cooperate_agency_ids",
            "cooperate_user_ids",
            "info_agency_ids",
            "info_user_ids",
        ):
            values[name] = [fields.Command.set(self[name].ids)]
        if not (self.lead_agency_id or self.lead_user_id):
            values["lead_deadline"] = False
        document._do_propose(self.directed_by_id, self.direction_note, values)
        return {"type": "ir.actions.act_window_close"}
