import base64
import binascii
import logging
import subprocess

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import secrecy

_logger = logging.getLogger(__name__)

# What a scan-first draft may get from its scan (or its sender) instead of a
# person: marked "suggested" on the form until the clerk edits or registers it.
SUGGESTED_FIELDS = (
    "origin_number_symbol",
    "document_date",
    "type_id",
    "issuing_agency_id",
    "issuing_partner_id",
    "issuing_body_name",
    "summary",
    "signer_name",
    "page_count",
)
ISSUING_FIELDS = {"issuing_agency_id", "issuing_partner_id", "issuing_body_name"}
# One request of the web client or of a scanner.
INTAKE_MAX_FILES = 50


class IdeskDocument(models.Model):
    """Scan first ("Tiếp nhận từ bản quét", issue 12): the clerk gives the
    scans, a draft is made for each, its first page is read at once and the
    form opens filled; the clerk corrects and registers.

    =================  ====================================================
    Who                May
    =================  ====================================================
    clerk              receive scans into their own agency's incoming book
                       (web client, or a scanner's account over XML-RPC)
    mail gateway       the agency's intake address (idesk_document_mail.py)
    anyone else        nothing: refused before any file is read
    =================  ====================================================
    """

    _inherit = "idesk.document"

    intake_suggested_fields = fields.Char(
        string="Filled from the scan",
        readonly=True,
        copy=False,
        help="Technical names of the fields the scan or its sender filled and "
        "no person has confirmed yet (comma-separated).",
    )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    def write(self, vals):
        result = super().write(vals)
        # A person's value is no longer a suggestion (the issuing body is one).
        touched = set(vals) & set(SUGGESTED_FIELDS)
        if touched and not self._idesk_has_system_token():
            if touched & ISSUING_FIELDS:
                touched |= ISSUING_FIELDS
            for document in self.filtered("intake_suggested_fields"):
                document._intake_set_suggested(
                    [n for n in document._intake_suggested() if n not in touched]
                )
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def action_intake_scans(self, files, one_document=False):
        """Receive scans into the clerk's incoming book, one draft per file
        (or, with ``one_document``, the images as the pages of one draft).

        ``files``: a list of ``{"name": "qd-245.pdf", "data": "<base64>"}``.
        Every file passes the scan checks, and a state-secret mark on a first
        page refuses the whole request, before anything is stored.
        Returns the window action opening the draft (``res_id``) or the
        drafts (``domain``)."""
        self._check_can_intake()
        groups = self._intake_decode(files, one_document)
        documents = self.browse()
        for group in groups:
            documents |= self._intake_one(self.env.user.agency_id, group)
        return documents._intake_action()

    def _check_can_intake(self):
        user = self.env.user
        if not (user.has_group("idesk_security.group_idesk_clerk") and user.agency_id):
            raise AccessError(
                _("Only a clerk may receive documents into the incoming book.")
            )
        self.check_access("create")

    @api.model
    def _intake_decode(self, files, one_document=False):
        """``[[(filename, bytes), ...], ...]``: the files of each draft."""
        malformed = UserError(
            _(
                "Please give the scans as a list of files, each with a name and "
                "its content in base64."
            )
        )
        if not isinstance(files, (list, tuple)) or not files:
            raise malformed
        if len(files) > INTAKE_MAX_FILES:
            raise UserError(
                _(
                    "At most %(max)s files can be received at once.",
                    max=INTAKE_MAX_FILES,
                )
            )
        decoded = []
        for item in files:
            if not isinstance(item, dict) or not isinstance(item.get("data"), str):
                raise malformed
            name = item.get("name") or "scan"
            if not isinstance(name, str):
                raise malformed
            try:
                data = base64.b64decode(item["data"], validate=True)
            except (binascii.Error, ValueError) as error:
                raise malformed from error
            decoded.append((name[:200], data))
        if one_document:
            return [decoded]
        return [[file] for file in decoded]

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _intake_one(self, agency, files, vals=None):
        """Check ``files`` as a scan, refuse a state-secret one, then make the
        incoming draft of ``agency``, attach the scan and read it. ``vals``
        are further suggestions (e.g. the issuing body from an e-mail's
        sender) or a person's values."""
        pdf = self._prepare_scan(files)[0]
        self._intake_check_not_secret(files[0][0], pdf)
        draft = self.create(
            {
                "direction": "incoming",
                "agency_id": agency.id,
                # Not today: the clerk must see that the paper's date is unknown.
                "document_date": False,
                **(vals or {}),
            }
        )
        draft._attach_scan(files)
        draft._intake_read()
        draft._intake_set_suggested([name for name in SUGGESTED_FIELDS if draft[name]])
        return draft

    @api.model
    def _intake_check_not_secret(self, filename, pdf):
        """Refuse a scan whose first page carries a state-secret mark
        (regulation art. 3): called before anything of it is stored."""
        try:
            text = secrecy.first_page_top_text(pdf)
        except (OSError, RuntimeError, ValueError, subprocess.SubprocessError) as error:
            # Tesseract or poppler unavailable: the intake goes on; the clerk
            # sees the page, and the confidentiality field refuses the levels.
            _logger.warning("Secret-mark check of %s failed: %s", filename, error)
            return
        level, mark = secrecy.find_mark(text)
        if level:
            raise UserError(
                _(
                    "The first page of %(name)s is marked “%(mark)s”: state-secret "
                    "documents (Mật, Tối mật, Tuyệt mật) must not be put on iDESK "
                    "(regulation, article 3). Nothing has been stored.",
                    name=filename,
                    mark=mark,
                )
            )

    def _intake_read(self):
        """The intake's one call of the text recognition: page 1 is read now
        by its layout (the other pages by the job), then the fields nobody
        typed are filled, the issuing body matched to a known agency or
        contact (a suggestion never replaces a typed value)."""
        for document in self:
            document._ocr_read_first_page()
            if document.ocr_has_suggestion:
                document.action_apply_ocr_suggestions()

    def _intake_suggested(self):
        self.ensure_one()
        return [n for n in (self.intake_suggested_fields or "").split(",") if n]

    def _intake_set_suggested(self, names):
        self.ensure_one()
        self._registry_sudo().write({"intake_suggested_fields": ",".join(names)})

    def _do_register(self):
        result = super()._do_register()
        # Registered: the clerk has checked every field against the paper.
        for document in self.filtered("intake_suggested_fields"):
            document._intake_set_suggested([])
        return result

    def _intake_action(self):
        if len(self) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": self._name,
                "res_id": self.id,
                "views": [(False, "form")],
                "target": "current",
            }
        return {
            "type": "ir.actions.act_window",
            "name": _("Received from scans"),
            "res_model": self._name,
            "domain": [("id", "in", self.ids)],
            "views": [
                (
                    self.env.ref("idesk_registry.idesk_document_view_list_incoming").id,
                    "list",
                ),
                (False, "form"),
            ],
            "context": {"default_direction": "incoming"},
            "target": "current",
        }
