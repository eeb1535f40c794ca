import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import scan


class IdeskScanUploadWizard(models.TransientModel):
    """Upload kept out of ``ir.attachment`` until every check has passed.

    Each file is checked when the wizard or a page line is saved, so that a
    refused file is never stored, not even in the wizard's table."""

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            _check_upload(self.env, vals, "scan")
        return super().create(vals_list)

    def write(self, vals):
        _check_upload(self.env, vals, "scan")
        return super().write(vals)

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            _check_upload(self.env, vals, "page", further_page=True)
        return super().create(vals_list)

    def write(self, vals):
        _check_upload(self.env, vals, "page", further_page=True)
        return super().write(vals)


def _check_upload(env, vals, default_name, further_page=False):
    """Refuse the file in ``vals`` as ``_attach_scan`` would; further pages
    can only be images (a PDF comes alone)."""
    if not vals.get("file_data"):
        return  # nothing uploaded: the required field says so
    try:
        data = base64.b64decode(vals["file_data"])
    except (binascii.Error, TypeError, ValueError):
        return  # not base64: idesk.input.mixin refuses it with its message
    Document = env["idesk.document"]
    kind = Document._check_scan_file(vals.get("file_name") or default_name, data)[0]
    if further_page and kind == "pdf":
        raise UserError(Document._scan_error_message("mixed", ""))
    if further_page and vals.get("wizard_id"):
        first = env["idesk.scan.upload.wizard"].browse(vals["wizard_id"]).file_data
        if first and scan.sniff(base64.b64decode(first)) == "pdf":
            raise UserError(Document._scan_error_message("mixed", ""))
