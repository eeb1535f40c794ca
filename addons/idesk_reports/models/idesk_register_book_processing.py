"""The book columns filled by the processing itself (issue 16, item 5).

Decree 30/2020, Appendix IV: the incoming book's "Đơn vị hoặc người nhận" (7)
and "Ngày chuyển" (8), and the tracking book's "Đơn vị/người nhận",
"Thời hạn giải quyết", "Tiến độ giải quyết" and "Số, ký hiệu văn bản trả lời"
record what happened to the document: the direction and distribution
(``idesk.assignment``), their results and the reply documents. They are read
from those records, not typed.

A hand-typed value (the registry's ``recipient_agency_id`` /
``recipient_user_id`` / ``transfer_date``) is printed only when the document
went nowhere in iDESK: a paper document handed over outside the system, where
the book's "Ký nhận" (9) column is the receipt. As soon as the document is
directed or sent in iDESK, the processing records are what the book shows:
the clerk cannot write in the book a transfer that did not happen.

How to extend (proposal, delegation, results, transfer): a book is printed
by chunks of 1,000 entries (10,000 a quarter). ``_book_facts`` reads the
processing records of a chunk in a few queries into plain values
(:class:`Processing`, :class:`SentTo`; ``Processing.extra`` is free for
other addons); then one method per column (``_book_recipient``,
``_book_transfer_date``, ``_book_tracking_recipient``, ``_book_deadline``,
``_book_progress``, ``_book_reply``) makes the text of one entry from them,
without touching the database.
"""

from dataclasses import dataclass, field
from datetime import date

import pytz

from odoo import models
from odoo.tools import SQL

# Roles in the order the book names them: lead (chủ trì), cooperating, for information.
ROLE_ORDER = {"lead": 1, "cooperate": 2, "info": 3}


@dataclass(frozen=True)
class SentTo:
    """One recipient of the document (an ``idesk.assignment``), as plain values."""

    id: int
    role: str
    state: str
    recipient: str
    sent: date | None  # local day it was sent (the direction or the sending)
    deadline: date | None
    done: date | None  # local day it was done
    late: bool
    reply_id: int | None


@dataclass
class Processing:
    """What happened to one entry, read for the book."""

    sent_to: list = field(
        default_factory=list
    )  # [SentTo], lead first, recalled left out
    replies: list = field(default_factory=list)  # [(number and symbol, date)]
    state_label: str = ""
    extra: dict = field(default_factory=dict)  # for other addons' columns


NOTHING = Processing()


