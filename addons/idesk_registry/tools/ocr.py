"""Read scans with Tesseract and find what a clerk would type in."""

import io
import os
import re
import subprocess
import tempfile

from PIL import Image
from PyPDF2 import PdfReader

from . import ocr_layout
from .scan import rasterize
from .text import fold

# Single-threaded Tesseract is several times faster on a busy 2-core machine.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# "Số: 472/2015/QĐ-UBND": the year of a legal document is kept.
NUMBER_SYMBOL_RE = re.compile(
    r"S[ốoô6]\s*[:.]?\s*(\d{1,6}\s*/\s*(?:(?:19|20)\d{2}\s*/\s*)?"
    r"[0-9A-Za-zĐđ]{1,10}(?:\s*-\s*[0-9A-Za-zĐđ]{1,12}){0,3})",
    re.IGNORECASE,
)
BODY_RE = re.compile(
    r"^(UBND|ỦY BAN|UỶ BAN|SỞ|PHÒNG|BỘ|HỘI ĐỒNG|VĂN PHÒNG|BAN|CỤC|CHI CỤC|TRƯỜNG)"
)
SUMMARY_RE = re.compile(r"^\s*(V/v|Về việc)\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def image_to_text(image, lang="vie"):
    import pytesseract

    return pytesseract.image_to_string(image, lang=lang, config="--psm 3")


def pdf_to_text(data, max_pages=20, dpi=300, first=1):
    """The text of pages ``first`` to ``max_pages``, pages separated by "\\f"."""
    pages = []
    last = min(max_pages, page_count(data)) if first > 1 else max_pages
    if first > last:
        return ""
    for image in rasterize(data, dpi=dpi, first=first, last=last):
        pages.append(image_to_text(image))
    return "\n\f".join(pages)


def page_count(data):
    try:
        return len(PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception as error:  # PyPDF2 raises many kinds on a damaged file
        raise ValueError(f"unreadable PDF: {error}") from error


def first_page_image(data):
    """Page 1 of a PDF in colour (the reader leaves the red seal out) and its
    resolution. A scanned page is one image: it is taken as the scanner made
    it (no second resampling, no rendering); any other page is rendered at
    the resolution the text is read at."""
    with tempfile.TemporaryDirectory(prefix="idesk_ocr_") as folder:
        source = os.path.join(folder, "scan.pdf")
        with open(source, "wb") as handle:
            handle.write(data)
        listing = subprocess.run(
            ["pdfimages", "-f", "1", "-l", "1", "-list", source],
            capture_output=True,
            check=True,
            text=True,
            timeout=60,
        ).stdout.splitlines()[2:]
        rows = [line.split() for line in listing]
        if len(rows) == 1 and len(rows[0]) >= 14 and rows[0][2] == "image":
            subprocess.run(
                ["pdfimages", "-f", "1", "-l", "1", "-all", source]
                + [os.path.join(folder, "img")],
                check=True,
                timeout=60,
            )
            name = next(n for n in sorted(os.listdir(folder)) if n.startswith("img"))
            dpi = float(rows[0][12]) if rows[0][12].isdigit() else None
        else:
            dpi = ocr_layout.READ_DPI
            subprocess.run(
                ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile"]
                + [source, os.path.join(folder, "page")],
                check=True,
                timeout=120,
            )
            name = "page.ppm"
        with Image.open(os.path.join(folder, name)) as image:
            image.load()
            return image.copy(), dpi


def read_first_page(data, names=()):
    """The fields of page 1 read by its layout (see ``ocr_layout``) and its text."""
    image, dpi = first_page_image(data)
    return ocr_layout.read_page(image, names=names, dpi=dpi)


def find_number_symbol(text):
    match = NUMBER_SYMBOL_RE.search(text or "")
    if not match:
        return False
    return ocr_layout.parse_number_symbol(match.group(1))


def find_date(text):
    return ocr_layout.parse_date(text)


def find_type(text, types):
    """The first document type named in capitals as a title, else by symbol code."""
    folded = fold(text)
    best = False
    best_pos = len(folded) + 1
    for doc_type in types:
        pos = folded.find(fold(doc_type.name))
        if 0 <= pos < best_pos:
            best, best_pos = doc_type, pos
    if best:
        return best
    number_symbol = find_number_symbol(text)
    if number_symbol and "/" in number_symbol:
        code = number_symbol.split("/", 1)[1].split("-", 1)[0]
        return next((t for t in types if t.code and t.code.upper() == code), False)
    return False


def find_issuing_body(text):
    """The first lines of an official document name its issuing body."""
    for line in (text or "").splitlines()[:8]:
        clean = line.strip(" -_|")
        if len(clean) > 5 and BODY_RE.match(clean.upper()):
            return ocr_layout.display_name(clean)
    return False


def find_summary(text):
    """ "V/v …" of an official letter, else the lines under the type's title
    (a short line in capitals such as "KẾ HOẠCH")."""
    match = SUMMARY_RE.search(text or "")
    if match:
        return match.group(0).strip()[:500]
    lines = [line.strip() for line in (text or "").splitlines()]
    for index, line in enumerate(lines):
        is_title = (
            line.isupper()
            and len(line.split()) <= 4
            and not any(ch.isdigit() for ch in line)
            and not BODY_RE.match(line)
        )
        if not is_title:
            continue
        summary = []
        for following in lines[index + 1 : index + 4]:
            if not following or following.isupper():
                break
            summary.append(following)
        if summary:
            return " ".join(summary)[:500]
    return False
