from odoo import fields, models


class IdeskScanUploadWizard(models.TransientModel):
    """Upload kept out of ``ir.attachment`` until every check has passed."""

    _name = "idesk.scan.upload.wizard"
    _description = "Attach a scan"
    _inherit = ["idesk.input.mixin"]

    document_id = fields.Many2one("idesk.document", required=True, ondelete="cascade")
    file_data = fields.Binary(
        string="Scan (PDF or image)", attachment=False, required=True
    )
    file_name = fields.Char()
    line_ids = fields.One2many(
        "idesk.scan.upload.line", "wizard_id", string="Further pages (images)"
    )

    def action_confirm(self):
        self.ensure_one()
        files = [
            (self.file_name or "scan", self.document_id._decode_upload(self.file_data))
        ]
        files += [
            (line.file_name or "page", self.document_id._decode_upload(line.file_data))
            for line in self.line_ids
        ]
        self.document_id._attach_scan(files)
        return {"type": "ir.actions.act_window_close"}


class IdeskScanUploadLine(models.TransientModel):
    _name = "idesk.scan.upload.line"
    _description = "Page of a scan"
    _inherit = ["idesk.input.mixin"]

    wizard_id = fields.Many2one(
        "idesk.scan.upload.wizard", required=True, ondelete="cascade"
    )
    file_data = fields.Binary(string="Page", attachment=False, required=True)
    file_name = fields.Char()
