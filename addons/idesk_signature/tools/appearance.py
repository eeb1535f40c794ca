"""Visible appearances of signatures (Decree 30/2020, Appendix I), drawn with
reportlab as one-page PDFs of the signature box's size; :mod:`.sign` puts them
into the signature fields.

- the signer: his signature image (PNG, transparent background);
- the agency, on the main document: the seal image in red over the left part of
  the box, with the agency's name and the signing time (ISO 8601, Vietnam time);
- the agency, on an appendix: number and symbol, time and agency name, Times
  New Roman (Liberation Serif, same metrics) upright 10 pt black.
"""

import io
import os

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

SERIF = "iDeskLiberationSerif"
SERIF_PATHS = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)


def _font():
    if SERIF not in pdfmetrics.getRegisteredFontNames():
        path = next((p for p in SERIF_PATHS if os.path.exists(p)), None)
        if not path:
            raise OSError("no serif font with Vietnamese glyphs")
        pdfmetrics.registerFont(TTFont(SERIF, path))
    return SERIF


def _sheet(width, height):
    buffer = io.BytesIO()
    return buffer, canvas.Canvas(buffer, pagesize=(width, height))


def _image(sheet, data, x, y, width, height):
    """``data`` (PNG) fitted into the box, centred, transparency kept."""
    sheet.drawImage(
        ImageReader(io.BytesIO(data)),
        x,
        y,
        width,
        height,
        mask="auto",
        preserveAspectRatio=True,
        anchor="c",
    )


def _lines(sheet, lines, x, top, width, size):
    font = _font()
    sheet.setFillColorRGB(0, 0, 0)
    y = top - size
    for line in lines:
        while size > 5 and pdfmetrics.stringWidth(line, font, size) > width:
            size -= 0.5
        sheet.setFont(font, size)
        sheet.drawString(x, y, line)
        y -= size * 1.2


def iso_time(when):
    """``when`` (aware datetime) as ISO 8601 in Vietnam time, to the second."""
    return when.isoformat(timespec="seconds")


def signer(width, height, image=None, name=""):
    """The signer's appearance: his image, or his name when he has none."""
    buffer, sheet = _sheet(width, height)
    if image:
        _image(sheet, image, 0, 0, width, height)
    else:
        _lines(sheet, [name], 2, height / 2 + 6, width - 4, 11)
    sheet.save()
    return buffer.getvalue()


def agency(width, height, agency_name, when, seal=None, seal_size=None):
    """The agency's appearance on the main document: the seal (``seal`` PNG,
    ``seal_size`` points across) at the top left of the box, over the left
    third of the signer's signature, and under it the agency's name and the
    signing time in small red type."""
    buffer, sheet = _sheet(width, height)
    side = min(seal_size or height, height, width)
    if seal:
        _image(sheet, seal, 0, height - side, side, side)
    font = _font()
    sheet.setFillColorRGB(0.75, 0, 0)
    size = 6.5
    y = height - side - size - 1
    for line in (agency_name, iso_time(when)):
        while size > 4 and pdfmetrics.stringWidth(line, font, size) > width - 2:
            size -= 0.25
        sheet.setFont(font, size)
        sheet.drawString(1, max(y, 1), line)
        y -= size * 1.25
    sheet.save()
    return buffer.getvalue()


def text(width, height, lines, size=10):
    """Plain lines, white behind them (number, date, the appendix mark)."""
    buffer, sheet = _sheet(width, height)
    sheet.setFillColorRGB(1, 1, 1)
    sheet.rect(0, 0, width, height, 0, 1)
    _lines(sheet, lines, 1, height - 1, width - 2, size)
    sheet.save()
    return buffer.getvalue()


def text_width(line, size):
    return pdfmetrics.stringWidth(line, _font(), size)
