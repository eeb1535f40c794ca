"""The legal columns of the register books (Decree 30/2020, Appendix IV).

Titles are English in code and printed in the book's language through the
translations (``i18n/vi.po`` holds the legal Vietnamese wording).
"""

from odoo.tools.translate import LazyTranslate

from .register_book_pdf import Column

_lt = LazyTranslate(__name__)

BOOK_COLUMNS = {
    "incoming": [
        ("arrival_date", _lt("Arrival date"), 7, "center"),
        ("number", _lt("Arrival number"), 5, "center"),
        ("issuing_body", _lt("Author (issuing body)"), 13, "left"),
        ("origin_number_symbol", _lt("Number and symbol"), 9, "left"),
        ("document_date", _lt("Document date"), 7, "center"),
        ("type_summary", _lt("Type and summary of content"), 22, "left"),
        ("recipient", _lt("Receiving unit or person"), 11, "left"),
        ("transfer_date", _lt("Transfer date"), 7, "center"),
        ("signature", _lt("Received (signature)"), 8, "left"),
        ("note", _lt("Notes"), 11, "left"),
    ],
    "outgoing": [
        ("symbol", _lt("Number and symbol"), 9, "left"),
        ("document_date", _lt("Document date"), 7, "center"),
        ("type_summary", _lt("Type and summary of content"), 22, "left"),
        ("signer", _lt("Signed by"), 10, "left"),
        ("recipients", _lt("Recipients"), 14, "left"),
        ("file_copy_holder", _lt("Unit or person keeping the file copy"), 10, "left"),
        ("copies_count", _lt("Number of copies"), 5, "center"),
        ("transfer_date", _lt("Transfer date"), 7, "center"),
        ("signature", _lt("Received (signature)"), 8, "left"),
        ("note", _lt("Notes"), 10, "left"),
    ],
    "tracking": [
        ("number", _lt("Arrival number"), 6, "center"),
        ("document", _lt("Type, number, symbol, date and issuing body"), 30, "left"),
        ("recipient", _lt("Receiving unit/person"), 15, "left"),
        ("deadline", _lt("Processing deadline"), 9, "center"),
        ("progress", _lt("Processing progress"), 14, "left"),
        ("reply", _lt("Number and symbol of the reply"), 12, "left"),
        ("note", _lt("Notes"), 14, "left"),
    ],
}

BOOK_TITLES = {
    "incoming": _lt("Incoming documents register"),
    "outgoing": _lt("Outgoing documents register"),
    "tracking": _lt("Incoming documents processing tracking book"),
}


def book_columns(env, kind):
    """Columns of a book with their titles in ``env``'s language."""
    return [
        Column(key, env._(title), width, align)
        for key, title, width, align in BOOK_COLUMNS[kind]
    ]
