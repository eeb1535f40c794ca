import hashlib

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .idesk_register_book import quarter_bounds


class IdeskBookClosure(models.Model):
    """A quarter of a register book, printed and closed (regulation art. 7.4).

    =====================  ==================================================
    Who                    May
    =====================  ==================================================
    clerk of the agency    close a quarter of the agency's books
    anyone who sees it     check that the stored PDF still matches its hash
    network administrator  reopen a closed quarter, with a reason
    =====================  ==================================================

    Rules: quarters close in order (Q1 has no predecessor, because a book is
    yearly and its numbering starts again on 1 January); a quarter closes only
    when it is over and none of its entries is still a draft. While a closure
    is ``closed`` every entry of the period is read-only for everyone, see
    ``idesk.document._check_period_open``.
    """

    _name = "idesk.book.closure"
    _description = "Closed quarter of a register book"
    _inherit = ["mail.thread", "idesk.input.mixin"]
    _order = "year desc, quarter desc, id desc"

    book_id = fields.Many2one(
        "idesk.register.book",
        string="Register book",
        required=True,
        index=True,
        ondelete="restrict",
    )
    agency_id = fields.Many2one(related="book_id.agency_id", store=True, index=True)
    direction = fields.Selection(related="book_id.direction", store=True)
    year = fields.Integer(related="book_id.year", store=True)
    quarter = fields.Selection(
        [
            ("1", "Quarter I"),
            ("2", "Quarter II"),
            ("3", "Quarter III"),
            ("4", "Quarter IV"),
        ],
        required=True,
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        [("closed", "Closed"), ("reopened", "Reopened")],
        default="closed",
        required=True,
        tracking=True,
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="Final PDF", readonly=True, ondelete="restrict"
    )
    sha256 = fields.Char(string="SHA-256", readonly=True)
    page_count = fields.Integer(readonly=True)
    entry_count = fields.Integer(readonly=True)
    first_number = fields.Integer(readonly=True)
    last_number = fields.Integer(readonly=True)
    closed_by_id = fields.Many2one("res.users", readonly=True)
    closed_date = fields.Datetime(readonly=True)
    reopen_reason = fields.Text(readonly=True, tracking=True)
    reopened_by_id = fields.Many2one("res.users", readonly=True)
    reopened_date = fields.Datetime(readonly=True)
    integrity_state = fields.Selection(
        [("unchecked", "Not checked"), ("ok", "Matches"), ("mismatch", "Changed!")],
        default="unchecked",
        readonly=True,
    )
    integrity_checked_date = fields.Datetime(readonly=True)

    def init(self):
        # only one closed (not reopened) closure per quarter of a book
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS idesk_book_closure_one_closed
               ON idesk_book_closure (book_id, quarter) WHERE state = 'closed'"""
        )

    @api.depends("year", "quarter")
    def _compute_dates(self):
        for closure in self:
            if closure.year and closure.quarter:
                closure.date_from, closure.date_to = quarter_bounds(
                    closure.year, int(closure.quarter)
                )
            else:
                closure.date_from = closure.date_to = False

    @api.depends("book_id", "quarter", "year")
    def _compute_display_name(self):
        labels = dict(self._fields["quarter"]._description_selection(self.env))
        for closure in self:
            closure.display_name = f"{closure.book_id.name or ''} — {labels.get(closure.quarter, '')}/{closure.year}"

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    def write(self, vals):
        free = {"integrity_state", "integrity_checked_date"}
        changed = {
            name
            for name in vals
            if name not in free and not name.startswith("message_")
        }
        if changed and not self.env.context.get("idesk_closure_internal"):
            raise UserError(
                self.env._("A closure cannot be edited; reopen the quarter instead.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A closure is kept for ever; it cannot be deleted."))

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------
    @api.model
    def _check_can_close(self, book):
        user = self.env.user
        if not user.has_group("idesk_security.group_idesk_clerk"):
            raise AccessError(
                self.env._("Only a clerk may close a quarter of a register book.")
            )
        book.check_access("read")
        # the clerk closes the books he keeps: his agency's, and those he keeps
        # for another (the HĐND's, a unit's without a clerk: idesk_security)
        if not book.agency_id._idesk_keeps_books(
            user, book.direction
        ) and not user.has_group("idesk_security.group_idesk_admin"):
            raise AccessError(self.env._("You may only close the books you keep."))

    @api.model
    def _check_close_rules(self, book, quarter):
        _ = self.env._
        date_from, date_to = quarter_bounds(book.year, quarter)
        if date_to >= fields.Date.context_today(self):
            raise UserError(
                _(
                    "Quarter %(quarter)s of %(year)s is not over yet; it can be closed from %(date)s on.",
                    quarter=quarter,
                    year=book.year,
                    date=fields.Date.add(date_to, days=1).strftime("%d/%m/%Y"),
                )
            )
        closures = self.sudo().search(
            [("book_id", "=", book.id), ("state", "=", "closed")]
        )
        closed = {int(q) for q in closures.mapped("quarter")}
        if quarter in closed:
            raise UserError(
                _(
                    "Quarter %(quarter)s of this book is already closed.",
                    quarter=quarter,
                )
            )
        if quarter > 1 and quarter - 1 not in closed:
            raise UserError(
                _(
                    "Close quarter %(previous)s of this book first: quarters are closed in order.",
                    previous=quarter - 1,
                )
            )
        drafts = (
            self.env["idesk.document"]
            .sudo()
            .search_count(self._draft_domain(book, date_from, date_to))
        )
        if drafts:
            raise UserError(
                _(
                    "%(count)s entries of this quarter are still drafts: register or delete them first.",
                    count=drafts,
                )
            )

    @api.model
    def _draft_domain(self, book, date_from, date_to):
        date_field = (
            "arrival_datetime" if book.direction == "incoming" else "create_date"
        )
        # a draft may not have its book yet: the registry picks it at registration
        return [
            ("state", "=", "draft"),
            "|",
            ("book_id", "=", book.id),
            "&",
            "&",
            ("book_id", "=", False),
            ("agency_id", "=", book.agency_id.id),
            ("direction", "=", book.direction),
            (date_field, ">=", fields.Datetime.to_string(date_from)),
            (
                date_field,
                "<",
                fields.Datetime.to_string(fields.Date.add(date_to, days=1)),
            ),
        ]

    @api.model
    def action_close_quarter(self, book_id, quarter):
        """Close a quarter (1..4) of a book; return the closure."""
        if not isinstance(book_id, int) or isinstance(book_id, bool):
            raise UserError(self.env._("This register book does not exist."))
        if str(quarter) not in ("1", "2", "3", "4"):
            raise UserError(self.env._("A quarter is a number from 1 to 4."))
        book = self.env["idesk.register.book"].browse(book_id).exists()
        if not book:
            raise UserError(self.env._("This register book does not exist."))
        quarter = int(quarter)
        self._check_can_close(book)
        self._check_close_rules(book, quarter)
        return self._do_close(book, quarter)

    @api.model
    def _do_close(self, book, quarter):
        date_from, date_to = quarter_bounds(book.year, quarter)
        # the final book is the legal one: always in Vietnamese when it is installed
        lang = "vi_VN" if self.env["res.lang"]._lang_get("vi_VN") else self.env.lang
        sudo_book = book.sudo().with_context(lang=lang)
        content, pages = sudo_book._render_pdf_bytes(date_from, date_to, volume=quarter)
        count, first, last = sudo_book._entries_summary(date_from, date_to)
        closure = self.sudo().create({"book_id": book.id, "quarter": str(quarter)})
        filename = f"{book.name} - Q{quarter}-{book.year}.pdf".replace("/", "-")
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .with_context(idesk_closure_internal=True)
            .create(
                {
                    "name": filename,
                    "raw": content,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": closure.id,
                }
            )
        )
        closure.with_context(idesk_closure_internal=True).write(
            {
                "attachment_id": attachment.id,
                "sha256": hashlib.sha256(content).hexdigest(),
                "page_count": pages,
                "entry_count": count,
                "first_number": first,
                "last_number": last,
                "closed_by_id": self.env.user.id,
                "closed_date": fields.Datetime.now(),
            }
        )
        closure.message_post(
            body=self.env._(
                "Quarter closed by %(user)s: %(count)s entries, %(pages)s pages, SHA-256 %(sha)s.",
                user=self.env.user.name,
                count=count,
                pages=pages,
                sha=closure.sha256,
            )
        )
        return closure.with_env(self.env)

    @api.model
    def _demo_close_older_quarters(self, agency_ids):
        """Demo: close the quarters before the previous one of this year's books."""
        lang = self._idesk_load_vietnamese("idesk_reports")
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._demo_close_older_quarters(agency_ids)
        today = fields.Date.context_today(self)
        previous = (today.month - 1) // 3
        books = self.env["idesk.register.book"].search(
            [("agency_id", "in", agency_ids), ("year", "=", today.year)]
        )
        # The registry's demo registers every document on the day of installation;
        # a clerk registers on arrival (Decree 30/2020 art. 22), so the demo entries
        # of these books are dated back to their arrival (incoming) or issue date.
        for document in self.env["idesk.document"].search(
            [("book_id", "in", books.ids), ("state", "!=", "draft")]
        ):
            when = (
                document.arrival_datetime if document.direction == "incoming" else False
            )
            when = when or fields.Datetime.to_datetime(document.document_date)
            if when and when < document.registration_date:
                document._registry_sudo().write({"registration_date": when})
        for book in books:
            for quarter in range(1, previous):
                if not self.search_count(
                    [
                        ("book_id", "=", book.id),
                        ("quarter", "=", str(quarter)),
                        ("state", "=", "closed"),
                    ]
                ):
                    self._do_close(book, quarter)

    # ------------------------------------------------------------------
    # Integrity
    # ------------------------------------------------------------------
    def action_check_integrity(self):
        """Compare the stored PDF with the SHA-256 recorded at closing."""
        self.check_access("read")
        results = self._do_check_integrity()
        mismatched = results.filtered(lambda c: c.integrity_state == "mismatch")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "danger" if mismatched else "success",
                "sticky": bool(mismatched),
                "message": self.env._(
                    "The stored book has been changed since it was closed!"
                )
                if mismatched
                else self.env._("The stored book matches the one closed."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _do_check_integrity(self):
        # read the file itself, not what this transaction may have cached
        self.sudo().attachment_id.invalidate_recordset(["raw", "datas"])
        for closure in self.sudo():
            content = b""
            if closure.attachment_id:
                try:
                    content = closure.attachment_id.raw or b""
                except OSError:
                    content = b""
            ok = bool(content) and hashlib.sha256(content).hexdigest() == closure.sha256
            closure.write(
                {
                    "integrity_state": "ok" if ok else "mismatch",
                    "integrity_checked_date": fields.Datetime.now(),
                }
            )
        return self

    # ------------------------------------------------------------------
    # Reopening
    # ------------------------------------------------------------------
    def action_open_reopen_wizard(self):
        self.ensure_one()
        if not self.env.user.has_group("idesk_security.group_idesk_admin"):
            raise AccessError(
                self.env._(
                    "Only the network administrator may reopen a closed quarter."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen the quarter"),
            "res_model": "idesk.book.reopen.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_closure_id": self.id},
        }

    def action_reopen(self, reason):
        if not self.env.user.has_group("idesk_security.group_idesk_admin"):
            raise AccessError(
                self.env._(
                    "Only the network administrator may reopen a closed quarter."
                )
            )
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for reopening the quarter."))
        if self.filtered(lambda c: c.state != "closed"):
            raise UserError(self.env._("Only a closed quarter can be reopened."))
        return self._do_reopen(reason)

    def _do_reopen(self, reason):
        for closure in self.sudo():
            closure.with_context(idesk_closure_internal=True).write(
                {
                    "state": "reopened",
                    "reopen_reason": reason,
                    "reopened_by_id": self.env.user.id,
                    "reopened_date": fields.Datetime.now(),
                }
            )
            closure.message_post(
                body=self.env._(
                    "Quarter reopened by %(user)s. Reason: %(reason)s",
                    user=self.env.user.name,
                    reason=reason,
                )
            )
            self.env["idesk.security.log"]._log_event(
                "book_reopen",
                user=self.env.user,
                description=self.env._(
                    "%(closure)s reopened. Reason: %(reason)s",
                    closure=closure.display_name,
                    reason=reason,
                ),
                record=closure,
            )
            closure.book_id.message_post(
                body=self.env._(
                    "%(closure)s reopened by %(user)s. Reason: %(reason)s",
                    closure=closure.display_name,
                    user=self.env.user.name,
                    reason=reason,
                )
            )
        return True

    def action_download(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }
