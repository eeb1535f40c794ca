"""Read scans with Tesseract and find what a clerk would type in."""

import os
import re
from datetime import date

from .scan import rasterize
from .text import fold

# Single-threaded Tesseract is several times faster on a busy 2-core machine.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

NUMBER_SYMBOL_RE = re.compile(
    r"S[ốoô6]\s*[:.]?\s*(\d{1,6})\s*/\s*([0-9A-ZĐ]{1,10}(?:\s*-\s*[0-9A-ZĐ]{1,12}){0,3})",
    re.IGNORECASE,
)
DATE_RE = re.compile(
    r"ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})", re.IGNORECASE
)
ACRONYMS = {"UBND", "HĐND", "MTTQ", "BCH", "TW"}
BODY_RE = re.compile(
    r"^(UBND|ỦY BAN|UỶ BAN|SỞ|PHÒNG|BỘ|HỘI ĐỒNG|VĂN PHÒNG|BAN|CỤC|CHI CỤC|TRƯỜNG)"
)
SUMMARY_RE = re.compile(r"^\s*(V/v|Về việc)\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def image_to_text(image, lang="vie"):
    import pytesseract

    return pytesseract.image_to_string(image, lang=lang, config="--psm 3")


def pdf_to_text(data, max_pages=20, dpi=300):
    pages = []
    for image in rasterize(data, dpi=dpi, last=max_pages):
        pages.append(image_to_text(image))
    return "\n\f".join(pages)


def find_number_symbol(text):
    match = NUMBER_SYMBOL_RE.search(text or "")
    if not match:
        return False
    symbol = re.sub(r"\s+", "", match.group(2)).upper()
    return f"{match.group(1)}/{symbol}"


def find_date(text):
    for match in DATE_RE.finditer(text or ""):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return False


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
            if not clean.isupper():
                return clean
            return " ".join(
                word if word in ACRONYMS else word.capitalize()
                for word in clean.split()
            )
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
