"""Streamed PDF writer for the register books of Decree 30/2020, Appendix IV.

Plain Python on top of reportlab's low-level canvas, so that it can print a
quarter of ten thousand entries in a few seconds and a few megabytes of memory:

* rows come from an iterator of dicts and each page is written as soon as it is
  full; nothing but the current row is kept;
* the table header is repeated on every page;
* "x/y" page numbers in one pass: every page draws a form XObject for "y" that
  is only filled in once the last page is known;
* A4 landscape, Liberation Serif (metric-compatible with Times New Roman, full
  Vietnamese glyphs in its 2.x release from ``fonts-liberation2``).

Odoo is not imported here: the caller resolves the translated titles and the
row values (see ``models/idesk_register_book.py``).
"""

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = "/usr/share/fonts/truetype/liberation2"
FONT_FILES = {
    "regular": ("IdeskSerif", "LiberationSerif-Regular.ttf"),
    "bold": ("IdeskSerif-Bold", "LiberationSerif-Bold.ttf"),
    "italic": ("IdeskSerif-Italic", "LiberationSerif-Italic.ttf"),
}
PAGE_SIZE = landscape(A4)
MARGIN_LEFT = 20 * mm  # binding side (Decree 30/2020, Appendix I margins)
MARGIN_RIGHT = 10 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 14 * mm
BODY_SIZE = 9
HEADER_SIZE = 9
LEADING = 10.5
PADDING = 2.5
TOTAL_PAGES_FORM = "IdeskTotalPages"
SPLIT_CACHE_SIZE = 5000


@dataclass(frozen=True)
class Column:
    """One printed column: row key, title, relative width, alignment."""

    key: str
    title: str
    width: float
    align: str = "left"  # left / center


def register_fonts(font_dir=FONT_DIR):
    """Register Liberation Serif once per process; return the font names."""
    registered = pdfmetrics.getRegisteredFontNames()
    names = {}
    for style, (name, filename) in FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, f"{font_dir}/{filename}"))
        names[style] = name
    return names


def format_value(value):
    """Text of a cell: dates as dd/mm/yyyy, numbers below 10 with a leading 0."""
    if value is None or value is False:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return f"{value:02d}"
    return unicodedata.normalize("NFC", str(value))


