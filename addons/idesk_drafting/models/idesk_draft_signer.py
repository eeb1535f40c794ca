from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Agencies that are a People's Committee themselves (the town, a ward, a
# commune); an Office or a specialised office belongs to one.
COMMITTEE_KINDS = ("committee", "ward", "commune")


class IdeskDraft(models.Model):
    """Who may sign a draft and to whom a reviewer may forward it.

    The signer is a leader of the issuing agency or of the People's Committee
    it belongs to: the Office issues on behalf of its committee (TM. UBND,
    signed by the chairman or a vice-chairman). A reviewer forwards only to
    someone who could review this draft legitimately: staff of the drafting
    unit, of the issuing agency or of its committee's Office, or an eligible
    signer; never the drafter, never other agencies' staff.
    """

    _inherit = "idesk.draft"

    signer_candidate_ids = fields.Many2many(
        "res.users",
        string="Eligible signers",
        compute="_compute_signer_candidate_ids",
        help="The leaders of the issuing agency and of its People's Committee.",
    )

    @api.model
    def _committee_of(self, agency):
        """The People's Committee ``agency`` is part of (itself when it is one)."""
        agency = agency.sudo()
        while agency and agency.kind not in COMMITTEE_KINDS:
            agency = agency.parent_id
        return agency

    @api.model
    def _signers_of(self, issuer):
        """Leaders who may sign what ``issuer`` issues. sudo: the leaders of
        another agency, whoever drafts (names only, never their documents)."""
        issuer = issuer.sudo()
        leaders = issuer.leader_ids | self._committee_of(issuer).leader_ids
        return leaders.filtered(
            lambda u: u.active and u.has_group("idesk_security.group_idesk_leader")
        )

    @api.depends("issuing_agency_id")
    def _compute_signer_candidate_ids(self):
        for draft in self:
            draft.signer_candidate_ids = self._signers_of(draft.issuing_agency_id)

    def _forward_candidates(self, step_kind):
        """The people the current step may be forwarded to: for the signature,
        an eligible signer; otherwise also the staff and leaders of the
        drafting unit, of the issuing agency and of its committee's Office."""
        self.ensure_one()
        draft = self.sudo()
        signers = self._signers_of(draft.issuing_agency_id)
        if step_kind == "signer":
            people = signers
        else:
            committee = self._committee_of(draft.issuing_agency_id)
            offices = committee.child_ids.filtered(lambda a: a.kind == "office")
            agencies = draft.agency_id | draft.issuing_agency_id | offices
            people = (
                agencies.user_ids | agencies.leader_ids | agencies.clerk_ids | signers
            )
        return (
            people.filtered(
                lambda u: (
                    u.active
                    and not u.share
                    and u.has_group("idesk_security.group_idesk_officer")
                )
            )
            - draft.drafter_id
        )

    @api.onchange("issuing_agency_id")
    def _onchange_issuing_agency_signer(self):
        if self.signer_id and self.signer_id not in self.signer_candidate_ids:
            self.signer_id = False

    def _signer_error(self, signer):
        issuer = self.sudo().issuing_agency_id
        committee = self._committee_of(issuer)
        return _(
            "%(user)s cannot sign a document issued by %(issuer)s: only a leader "
            "of %(issuer)s or of %(committee)s signs it.",
            user=signer.name,
            issuer=issuer.name,
            committee=committee.name or issuer.name,
        )

    @api.constrains("signer_id", "issuing_agency_id")
    def _check_signer_of_issuer(self):
        for draft in self.filtered("signer_id"):
            if draft.signer_id not in self._signers_of(draft.issuing_agency_id):
                raise ValidationError(draft._signer_error(draft.signer_id))

    def _check_ready_to_submit(self):
        result = super()._check_ready_to_submit()
        # Checked again at submission: the leaders of an agency change.
        if self.signer_id not in self._signers_of(self.issuing_agency_id):
            raise UserError(self._signer_error(self.signer_id))
        return result

    def _chain_steps(self):
        steps = super()._chain_steps()
        # A chain may name the signing step's reviewer: he must be eligible too.
        signers = self._signers_of(self.issuing_agency_id)
        for kind, user, _days in steps:
            if kind == "signer" and user not in signers:
                raise UserError(self._signer_error(user))
        return steps

    def _check_forward_to(self, step, user):
        """Refuse forwarding ``step`` to ``user`` unless he could review it."""
        self.ensure_one()
        if user == self.sudo().drafter_id:
            raise UserError(
                _("The draft goes back to its drafter by returning it, not forwarding.")
            )
        if user not in self._forward_candidates(step.kind):
            if step.kind == "signer":
                raise UserError(self._signer_error(user))
            raise UserError(
                _(
                    "%(user)s cannot review this draft: forward it to a leader or an "
                    "officer of the drafting unit, of the issuing agency or of the "
                    "Office, or to a leader who may sign it.",
                    user=user.name,
                )
            )
