import logging
import subprocess
import time

from markupsafe import Markup

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

    def _ocr_suggestions(self):
        """{field: value} the recognition suggests for this document."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        incoming = self.direction == "incoming"
        suggestions = {
            "origin_number_symbol": incoming and self.ocr_number_symbol,
            "document_date": self.ocr_document_date
            if self.ocr_document_date and self.ocr_document_date <= today
            else False,
            "type_id": self.ocr_type_id,
            "issuing_body_name": incoming
            and not (self.issuing_agency_id or self.issuing_partner_id)
            and self.ocr_issuing_body,
            "summary": self.ocr_summary,
        }
        return {name: value for name, value in suggestions.items() if value}

    def _ocr_field_is_empty(self, name):
        # The date on the paper defaults to today: a received document is
        # seldom dated the day it arrives, so today counts as not typed.
        if name == "document_date":
            return self.document_date in (False, fields.Date.context_today(self))
        return not self[name]

    def action_apply_ocr_suggestions(self):
        """Fill the empty fields with what the recognition found. A suggestion
        never replaces what a person typed: where they differ, both are written
        in the chatter for the clerk to choose."""
        self._check_can_register()
        for document in self:
            if document.state == "cancelled":
                raise UserError(_("A cancelled document cannot be changed."))
            suggestions = document._ocr_suggestions()
            if not suggestions:
                raise UserError(_("The text recognition found nothing to suggest."))
            vals, kept = {}, []
            for name, value in suggestions.items():
                if document._ocr_field_is_empty(name):
                    vals[name] = value.id if name == "type_id" else value
                elif document[name] != value:
                    kept.append((name, value))
            if vals:
                document.write(vals)
            document._post_ocr_note(sorted(vals), kept)
        return True

    def _post_ocr_note(self, filled, kept):
        def shown(name, value):
            field = self._fields[name]
            if field.type == "many2one":
                return value.display_name
            if field.type == "date":
                return value.strftime("%d/%m/%Y")
            return value

        def label(name):
            return self._fields[name]._description_string(self.env)

        lines = [
            Markup("<li>%s</li>")
            % _(
                "%(field)s: kept what was typed, “%(typed)s”; the scan reads “%(read)s”.",
                field=label(name),
                typed=shown(name, self[name]),
                read=shown(name, value),
            )
            for name, value in kept
        ]
        body = Markup("<p>%s</p>") % (
            _(
                "Suggestions of the text recognition applied to the empty fields: %(fields)s.",
                fields=", ".join(label(name) for name in filled),
            )
            if filled
            else _("No empty field to fill from the text recognition.")
        )
        if lines:
            body += Markup("<ul>%s</ul>") % Markup("").join(lines)
        self._post_registry_note(body=body)

    def action_retry_ocr(self):
        self._check_can_register()
        self.filtered("scan_attachment_id")._registry_sudo().write(
            {"ocr_state": "pending", "ocr_attempts": 0}
        )
        return True
