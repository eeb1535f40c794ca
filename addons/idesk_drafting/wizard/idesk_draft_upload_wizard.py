import base64

from odoo import fields, models


class IdeskDraftUploadWizard(models.TransientModel):
    _name = "idesk.draft.upload.wizard"
    _description = "Upload a version of a draft"
    _inherit = ["idesk.input.mixin"]

    draft_id = fields.Many2one("idesk.draft", required=True, ondelete="cascade")
    kind = fields.Selection(
        [("main", "Text of the document"), ("appendix", "Appendix")],
        required=True,
        default="main",
    )
    file = fields.Binary(string="File", required=True, attachment=False)
    filename = fields.Char(size=255)

    def action_upload(self):
        self.ensure_one()
        self.draft_id._add_version(
            self.filename, base64.b64decode(self.file or b""), self.kind
        )
        return {"type": "ir.actions.act_window_close"}