class IdeskRegisterBook(models.Model):
    _inherit = "idesk.register.book"

    # columns of idesk_assignment read for the book, in this order
    BOOK_ASSIGNMENT_COLUMNS = (
        "document_id",
        "id",
        "role",
        "user_id",
        "agency_id",
        "state",
        "create_date",
        "deadline",
        "done_date",
        "completion_status",
        "reply_document_id",
    )

    # ------------------------------------------------------------------
    # Reading a chunk of entries
    # ------------------------------------------------------------------
    def _book_facts(self, entries, kind):
        """{entry id: Processing} for a chunk of ``entries`` of a ``kind`` of book."""
        if kind == "outgoing":
            return {}
        tz = pytz.timezone(self._book_tz())

        def local(value):
            return pytz.utc.localize(value).astimezone(tz).date() if value else None

        # as the printing user: the record rules of the assignments apply; raw
        # rows, as the ORM's records cost more than the whole book's printing
        Assignment = self.env["idesk.assignment"]
        query = Assignment._search(
            [
                ("document_id", "in", entries.ids),
                ("state", "!=", "recalled"),
                # officers' assignments are the unit's internal work, not the book's
                ("parent_id", "=", False),
            ]
        )
        tz_name = self._book_tz()

        def column(name):
            if name in ("create_date", "done_date"):
                # the local day, in SQL: far cheaper than pytz for each value
                return SQL(
                    "(%s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date",
                    SQL.identifier(query.table, name),
                    tz_name,
                )
            return SQL.identifier(query.table, name)

        rows = self.env.execute_query(
            query.select(*(column(name) for name in self.BOOK_ASSIGNMENT_COLUMNS))
        )
        agencies = self.env["idesk.agency"].browse({row[4] for row in rows} - {None})
        users = self.env["res.users"].browse({row[3] for row in rows} - {None})
        agency_names = {a.id: a.name for a in agencies.with_context(active_test=False)}
        user_names = {u.id: u.name for u in users}
        facts = {entry.id: Processing() for entry in entries}
        if kind == "tracking":
            labels = dict(
                entries._fields["process_state"]._description_selection(self.env)
            )
            for entry in entries:
                facts[entry.id].state_label = labels.get(entry.process_state, "")
        replies_of = {}
        for (
            doc_id,
            assignment_id,
            role,
            user_id,
            agency_id,
            state,
            create_date,
            deadline,
            done_date,
            completion_status,
            reply_id,
        ) in rows:
            facts[doc_id].sent_to.append(
                SentTo(
                    id=assignment_id,
                    role=role,
                    state=state,
                    recipient=(
                        user_names.get(user_id)
                        if user_id
                        else agency_names.get(agency_id)
                    )
                    or "",
                    sent=create_date,
                    deadline=deadline,
                    done=done_date,
                    late=completion_status == "late",
                    reply_id=reply_id,
                )
            )
            if reply_id:
                replies_of.setdefault(reply_id, set()).add(doc_id)
        for processing in facts.values():
            processing.sent_to.sort(key=lambda s: (ROLE_ORDER.get(s.role, 9), s.id))
        if kind == "tracking":
            self._book_read_replies(entries, replies_of, facts, local)
        return facts

    def _book_read_replies(self, entries, replies_of, facts, local):
        """The issued documents that answer the entries: those their handlers
        named as their reply (``replies_of``: {reply id: entry ids}) and, with
        idesk_drafting, those drafted as their reply; only issued outgoing
        documents with a number and symbol."""
        domain = [("id", "in", list(replies_of))]
        fields_read = ["symbol", "document_date", "registration_date"]
        drafted = "reply_to_document_id" in entries._fields
        if drafted:
            domain = ["|", *domain, ("reply_to_document_id", "in", entries.ids)]
            fields_read.append("reply_to_document_id")
        # sudo: only the number and symbol and the date of issued outgoing
        # documents are printed (the column's legal content), in a book the
        # printing user was checked to read; a reply may be in another book.
        replies = (
            self.env["idesk.document"]
            .sudo()
            .search_fetch(
                [
                    *domain,
                    ("direction", "=", "outgoing"),
                    ("state", "=", "registered"),
                    ("symbol", "!=", False),
                ],
                fields_read,
                order="id",
            )
        )
        for reply in replies:
            answered = set(replies_of.get(reply.id, ()))
            if drafted and reply.reply_to_document_id:
                answered.add(reply.reply_to_document_id.id)
            day = reply.document_date or local(reply.registration_date)
            for entry_id in answered:
                if entry_id in facts:
                    facts[entry_id].replies.append((reply.symbol, day))

    # ------------------------------------------------------------------
    # Incoming book
    # ------------------------------------------------------------------
    def _book_recipient(self, doc, facts):
        """Column 7 "Đơn vị hoặc người nhận": everyone it was sent to, lead first."""
        if facts.sent_to:
            return _names(facts.sent_to)
        return ", ".join(
            filter(None, [doc.recipient_agency_id.name, doc.recipient_user_id.name])
        )

    def _book_transfer_date(self, doc, facts):
        """Column 8 "Ngày chuyển": the day(s) it was sent to them."""
        if not facts.sent_to:
            return self._local_date(doc.transfer_date)
        days = sorted({s.sent for s in facts.sent_to if s.sent})
        if len(days) == 1:
            return days[0]
        # sent again or re-directed later: every day, the first one first
        return "\n".join(day.strftime("%d/%m/%Y") for day in days)

    # ------------------------------------------------------------------
    # Tracking book
    # ------------------------------------------------------------------
    def _book_handling(self, facts):
        """Who handles the entry: the lead, else the cooperating recipients,
        else every recipient; those who returned it only if nobody else has it."""
        current = [s for s in facts.sent_to if s.state != "returned"] or facts.sent_to
        for role in ("lead", "cooperate"):
            chosen = [s for s in current if s.role == role]
            if chosen:
                return chosen
        return current

    def _book_tracking_recipient(self, doc, facts):
        handling = self._book_handling(facts)
        if handling:
            return _names(handling)
        return self._book_recipient(doc, facts)

    def _book_deadline(self, doc, facts):
        return doc.deadline or ""

    def _book_progress(self, doc, facts):
        """ "Tiến độ giải quyết": the processing state; once done, the day and
        whether it was on time."""
        if doc.process_state != "done":
            return facts.state_label
        done = [s for s in self._book_handling(facts) if s.state == "done" and s.done]
        if not done:
            return facts.state_label
        done_day = max(s.done for s in done)
        deadline = doc.deadline
        if any(s.late for s in done) or (deadline and done_day > deadline):
            timing = self.env._("late")
        elif deadline or any(s.deadline for s in done):
            timing = self.env._("on time")
        else:
            timing = ""
        text = f"{facts.state_label} {done_day.strftime('%d/%m/%Y')}"
        return f"{text}, {timing}" if timing else text

    def _book_reply(self, doc, facts):
        """ "Số, ký hiệu văn bản trả lời": number and symbol, and date, of each reply."""
        return "\n".join(
            self.env._(
                "%(symbol)s of %(date)s",
                symbol=symbol,
                date=day.strftime("%d/%m/%Y"),
            )
            if day
            else symbol
            for symbol, day in facts.replies
        )


def _names(sent_to):
    names = []
    for recipient in sent_to:
        if recipient.recipient and recipient.recipient not in names:
            names.append(recipient.recipient)
    return ", ".join(names)
