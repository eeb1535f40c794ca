from odoo import _, api, fields, models
from odoo.exceptions import UserError


class IdeskDraft(models.Model):
    """Signing from a phone in one tap and one confirmation: the form's "Sign"
    button asks the leader's consent in the browser's confirmation dialog and
    calls this action, which records it (one request; then the form reloads).
    The wizard of ``action_sign`` stays for a comment with the signature."""

    _inherit = "idesk.draft"

    pdf_file = fields.Binary(
        string="Text of the draft",
        compute="_compute_pdf_file",
        help="The PDF reviewers read (shown in the form on a phone).",
    )

    @api.depends("version_ids")
    def _compute_pdf_file(self):
        for draft in self:
            # sudo: the file of a draft the user reads (the form's read checked it).
            draft.pdf_file = draft.pdf_attachment_id.sudo().datas

    def action_sign_with_consent(self):
        """The signing leader's approval with consent, confirmed in the dialog
        of the button (the call itself is the recorded consent)."""
        self.ensure_one()
        step = self._check_reviewer()
        if step.kind != "signer":
            raise UserError(_("This step is a review, not the signature."))
        self._do_review("sign", consent=True)
        return True
