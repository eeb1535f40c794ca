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
from PyPDF2.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject
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
# Resource limits, checked on the headers before a pixel is decoded. A scanned
# page decodes to width × height × 3 bytes, whatever the file's size: the issue's
# 925 KB TIFF held 8 frames of 9000 × 9000 (648 Mpx, 1.1 GB once decoded).
# A4 at 600 dpi, the finest resolution archives scan at, is 4961 × 7016 = 35 Mpx;
# A3 at 400 dpi is 31 Mpx. A larger frame is not a scanned page.
MAX_FRAME_PIXELS = 40_000_000
# Pages in one image file (multi-page TIFF); longer documents come as a PDF.
MAX_FRAMES = 100
# All frames of one file: 57 A4 pages at 300 dpi. images_to_pdf decodes one
# page at a time, so this bounds the work, not the memory.
MAX_TOTAL_PIXELS = 500_000_000
# PDF objects walked to look for active content (a 500-page scan has ~3,000).
MAX_PDF_OBJECTS = 100_000
# Largest PDF page, in square points: A0 (1 m², 2384 × 3370 pt) plus margins.
# The text recognition rasterizes pages at 300 dpi: A0 is 139 Mpx there.
MAX_PDF_PAGE_AREA = 2384 * 3370 * 1.1
# Names that make a PDF act on its own when opened, or carry other files
# (ISO 32000-1: 12.6 actions, 7.11.4 embedded files, 12.7.8 XFA). Found as a
# dictionary key or a name value, wherever they are in the object graph.
ACTIVE_CONTENT = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/AA": "automatic_action",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded_file",
    "/EmbeddedFiles": "embedded_file",
    "/GoToE": "embedded_file",
    "/RichMedia": "rich_media",
    "/XFA": "xfa",
    "/SubmitForm": "submit_form",
    "/ImportData": "submit_form",
}
# Decoders tried on an image (an MPO is a JPEG with further frames).
IMAGE_FORMATS = ("PNG", "JPEG", "TIFF")
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


class ScanError(Exception):
    """A file that must be refused; ``args[0]`` is the reason code, ``args[1]``
    (for ``active_content``) what was found."""


def sniff(data):
    """Return ``'pdf'`` or ``'image'`` from the magic bytes, whatever the name."""
    mime = mimetype(data)
    if not mime:
        return None
    return "pdf" if mime == "application/pdf" else "image"


def mimetype(data):
    """The MIME type of a scan from its magic bytes (None if it is not one)."""
    head = data[:1024]
    for signature, mime in SIGNATURES:
        if head.startswith(signature):
            return mime
    # Some scanners write a few bytes of garbage before the PDF header.
    if b"%PDF-" in head:
        return "application/pdf"
    return None


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def _open_image(data):
    """Open an image and read its headers; nothing is decoded."""
    try:
        return Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
    except Image.DecompressionBombError as error:
        raise ScanError("too_many_pixels") from error
    except Exception as error:
        raise ScanError("corrupt") from error


def _frame_sizes(image):
    """Yield ``(width, height)`` of each frame, from the headers only."""
    if image.format != "TIFF":
        # PNG (APNG) and MPO frames share the canvas, counted in the header.
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_FRAMES:
            raise ScanError("too_many_frames")
        yield from [image.size] * frames
        return
    # Each frame of a TIFF has its own size; seek() reads the next directory
    # without decoding, one frame past the limit at most.
    index = 0
    while True:
        yield image.size
        index += 1
        try:
            image.seek(index)
        except EOFError:
            break
        if index >= MAX_FRAMES:
            raise ScanError("too_many_frames")


def _check_image(image):
    """Refuse a bomb before decoding; then decode the first frame to be sure
    the file is sound. Return the number of frames."""
    frames = total = 0
    try:
        for width, height in _frame_sizes(image):
            frames += 1
            total += width * height
            if width * height > MAX_FRAME_PIXELS or total > MAX_TOTAL_PIXELS:
                raise ScanError("too_many_pixels")
        image.seek(0)
        image.load()
    except ScanError:
        raise
    except Image.DecompressionBombError as error:
        raise ScanError("too_many_pixels") from error
    except Exception as error:
        raise ScanError("corrupt") from error
    return frames


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


def _active_content(reader):
    """The first kind of active content found in the PDF's object graph, or None.

    Walks from the trailer through every dictionary, array and reference (object
    streams included); names are compared once PyPDF2 has decoded them, so
    ``/J#61vaScript`` is ``/JavaScript``. Stream data is not decoded.
    """
    pending = [reader.trailer]
    seen = set()
    while pending:
        node = pending.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            if len(seen) > MAX_PDF_OBJECTS:
                raise ScanError("too_complex")
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            # dict.items(): the references as they are, resolved when popped
            for key, value in dict.items(node):
                if key in ACTIVE_CONTENT:
                    return ACTIVE_CONTENT[key]
                pending.append(value)
        elif isinstance(node, ArrayObject):
            pending.extend(list.__iter__(node))
        elif isinstance(node, NameObject) and node in ACTIVE_CONTENT:
            return ACTIVE_CONTENT[node]
    return None


def _check_pdf(data):
    """Return the number of pages of a PDF fit to be kept."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ScanError("encrypted")
        # Before counting the pages: the walk is bounded, the page tree is not.
        active = _active_content(reader)
        if active:
            raise ScanError("active_content", active)
        pages = len(reader.pages)
        for page in reader.pages:
            box = page.mediabox
            unit = float(page.get("/UserUnit", 1) or 1)
            if abs(float(box.width) * float(box.height)) * unit**2 > MAX_PDF_PAGE_AREA:
                raise ScanError("page_too_large")
    except ScanError:
        raise
    except Exception as error:
        raise ScanError("corrupt") from error
    if not pages:
        raise ScanError("corrupt")
    return pages


def check_file(data, max_bytes):
    """Check one uploaded file; return ``(kind, page_count, dpi)``.

    The type comes from the bytes, never the name; images are measured before
    they are decoded; PDFs that run code or carry other files are refused.
    """
    if not data:
        raise ScanError("empty")
    if len(data) > max_bytes:
        raise ScanError("too_big")
    kind = sniff(data)
    if kind is None:
        raise ScanError("not_scan")
    if kind == "pdf":
        pages = _check_pdf(data)
        return kind, pages, _pdf_dpi(data)
    image = _open_image(data)
    return kind, _check_image(image), _image_dpi(image)


def images_to_pdf(images_data):
    """Assemble scanned pages (images checked by ``check_file``) into one PDF,
    each page at its own resolution. One page is decoded at a time: the PDF
    being built holds only compressed pages."""
    writer = PdfWriter()
    for data in images_data:
        image = _open_image(data)
        for frame in range(_check_image(image)):
            image.seek(frame)
            page = image.convert("L" if image.mode in ("1", "L") else "RGB")
            buffer = io.BytesIO()
            page.save(buffer, "PDF", resolution=_image_dpi(image) or MIN_DPI)
            writer.add_page(PdfReader(io.BytesIO(buffer.getvalue())).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
