from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class IdeskRegisterBook(models.Model):
    """A register book (sổ đăng ký) of one agency for one direction and year.

    Each book owns a no-gap ``ir.sequence``: numbers start at 01 on 1 January
    and are taken inside the registering transaction, so a rolled-back
    registration gives its number back.
    """

    _name = "idesk.register.book"
    _description = "Register book"
    _inherit = ["mail.thread", "idesk.input.mixin"]
    _order = "year desc, agency_id, direction, name"

    name = fields.Char(required=True, tracking=True)
    agency_id = fields.Many2one(
        "idesk.agency", required=True, index=True, ondelete="restrict", tracking=True
    )
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")],
        required=True,
        tracking=True,
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    type_ids = fields.Many2many(
        "idesk.document.type",
        string="Document types",
        help="Leave empty for the agency's general book; set for a book kept for one family of documents.",
    )
    is_default = fields.Boolean(
        string="General book",
        default=True,
        help="The book used when no family book matches the document type.",
    )
    sequence_id = fields.Many2one(
        "ir.sequence",
        string="Numbering",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    next_number = fields.Integer(compute="_compute_next_number")
    document_ids = fields.One2many(
        "idesk.document", "book_id", string="Documents", readonly=True
    )
    document_count = fields.Integer(compute="_compute_document_count")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "sequence_uniq",
            "unique(sequence_id)",
            "Each register book has its own numbering.",
        ),
        (
            "year_range",
            "CHECK(year BETWEEN 2000 AND 2100)",
            "The year of a register book must be between 2000 and 2100.",
        ),
    ]

    @api.depends("sequence_id.number_next_actual")
    def _compute_next_number(self):
        for book in self:
            book.next_number = book.sudo().sequence_id.number_next_actual or 1

    def _compute_document_count(self):
        groups = self.env["idesk.document"]._read_group(
            [("book_id", "in", self.ids)], ["book_id"], ["__count"]
        )
        counts = {book.id: count for book, count in groups}
        for book in self:
            book.document_count = counts.get(book.id, 0)

    @api.constrains("agency_id", "direction", "year", "is_default", "active")
    def _check_single_default(self):
        for book in self.filtered(lambda b: b.is_default and b.active):
            clash = self.search_count(
                [
                    ("id", "!=", book.id),
                    ("agency_id", "=", book.agency_id.id),
                    ("direction", "=", book.direction),
                    ("year", "=", book.year),
                    ("is_default", "=", True),
                ]
            )
            if clash:
                raise ValidationError(
                    _(
                        "%(agency)s already has a general %(direction)s book for %(year)s.",
                        agency=book.agency_id.name,
                        direction=dict(
                            book._fields["direction"]._description_selection(self.env)
                        )[book.direction],
                        year=book.year,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        books = super().create(vals_list)
        # Each book numbers with its own sequence, made here and never chosen
        # by hand (sequence_id is protected), so no book takes another's numbers.
        for book in books._idesk_system():
            book.sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": book.name,
                        "code": f"idesk.register.book.{book.id}",
                        "implementation": "no_gap",
                        "padding": 0,
                        "number_next": 1,
                        "number_increment": 1,
                    }
                )
            )
        return books

    def write(self, vals):
        if vals.get("active") is False and not self._idesk_is_system():
            self._check_can_archive()
        if {"agency_id", "direction", "year"} & set(vals) and self.document_ids:
            raise UserError(
                _(
                    "The agency, direction and year of a book that already holds documents cannot change."
                )
            )
        return super().write(vals)

    def _check_can_archive(self):
        # An archived book of a year still running would be replaced by a new
        # one whose numbers start again at 01: the same number twice in a year.
        this_year = fields.Date.context_today(self).year
        if self.filtered(lambda b: b.year >= this_year and b.sudo().document_ids):
            raise UserError(
                _(
                    "A register book of the current year that holds documents cannot be "
                    "archived: its numbers would start again at 01 in a new book."
                )
            )

    @api.constrains("year")
    def _check_year_of_new_book(self):
        # Books of past years are the network administrator's (set up as
        # superuser or system); a clerk opens only this year's or next year's.
        if self._idesk_is_system() or self.env.user.has_group(
            "idesk_security.group_idesk_admin"
        ):
            return
        this_year = fields.Date.context_today(self).year
        if self.filtered(lambda b: not this_year <= b.year <= this_year + 1):
            raise ValidationError(
                _(
                    "A clerk opens register books for the current or the next year only "
                    "(%(year)s or %(next)s).",
                    year=this_year,
                    next=this_year + 1,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.document_ids:
            raise UserError(
                _(
                    "A register book that holds documents cannot be deleted; archive it instead."
                )
            )

    @api.model
    def _default_book_name(self, agency, direction, year):
        """The legal name of the book, in Vietnamese when the language is installed."""
        lang = "vi_VN" if self.env["res.lang"]._lang_get("vi_VN") else self.env.lang
        env = self.with_context(lang=lang).env
        if direction == "incoming":
            return env._(
                "Incoming documents book %(year)s — %(agency)s",
                year=year,
                agency=agency.name,
            )
        return env._(
            "Outgoing documents book %(year)s — %(agency)s",
            year=year,
            agency=agency.name,
        )

    @api.model
    def _get_default_book(self, agency, direction, year, doc_type=None):
        """Return the book a document goes into, creating the yearly general
        book on demand ("Sổ văn bản đến 2026 — UBND xã Nhơn Hậu")."""
        books = self.sudo().search(
            [
                ("agency_id", "=", agency.id),
                ("direction", "=", direction),
                ("year", "=", year),
            ]
        )
        if doc_type:
            family = books.filtered(lambda b: doc_type in b.type_ids)[:1]
            if family:
                return family
        book = books.filtered("is_default")[:1]
        if book:
            return book
        archived = (
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    ("agency_id", "=", agency.id),
                    ("direction", "=", direction),
                    ("year", "=", year),
                    ("is_default", "=", True),
                    ("active", "=", False),
                    ("document_ids", "!=", False),
                ]
            )
        )
        if archived:
            raise UserError(
                _(
                    "The general book of %(year)s of %(agency)s is archived: ask the network "
                    "administrator to restore it (a new book would number from 01 again).",
                    year=year,
                    agency=agency.name,
                )
            )
        # Two clerks may open the year at the same moment: touching the agency row
        # makes the second one wait, then fail with a serialization error that the
        # RPC layer retries; on retry it finds the book the first one created.
        self.env.cr.execute(
            "UPDATE idesk_agency SET write_date = write_date WHERE id = %s", [agency.id]
        )
        book = self.sudo().search(
            [
                ("agency_id", "=", agency.id),
                ("direction", "=", direction),
                ("year", "=", year),
                ("is_default", "=", True),
            ],
            limit=1,
        )
        return book or self.sudo().create(
            {
                "name": self._default_book_name(agency, direction, year),
                "agency_id": agency.id,
                "direction": direction,
                "year": year,
            }
        )

    def _take_number(self):
        """Take the next number of the book inside the current transaction.

        The no-gap sequence locks its row (``FOR UPDATE NOWAIT``) until commit:
        a concurrent registration fails with a lock or serialization error that
        Odoo's RPC layer retries, and a rolled-back one gives its number back.
        """
        self.ensure_one()
        return int(self.sudo().sequence_id._next())

    def action_open_documents(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "idesk_registry.action_idesk_document_" + self.direction
        )
        action["domain"] = [("book_id", "=", self.id)]
        action["context"] = {
            "default_book_id": self.id,
            "default_direction": self.direction,
        }
        return action
