import base64

from odoo import fields, models


class IdeskDraftSignedUploadWizard(models.TransientModel):
    _name = "idesk.draft.signed.upload.wizard"
    _description = "Upload a PDF the leader signed on his computer"
    _inherit = ["idesk.input.mixin"]

    draft_id = fields.Many2one("idesk.draft", required=True, ondelete="cascade")
    signed_file = fields.Binary(string="Signed PDF", required=True)
    signed_filename = fields.Char()
    consent = fields.Boolean(string="I approve this document as its signer")

    def action_confirm(self):
        self.ensure_one()
        self.draft_id._accept_signed_upload(
            base64.b64decode(self.signed_file or b""), consent=self.consent
        )
        return {"type": "ir.actions.act_window_close"}
