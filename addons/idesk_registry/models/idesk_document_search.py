import logging

import psycopg2

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import SQL, sql

from ..tools.text import fold, nfc

_logger = logging.getLogger(__name__)

# One GIN index over (agency, folded text): a word search of one agency's documents
# reads only that agency's matches, not the whole town's (btree_gin indexes the agency).
SEARCH_INDEX = "idesk_document_agency_search_text_index"
# The plain trigram index Odoo makes for ``index="trigram"``: the fallback without btree_gin.
TRIGRAM_INDEX = "idesk_document__search_text_index"
# A book's list, newest first, read from the index without sorting the whole book.
BOOK_ORDER_INDEX = "idesk_document_book_order_index"
BOOK_INDEX = "idesk_document__book_id_index"
# An agency's documents newest first: a frequent word's newest matches are found by
# walking it, without reading and sorting every match.
AGENCY_ORDER_INDEX = "idesk_document_agency_order_index"
# Shares read by the current list page (``web_search_read``), in ``cr.cache``.
SHARED_CACHE = "idesk_document_shared_ids"
# A pattern of fewer letters has no trigram: the index cannot narrow it down.
TRIGRAM = 3


def search_patterns(text):
    """The folded words of ``text``, each to be found anywhere in a document.

    A word of one or two letters (``so``, ``ve``, ``ba``) is kept together with
    the next word (``so tai``): alone it matches inside most documents and no
    index can narrow it down.
    """
    patterns, pending = [], ""
    for word in fold(nfc(text)).split():
        word = f"{pending} {word}" if pending else word
        if len(word) < TRIGRAM:
            pending = word
            continue
        pending = ""
        patterns.append(word)
    if pending:
        if patterns:
            patterns[-1] = f"{patterns[-1]} {pending}"
        else:
            patterns.append(pending)
    return list(dict.fromkeys(patterns))


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    def init(self):
        res = super().init()
        self._init_search_indexes()
        return res

    @api.model
    def _init_search_indexes(self):
        """Create the search and list indexes (also called by bench/generate.py
        after loading documents with COPY)."""
        cr = self.env.cr
        sql.create_index(
            cr,
            BOOK_ORDER_INDEX,
            self._table,
            ["book_id", "registration_date DESC", "id DESC"],
        )
        sql.create_index(
            cr,
            AGENCY_ORDER_INDEX,
            self._table,
            ["agency_id", "registration_date DESC", "id DESC"],
        )
        # Odoo keeps the former plain index of book_id; the book's one serves it.
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(BOOK_INDEX)))
        if sql.index_exists(cr, SEARCH_INDEX):
            return
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        except psycopg2.Error as error:
            _logger.warning(
                "btree_gin is not available (%s): word searches use the plain "
                "trigram index and read every agency's matches.",
                error,
            )
            sql.create_index(
                cr, TRIGRAM_INDEX, self._table, ["search_text gin_trgm_ops"], "gin"
            )
            return
        sql.create_index(
            cr,
            SEARCH_INDEX,
            self._table,
            ["agency_id", "search_text gin_trgm_ops"],
            "gin",
        )
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(TRIGRAM_INDEX)))

    @api.model
    def _drop_search_indexes(self):
        """Drop the search and list indexes before a bulk load (bench/generate.py);
        ``_init_search_indexes`` makes them again."""
        for index in (
            SEARCH_INDEX,
            TRIGRAM_INDEX,
            BOOK_ORDER_INDEX,
            AGENCY_ORDER_INDEX,
        ):
            self.env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(index)))

    def _compute_search_anything(self):
        self.search_anything = False

    def _search_anything(self, operator, value):
        if operator not in ("ilike", "=", "like", "=ilike") or not isinstance(
            value, str
        ):
            raise UserError(_("This search only supports 'contains'."))
        patterns = search_patterns(value)
        if not patterns:
            return []
        # The column and the words are folded alike: LIKE is exact here and much
        # cheaper than ILIKE on UTF-8 text; the GIN index serves both.
        domain = [("search_text", "like", pattern) for pattern in patterns]
        return domain + (self._search_scope(patterns) or [])

    def _search_scope(self, patterns):
        """The documents the user may see, in a form the (agency, text) index serves.

        The record rules let an officer see his agencies' documents and those
        shared with his agency or with him; they still apply on top of this. Said
        again here as ``agency IN (…) OR id IN (…)``, PostgreSQL reads only these
        agencies' matches from the index, instead of every agency's matches (tens
        of thousands for a frequent word in a million documents) to keep a few.
        ``None`` for those the rules let see more (superuser, administrator).
        """
        user = self.env.user
        if (
            self.env.su
            or not user.agency_id
            or user.has_group("idesk_security.group_idesk_admin")
        ):
            return None
        agencies = user.agency_id
        if user.has_group("idesk_security.group_idesk_leader"):
            agencies = (
                self.env["idesk.agency"]
                .sudo()
                .with_context(active_test=False)
                .search([("id", "child_of", agencies.ids)])
            )
        if user.has_group("idesk_security.group_idesk_clerk"):
            # The books he keeps for other agencies (the rules keep only their
            # incoming entries for a unit without a clerk).
            agencies |= (
                self.env["idesk.agency"]
                .sudo()
                .with_context(active_test=False)
                ._idesk_kept_agencies(user, "incoming")
            )
        return [
            "|",
            ("agency_id", "in", agencies.ids),
            ("id", "in", self._search_shared_ids(patterns, agencies)),
        ]

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        # A list page evaluates its domain twice (the rows, then their count): the
        # shares of the user are read once for both (a ward has thousands).
        cache = self.env.cr.cache
        cache[SHARED_CACHE] = {}
        try:
            return super().web_search_read(
                domain,
                specification,
                offset=offset,
                limit=limit,
                order=order,
                count_limit=count_limit,
            )
        finally:
            cache.pop(SHARED_CACHE, None)

    def _search_shared_ids(self, patterns, agencies):
        cache = self.env.cr.cache.get(SHARED_CACHE)
        if cache is None:
            return self._read_shared_ids(patterns, agencies)
        key = (self.env.uid, tuple(patterns))
        if key not in cache:
            cache[key] = self._read_shared_ids(patterns, agencies)
        return cache[key]

    def _read_shared_ids(self, patterns, agencies):
        """The matching documents of other agencies shared with the user or his agency.

        What is shared with one person or unit is read first (a few hundred rows, a
        few thousand for a leader), never the whole town's matches: as an array
        (``= ANY(ARRAY(…))``) PostgreSQL cannot guess the other way.
        """
        user = self.env.user
        self.flush_model(
            ["search_text", "agency_id", "shared_agency_ids", "shared_user_ids"]
        )

        def shared(field_name, value):
            field = self._fields[field_name]
            return SQL(
                "SELECT %s FROM %s WHERE %s = %s",
                SQL.identifier(field.column1),
                SQL.identifier(field.relation),
                SQL.identifier(field.column2),
                value,
            )

        rows = self.env.execute_query(
            SQL(
                "SELECT d.id FROM %s d WHERE d.id = ANY(ARRAY(%s UNION %s))"
                " AND d.agency_id NOT IN %s AND %s",
                SQL.identifier(self._table),
                shared("shared_agency_ids", user.agency_id.id),
                shared("shared_user_ids", user.id),
                tuple(agencies.ids),
                SQL(" AND ").join(
                    SQL("d.search_text LIKE %s", f"%{p}%") for p in patterns
                ),
            )
        )
        return [row[0] for row in rows]
