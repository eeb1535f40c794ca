import logging
import subprocess
import time

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import ocr

_logger = logging.getLogger(__name__)

OCR_MAX_ATTEMPTS = 3
OCR_MAX_PAGES_PARAM = "idesk_registry.ocr_max_pages"
# About 300 dense pages; the rest of a longer text is not kept.
OCR_TEXT_MAX = 1_000_000


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    # Written only by the text recognition (readonly: see idesk_security's
    # protected fields).
    ocr_state = fields.Selection(
        [
            ("none", "No scan"),
            ("pending", "Waiting"),
            ("done", "Read"),
            ("failed", "Failed"),
        ],
        string="Text recognition",
        default="none",
        required=True,
        copy=False,
        index=True,
        readonly=True,
    )
    # Machine-read text may hold "<…>" of the paper or of an error: never refused.
    ocr_text = fields.Text(
        string="Scanned text",
        copy=False,
        readonly=True,
        size=OCR_TEXT_MAX,
        allow_markup=True,
    )
    ocr_attempts = fields.Integer(copy=False, readonly=True)
    ocr_error = fields.Char(copy=False, readonly=True, allow_markup=True)
    ocr_number_symbol = fields.Char(
        string="Suggested number and symbol", copy=False, readonly=True
    )
    ocr_document_date = fields.Date(string="Suggested date", copy=False, readonly=True)
    ocr_type_id = fields.Many2one(
        "idesk.document.type", string="Suggested type", copy=False, readonly=True
    )
    ocr_issuing_body = fields.Char(
        string="Suggested issuing body", copy=False, readonly=True, allow_markup=True
    )
    ocr_summary = fields.Text(
        string="Suggested summary", copy=False, readonly=True, allow_markup=True
    )
    ocr_has_suggestion = fields.Boolean(compute="_compute_ocr_has_suggestion")

    @api.depends(
        "ocr_number_symbol",
        "ocr_document_date",
        "ocr_type_id",
        "ocr_issuing_body",
        "ocr_summary",
    )
    def _compute_ocr_has_suggestion(self):
        for document in self:
            document.ocr_has_suggestion = bool(
                document.ocr_number_symbol
                or document.ocr_document_date
                or document.ocr_type_id
                or document.ocr_issuing_body
                or document.ocr_summary
            )

    @api.model
    def _cron_read_scans(self, limit=10):
        """Read the waiting scans in the background; failures are retried later."""
        documents = self.search(
            [
                ("ocr_state", "in", ("pending", "failed")),
                ("ocr_attempts", "<", OCR_MAX_ATTEMPTS),
                ("scan_attachment_id", "!=", False),
            ],
            limit=limit,
            order="urgency_priority desc, id",
        )
        for index, document in enumerate(documents):
            document._do_ocr()
            self.env["ir.cron"]._notify_progress(
                done=index + 1, remaining=len(documents) - index - 1
            )
        return documents

    def _do_ocr(self):
        for document in self:
            max_pages = int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param(OCR_MAX_PAGES_PARAM, 20)
            )
            start = time.monotonic()
            try:
                with self.env.cr.savepoint():
                    text = ocr.pdf_to_text(
                        document.scan_attachment_id.sudo().raw, max_pages=max_pages
                    )
                    document._registry_sudo().write(document._ocr_values(text))
            except (
                OSError,
                RuntimeError,
                ValueError,
                subprocess.SubprocessError,
            ) as error:
                # Tesseract, poppler or a damaged file: retry later
                _logger.warning("OCR failed for document %s: %s", document.id, error)
                document._registry_sudo().write(
                    {
                        "ocr_state": "failed",
                        "ocr_attempts": document.ocr_attempts + 1,
                        "ocr_error": str(error)[:250],
                    }
                )
                continue
            _logger.info(
                "OCR of document %s took %.1fs", document.id, time.monotonic() - start
            )

    def _ocr_values(self, text):
        types = self.env["idesk.document.type"].search([("name", "!=", False)])
        doc_type = ocr.find_type(text, types)
        # a misread year (2926) is no suggestion, and would be refused
        found_date = ocr.find_date(text)
        earliest, latest = self._input_date_range()
        return {
            "ocr_text": text[:OCR_TEXT_MAX],
            "ocr_state": "done",
            "ocr_attempts": self.ocr_attempts + 1,
            "ocr_error": False,
            "ocr_number_symbol": ocr.find_number_symbol(text),
            "ocr_document_date": found_date
            if found_date and earliest <= found_date <= latest
            else False,
            "ocr_type_id": doc_type.id if doc_type else False,
            "ocr_issuing_body": ocr.find_issuing_body(text),
            "ocr_summary": ocr.find_summary(text),
        }

    def action_apply_ocr_suggestions(self):
        """Copy what the recognition found into the document's fields."""
        self._check_can_register()
        for document in self:
            if document.state == "cancelled":
                raise UserError(_("A cancelled document cannot be changed."))
            vals = {}
            if document.ocr_number_symbol and document.direction == "incoming":
                vals["origin_number_symbol"] = document.ocr_number_symbol
            if (
                document.ocr_document_date
                and document.ocr_document_date <= fields.Date.context_today(self)
            ):
                vals["document_date"] = document.ocr_document_date
            if document.ocr_type_id:
                vals["type_id"] = document.ocr_type_id.id
            if (
                document.ocr_issuing_body
                and document.direction == "incoming"
                and not (document.issuing_agency_id or document.issuing_partner_id)
            ):
                vals["issuing_body_name"] = document.ocr_issuing_body
            if document.ocr_summary:
                vals["summary"] = document.ocr_summary
            if not vals:
                raise UserError(_("The text recognition found nothing to suggest."))
            document.write(vals)
            document._post_registry_note(
                body=_("Suggestions of the text recognition applied.")
            )
        return True

    def action_retry_ocr(self):
        self._check_can_register()
        self.filtered("scan_attachment_id")._registry_sudo().write(
            {"ocr_state": "pending", "ocr_attempts": 0}
        )
        return True
