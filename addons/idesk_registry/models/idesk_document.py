from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.text import fold, format_number, nfc

# edXML (QCVN 102:2016): OrganName ≤ 200.
ORGAN_NAME_MAX = 200
# Written by the background text recognition, whatever the period.
BACKGROUND_FIELDS = {
    "ocr_state",
    "ocr_text",
    "ocr_attempts",
    "ocr_error",
    "ocr_number_symbol",
    "ocr_document_date",
    "ocr_type_id",
    "ocr_issuing_body",
    "ocr_summary",
}

# Signing authority before the signer's position (Decree 30/2020, Appendix I):
# one list for every model that records a signature.
SIGNER_AUTHORITIES = [
    ("TM.", "TM. (on behalf of the collective)"),
    ("KT.", "KT. (deputy for the head)"),
    ("TL.", "TL. (by order of the head)"),
    ("TUQ.", "TUQ. (by authorisation)"),
    ("Q.", "Q. (acting)"),
]


class IdeskDocument(models.Model):
    """An incoming or outgoing document kept in an agency's register book.

    ==============  =======================================================
    Who             May
    ==============  =======================================================
    clerk           create drafts, register, cancel, attach scans, stamp
                    (own agency's books only)
    leader          read the agency's and sub-agencies' documents, write
    officer         read the agency's documents and those shared with him
    nobody          edit a number, delete a registered document
    ==============  =======================================================
    """

    _name = "idesk.document"
    _description = "Document"
    _inherit = ["mail.thread", "mail.activity.mixin", "idesk.access.mixin"]
    _order = "registration_date desc, id desc"
    _rec_names_search = ["number_display", "symbol", "origin_number_symbol", "summary"]

    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")],
        required=True,
        default="incoming",
        index=True,
        tracking=True,
    )
    book_id = fields.Many2one(
        "idesk.register.book",
        string="Register book",
        # Indexed with the list's order by idesk_document_search.py.
        ondelete="restrict",
        tracking=True,
        copy=False,
        domain="[('agency_id', '=', agency_id), ('direction', '=', direction)]",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("registered", "Registered"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    number = fields.Integer(
        string="Number in the book",
        readonly=True,
        copy=False,
        index=True,
        aggregator=False,
        tracking=True,
    )
    number_display = fields.Char(
        string="Number", compute="_compute_number_display", store=True, copy=False
    )
    registration_date = fields.Datetime(readonly=True, copy=False, index=True)
    year = fields.Integer(
        compute="_compute_period", store=True, index=True, aggregator=False
    )
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        compute="_compute_period",
        store=True,
    )

    # Common legal fields
    document_date = fields.Date(
        default=fields.Date.context_today,
        tracking=True,
        help="The date written on the document.",
    )
    type_id = fields.Many2one(
        "idesk.document.type", string="Document type", tracking=True, index=True
    )
    summary = fields.Text(string="Summary (trích yếu)", tracking=True)
    urgency_id = fields.Many2one(
        "idesk.urgency",
        tracking=True,
        index=True,
        default=lambda self: self.env.ref(
            "idesk_registry.urgency_normal", raise_if_not_found=False
        ),
    )
    is_urgent = fields.Boolean(
        related="urgency_id.is_urgent", store=True, string="Urgent"
    )
    urgency_priority = fields.Integer(
        related="urgency_id.priority", store=True, string="Priority"
    )
    page_count = fields.Integer(string="Pages", tracking=True)
    signer_name = fields.Char(string="Signer", size=100, tracking=True)
    note = fields.Text(string="Notes")

    # Incoming
    arrival_datetime = fields.Datetime(
        string="Arrival", default=fields.Datetime.now, tracking=True
    )
    issuing_agency_id = fields.Many2one(
        "idesk.agency",
        string="Issuing agency (iDESK)",
        tracking=True,
        ondelete="restrict",
    )
    issuing_partner_id = fields.Many2one(
        "res.partner",
        string="Issuing body (outside)",
        tracking=True,
        ondelete="restrict",
    )
    issuing_body_name = fields.Char(
        string="Issuing body",
        compute="_compute_issuing_body_name",
        store=True,
        readonly=False,
        size=ORGAN_NAME_MAX,
        index=True,
        tracking=True,
    )
    origin_number_symbol = fields.Char(
        string="Number and symbol", size=42, tracking=True
    )
    recipient_user_id = fields.Many2one(
        "res.users", string="Recipient person", tracking=True
    )
    recipient_agency_id = fields.Many2one(
        "idesk.agency", string="Recipient unit", tracking=True
    )
    transfer_date = fields.Date(string="Transfer date", tracking=True)
    paper_received_by_id = fields.Many2one(
        "res.users", string="Paper received by", tracking=True
    )
    paper_received_date = fields.Datetime(string="Paper received on", tracking=True)

    # Outgoing
    symbol = fields.Char(readonly=True, copy=False, size=42, index=True)
    drafting_agency_id = fields.Many2one(
        "idesk.agency", string="Drafting unit", tracking=True, ondelete="restrict"
    )
    signer_authority = fields.Selection(
        SIGNER_AUTHORITIES,
        string="Signing authority",
        tracking=True,
    )
    signer_position = fields.Char(string="Signer's position", size=100, tracking=True)
    recipient_agency_ids = fields.Many2many(
        "idesk.agency",
        "idesk_document_recipient_agency_rel",
        "document_id",
        "agency_id",
        string="Recipient agencies",
    )
    recipient_partner_ids = fields.Many2many(
        "res.partner",
        "idesk_document_recipient_partner_rel",
        "document_id",
        "partner_id",
        string="Outside recipients",
    )
    copies_count = fields.Integer(string="Copies", default=1, tracking=True)
    file_copy_holder_id = fields.Many2one(
        "res.users", string="File copy holder", tracking=True
    )
    stamped = fields.Boolean(readonly=True, copy=False, tracking=True)
    stamped_by_id = fields.Many2one(
        "res.users", string="Stamped by", readonly=True, copy=False
    )
    stamped_date = fields.Datetime(readonly=True, copy=False)

    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)

    # Search: one folded (lowercase, unaccented, NFC) column; its GIN index, over
    # the agency and the text, is made by idesk_document_search.py.
    search_text = fields.Text(compute="_compute_search_text", store=True, copy=False)
    search_anything = fields.Char(
        string="Search",
        compute="_compute_search_anything",
        search="_search_anything",
        help="Any word of any field or of the scanned text, with or without accents; "
        "a word of one or two letters is searched together with the next word.",
    )

    _sql_constraints = [
        (
            "book_number_uniq",
            "unique(book_id, number)",
            "This number is already used in the book.",
        ),
        (
            "symbol_uniq",
            "unique(agency_id, year, symbol)",
            "This number and symbol is already used this year.",
        ),
        (
            "page_count_positive",
            "CHECK(page_count >= 0)",
            "The page count cannot be negative.",
        ),
        (
            "copies_count_positive",
            "CHECK(copies_count >= 0)",
            "The number of copies cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("number")
    def _compute_number_display(self):
        for document in self:
            document.number_display = format_number(document.number)

    @api.depends("registration_date", "book_id.year")
    def _compute_period(self):
        for document in self:
            date = document.registration_date and fields.Datetime.context_timestamp(
                document, document.registration_date
            )
            document.year = document.book_id.year or (date.year if date else False)
            document.quarter = str((date.month - 1) // 3 + 1) if date else False

    @api.depends("issuing_agency_id", "issuing_partner_id")
    def _compute_issuing_body_name(self):
        for document in self:
            body = document.issuing_agency_id or document.issuing_partner_id
            if body:
                document.issuing_body_name = body.name

    @api.onchange("issuing_body_name")
    def _onchange_issuing_body_name(self):
        """The form has one issuer field: a name typed by hand, other than the
        chosen agency's or contact's, is a body outside the address book."""
        for document in self:
            body = document.issuing_agency_id or document.issuing_partner_id
            if body and document.issuing_body_name != body.name:
                document.issuing_agency_id = False
                document.issuing_partner_id = False

    @api.depends(
        "number_display",
        "symbol",
        "origin_number_symbol",
        "summary",
        "issuing_body_name",
        "signer_name",
        "signer_position",
        "type_id.name",
        "type_id.code",
        "note",
        "urgency_id.name",
        "recipient_agency_id.name",
        "recipient_user_id.name",
        "drafting_agency_id.name",
        "cancel_reason",
        "ocr_text",
    )
    def _compute_search_text(self):
        for document in self:
            parts = (
                document.number_display,
                document.symbol,
                document.origin_number_symbol,
                document.type_id.name,
                document.type_id.code,
                document.summary,
                document.issuing_body_name,
                document.signer_name,
                document.signer_position,
                document.urgency_id.name,
                document.recipient_agency_id.name,
                document.recipient_user_id.name,
                document.drafting_agency_id.name,
                document.note,
                document.cancel_reason,
                document.ocr_text,
            )
            document.search_text = fold(" \n ".join(p for p in parts if p))

    @api.depends(
        "number_display", "symbol", "origin_number_symbol", "summary", "direction"
    )
    @api.depends_context("uid")
    def _compute_display_name(self):
        # Names of linked documents reach users through sudo() (the web client
        # reads them so): someone who may not open a document learns nothing of it.
        readable = set(self._idesk_readable()._ids)
        for document in self:
            if document._ids[0] not in readable:
                document.display_name = _("Restricted document")
                continue
            reference = (
                document.symbol
                if document.direction == "outgoing"
                else document.number_display
            ) or _("Draft")
            summary = (
                (document.summary or "").strip().splitlines()[0][:80]
                if document.summary
                else ""
            )
            document.display_name = f"{reference} — {summary}" if summary else reference

    @api.constrains("book_id", "agency_id", "direction")
    def _check_book_of_agency(self):
        # Also for a book given through a default_book_id context key. Read as
        # superuser: the book may be another agency's, which the user cannot read.
        for document in self.filtered("book_id"):
            book = document.sudo().book_id
            if (
                book.agency_id != document.agency_id
                or book.direction != document.direction
            ):
                raise ValidationError(
                    _(
                        "A document is entered only in a register book of its own agency "
                        "and direction."
                    )
                )

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    def _normalize_vals(self, vals):
        return {
            key: nfc(value)
            if isinstance(value, str)
            and key in self._fields
            and self._fields[key].type in ("char", "text", "html")
            else value
            for key, value in vals.items()
        }

    def _registry_sudo(self):
        """The registry's own writes to protected fields (numbers, registration,
        files, stamping), after its own checks."""
        return self._idesk_system()

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_vals(vals) for vals in vals_list])

    def write(self, vals):
        vals = self._normalize_vals(vals)
        if "agency_id" in vals and not self._idesk_is_system():
            # The write rule is checked on the record as it was: moving a draft
            # out of the agency would hand it (and its book) to another one.
            raise UserError(_("A document stays with the agency that created it."))
        # Superuser code too: only the registry's own steps change these.
        if not self._idesk_has_system_token():
            if self.filtered(lambda d: d.state != "draft") and {
                "direction",
                "book_id",
                "agency_id",
            } & set(vals):
                raise UserError(
                    _(
                        "The book, direction and agency of a registered document cannot change."
                    )
                )
            content_only = all(key.startswith("content_") for key in vals)
            if not content_only and self.filtered(lambda d: d.state == "cancelled"):
                raise UserError(_("A cancelled document cannot be changed."))
        if not set(vals) <= BACKGROUND_FIELDS:
            self.filtered(lambda d: d.state != "draft")._check_period_open()
        result = super().write(vals)
        if "direction" in vals and not self._idesk_is_system():
            # The write rule was checked on the draft as it was: the clerk who
            # keeps only a unit's incoming book must not turn its draft into an
            # outgoing one of that unit (a book he does not keep).
            self.check_access("write")
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        if self.filtered(lambda d: d.state != "draft"):
            raise UserError(
                _(
                    "A registered document is never deleted: cancel it with a reason, its number stays in the book."
                )
            )
        self._check_period_open()

    def _post_registry_note(self, body, **kwargs):
        """Log a step of the book in the chatter, authored by the current user,
        also when their account has no e-mail address."""
        kwargs.setdefault("subtype_xmlid", "mail.mt_note")
        return self.sudo().message_post(
            body=body, author_id=self.env.user.partner_id.id, **kwargs
        )

    # ------------------------------------------------------------------
    # Hooks for the other iDESK addons
    # ------------------------------------------------------------------
    def _check_period_open(self):
        """Called before any change of a registered document; idesk_reports
        overrides it to refuse changes in a closed quarter."""
        return True
