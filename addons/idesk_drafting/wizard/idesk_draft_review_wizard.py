from odoo import api, fields, models


class IdeskDraftReviewWizard(models.TransientModel):
    _name = "idesk.draft.review.wizard"
    _description = "Decision on a draft"
    _inherit = ["idesk.input.mixin"]

    draft_id = fields.Many2one("idesk.draft", required=True, ondelete="cascade")
    decision = fields.Selection(
        [
            ("approve", "Approve"),
            ("sign", "Sign"),
            ("return", "Return to the drafter"),
            ("forward", "Forward"),
        ],
        required=True,
    )
    comment = fields.Text()
    forward_user_id = fields.Many2one(
        "res.users",
        string="Forward to",
        domain="[('id', 'in', forward_candidate_ids), ('idesk_is_staff', '=', True)]",
    )
    forward_candidate_ids = fields.Many2many(
        "res.users",
        string="Possible reviewers",
        compute="_compute_forward_candidate_ids",
    )
    consent = fields.Boolean(
        string="I approve this document as its signer",
        help="Until digital signatures are in use, this recorded approval stands "
        "for the signature; the document states it.",
    )
    signature_preview = fields.Char(compute="_compute_signature_preview")

    @api.depends("draft_id", "decision")
    def _compute_forward_candidate_ids(self):
        for wizard in self:
            draft = wizard.draft_id
            step = draft.current_step_id
            # Only the reviewer the step reached is offered anyone (checked
            # again when he confirms).
            wizard.forward_candidate_ids = (
                draft._forward_candidates(step.kind) - self.env.user
                if step and step.user_id == self.env.user
                else self.env["res.users"]
            )

    def _compute_signature_preview(self):
        for wizard in self:
            draft = wizard.draft_id
            wizard.signature_preview = " ".join(
                p
                for p in (
                    draft.signer_authority,
                    draft.signer_position,
                    self.env.user.name,
                )
                if p
            )

    def action_confirm(self):
        self.ensure_one()
        self.draft_id._do_review(
            self.decision,
            comment=self.comment,
            forward_user=self.forward_user_id,
            consent=self.consent,
        )
        return {"type": "ir.actions.act_window_close"}
