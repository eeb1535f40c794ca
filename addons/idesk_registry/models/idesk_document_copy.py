from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.text import format_number
from .idesk_document import SIGNER_AUTHORITIES

# Decree 30/2020 art. 25 and Appendix III: the three forms of copy and their
# abbreviations, which stand in the symbol where a type's would (05/SY-UBND).
COPY_KINDS = [
    ("SY", "True copy (bản sao y)"),
    ("TrS", "Extract (bản trích sao)"),
    ("SL", "Transcribed copy (bản sao lục)"),
]


class IdeskDocumentCopy(models.Model):
    """A copy of a document (Decree 30/2020 arts. 25–27) made by an agency.

    Copies are numbered in their own yearly series, one per form of copy and per
    agency in whose name they are made, separate from the outgoing documents'
    numbers: ``05/SY-UBND``, ``02/TrS-VP``, ``01/SL-UBND``. Like a register book,
    each series is a no-gap ``ir.sequence`` taken inside the registering
    transaction: a refused or rolled-back registration burns no number.
    """

    _name = "idesk.document.copy"
    _description = "Copy of a document"
    _inherit = ["mail.thread", "idesk.input.mixin"]
    _order = "year desc, registration_date desc, id desc"
    _rec_name = "symbol"

    document_id = fields.Many2one(
        "idesk.document",
        string="Original",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The document this copy is made from.",
    )
    kind = fields.Selection(
        COPY_KINDS, string="Form of copy", required=True, default="SY", tracking=True
    )
    agency_id = fields.Many2one(
        "idesk.agency",
        string="Copying agency",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user.agency_id,
        tracking=True,
    )
    issuer_agency_id = fields.Many2one(
        "idesk.agency",
        string="In the name of",
        compute="_compute_issuer_agency_id",
        store=True,
        readonly=False,
        ondelete="restrict",
        help="The agency whose name and series the copy carries: the copying agency, "
        "or the committee an Office copies for.",
    )
    extract_part = fields.Text(
        string="Part extracted",
        help="For an extract: the part of the original that is copied.",
    )
    signer_authority = fields.Selection(
        SIGNER_AUTHORITIES,
        string="Signing authority",
    )
    signer_position = fields.Char(string="Signer's position", size=100)
    signer_name = fields.Char(string="Signed by", size=100)
    recipients = fields.Text(string="Recipients", size=2000)
    copies_count = fields.Integer(string="Number of copies", default=1)
    note = fields.Text()
    # Set by registration only (protected fields).
    state = fields.Selection(
        [("draft", "Draft"), ("registered", "Registered")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    year = fields.Integer(readonly=True, copy=False, index=True)
    number = fields.Integer(readonly=True, copy=False)
    symbol = fields.Char(string="Number and symbol", readonly=True, copy=False)
    registration_date = fields.Datetime(readonly=True, copy=False)
    # What the form shows of the original, as the current user may read it
    # (related fields would be computed as superuser).
    original_reference = fields.Char(
        string="Original's number and symbol", compute="_compute_original"
    )
    original_date = fields.Date(string="Original's date", compute="_compute_original")
    original_issuer = fields.Char(
        string="Original's issuer", compute="_compute_original"
    )
    original_summary = fields.Text(
        string="Original's summary", compute="_compute_original"
    )

    _sql_constraints = [
        (
            "symbol_uniq",
            "unique(issuer_agency_id, year, symbol)",
            "This number and symbol of a copy is already used this year.",
        ),
        (
            "copies_count_positive",
            "CHECK(copies_count IS NULL OR copies_count >= 0)",
            "The number of copies cannot be negative.",
        ),
    ]

    @api.depends("agency_id")
    def _compute_issuer_agency_id(self):
        for copy in self:
            copy.issuer_agency_id = (
                self.env["idesk.document"]._symbol_agency(copy.agency_id)
                if copy.agency_id
                else False
            )

    @api.depends("document_id")
    def _compute_original(self):
        readable = self.document_id._idesk_readable()
        for copy in self:
            original = copy.document_id.sudo()
            if not original or copy.document_id not in readable:
                copy.original_reference = copy.original_issuer = False
                copy.original_summary = copy.original_date = False
                continue
            outgoing = original.direction == "outgoing"
            copy.original_reference = (
                original.symbol if outgoing else original.origin_number_symbol
            )
            copy.original_date = original.document_date
            copy.original_issuer = (
                original._symbol_agency(original.agency_id).name
                if outgoing
                else original.issuing_body_name
            )
            copy.original_summary = original.summary

    @api.depends("symbol", "kind", "document_id")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for copy in self:
            copy.display_name = copy.symbol or _(
                "%(kind)s (draft)", kind=labels.get(copy.kind, "")
            )

    @api.onchange("document_id")
    def _onchange_document_id(self):
        # The Office's clerk copying a document of the HĐND books copies it for HĐND.
        original = self.document_id
        if (
            self.state == "draft"
            and original
            and original.agency_id != self.agency_id
            and original.agency_id._idesk_keeps_books(self.env.user, "outgoing")
        ):
            self.agency_id = original.agency_id

    @api.constrains("agency_id", "issuer_agency_id")
    def _check_issuer_agency(self):
        for copy in self:
            allowed = copy.agency_id | self.env["idesk.document"]._symbol_agency(
                copy.agency_id
            )
            if copy.issuer_agency_id not in allowed:
                raise ValidationError(
                    _(
                        "A copy of %(agency)s is made in its own name or in the name of "
                        "its committee.",
                        agency=copy.agency_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self._idesk_has_system_token() and self.filtered(
            lambda c: c.state != "draft"
        ):
            raise UserError(
                _("A registered copy cannot be changed: its number is in the series.")
            )
        if "agency_id" in vals and not self._idesk_is_system():
            raise UserError(_("A copy stays with the agency that made it."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                _("A registered copy is never deleted: its number stays in the series.")
            )

    # ------------------------------------------------------------------
    # Registration
    # ------------------------------------------------------------------
    def _check_can_register(self):
        user = self.env.user
        for copy in self:
            if not self.env.su and not copy.agency_id._idesk_keeps_books(
                user, "outgoing"
            ):
                raise AccessError(
                    _(
                        "You are not a clerk of %(agency)s: you cannot number its copies.",
                        agency=copy.agency_id.name,
                    )
                )
            if copy.state != "draft":
                raise UserError(_("This copy is already registered."))
            # A copy is made only of a document the clerk may open.
            copy.document_id.check_access("read")
            if copy.document_id.state != "registered":
                raise UserError(_("Only a registered document can be copied."))
            missing = copy._missing_fields()
            if missing:
                raise UserError(
                    _(
                        "Please fill in the fields of the copy: %(fields)s.",
                        fields=", ".join(missing),
                    )
                )
        self.check_access("write")

    def _missing_fields(self):
        self.ensure_one()
        required = ["signer_name"]
        if self.kind == "TrS":
            required.append("extract_part")
        return [
            self._fields[name].get_description(self.env)["string"]
            for name in required
            if not (self[name] or "").strip()
        ]

    def action_register(self):
        """Number the copies in their series and compose their symbols."""
        self._check_can_register()
        self._do_register()
        return True

    def _do_register(self):
        now = fields.Datetime.now()
        year = fields.Date.context_today(self).year
        for copy in self:
            number = copy._take_number(year)
            symbol = f"{format_number(number)}/{copy.kind}-{copy.issuer_agency_id.code}"
            copy._idesk_system().write(
                {
                    "state": "registered",
                    "year": year,
                    "number": number,
                    "symbol": symbol,
                    "registration_date": now,
                }
            )
            copy.sudo().message_post(
                body=_("Registered as %(symbol)s.", symbol=symbol),
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )

    def _take_number(self, year):
        """The next number of the series (issuer agency, form, year).

        The series' code contains ``idesk.register.book.``, so the registry's
        global rule hides it from everyone as the books' are: numbers are taken
        only here, as superuser, in the registering transaction."""
        self.ensure_one()
        issuer = self.issuer_agency_id
        code = f"idesk.register.book.copy.{issuer.id}.{self.kind}.{year}"
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search([("code", "=", code)], limit=1)
        if not sequence:
            # Two clerks may open the series at once: the second waits on the
            # agency row, then fails with a serialization error the RPC layer retries.
            self.env.cr.execute(
                "UPDATE idesk_agency SET write_date = write_date WHERE id = %s",
                [issuer.id],
            )
            sequence = Sequence.search([("code", "=", code)], limit=1) or (
                Sequence.create(
                    {
                        "name": f"{self.kind}-{issuer.code} {year}",
                        "code": code,
                        "implementation": "no_gap",
                        "padding": 0,
                        "number_next": 1,
                        "number_increment": 1,
                    }
                )
            )
        return int(sequence._next())

    def action_open_original(self):
        self.ensure_one()
        self.document_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "idesk.document",
            "res_id": self.document_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }


class IdeskDocument(models.Model):
    """The copies made of a document, from its form."""

    _inherit = "idesk.document"

    copy_ids = fields.One2many(
        "idesk.document.copy", "document_id", string="Copies made", readonly=True
    )
    copy_count = fields.Integer(string="Copy count", compute="_compute_copy_count")

    def _compute_copy_count(self):
        # As the user: the copies of other agencies are not counted.
        counts = dict(
            self.env["idesk.document.copy"]._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        for document in self:
            document.copy_count = counts.get(document, 0)

    def action_open_copies(self):
        """The copies of this document; a new one copies it."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "idesk_registry.action_idesk_document_copy"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"default_document_id": self.id}
        return action
