"""Write the number, the date, the signing statement, the agency's seal and the
appendices' heading into an issued PDF.

The places are those of Decree 30/2020, Appendix I: "Số: …" under the issuing
agency's name, "<place>, ngày … tháng … năm …" under the national motto. They
are found in the text of the first page (poppler's ``pdftotext -bbox``); the
dots the drafter left there are covered and the values written over them. A
draft without these words gets them at the top of the first page.

The agency's seal (Appendix I, electronic documents) goes on the last page over
the left third of the signer's signature, found from the signer's name and
position words: ``signature_box`` → ``seal_rect`` → ``draw_seal``. Each
appendix gets the number and symbol, the time and the agency's name at the top
right of its first page: ``mark_appendix``.
"""

import html
import io
import os
import re
import subprocess
import tempfile
import unicodedata

from PyPDF2 import PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo.addons.idesk_registry.tools import scan

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
NUMBER_WORDS = ("số:", "số")
DATE_WORD = "ngày"


def _words(data, page=1):
    """The words of a page (1 = the first): ``(x0, y0, x1, y1, text)``, y from
    the top."""
    with tempfile.TemporaryDirectory(prefix="idesk_marks_") as folder:
        source = os.path.join(folder, "draft.pdf")
        with open(source, "wb") as handle:
            handle.write(data)
        page = str(int(page))
        result = subprocess.run(  # noqa: S603 - fixed command, no shell
            ["pdftotext", "-bbox", "-f", page, "-l", page, source, "-"],
            check=True,
            capture_output=True,
            timeout=60,
        )
    return [
        (float(a), float(b), float(c), float(d), html.unescape(text))
        for a, b, c, d, text in WORD.findall(result.stdout.decode("utf-8", "replace"))
    ]


def _line_of(words, word):
    """The words after ``word`` in its run of text: same baseline, to its
    right, up to the first wide gap (the number and the date share a
    baseline: "Số: …" stops before "<place>, ngày …")."""
    x0, y0, x1, y1, _text = word
    after = sorted(
        (w for w in words if abs(w[3] - y1) < 2 and w[0] >= x1 - 0.5 and w is not word),
        key=lambda w: w[0],
    )
    gap = max(12.0, 2 * (y1 - y0))
    run, end = [], x1
    for w in after:
        if w[0] - end > gap:
            break
        run.append(w)
        end = max(end, w[2])
    return run


def _find(words, page_height):
    """Where the number and the date go: ``(number_box, date_box)``, each
    ``(x0, y0, x1, y1)`` from the top of the page, or None."""
    top = [w for w in words if w[1] < page_height / 2]
    number_box = date_box = None
    for word in top:
        if word[4].lower() in NUMBER_WORDS and number_box is None:
            rest = _line_of(words, word)
            end = max([w[2] for w in rest] or [word[2]])
            number_box = (word[0], word[1], end, word[3])
        if word[4].lower() == DATE_WORD and date_box is None:
            rest = _line_of(words, word)
            end = max([w[2] for w in rest] or [word[2]])
            date_box = (word[0], word[1], end, word[3])
    return number_box, date_box


