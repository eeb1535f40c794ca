import base64
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import scan
from .ir_attachment import SCAN_CHECKED

_logger = logging.getLogger(__name__)

MAX_SIZE_PARAM = "idesk_registry.scan_max_size_mb"
DEFAULT_MAX_SIZE_MB = 20


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    scan_attachment_id = fields.Many2one(
        "ir.attachment", string="Scan", readonly=True, copy=False, ondelete="restrict"
    )
    scan_sha256 = fields.Char(string="Scan SHA-256", readonly=True, copy=False, size=64)
    scan_dpi = fields.Integer(string="Scan resolution (dpi)", readonly=True, copy=False)
    stamped_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Copy with the ĐẾN stamp",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )

    @api.model
    def _scan_max_mb(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(MAX_SIZE_PARAM, DEFAULT_MAX_SIZE_MB)
        )
        try:
            return float(value)
        except ValueError:
            return float(DEFAULT_MAX_SIZE_MB)

    @api.model
    def _scan_max_bytes(self):
        return int(self._scan_max_mb() * 1024 * 1024)

    @api.model
    def _active_content_label(self, reason):
        labels = {
            "javascript": _("JavaScript"),
            "automatic_action": _("an action run when the file is opened"),
            "launch": _("a command that starts a program"),
            "embedded_file": _("an embedded file"),
            "rich_media": _("embedded media (video, Flash)"),
            "xfa": _("an XFA form"),
            "submit_form": _("a form that sends or imports data"),
        }
        return labels.get(reason, reason)

    @api.model
    def _scan_error_message(self, code, filename, detail=None):
        max_mb = f"{self._scan_max_mb():g}"
        messages = {
            "empty": _("The file %(name)s is empty (0 bytes).", name=filename),
            "too_big": _(
                "The file %(name)s is larger than the allowed %(max)s MB.",
                name=filename,
                max=max_mb,
            ),
            "not_scan": _(
                "The file %(name)s is not a PDF or an image (JPEG, PNG, TIFF), whatever its name says.",
                name=filename,
            ),
            "corrupt": _(
                "The file %(name)s is damaged and cannot be read.", name=filename
            ),
            "encrypted": _(
                "The file %(name)s is protected by a password; please scan it again.",
                name=filename,
            ),
            "mixed": _(
                "Several files can only be images of the pages; attach a PDF alone."
            ),
            "no_font": _(
                "No font with Vietnamese letters is installed to draw the stamp."
            ),
            "too_many_pixels": _(
                "The file %(name)s has pages larger than %(max)s million pixels; "
                "scan it again at 300 dpi.",
                name=filename,
                max=scan.MAX_FRAME_PIXELS // 1_000_000,
            ),
            "too_many_frames": _(
                "The file %(name)s has more than %(max)s pages; attach it as a PDF.",
                name=filename,
                max=scan.MAX_FRAMES,
            ),
            "page_too_large": _(
                "The file %(name)s has a page larger than A0; it is not a scanned page.",
                name=filename,
            ),
            "too_complex": _(
                "The file %(name)s is too complex to be checked; print it to PDF again "
                "or scan the paper.",
                name=filename,
            ),
            "active_content": _(
                "The file %(name)s contains %(reason)s, which could run or hide "
                "something when it is opened; print it to PDF again or scan the paper.",
                name=filename,
                reason=self._active_content_label(detail),
            ),
        }
        return messages.get(code, code)

    @api.model
    def _check_scan_file(self, filename, data):
        """Check one file as a scan; return ``(kind, pages, dpi)`` or raise a
        UserError saying why it is refused."""
        try:
            return scan.check_file(data, self._scan_max_bytes())
        except scan.ScanError as error:
            raise UserError(
                self._scan_error_message(error.args[0], filename, *error.args[1:])
            ) from error

    @api.model
    def _prepare_scan(self, files):
        """Check the uploaded files and return ``(pdf_bytes, page_count, dpi)``.

        ``files`` is a list of ``(filename, bytes)``. Nothing is written: a
        refused file leaves no trace.
        """
        if not files:
            raise UserError(_("Please choose the scanned file."))
        checked = [self._check_scan_file(filename, data) for filename, data in files]
        kinds = {kind for kind, _pages, _dpi in checked}
        if "pdf" in kinds and len(files) > 1:
            raise UserError(self._scan_error_message("mixed", ""))
        if kinds == {"pdf"}:
            pdf = files[0][1]
        else:
            try:
                pdf = scan.images_to_pdf([data for _name, data in files])
            except scan.ScanError as error:
                raise UserError(
                    self._scan_error_message(error.args[0], files[0][0])
                ) from error
        pages = sum(p for _kind, p, _dpi in checked)
        dpis = [d for _kind, _p, d in checked if d]
        return pdf, pages, round(min(dpis)) if dpis else 0

    def _attach_scan(self, files):
        """Attach the scan: originals kept unaltered with their SHA-256, one PDF
        for reading and OCR, and for a registered incoming document the copy
        with the ĐẾN stamp. A corrected scan is a new version: the previous
        files stay beside it, untouched, and the chatter keeps both hashes."""
        self.ensure_one()
        self._check_can_register()
        if self.state == "cancelled":
            raise UserError(_("A cancelled document takes no scan."))
        if self.state != "draft":
            self._check_period_open()
        pdf, pages, dpi = self._prepare_scan(files)
        previous, previous_sha = self.scan_attachment_id, self.scan_sha256
        Attachment = self._scan_attachments()
        base_name = (
            self.number_display or self.origin_number_symbol or "scan"
        ).replace("/", "-")
        if len(files) == 1 and scan.sniff(files[0][1]) == "pdf":
            scan_attachment = Attachment.create(
                self._scan_attachment_vals(files[0][0], pdf)
            )
        else:
            for filename, data in files:
                Attachment.create(self._scan_attachment_vals(filename, data))
            scan_attachment = Attachment.create(
                self._scan_attachment_vals(f"{base_name}.pdf", pdf)
            )
        vals = {
            "scan_attachment_id": scan_attachment.id,
            "scan_sha256": scan.sha256(pdf),
            "scan_dpi": dpi,
            "ocr_state": "pending",
            "ocr_attempts": 0,
        }
        self._registry_sudo().write(vals)
        if not self.page_count:
            self.write({"page_count": pages})
        if previous:
            body = _(
                "Scan replaced: previous version %(old)s (SHA-256 %(old_sha)s), "
                "new version %(new)s (%(pages)s pages, SHA-256 %(new_sha)s). "
                "The previous version is kept.",
                old=previous.name,
                old_sha=previous_sha,
                new=scan_attachment.name,
                pages=pages,
                new_sha=vals["scan_sha256"],
            )
        else:
            body = _(
                "Scan attached: %(name)s (%(pages)s pages, SHA-256 %(sha)s).",
                name=scan_attachment.name,
                pages=pages,
                sha=vals["scan_sha256"],
            )
        self._post_registry_note(body=body, attachment_ids=scan_attachment.ids)
        if dpi and dpi < scan.MIN_DPI:
            self._post_registry_note(
                body=_(
                    "Warning: the scan has about %(dpi)s dpi; at least %(min)s dpi are required for "
                    "digitized copies (Appendix I, Decree 30/2020). Please scan it again if possible.",
                    dpi=dpi,
                    min=scan.MIN_DPI,
                )
            )
        if self.state == "registered" and self.direction == "incoming":
            self._make_stamped_copy()
        return True

    def _scan_attachments(self):
        """``ir.attachment`` for the files the registry checked or made itself:
        not checked again, kept byte for byte."""
        return self.env["ir.attachment"].with_context(idesk_scan_checked=SCAN_CHECKED)

    def _scan_attachment_vals(self, filename, data):
        return {
            "name": self._new_file_name(filename),
            "raw": data,
            "res_model": self._name,
            "res_id": self.id,
        }

    def _new_file_name(self, filename):
        """``filename``, or ``name (2).ext``… when the document already has a
        file of that name: versions of a scan are told apart by their names."""
        # sudo: the names of the document's own files, to number the new one.
        taken = set(
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "=", self.id)])
            .mapped("name")
        )
        stem, dot, extension = filename.rpartition(".")
        if not dot:
            stem, extension = filename, ""
        name, version = filename, 1
        while name in taken:
            version += 1
            name = f"{stem} ({version}){dot}{extension}"
        return name

    def _make_stamped_copy(self):
        """Copy of the scan whose first page carries the ĐẾN stamp."""
        self.ensure_one()
        if not self.scan_attachment_id:
            return False
        transfer = self.recipient_agency_id.name or self.recipient_user_id.name or ""
        arrival = fields.Datetime.context_timestamp(
            self, self.arrival_datetime or fields.Datetime.now()
        )
        try:
            data = scan.stamp_pdf(
                self.scan_attachment_id.sudo().raw,
                self.agency_id.name,
                self.number_display,
                arrival.strftime("%d/%m/%Y"),
                transfer,
            )
        except scan.ScanError as error:
            raise UserError(
                self._scan_error_message(error.args[0], self.scan_attachment_id.name)
            ) from error
        name = f"{self.number_display}-den.pdf"
        attachment = self._scan_attachments().create(
            self._scan_attachment_vals(name, data)
        )
        self._registry_sudo().write({"stamped_attachment_id": attachment.id})
        return attachment

    def action_upload_scan(self):
        self._check_can_register()
        return {
            "type": "ir.actions.act_window",
            "name": _("Attach the scan"),
            "res_model": "idesk.scan.upload.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_open_scan(self):
        self.ensure_one()
        # Values may sit in the transaction's cache, read there as superuser.
        self.check_access("read")
        attachment = self.stamped_attachment_id or self.scan_attachment_id
        if not attachment:
            raise UserError(_("No scan is attached yet."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}",
            "target": "new",
        }

    @api.model
    def _decode_upload(self, datas):
        return base64.b64decode(datas or b"")
