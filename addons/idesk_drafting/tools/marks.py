"""Write the number, the date and the signing statement into an issued PDF.

The places are those of Decree 30/2020, Appendix I: "Số: …" under the issuing
agency's name, "<place>, ngày … tháng … năm …" under the national motto. They
are found in the text of the first page (poppler's ``pdftotext -bbox``); the
dots the drafter left there are covered and the values written over them. A
draft without these words gets them at the top of the first page.
"""

import html
import io
import os
import re
import subprocess
import tempfile

from PyPDF2 import PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from odoo.addons.idesk_registry.tools import scan

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
NUMBER_WORDS = ("số:", "số")
DATE_WORD = "ngày"


def _words(data):
    """The words of the first page: ``(x0, y0, x1, y1, text)``, y from the top."""
    with tempfile.TemporaryDirectory(prefix="idesk_marks_") as folder:
        source = os.path.join(folder, "draft.pdf")
        with open(source, "wb") as handle:
            handle.write(data)
        result = subprocess.run(  # noqa: S603 - fixed command, no shell
            ["pdftotext", "-bbox", "-f", "1", "-l", "1", source, "-"],
            check=True,
            capture_output=True,
            timeout=60,
        )
    return [
        (float(a), float(b), float(c), float(d), html.unescape(text))
        for a, b, c, d, text in WORD.findall(result.stdout.decode("utf-8", "replace"))
    ]


def _line_of(words, word):
    """The words after ``word`` on its line (same baseline, to its right)."""
    x0, y0, x1, y1, _text = word
    return [
        w for w in words if abs(w[3] - y1) < 2 and w[0] >= x1 - 0.5 and w is not word
    ]


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