def _wrap(text, font, size, width, max_lines=3):
    """``text`` cut into lines of at most ``width`` points."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pdfmetrics.stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return [scan._fit(line, font, size, width) for line in lines[:max_lines]]


def mark_pdf(data, number_symbol, date, statement):
    """Return the PDF with ``Số: <number_symbol>`` and ``ngày D tháng M năm Y``
    at their places and ``statement`` (how it was signed) at the foot of the
    last page."""
    scan._register_fonts()
    font = scan.STAMP_FONT
    reader = PdfReader(io.BytesIO(data), strict=False)
    first = reader.pages[0]
    width = float(first.mediabox.width)
    height = float(first.mediabox.height)
    number_box, date_box = _find(_words(data), height)
    date_text = f"ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(width, height))

    def write(box, text, fallback):
        if box:
            x0, y0, x1, y1 = box
            size = max(8.0, min(14.0, (y1 - y0) / 1.1))
            right = max(x1, x0 + sheet.stringWidth(text, font, size)) + 1
            sheet.setFillColorRGB(1, 1, 1)
            sheet.rect(x0 - 0.5, height - y1 - 1, right - x0 + 1, y1 - y0 + 2, 0, 1)
            sheet.setFillColorRGB(0, 0, 0)
            sheet.setFont(font, size)
            sheet.drawString(x0, height - y1 + 0.22 * size, text)
        else:
            sheet.setFillColorRGB(0, 0, 0)
            sheet.setFont(font, 10)
            sheet.drawString(fallback[0], fallback[1], text)

    write(number_box, f"Số: {number_symbol}", (20 * mm, height - 10 * mm))
    write(date_box, date_text, (width / 2, height - 10 * mm))
    sheet.save()
    overlay = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]

    last = reader.pages[-1]
    foot = io.BytesIO()
    last_sheet = canvas.Canvas(
        foot, pagesize=(float(last.mediabox.width), float(last.mediabox.height))
    )
    last_sheet.setFont(font, 7)
    last_sheet.setFillColorRGB(0.2, 0.2, 0.2)
    lines = _wrap(statement, font, 7, float(last.mediabox.width) - 30 * mm)
    for index, line in enumerate(lines):
        last_sheet.drawString(15 * mm, (6 + 3.5 * (len(lines) - 1 - index)) * mm, line)
    last_sheet.save()
    foot_overlay = PdfReader(io.BytesIO(foot.getvalue())).pages[0]

    writer = PdfWriter()
    for index, page in enumerate(reader.pages):
        if index == 0:
            page.merge_page(overlay)
        if index == len(reader.pages) - 1:
            page.merge_page(foot_overlay)
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_text(data):
    """The text of a PDF (poppler's ``pdftotext``), to check what was written."""
    with tempfile.TemporaryDirectory(prefix="idesk_marks_") as folder:
        source = os.path.join(folder, "doc.pdf")
        with open(source, "wb") as handle:
            handle.write(data)
        result = subprocess.run(  # noqa: S603 - fixed command, no shell
            ["pdftotext", "-raw", source, "-"],
            check=True,
            capture_output=True,
            timeout=60,
        )
    return result.stdout.decode("utf-8", "replace")


# ----------------------------------------------------------------------
# The agency's seal on the signature, the appendices' heading
# ----------------------------------------------------------------------
APPENDIX_FONT = "iDeskLiberationSerif"
APPENDIX_FONT_PATH = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
# A town-level seal is about 35 mm across (actual size, Appendix I).
SEAL_DIAMETER = 35 * mm
# The signature's height when nothing on the page tells it.
SIGNATURE_HEIGHT = 25 * mm
SIGNATURE_WIDTH = 60 * mm


def _find_phrase(words, phrase):
    """The boxes ``(x0, y0, x1, y1)`` (from the top) of every place where the
    words of ``phrase`` follow each other (case ignored), in reading order."""
    tokens = [unicodedata.normalize("NFC", t).casefold() for t in phrase.split()]
    if not tokens:
        return []
    texts = [unicodedata.normalize("NFC", w[4]).casefold() for w in words]
    found = []
    for start in range(len(words) - len(tokens) + 1):
        if texts[start : start + len(tokens)] == tokens:
            run = words[start : start + len(tokens)]
            found.append(
                (
                    min(w[0] for w in run),
                    min(w[1] for w in run),
                    max(w[2] for w in run),
                    max(w[3] for w in run),
                )
            )
    return found


def _name_under_position(names, positions):
    """``(name, position)``: the name printed under a position, in the same
    column, the closest pair; else the last of either alone."""
    pairs = [
        (name, position)
        for name in names
        for position in positions
        if position[3] <= name[1] and position[0] < name[2] and name[0] < position[2]
    ]
    if pairs:
        return min(pairs, key=lambda pair: pair[0][1] - pair[1][3])
    return (names[-1] if names else None), (positions[-1] if positions else None)


def signature_box(data, names):
    """Where the signer signs on the last page: ``(page_index, (x0, y0, x1,
    y1))`` in PDF points, origin at the bottom left of the page.

    ``names`` are phrases printed around the signature: first the signer's
    name (printed under the signature), then his position, best first (printed
    above it, e.g. "CHỦ TỊCH"). The box spans the space between the position
    and the name under it, as wide as the wider of the two; with only one of
    them, a box of ``SIGNATURE_HEIGHT`` above the name or below the position;
    with neither, the right part of the page under its last words. Give it the
    PDF as drafted: words added later (the signing statement that repeats the
    name) would mislead it."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    index = len(reader.pages) - 1
    page = reader.pages[index]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    words = _words(data, index + 1)
    name_phrase, *position_phrases = list(names) or [""]
    names_found = _find_phrase(words, name_phrase or "")
    positions = []
    for phrase in position_phrases:
        positions = _find_phrase(words, phrase or "")
        if positions:
            break
    name, position = _name_under_position(names_found, positions)
    if name and position:
        x0, x1 = min(name[0], position[0]), max(name[2], position[2])
        top, bottom = position[3], name[1]
        if bottom - top < SIGNATURE_HEIGHT / 2:
            top = bottom - SIGNATURE_HEIGHT
    elif name:
        x0, x1, bottom = name[0], name[2], name[1]
        top = bottom - SIGNATURE_HEIGHT
    elif position:
        x0, x1, top = position[0], position[2], position[3]
        bottom = top + SIGNATURE_HEIGHT
    else:
        lowest = max([w[3] for w in words] or [height / 2])
        x1 = width - 20 * mm
        x0 = x1 - SIGNATURE_WIDTH
        top = min(lowest + 5 * mm, height - 20 * mm - SIGNATURE_HEIGHT)
        bottom = top + SIGNATURE_HEIGHT
    # Never narrower than a signature: a short name is centred under it.
    if x1 - x0 < SIGNATURE_WIDTH / 2:
        middle = (x0 + x1) / 2
        x0, x1 = middle - SIGNATURE_WIDTH / 4, middle + SIGNATURE_WIDTH / 4
    return index, (x0, height - bottom, x1, height - top)


def seal_rect(box, diameter=SEAL_DIAMETER):
    """The square the seal covers for a signature ``box`` (``x0, y0, x1, y1``,
    PDF points, bottom-left origin): its right edge on the first third of the
    signature, centred on it vertically (Appendix I: the seal covers about a
    third of the signature, on its left). The same rectangle suits a visible
    signature widget."""
    x0, y0, x1, y1 = box
    right = x0 + (x1 - x0) / 3
    middle = (y0 + y1) / 2
    return (right - diameter, middle - diameter / 2, right, middle + diameter / 2)


def _overlay(page, draw):
    """Merge onto ``page`` what ``draw(sheet, width, height)`` paints."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(width, height))
    draw(sheet, width, height)
    sheet.save()
    page.merge_page(PdfReader(io.BytesIO(buffer.getvalue())).pages[0])


def draw_seal(data, page_index, rect, image, lines):
    """Return the PDF with the seal ``image`` (PNG or JPEG bytes, transparency
    kept) drawn in ``rect`` (``x0, y0, x1, y1``, PDF points) on page
    ``page_index`` and ``lines`` (the agency's name, the signing time) in
    small type under it."""
    scan._register_fonts()
    font = scan.STAMP_FONT
    reader = PdfReader(io.BytesIO(data), strict=False)
    x0, y0, x1, y1 = rect

    def draw(sheet, width, height):
        sheet.drawImage(
            ImageReader(io.BytesIO(image)),
            x0,
            y0,
            x1 - x0,
            y1 - y0,
            mask="auto",
            preserveAspectRatio=True,
        )
        sheet.setFont(font, 6.5)
        sheet.setFillColorRGB(0.75, 0, 0)
        top = y0 - 3 * mm if y0 > 15 * mm else y1 + 3 * mm + 3 * mm * len(lines)
        for number, line in enumerate(lines):
            sheet.drawString(
                x0,
                top - 3 * mm * number,
                scan._fit(line, font, 6.5, max(width - x0 - 10 * mm, 20 * mm)),
            )

    writer = PdfWriter()
    for index, page in enumerate(reader.pages):
        if index == page_index:
            _overlay(page, draw)
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _register_appendix_font():
    if APPENDIX_FONT not in pdfmetrics.getRegisteredFontNames():
        if not os.path.exists(APPENDIX_FONT_PATH):
            raise scan.ScanError("no_font")
        pdfmetrics.registerFont(TTFont(APPENDIX_FONT, APPENDIX_FONT_PATH))


def mark_appendix(data, lines):
    """Return the appendix PDF with ``lines`` (number and symbol, signing
    time, agency's name) at the top right of its first page, in Times New
    Roman's metric twin, upright, 10 pt, black (Appendix I)."""
    _register_appendix_font()
    reader = PdfReader(io.BytesIO(data), strict=False)

    def draw(sheet, width, height):
        sheet.setFont(APPENDIX_FONT, 10)
        sheet.setFillColorRGB(0, 0, 0)
        for number, line in enumerate(lines):
            sheet.drawRightString(
                width - 10 * mm,
                height - 8 * mm - 4.2 * mm * number,
                scan._fit(line, APPENDIX_FONT, 10, width / 2),
            )

    writer = PdfWriter()
    for index, page in enumerate(reader.pages):
        if index == 0:
            _overlay(page, draw)
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
