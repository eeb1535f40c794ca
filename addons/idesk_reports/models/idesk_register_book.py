import tempfile
from datetime import date, datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.register_book_columns import BOOK_TITLES, book_columns
from ..tools.register_book_pdf import RegisterBookPdf
from ..tools.register_book_xlsx import write_register_book_xlsx
from .idesk_register_book_processing import NOTHING

# Rows are read from the database in chunks of this size; the ORM cache is
# emptied after each chunk so that a book never sits in memory as a whole.
FETCH_CHUNK = 1000
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_bounds(year, quarter):
    """First and last day of a quarter (1..4) of a year."""
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


class IdeskRegisterBook(models.Model):
    _inherit = "idesk.register.book"

    closure_ids = fields.One2many(
        "idesk.book.closure", "book_id", string="Closed quarters"
    )
    closure_count = fields.Integer(compute="_compute_closure_count")

    def _compute_closure_count(self):
        groups = self.env["idesk.book.closure"]._read_group(
            [("book_id", "in", self.ids), ("state", "=", "closed")],
            ["book_id"],
            ["__count"],
        )
        counts = {book.id: count for book, count in groups}
        for book in self:
            book.closure_count = counts.get(book.id, 0)

    # ------------------------------------------------------------------
    # Period of an entry
    # ------------------------------------------------------------------
    @api.model
    def _entry_date_domain(self, date_from, date_to):
        """Domain on ``registration_date`` for the days ``date_from``..``date_to``
        (the day an entry was written in the book decides its quarter)."""
        field = self.env["idesk.document"]._fields["registration_date"]
        if field.type == "datetime":
            tz = pytz.timezone(self._book_tz())
            start = tz.localize(datetime.combine(date_from, time.min)).astimezone(
                pytz.UTC
            )
            end = tz.localize(datetime.combine(date_to, time.max)).astimezone(pytz.UTC)
            return [
                ("registration_date", ">=", start.replace(tzinfo=None)),
                ("registration_date", "<=", end.replace(tzinfo=None)),
            ]
        return [
            ("registration_date", ">=", date_from),
            ("registration_date", "<=", date_to),
        ]

    @api.model
    def _book_tz(self):
        return self.env.user.tz or "Asia/Ho_Chi_Minh"

    def _entries_domain(self, date_from, date_to):
        """Entries of the book in a period: every numbered entry, cancelled ones included."""
        self.ensure_one()
        return [
            ("book_id", "=", self.id),
            ("state", "in", ("registered", "cancelled")),
            *self._entry_date_domain(date_from, date_to),
        ]

    def _entries_summary(self, date_from, date_to):
        """(count, first number, last number) of the entries of a period."""
        self.ensure_one()
        documents = self.env["idesk.document"].sudo()
        [(count, first, last)] = documents._read_group(
            self._entries_domain(date_from, date_to),
            [],
            ["__count", "number:min", "number:max"],
        )
        return count, first or 0, last or 0

    # ------------------------------------------------------------------
    # Rows
    # ------------------------------------------------------------------
    # stored columns read in one query per chunk, per book kind
    ENTRY_FIELDS = {
        "incoming": [
            "number",
            "state",
            "cancel_reason",
            "note",
            "type_id",
            "summary",
            "arrival_datetime",
            "issuing_body_name",
            "origin_number_symbol",
            "document_date",
            "recipient_agency_id",
            "recipient_user_id",
            "transfer_date",
        ],
        "outgoing": [
            "number",
            "state",
            "cancel_reason",
            "note",
            "type_id",
            "summary",
            "symbol",
            "document_date",
            "registration_date",
            "signer_authority",
            "signer_position",
            "signer_name",
            "file_copy_holder_id",
            "copies_count",
            "transfer_date",
        ],
    }
    ENTRY_FIELDS["tracking"] = [*ENTRY_FIELDS["incoming"], "deadline", "process_state"]

    def _iter_entries(self, date_from, date_to, kind="incoming"):
        """Yield the entries of a period by number, in chunks (recordsets)."""
        self.ensure_one()
        documents = self.env["idesk.document"]
        domain = self._entries_domain(date_from, date_to)
        field_names = self.ENTRY_FIELDS[kind]
        self.env.flush_all()
        offset = 0
        while True:
            chunk = documents.search_fetch(
                domain,
                field_names,
                order="number, id",
                offset=offset,
                limit=FETCH_CHUNK,
            )
            if not chunk:
                return
            yield chunk
            offset += len(chunk)
            # nothing was written while reading: drop the chunk from the cache
            self.env.invalidate_all(flush=False)

    def _local_date(self, value):
        if not value:
            return ""
        if isinstance(value, datetime):
            tz = pytz.timezone(self._book_tz())  # pytz caches its zones
            return pytz.utc.localize(value).astimezone(tz).date()
        return value

    def _row_common(self, doc):
        type_name = doc.type_id.name or ""
        return {
            "number": doc.number,
            "type_summary": "\n".join(filter(None, (type_name, doc.summary or ""))),
            "note": doc.note or "",
            "cancelled": doc.state == "cancelled",
            "cancel_reason": doc.cancel_reason or "",
        }

    def _row_incoming(self, doc, facts):
        row = self._row_common(doc)
        row.update(
            arrival_date=self._local_date(doc.arrival_datetime),
            issuing_body=doc.issuing_body_name or "",
            origin_number_symbol=doc.origin_number_symbol or "",
            document_date=doc.document_date,
            # columns 7 and 8 come from the processing (idesk_register_book_processing)
            recipient=self._book_recipient(doc, facts),
            transfer_date=self._book_transfer_date(doc, facts),
        )
        return row

    def _row_outgoing(self, doc, facts):
        row = self._row_common(doc)
        signer = " ".join(filter(None, (doc.signer_authority, doc.signer_position)))
        recipients = doc.recipient_agency_ids.mapped(
            "name"
        ) + doc.recipient_partner_ids.mapped("name")
        row.update(
            symbol=doc.symbol or "",
            document_date=doc.document_date or self._local_date(doc.registration_date),
            signer="\n".join(filter(None, (signer, doc.signer_name or ""))),
            recipients="; ".join(recipients),
            file_copy_holder=doc.file_copy_holder_id.display_name or "",
            copies_count=str(doc.copies_count or ""),
            transfer_date=self._local_date(doc.transfer_date),
        )
        return row

    def _row_tracking(self, doc, facts):
        row = self._row_common(doc)
        document_date = (
            doc.document_date.strftime("%d/%m/%Y") if doc.document_date else ""
        )
        parts = (
            doc.type_id.name,
            doc.origin_number_symbol,
            document_date,
            doc.issuing_body_name,
        )
        row.update(
            document=", ".join(filter(None, parts)),
            recipient=self._book_tracking_recipient(doc, facts),
            deadline=self._book_deadline(doc, facts),
            progress=self._book_progress(doc, facts),
            reply=self._book_reply(doc, facts),
        )
        return row

    def _iter_rows(self, kind, date_from, date_to):
        row_method = getattr(self, f"_row_{kind}")
        for chunk in self._iter_entries(date_from, date_to, kind):
            # the processing of the chunk in a few queries (idesk_register_book_processing)
            facts = self._book_facts(chunk, kind)
            for doc in chunk:
                yield row_method(doc, facts.get(doc.id, NOTHING))

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------
    def _book_kind(self, tracking=False):
        self.ensure_one()
        if tracking:
            if self.direction != "incoming":
                raise UserError(
                    self.env._(
                        "The processing tracking book exists only for incoming documents."
                    )
                )
            return "tracking"
        return self.direction

    def _print_texts(self, kind, date_from, date_to, volume):
        """Cover lines and small labels of a printed book, in the env's language."""
        self.ensure_one()
        _ = self.env._
        count, first, last = self._entries_summary(date_from, date_to)
        agency = self.agency_id
        title = _(BOOK_TITLES[kind])
        period = _(
            "From %(date_from)s to %(date_to)s",
            date_from=date_from.strftime("%d/%m/%Y"),
            date_to=date_to.strftime("%d/%m/%Y"),
        )
        cover = {
            "authority": (agency.parent_id or agency).name,
            "agency": agency.name,
            "title": title,
            "year": _("Year %(year)s", year=self.year),
            "date_range": period,
            "number_range": _(
                "From number %(first)s to number %(last)s",
                first=str(first).zfill(2),
                last=str(last).zfill(2),
            )
            if count
            else _("No entry in this period"),
            "volume": _("Volume no. %(volume)s", volume=str(volume).zfill(2)),
        }
        labels = {
            "page": _("Page %(page)s/"),
            "cancelled": _("Cancelled: %(reason)s"),
            "running_title": f"{title} — {agency.name} — {period}",
            "sheet": title,
        }
        return cover, labels

    def _render_pdf(self, stream, date_from, date_to, tracking=False, volume=1):
        """Write the book of a period as PDF to ``stream``; return the page count."""
        self.ensure_one()
        kind = self._book_kind(tracking)
        cover, labels = self._print_texts(kind, date_from, date_to, volume)
        writer = RegisterBookPdf(stream, book_columns(self.env, kind), cover, labels)
        return writer.render(self._iter_rows(kind, date_from, date_to))

    def _render_xlsx(self, stream, date_from, date_to, tracking=False, volume=1):
        """Write the book of a period as XLSX to ``stream``; return the entry count."""
        self.ensure_one()
        kind = self._book_kind(tracking)
        cover, labels = self._print_texts(kind, date_from, date_to, volume)
        return write_register_book_xlsx(
            stream,
            book_columns(self.env, kind),
            cover,
            labels,
            self._iter_rows(kind, date_from, date_to),
        )

    def _render_pdf_bytes(self, date_from, date_to, tracking=False, volume=1):
        """(PDF content, page count), spooled through a temporary file."""
        with tempfile.TemporaryFile() as spool:
            pages = self._render_pdf(
                spool, date_from, date_to, tracking=tracking, volume=volume
            )
            spool.seek(0)
            return spool.read(), pages

    def _render_xlsx_bytes(self, date_from, date_to, tracking=False, volume=1):
        with tempfile.TemporaryFile() as spool:
            self._render_xlsx(
                spool, date_from, date_to, tracking=tracking, volume=volume
            )
            spool.seek(0)
            return spool.read()
