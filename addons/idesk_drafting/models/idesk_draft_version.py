import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import convert

MAX_SIZE_PARAM = "idesk_drafting.max_size_mb"
TIMEOUT_PARAM = "idesk_drafting.convert_timeout"
DEFAULT_MAX_SIZE_MB = 20
DEFAULT_TIMEOUT = 120


class IdeskDraftVersion(models.Model):
    """Every file uploaded to a draft, kept as it came, with its SHA-256, author
    and date; the text's versions are numbered. Written only by the upload."""

    _name = "idesk.draft.version"
    _description = "Version of a draft's file"
    _order = "draft_id, kind, number desc, id desc"

    draft_id = fields.Many2one(
        "idesk.draft", required=True, readonly=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [("main", "Text of the document"), ("appendix", "Appendix")],
        required=True,
        readonly=True,
    )
    number = fields.Integer(string="Version", readonly=True)
    name = fields.Char(string="File", readonly=True)
    file_type = fields.Selection(
        [("pdf", "PDF"), ("docx", "DOCX"), ("odt", "ODT")], readonly=True
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="Uploaded file", readonly=True, ondelete="restrict"
    )
    pdf_attachment_id = fields.Many2one(
        "ir.attachment", string="PDF", readonly=True, ondelete="restrict"
    )
    sha256 = fields.Char(string="SHA-256", readonly=True)
    size = fields.Integer(string="Size (bytes)", readonly=True)
    page_count = fields.Integer(string="Pages", readonly=True)
    author_id = fields.Many2one("res.users", string="Author", readonly=True)
    date = fields.Datetime(readonly=True)

    @api.depends("number", "name", "kind")
    def _compute_display_name(self):
        for version in self:
            version.display_name = (
                _("v%(number)s — %(name)s", number=version.number, name=version.name)
                if version.kind == "main"
                else version.name
            )


class IdeskDraft(models.Model):
    _inherit = "idesk.draft"

    @api.model
    def _param(self, name, default):
        value = self.env["ir.config_parameter"].sudo().get_param(name, default)
        try:
            return float(value)
        except ValueError:
            return float(default)

    @api.model
    def _draft_file_message(self, code, filename):
        max_mb = f"{self._param(MAX_SIZE_PARAM, DEFAULT_MAX_SIZE_MB):g}"
        messages = {
            "empty": _("The file %(name)s is empty (0 bytes).", name=filename),
            "too_big": _(
                "The file %(name)s is larger than the allowed %(max)s MB.",
                name=filename,
                max=max_mb,
            ),
            "unknown": _(
                "The file %(name)s is not a DOCX, ODT or PDF document, whatever its name says.",
                name=filename,
            ),
            "corrupt": _(
                "The file %(name)s is damaged and cannot be read.", name=filename
            ),
            "broken": _(
                "LibreOffice could not read %(name)s: the file is damaged or not a text "
                "document. Open it in your word processor, save it again and upload it, "
                "or upload the PDF.",
                name=filename,
            ),
            "timeout": _(
                "Converting %(name)s to PDF took too long and was stopped; upload the "
                "PDF instead.",
                name=filename,
            ),
            "no_converter": _(
                "LibreOffice is not installed on the server: upload the PDF of %(name)s.",
                name=filename,
            ),
        }
        return messages.get(code, code)

    def _add_version(self, filename, data, kind="main"):
        """Check ``data`` (DOCX, ODT or PDF) and keep it as a new version; the
        text of the document is also turned into PDF. A refused file leaves
        nothing behind: every check runs before anything is written."""
        self.ensure_one()
        self._check_drafter_unit()
        filename = (filename or "").strip() or "draft"
        max_bytes = int(self._param(MAX_SIZE_PARAM, DEFAULT_MAX_SIZE_MB) * 1024 * 1024)
        if not data:
            raise UserError(self._draft_file_message("empty", filename))
        if len(data) > max_bytes:
            raise UserError(self._draft_file_message("too_big", filename))
        try:
            file_type = convert.sniff(data)
            if not file_type:
                raise convert.DraftFileError("unknown")
            if file_type == "pdf":
                pdf = data
            else:
                pdf = convert.to_pdf(
                    data,
                    file_type,
                    timeout=self._param(TIMEOUT_PARAM, DEFAULT_TIMEOUT),
                    max_bytes=max_bytes,
                )
        except convert.DraftFileError as error:
            raise UserError(
                self._draft_file_message(error.args[0], filename)
            ) from error
        # The PDF must also pass the registry's checks (no script, no embedded
        # file, readable pages): it becomes the registered original.
        _kind, pages, _dpi = self.env["idesk.document"]._check_scan_file(filename, pdf)
        previous = self.version_ids.filtered(lambda v: v.kind == kind)
        number = max(previous.mapped("number"), default=0) + 1
        sudo = self._drafting_sudo()
        Attachment = self.env["ir.attachment"].sudo()
        original = Attachment.create(
            {
                "name": filename,
                "raw": data,
                "mimetype": convert.MIMETYPES[file_type],
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        pdf_attachment = original
        if file_type != "pdf":
            stem = filename.rsplit(".", 1)[0]
            pdf_attachment = Attachment.create(
                {
                    "name": f"{stem}.pdf",
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        sha = hashlib.sha256(data).hexdigest()
        version = (
            self.env["idesk.draft.version"]
            .sudo()
            .create(
                {
                    "draft_id": self.id,
                    "kind": kind,
                    "number": number,
                    "name": filename,
                    "file_type": file_type,
                    "attachment_id": original.id,
                    "pdf_attachment_id": pdf_attachment.id,
                    "sha256": sha,
                    "size": len(data),
                    "page_count": pages,
                    "author_id": self.env.user.id,
                    "date": fields.Datetime.now(),
                }
            )
        )
        label = (
            _("Version %(number)s of the text", number=number)
            if kind == "main"
            else _("Appendix")
        )
        sudo.message_post(
            body=_(
                "%(label)s uploaded: %(name)s (%(pages)s pages, SHA-256 %(sha)s).",
                label=label,
                name=filename,
                pages=pages,
                sha=sha,
            ),
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        return version
