"""Scanned files: recognise, check, assemble and stamp them.

Pure functions on bytes, so that a refused file never reaches the database.
They raise ``ScanError`` with an English message key; the model translates it.
"""

import hashlib
import io
import os
import re
import subprocess
import tempfile

from PIL import Image
from PyPDF2 import PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

MIN_DPI = 200
A4_WIDTH_INCH = 8.27
STAMP_FONT = "iDeskDejaVuSans"
STAMP_FONT_BOLD = "iDeskDejaVuSansBold"
FONT_CANDIDATES = {
    STAMP_FONT: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    ),
    STAMP_FONT_BOLD: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    ),
}
SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)


class ScanError(Exception):
    """A file that must be refused; ``args[0]`` is the reason code."""


def sniff(data):
    """Return ``'pdf'`` or ``'image'`` from the magic bytes, whatever the name."""
    head = data[:1024]
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    # Some scanners write a few bytes of garbage before the PDF header.
    if b"%PDF-" in head:
        return "pdf"
    return None


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def _open_image(data):
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as error:
        raise ScanError("corrupt") from error
    return image


def _image_dpi(image):
    dpi = image.info.get("dpi")
    if dpi and dpi[0] and dpi[0] > 1:
        return float(dpi[0])
    # No resolution recorded: assume an A4 page scanned at 100 % scale.
    return min(image.size) / A4_WIDTH_INCH


def _pdf_dpi(data):
    """Lowest resolution of the raster images of a PDF (None if it has none)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        try:
            out = subprocess.run(
                ["pdfimages", "-list", handle.name],
                capture_output=True,
                check=True,
                timeout=60,
                text=True,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
    values = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        if len(cols) >= 14 and cols[12].isdigit():
            values.append(min(int(cols[12]), int(cols[13])))
    return min(values) if values else None


def check_file(data, max_bytes):
    """Check one uploaded file; return ``(kind, page_count, dpi)``."""
    if not data:
        raise ScanError("empty")
    if len(data) > max_bytes:
        raise ScanError("too_big")
    kind = sniff(data)
    if kind is None:
        raise ScanError("not_scan")
    if kind == "pdf":
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ScanError("encrypted")
            pages = len(reader.pages)
        except ScanError:
            raise
        except Exception as error:
            raise ScanError("corrupt") from error
        if not pages:
            raise ScanError("corrupt")
        return kind, pages, _pdf_dpi(data)
    image = _open_image(data)
    return kind, getattr(image, "n_frames", 1), _image_dpi(image)


def images_to_pdf(images_data):
    """Assemble scanned pages (images) into one PDF at their own resolution."""
    pages = []
    resolution = None
    for data in images_data:
        image = _open_image(data)
        for frame in range(getattr(image, "n_frames", 1)):
            image.seek(frame)
            page = image.convert("L" if image.mode in ("1", "L") else "RGB")
            resolution = resolution or _image_dpi(image)
            pages.append(page)
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=resolution or MIN_DPI,
    )
    return buffer.getvalue()


def _register_fonts():
    for name, paths in FONT_CANDIDATES.items():
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = next((p for p in paths if os.path.exists(p)), None)
        if not path:
            raise ScanError("no_font")
        pdfmetrics.registerFont(TTFont(name, path))


def _fit(text, font, size, width):
    while text and pdfmetrics.stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text


def stamp_pdf(data, agency_name, number, date, transfer=""):
    """Return a copy of the PDF whose first page carries the "ĐẾN" stamp
    (Decree 30/2020, art. 21: 35 × 50 mm, agency, ĐẾN, Số, Ngày, Chuyển)."""
    _register_fonts()
    reader = PdfReader(io.BytesIO(data), strict=False)
    first = reader.pages[0]
    page_width = float(first.mediabox.width)
    page_height = float(first.mediabox.height)
    width, height = 50 * mm, 35 * mm
    x = page_width - width - 12 * mm
    y = page_height - height - 12 * mm
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(page_width, page_height))
    sheet.setStrokeColorRGB(0.8, 0, 0)
    sheet.setFillColorRGB(0.8, 0, 0)
    sheet.setLineWidth(1.2)
    sheet.rect(x, y, width, height)
    inner = width - 6 * mm
    sheet.setFont(STAMP_FONT_BOLD, 7)
    sheet.drawCentredString(
        x + width / 2,
        y + height - 6 * mm,
        _fit(agency_name.upper(), STAMP_FONT_BOLD, 7, inner),
    )
    sheet.setFont(STAMP_FONT_BOLD, 14)
    sheet.drawCentredString(x + width / 2, y + height - 13 * mm, "ĐẾN")
    sheet.setFont(STAMP_FONT, 8)
    lines = (
        f"Số: {number}",
        f"Ngày: {date}",
        f"Chuyển: {transfer}",
        "Số và ký hiệu HS:",
    )
    for index, line in enumerate(lines):
        sheet.drawString(
            x + 3 * mm,
            y + height - (19 + 4.5 * index) * mm,
            _fit(line, STAMP_FONT, 8, inner),
        )
    sheet.save()
    overlay = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    writer = PdfWriter()
    for index, page in enumerate(reader.pages):
        if index == 0:
            page.merge_page(overlay)
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def rasterize(data, dpi=300, first=1, last=None):
    """Yield the pages of a PDF as grayscale PIL images (poppler's pdftoppm)."""
    with tempfile.TemporaryDirectory(prefix="idesk_ocr_") as folder:
        source = os.path.join(folder, "scan.pdf")
        with open(source, "wb") as handle:
            handle.write(data)
        command = ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(first)]
        if last:
            command += ["-l", str(last)]
        subprocess.run(
            command + [source, os.path.join(folder, "page")], check=True, timeout=600
        )
        names = sorted(
            (n for n in os.listdir(folder) if n.startswith("page")),
            key=lambda n: int(re.sub(r"\D", "", n) or 0),
        )
        for name in names:
            with Image.open(os.path.join(folder, name)) as image:
                image.load()
                yield image.copy()
