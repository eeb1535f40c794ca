"""Find the state-secret mark (độ mật) printed on the first page of a scan.

The mark is stamped under the number and symbol, in capitals, alone on its
line, often in a frame (Law 29/2018/QH14 on the protection of state secrets;
Circular 24/2020/TT-BCA): "MẬT", "TỐI MẬT" or "TUYỆT MẬT". Words such as
"bí mật" or "mật khẩu" inside sentences are not a mark.
"""

import os
import re

from .scan import rasterize
from .text import fold

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# Folded text of a line that is only the mark → confidentiality level.
MARKS = {
    "tuyet mat": "absolute_secret",
    "toi mat": "top_secret",
    "mat": "secret",
}
# The mark sits in the upper part of page 1: reading that part is enough.
TOP_SHARE = 0.5
FRAME_RE = re.compile(r"[^\w\s]|_", re.UNICODE)


def find_mark(text):
    """Return ``(level, line)`` for the first line of ``text`` that is a
    state-secret mark, else ``(False, False)``."""
    for line in (text or "").splitlines():
        clean = " ".join(FRAME_RE.sub(" ", line).split())
        if not clean or not clean.isupper():
            continue
        level = MARKS.get(fold(clean))
        if level:
            return level, clean
    return False, False


def first_page_top_text(pdf, dpi=300, lang="vie"):
    """Tesseract's reading of the upper part of the first page of ``pdf``."""
    import pytesseract

    for image in rasterize(pdf, dpi=dpi, first=1, last=1):
        top = image.crop((0, 0, image.width, int(image.height * TOP_SHARE)))
        return pytesseract.image_to_string(top, lang=lang, config="--psm 3")
    return ""
