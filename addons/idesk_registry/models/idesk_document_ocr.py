import logging
import subprocess
import time

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import ocr, ocr_layout
from ..tools.text import fold

_logger = logging.getLogger(__name__)

OCR_MAX_ATTEMPTS = 3
OCR_MAX_PAGES_PARAM = "idesk_registry.ocr_max_pages"
# About 300 dense pages; the rest of a longer text is not kept.
OCR_TEXT_MAX = 1_000_000
# Known bodies whose names the reading is compared with (a town knows tens of
# agencies and a few hundred outside bodies).
OCR_KNOWN_BODIES = 2000


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
    ocr_signer_name = fields.Char(
        string="Suggested signer", copy=False, readonly=True, allow_markup=True
    )
    # The issuing body read, matched by its folded name to a known body
    ocr_issuing_agency_id = fields.Many2one(
        "idesk.agency", string="Suggested issuing agency", copy=False, readonly=True
    )
    ocr_issuing_partner_id = fields.Many2one(
        "res.partner", string="Suggested outside body", copy=False, readonly=True
    )
    # Pages whose text is in ocr_text: 1 once the first page is read at once
    # (_ocr_read_first_page); the job reads the others.
    ocr_pages_read = fields.Integer(
        string="Pages read by the text recognition", copy=False, readonly=True
    )
    ocr_has_suggestion = fields.Boolean(compute="_compute_ocr_has_suggestion")

    @api.depends(
        "ocr_number_symbol",
        "ocr_document_date",
        "ocr_type_id",
        "ocr_issuing_body",
        "ocr_summary",
        "ocr_signer_name",
    )
    def _compute_ocr_has_suggestion(self):
        for document in self:
            document.ocr_has_suggestion = bool(
                document.ocr_number_symbol
                or document.ocr_document_date
                or document.ocr_type_id
                or document.ocr_issuing_body
                or document.ocr_summary
                or document.ocr_signer_name
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
                    document._registry_sudo().write(document._ocr_read_all(max_pages))
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

    def _ocr_read_all(self, max_pages):
        """Values of the whole scan's reading: page 1 by its layout (unless
        _ocr_read_first_page read it already), the others as plain text."""
        data = self.scan_attachment_id.sudo().raw
        if self.ocr_pages_read and self.ocr_text:
            rest = ocr.pdf_to_text(data, max_pages=max_pages, first=2)
            text = "\n\f".join(t for t in (self.ocr_text, rest) if t)
            return {
                "ocr_text": text[:OCR_TEXT_MAX],
                "ocr_state": "done",
                "ocr_attempts": self.ocr_attempts + 1,
                "ocr_error": False,
                "ocr_pages_read": min(max_pages, ocr.page_count(data)),
            }
        reading = ocr.read_first_page(data, names=self._ocr_known_names())
        rest = ocr.pdf_to_text(data, max_pages=max_pages, first=2)
        text = "\n\f".join(t for t in (reading["text"], rest) if t)
        values = self._ocr_values(text, reading)
        values["ocr_pages_read"] = min(max_pages, ocr.page_count(data))
        return values

    def _attach_scan(self, files):
        # a new scan is read from its first page again
        result = super()._attach_scan(files)
        self._registry_sudo().write({"ocr_pages_read": 0})
        return result

    def _ocr_read_first_page(self):
        """Read page 1 of the scan now, by its layout (Appendix I), and write
        the suggestions and the page count; the text of the other pages is
        left to the job (ir_cron_read_scans). Return the suggestions for the
        form ({field: value}, as _ocr_suggestions), {} if the page could not
        be read (the job then tries again)."""
        self.ensure_one()
        self._check_can_register()
        if not self.scan_attachment_id:
            return {}
        data = self.scan_attachment_id.sudo().raw
        start = time.monotonic()
        try:
            with self.env.cr.savepoint():
                pages = ocr.page_count(data)
                reading = ocr.read_first_page(data, names=self._ocr_known_names())
                values = self._ocr_values(reading["text"], reading)
                values.update(
                    ocr_pages_read=1,
                    # the attempts count the job's whole readings
                    ocr_attempts=self.ocr_attempts,
                    ocr_state="done" if pages <= 1 else "pending",
                )
                self._registry_sudo().write(values)
        except (
            OSError,
            RuntimeError,
            ValueError,
            subprocess.SubprocessError,
        ) as error:
            _logger.warning(
                "OCR of the first page failed for document %s: %s", self.id, error
            )
            return {}
        if not self.page_count:
            self.write({"page_count": pages})
        _logger.info(
            "OCR of the first page of document %s took %.1fs",
            self.id,
            time.monotonic() - start,
        )
        return self._ocr_suggestions()

    def _ocr_known_names(self):
        """Names of the bodies the database knows, whose words put back the
        accents of an issuer read (agencies, outside bodies, the town)."""
        agencies = (
            self.env["idesk.agency"].search([], limit=OCR_KNOWN_BODIES).mapped("name")
        )
        partners = (
            self.env["res.partner"]
            .search([("is_company", "=", True)], limit=OCR_KNOWN_BODIES)
            .mapped("name")
        )
        return agencies + partners

    def _ocr_match_issuer(self, issuer, parent):
        """The known agency or outside body whose folded name is the issuer
        read (under its parent); empty recordsets when there is none."""
        Agency, Partner = self.env["idesk.agency"], self.env["res.partner"]
        keys = ocr_layout.body_keys(issuer, parent)
        if not keys:
            return Agency, Partner
        agency = Agency.search([], limit=OCR_KNOWN_BODIES).filtered(
            lambda a: ocr_layout.body_key(a.name) in keys
        )[:1]
        if agency:
            return agency, Partner
        # The last word (a place, a field) is never shortened, unlike "Ủy ban
        # nhân dân" written UBND in the names known.
        partners = Partner.search(
            [("is_company", "=", True), ("name", "ilike", issuer.split()[-1])],
            limit=200,
        )
        partner = partners.filtered(lambda p: ocr_layout.body_key(p.name) in keys)[:1]
        return Agency, partner

    def _ocr_values(self, text, reading=None):
        """Suggestions from a reading by layout (``reading``, see
        tools/ocr_layout.read_page); what it did not find is looked for in
        the plain ``text``."""
        reading = reading or {}
        types = self.env["idesk.document.type"].search([("name", "!=", False)])
        doc_type = False
        if reading.get("type"):
            doc_type = types.filtered(lambda t: fold(t.name) == fold(reading["type"]))[
                :1
            ]
        doc_type = doc_type or ocr.find_type(text, types)
        # a misread year (2926) is no suggestion, and would be refused
        found_date = reading.get("document_date") or ocr.find_date(text)
        earliest, latest = self._input_date_range()
        issuer = reading.get("issuing_body") or ocr.find_issuing_body(text)
        agency, partner = self._ocr_match_issuer(
            issuer, reading.get("issuing_parent") or ""
        )
        return {
            "ocr_text": text[:OCR_TEXT_MAX],
            "ocr_state": "done",
            "ocr_attempts": self.ocr_attempts + 1,
            "ocr_error": False,
            "ocr_number_symbol": reading.get("number_symbol")
            or ocr.find_number_symbol(text),
            "ocr_document_date": found_date
            if found_date and earliest <= found_date <= latest
            else False,
            "ocr_type_id": doc_type.id if doc_type else False,
            "ocr_issuing_body": issuer,
            "ocr_issuing_agency_id": agency.id,
            "ocr_issuing_partner_id": partner.id,
            "ocr_summary": (reading.get("summary") or ocr.find_summary(text) or "")[
                :500
            ]
            or False,
            "ocr_signer_name": (reading.get("signer_name") or "")[:100] or False,
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
            "summary": self.ocr_summary,
            "signer_name": self.ocr_signer_name,
        }
        if incoming and not (self.issuing_agency_id or self.issuing_partner_id):
            # the body matched to a known one, else its name as read
            if self.ocr_issuing_agency_id:
                suggestions["issuing_agency_id"] = self.ocr_issuing_agency_id
            elif self.ocr_issuing_partner_id:
                suggestions["issuing_partner_id"] = self.ocr_issuing_partner_id
            else:
                suggestions["issuing_body_name"] = self.ocr_issuing_body
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
                    vals[name] = (
                        value.id if isinstance(value, models.BaseModel) else value
                    )
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
            {"ocr_state": "pending", "ocr_attempts": 0, "ocr_pages_read": 0}
        )
        return True