class RegisterBookPdf:
    """Write one register book to a binary stream.

    :param stream: a writable binary file object
    :param columns: list of :class:`Column`, in the legal order
    :param cover: dict of cover lines: ``authority`` (parent agency), ``agency``,
        ``title``, ``year``, ``date_range``, ``number_range``, ``volume``
    :param labels: translated small texts: ``page`` ("Page %(page)s/"),
        ``cancelled`` ("Cancelled: %(reason)s"), ``running_title``
    """

    def __init__(self, stream, columns, cover, labels):
        self.stream = stream
        self.columns = columns
        self.cover = cover
        self.labels = labels
        self.fonts = register_fonts()
        self.page_width, self.page_height = PAGE_SIZE
        usable = self.page_width - MARGIN_LEFT - MARGIN_RIGHT
        total = sum(col.width for col in columns)
        self.widths = [usable * col.width / total for col in columns]
        self.lefts = []
        x = MARGIN_LEFT
        for width in self.widths:
            self.lefts.append(x)
            x += width
        self.right = x
        self.canvas = Canvas(stream, pagesize=PAGE_SIZE, pageCompression=1, invariant=1)
        self.canvas.setTitle(cover.get("title", ""))
        self.canvas.setAuthor(cover.get("agency", ""))
        self.page_number = 0
        self.body_top = None
        self._split_cache = {}
        self.row_count = 0
        self.y = 0
        self._max_lines = int(
            (
                self.page_height
                - MARGIN_TOP
                - MARGIN_BOTTOM
                - self._header_height()
                - 2 * PADDING
            )
            // LEADING
        )

    # ------------------------------------------------------------------
    # public API
    # ------------------------------------------------------------------
    def render(self, rows):
        """Consume the rows (dicts keyed by column key, plus ``cancelled`` and
        ``cancel_reason``) and finish the document; return the page count."""
        self._draw_cover()
        self._start_table_page()
        for row in rows:
            self._draw_row(row)
        return self.finish()

    def finish(self):
        canvas = self.canvas
        self._end_page()
        canvas.beginForm(TOTAL_PAGES_FORM)
        canvas.setFont(self.fonts["regular"], BODY_SIZE)
        canvas.drawString(0, 0, str(self.page_number))
        canvas.endForm()
        canvas.save()
        return self.page_number

    # ------------------------------------------------------------------
    # pages
    # ------------------------------------------------------------------
    def _draw_cover(self):
        canvas = self.canvas
        cover = self.cover
        self.page_number += 1
        center = self.page_width / 2
        top = self.page_height - 30 * mm
        canvas.setFont(self.fonts["regular"], 13)
        canvas.drawCentredString(center, top, cover.get("authority", "").upper())
        canvas.setFont(self.fonts["bold"], 13)
        canvas.drawCentredString(center, top - 18, cover.get("agency", "").upper())
        canvas.line(center - 30 * mm, top - 27, center + 30 * mm, top - 27)
        canvas.setFont(self.fonts["bold"], 26)
        canvas.drawCentredString(center, top - 70 * mm, cover.get("title", "").upper())
        canvas.setFont(self.fonts["bold"], 16)
        canvas.drawCentredString(center, top - 82 * mm, cover.get("year", ""))
        canvas.setFont(self.fonts["regular"], 14)
        y = top - 100 * mm
        for key in ("date_range", "number_range", "volume"):
            if cover.get(key):
                canvas.drawCentredString(center, y, cover[key])
                y -= 9 * mm
        self._end_page()

    def _header_height(self):
        return self._header_lines() * LEADING + 2 * PADDING + LEADING + 2 * PADDING + 14

    def _header_lines(self):
        if not hasattr(self, "_header_wrapped"):
            self._header_wrapped = [
                simpleSplit(
                    col.title, self.fonts["bold"], HEADER_SIZE, width - 2 * PADDING
                )
                for col, width in zip(self.columns, self.widths, strict=True)
            ]
        return max(len(lines) for lines in self._header_wrapped)

    def _start_table_page(self):
        canvas = self.canvas
        self.page_number += 1
        top = self.page_height - MARGIN_TOP
        canvas.setFont(self.fonts["italic"], BODY_SIZE)
        canvas.drawString(
            MARGIN_LEFT, top - BODY_SIZE, self.labels.get("running_title", "")
        )
        top -= 14
        lines = self._header_lines()
        height = lines * LEADING + 2 * PADDING
        canvas.setLineWidth(0.5)
        canvas.setFont(self.fonts["bold"], HEADER_SIZE)
        for wrapped, left, width in zip(
            self._header_wrapped, self.lefts, self.widths, strict=True
        ):
            # titles are centred vertically and horizontally, as on the paper forms
            y = top - PADDING - (lines - len(wrapped)) * LEADING / 2 - HEADER_SIZE
            for line in wrapped:
                canvas.drawCentredString(left + width / 2, y, line)
                y -= LEADING
        canvas.rect(MARGIN_LEFT, top - height, self.right - MARGIN_LEFT, height)
        # the column numbers (1) ... (n) of the legal form
        num_height = LEADING + 2 * PADDING
        canvas.setFont(self.fonts["italic"], BODY_SIZE - 1)
        for index, (left, width) in enumerate(
            zip(self.lefts, self.widths, strict=True), start=1
        ):
            canvas.drawCentredString(
                left + width / 2, top - height - PADDING - BODY_SIZE + 1, f"({index})"
            )
        canvas.rect(
            MARGIN_LEFT, top - height - num_height, self.right - MARGIN_LEFT, num_height
        )
        for left in self.lefts[1:]:
            canvas.line(left, top, left, top - height - num_height)
        self.y = self.body_top = top - height - num_height

    def _end_page(self):
        canvas = self.canvas
        if self.body_top is not None and self.y < self.body_top:
            # the column rules of all the rows of the page, in one path
            canvas.lines(
                [(x, self.body_top, x, self.y) for x in (*self.lefts, self.right)]
            )
        self.body_top = None
        if self.page_number > 1:
            canvas.setFont(self.fonts["regular"], BODY_SIZE)
            text = self.labels.get("page", "%(page)s/") % {"page": self.page_number}
            x = self.page_width - MARGIN_RIGHT - 20
            width = pdfmetrics.stringWidth(text, self.fonts["regular"], BODY_SIZE)
            canvas.drawString(x - width, MARGIN_BOTTOM / 2, text)
            canvas.saveState()
            canvas.translate(x, MARGIN_BOTTOM / 2)
            canvas.doForm(TOTAL_PAGES_FORM)
            canvas.restoreState()
        canvas.showPage()

    # ------------------------------------------------------------------
    # rows
    # ------------------------------------------------------------------
    def _row_cells(self, row):
        cancelled = row.get("cancelled")
        cells = []
        for col, width in zip(self.columns, self.widths, strict=True):
            text = format_value(row.get(col.key))
            if cancelled and col.key == "note":
                reason = self.labels.get("cancelled", "%(reason)s") % {
                    "reason": format_value(row.get("cancel_reason"))
                }
                text = f"{reason}\n{text}" if text else reason
            cells.append(self._split(text, width)[: self._max_lines] if text else [])
        return cells

    def _split(self, text, width):
        """Wrapped lines of a cell; dates, bodies and units repeat a lot in a book."""
        key = (text, width)
        lines = self._split_cache.get(key)
        if lines is None:
            if len(self._split_cache) > SPLIT_CACHE_SIZE:
                self._split_cache.clear()
            lines = simpleSplit(
                text, self.fonts["regular"], BODY_SIZE, width - 2 * PADDING
            )
            self._split_cache[key] = lines
        return lines

    def _draw_row(self, row):
        cells = self._row_cells(row)
        lines = max((len(cell) for cell in cells), default=0) or 1
        height = lines * LEADING + 2 * PADDING
        if self.y - height < MARGIN_BOTTOM:
            self._end_page()
            self._start_table_page()
        canvas = self.canvas
        top = self.y
        cancelled = row.get("cancelled")
        font = self.fonts["regular"]
        # one text object per row: far cheaper than one drawString per line
        text = canvas.beginText()
        text.setFont(font, BODY_SIZE)
        strikes = []
        for col, cell, left, width in zip(
            self.columns, cells, self.lefts, self.widths, strict=True
        ):
            y = top - PADDING - BODY_SIZE + 1
            strike = cancelled and col.key not in ("note", "signature")
            for line in cell:
                if col.align == "center" or strike:
                    line_width = pdfmetrics.stringWidth(line, font, BODY_SIZE)
                    x = (
                        left + width / 2 - line_width / 2
                        if col.align == "center"
                        else left + PADDING
                    )
                    if strike:
                        strikes.append((x, y + 3, x + line_width, y + 3))
                else:
                    x = left + PADDING
                text.setTextOrigin(x, y)
                text.textOut(line)
                y -= LEADING
        canvas.drawText(text)
        if strikes:
            canvas.lines(strikes)
        bottom = top - height
        canvas.line(MARGIN_LEFT, bottom, self.right, bottom)
        self.y = bottom
        self.row_count += 1
