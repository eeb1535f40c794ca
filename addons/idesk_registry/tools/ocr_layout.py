"""Read the first page of an official document by its layout (Decree 30/2020,
Appendix I), from Tesseract's own word boxes.

One Tesseract call per page (``image_to_data``, TSV): every word with its box,
its block, paragraph and line. Tesseract often reads the two-column header as
one line ("UBND TỈNH BÌNH ĐỊNH CỘNG HÒA XÃ HỘI …"): its lines are cut again
where the words leave a wide gap, and each piece is placed by its position:

- left header column, above "Số:": the issuing body — the line of its parent
  body first when there is one ("UBND TỈNH BÌNH ĐỊNH" above "SỞ TÀI CHÍNH");
- "Số: 472/2015/QĐ-UBND" (the year kept), and under it "V/v …" for an
  official letter (its type is then Công văn);
- right header column: the national motto (ignored), the place-date line;
- under the header, centred: the type in capitals and the summary below it;
- at the bottom of the right column: the signer's name.
"""

import math
import re
import statistics
import unicodedata
from datetime import date
from difflib import SequenceMatcher

from PIL import Image

from .text import fold, nfc

# Text is read at 200 dpi (Appendix I asks scans of at least 200 dpi).
READ_DPI = 200
A4_WIDTH_INCH = 8.27
# Words Tesseract is less sure of are marks: seal, signature, rules, dust.
MIN_WORD_CONF = 25
THRESHOLD_FACTOR = 1.0

# Appendix III: the names printed as a title (Công văn and Thư công have none).
TYPE_TITLES = (
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Quy chế",
    "Quy định",
    "Thông cáo",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Kế hoạch",
    "Phương án",
    "Đề án",
    "Dự án",
    "Báo cáo",
    "Biên bản",
    "Tờ trình",
    "Hợp đồng",
    "Công điện",
    "Bản ghi nhớ",
    "Bản thỏa thuận",
    "Giấy ủy quyền",
    "Giấy mời",
    "Giấy giới thiệu",
    "Giấy nghỉ phép",
    "Phiếu gửi",
    "Phiếu chuyển",
    "Phiếu báo",
)
TYPE_CODES = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}
LETTER_TYPE = "Công văn"
NUMBER_LABEL_RE = re.compile(r"^\W*S[ốoô6ồổộớờó0]\s*[:.;,]", re.IGNORECASE)
NUMBER_RE = re.compile(r"^\W*S[ốoô6ỗồổộớờởỡợó0]\s*[:.;,]?\s*(\d.*)$", re.IGNORECASE)
# "/" is sometimes read as "I", "l" or "|", or not at all.
NUMBER_SYMBOL_RE = re.compile(
    r"(\d{1,6})\s*[/|Il]?\s*(?:((?:19|20)\d{2})\s*[/|Il]\s*)?"
    r"([A-Za-zĐđÐ][0-9A-Za-zĐđÐ]{0,9}(?:\s*-\s*[0-9A-Za-zĐđÐ]{1,12}){0,3})"
)
# On the folded text: diacritics misread do not matter.
DATE_RE = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
# "V/v" as read: "V/v", "V/ v", "'V/", "Vlv"…; "Về việc" is kept as printed.
LETTER_SUMMARY_RE = re.compile(
    r"^\W*(?:(V\s*(?:[^\w\s]|[Il1])\s*[vy]?\s+|Vv\s+)|Về việc\b)", re.I
)
# Slashes Tesseract reads instead of "/" (fraction, division slash)
SLASHES = str.maketrans({"\u2044": "/", "\u2215": "/"})
MOTTO_STARTS = {("cong", "hoa"), ("doc", "lap")}
MOTTO_WORDS = ("cong hoa xa hoi", "doc lap", "tu do", "hanh phuc", "chu nghia viet")
# Words that begin the name of a body (folded): a line in the header that
# starts with one after a complete name is the issuer under its parent.
BODY_STARTS = (
    "uy ban",
    "ubnd",
    "hoi dong",
    "hdnd",
    "so ",
    "phong ",
    "van phong",
    "bo ",
    "cuc ",
    "chi cuc",
    "vu ",
    "ban ",
    "truong ",
    "trung tam",
    "thanh tra",
    "kho bac",
    "cong an",
    "ban quan ly",
    "doan ",
    "hoi ",
    "tong cuc",
)
# A name that needs its next line: "ỦY BAN NHÂN DÂN" / "THỊ XÃ AN NHƠN".
INCOMPLETE = ("uy ban nhan dan", "hoi dong nhan dan", "uy ban", "hoi dong")
# Words of the names of state bodies (Decree 30/2020 Appendix I headers).
BODY_WORDS = """
ỦY BAN NHÂN DÂN HỘI ĐỒNG UBND HĐND MẶT TRẬN TỔ QUỐC VIỆT NAM
SỞ PHÒNG BỘ CỤC CHI VỤ BAN VĂN TRUNG TÂM THANH TRA KHO BẠC NHÀ NƯỚC CÔNG AN
TỔNG TRƯỜNG ĐOÀN HỘI CHỈ HUY QUÂN SỰ BẢO HIỂM XÃ CHÍNH PHỦ THỦ TƯỚNG
TÀI NGUYÊN MÔI TRƯỜNG KẾ HOẠCH ĐẦU TƯ NỘI TƯ PHÁP NÔNG NGHIỆP PHÁT TRIỂN
THÔN GIÁO DỤC ĐÀO TẠO Y TẾ LAO ĐỘNG THƯƠNG BINH THÔNG TIN TRUYỀN
HÓA THỂ THAO DU LỊCH XÂY DỰNG GIAO VẬN TẢI CÔNG KHOA HỌC NGHỆ
KINH QUẢN LÝ ĐÔ THỊ THƯ LƯU TRỮ CÁN CHỨC VIÊN NGÂN SÁCH THUẾ HẢI QUAN
TỈNH HUYỆN PHƯỜNG THÀNH PHỐ TRẤN KHU VỰC VÀ HỒ SƠ CẢI CÁCH HÀNH
"""
ACRONYMS = {"UBND", "HĐND", "MTTQ", "BCH", "TW", "CA", "KBNN", "BHXH"}
BODY_KINDS = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "hội đồng nhân dân",
    "kho bạc nhà nước",
    "văn phòng",
    "chi cục",
    "tổng cục",
    "trung tâm",
    "thanh tra",
    "công an",
    "sở",
    "phòng",
    "bộ",
    "cục",
    "vụ",
    "ban",
    "trường",
)
KINDS_UPPER = {kind.upper() for kind in BODY_KINDS}
PLACE_WORDS = ("tỉnh", "huyện", "thị xã", "xã", "phường", "thị trấn", "thành phố")


class Segment:
    """A run of words on one line, without a wide gap between them."""

    def __init__(self, words):
        self.words = words
        self.text = nfc(" ".join(w["text"] for w in words)).translate(SLASHES)
        self.x0 = min(w["left"] for w in words)
        self.x1 = max(w["left"] + w["width"] for w in words)
        self.y0 = min(w["top"] for w in words)
        self.y1 = max(w["top"] + w["height"] for w in words)
        self.height = statistics.median(w["height"] for w in words)
        self.conf = statistics.mean(w["conf"] for w in words)
        self.key = words[0]["key"]
        self.folded = fold(self.text)
        # positions once the page's skew is taken off (see _deskew)
        self.cx = (self.x0 + self.x1) / 2
        self.cy = (self.y0 + self.y1) / 2
        self.top = self.cy - self.height / 2
        self.bottom = self.cy + self.height / 2
        self.left, self.right = self.x0, self.x1

    def __repr__(self):
        return f"<{self.text!r} {self.x0},{self.y0}-{self.x1},{self.y1}>"

    @property
    def is_upper(self):
        letters = [ch for ch in self.text if ch.isalpha()]
        return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(
            letters
        )

    @property
    def is_noise(self):
        """A seal, a rule or dust read as letters."""
        signs = sum(ch.isalnum() for ch in self.text)
        return self.conf < 50 or signs < 0.6 * len(self.text.replace(" ", ""))

    @property
    def is_motto(self):
        return any(word in self.folded for word in MOTTO_WORDS)


def _words(data, min_conf=MIN_WORD_CONF):
    words = []
    for index, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][index])
        if not text or conf < min_conf:
            continue
        # "|" "_" "—": table rules and underlines read as characters
        if text in ("-", "–"):
            # "PHÒNG TÀI CHÍNH - KẾ HOẠCH": the dash is part of the name
            text = "-"
        elif not any(ch.isalnum() for ch in text):
            continue
        words.append(
            {
                "text": text,
                "left": int(data["left"][index]),
                "top": int(data["top"][index]),
                "width": int(data["width"][index]),
                "height": int(data["height"][index]),
                "conf": conf,
                "key": (
                    data["block_num"][index],
                    data["par_num"][index],
                    data["line_num"][index],
                ),
            }
        )
    return words


def _segments(words):
    lines = {}
    for word in words:
        lines.setdefault(word["key"], []).append(word)
    segments = []
    for line in lines.values():
        line.sort(key=lambda w: w["left"])
        following = {
            id(word): nxt["text"] for word, nxt in zip(line, line[1:], strict=False)
        }
        height = statistics.median(w["height"] for w in line)
        current = [line[0]]
        for word in line[1:]:
            gap = word["left"] - (current[-1]["left"] + current[-1]["width"])
            # the motto begins the right column, however near it is read
            motto = (
                fold(word["text"]),
                fold(following.get(id(word), "")),
            ) in MOTTO_STARTS
            if gap > 2.5 * height or motto:
                segments.append(Segment(current))
                current = []
            current.append(word)
        segments.append(Segment(current))
    return segments


def _skew(segments):
    """The page's skew (radians, y grows downwards), from the slope of the
    bottoms of the words of long lines."""
    slopes = []
    for segment in segments:
        words = segment.words
        if len(words) < 4 or segment.x1 - segment.x0 < 20 * segment.height:
            continue
        xs = [w["left"] + w["width"] / 2 for w in words]
        # accents and descenders move a word's box: the median of the slopes
        # between words far apart is steadier than a least-squares fit
        ys = [w["top"] + w["height"] / 2 for w in words]
        pairs = [
            (ys[j] - ys[i]) / (xs[j] - xs[i])
            for i in range(len(words))
            for j in range(i + 1, len(words))
            if xs[j] - xs[i] > 8 * segment.height
        ]
        if pairs:
            slopes.append(statistics.median(pairs))
    if not slopes:
        return 0.0
    return math.atan(statistics.median(slopes))


def _deskew(segments, angle):
    if not angle:
        return
    sin, cos = math.sin(angle), math.cos(angle)
    for segment in segments:
        x, y = (segment.x0 + segment.x1) / 2, (segment.y0 + segment.y1) / 2
        segment.cx = x * cos + y * sin
        segment.cy = -x * sin + y * cos
        # a skewed line's box is taller than its words: their height is kept
        segment.top = segment.cy - segment.height / 2
        segment.bottom = segment.cy + segment.height / 2
        half = (segment.x1 - segment.x0) / 2
        segment.left, segment.right = segment.cx - half, segment.cx + half


def _rows(segments):
    """Segments on the same visual line (Tesseract may cut one line into
    blocks), top to bottom, each row left to right."""
    rows = []
    for segment in sorted(segments, key=lambda s: s.cy):
        if rows and abs(segment.cy - rows[-1][0].cy) < 0.5 * rows[-1][0].height:
            rows[-1].append(segment)
        else:
            rows.append([segment])
    return [sorted(row, key=lambda s: s.cx) for row in rows]


def lexicon(*names):
    """{folded word: {spellings}} of the words of bodies' names: the built-in
    words of Vietnamese state bodies and the ``names`` given (the agencies and
    contacts the database knows, with their places)."""
    words = {}
    for name in (BODY_WORDS, *names):
        for word in re.findall(r"[^\W\d_]+", nfc(name or "").upper()):
            words.setdefault(fold(word), set()).add(word)
    return words


def correct_accents(text, words):
    """Put back the accents Tesseract lost or changed on a word of a body's
    name ("PHONG" → "PHÒNG", "TRIẾN" → "TRIỂN"), when only one known word has
    the same letters."""

    head = (text or "").split()
    for kind in BODY_KINDS:
        size = len(kind.split())
        if fold(" ".join(head[:size])) == fold(kind):
            if " ".join(head[:size]).upper() not in KINDS_UPPER:
                text = " ".join([kind.upper(), *head[size:]])
            break

    def fix(match):
        word = match.group(0)
        spellings = words.get(fold(word))
        if spellings and len(spellings) == 1 and word.upper() not in spellings:
            right = next(iter(spellings))
            return right if word.isupper() else right.capitalize()
        return word

    return re.sub(r"[^\W\d_]+", fix, text or "")


def _distance(a, b):
    """Levenshtein distance of two short strings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[-1] + 1, previous[j - 1] + (ca != cb))
            )
        previous = current
    return previous[-1]


def fix_type_code(number_symbol, title):
    """The symbol begins with the code of the type printed as the title
    (Appendix III): "01/QĐĐ-VP" under "QUYẾT ĐỊNH" is "01/QĐ-VP"."""
    code = TYPE_CODES.get(title)
    if not number_symbol or not code:
        return number_symbol
    head, _slash, symbol = number_symbol.rpartition("/")
    first, dash, rest = symbol.partition("-")
    if not dash and symbol.startswith(code) and len(symbol) > len(code) + 1:
        # the dash was lost: "CTTNMT" under "CHỈ THỊ" is "CT-TNMT"
        return f"{head}/{code}-{symbol[len(code) :]}"
    if first != code and dash and _distance(first.upper(), code.upper()) <= 1:
        return f"{head}/{code}-{rest}"
    return number_symbol


def _bare(letter):
    """The letter without its accents ("Ủ" → "U"); "Đ" stays, as in LĐTBXH."""
    return unicodedata.normalize("NFD", letter)[0]


def _initials(name):
    """Codes a body may sign with, from its name: "Sở Tài chính" → STC,
    "Bộ Thông tin và Truyền thông" → BTTTT and TTTT, "Văn phòng Chính phủ" →
    VPCP (Decree 30, Appendix III: the symbol's issuer part is the initials
    of the body's name)."""
    words = [w for w in re.split(r"[\s\-–]+", name or "") if w and fold(w) != "va"]
    if not words:
        return set()
    letters = [w if w.isupper() and len(w) > 1 else _bare(w[0]).upper() for w in words]
    codes = {"".join(letters)}
    kind = len(words[0]) > 1 and fold(words[0]) in ("so", "bo", "phong", "cuc")
    if kind and len(letters) > 2:
        codes.add("".join(letters[1:]))
    return {code for code in codes if len(code) >= 2}


def fix_issuer_code(number_symbol, issuer):
    """The issuer's part of the symbol misread by a letter ("VPGP", "5TC",
    "BTTTI") or glued to the unit's ("SYTVP") is set right from the initials of
    the issuer read on the same page; a part that is not close to them is
    kept as read."""
    codes = _initials(issuer)
    if not number_symbol or not codes:
        return number_symbol
    head, _slash, symbol = number_symbol.rpartition("/")
    parts = symbol.split("-")
    index = 1 if len(parts) > 1 and parts[0] in TYPE_CODES.values() else 0
    if index >= len(parts):
        return number_symbol
    read = parts[index].upper()
    if read in codes:
        return number_symbol
    for code in sorted(codes, key=len, reverse=True):
        if (
            len(parts) == index + 1
            and read.startswith(code)
            and len(read) > len(code) + 1
        ):
            # the dash before the unit's code was lost
            parts[index : index + 1] = [code, parts[index][len(code) :]]
            return f"{head}/{'-'.join(parts)}"
    # A letter misread ("VPGP", "5TC") is set right by the code of the same
    # length that is close; a letter too many only as Tesseract adds them, at
    # the end ("VPCPB") or doubled ("LĐĐTBXH"); a letter missing never: a short
    # code read right ("NV") is no misread of the initials' longer form ("PNV").
    distances = {c: _distance(read, c) for c in codes if len(c) == len(read)}
    distances.update({c: 1 for c in codes if _one_letter_added(read, c)})
    close = [c for c, d in distances.items() if d <= (1 if len(c) < 5 else 2)]
    nearest = [c for c in close if distances[c] == min(distances.values())]
    if len(nearest) == 1:
        parts[index] = nearest[0]
        return f"{head}/{'-'.join(parts)}"
    return number_symbol


def _one_letter_added(read, code):
    """``read`` is ``code`` with one letter added at its end or doubled."""
    if len(code) < 4 or len(read) != len(code) + 1:
        return False
    if read.startswith(code):
        return True
    return any(
        read[i] == read[i - 1] and read[:i] + read[i + 1 :] == code
        for i in range(1, len(read))
    )


# Words Tesseract misreads that their neighbour tells: "nấm 2015" is "năm
# 2015" (year), "thảng 3" is "tháng 3" (month).
CONTEXT_FIXES = (
    (re.compile(r"\bn[aăắấâầẩẫậảạằẳẵặ]m(?=\s+(?:19|20)\d{2}\b)"), "năm"),
    (re.compile(r"\bth[aáàảãạ]ng(?=\s+\d{1,2}\b)"), "tháng"),
)


def fix_context(text):
    for pattern, right in CONTEXT_FIXES:
        text = pattern.sub(right, text)
    return text


def parse_number_symbol(text):
    """ "472/2015/QĐ-UBND" (the year kept) from a line such as "Số: 472/2015/QĐ-UBND"."""
    match = NUMBER_SYMBOL_RE.search((text or "").replace("Ð", "Đ").replace("đ", "Đ"))
    if not match:
        return False
    number, year, symbol = match.groups()
    symbol = re.sub(r"\s+", "", symbol)
    return f"{number}/{year}/{symbol}" if year else f"{number}/{symbol}"


def parse_date(text):
    for match in DATE_RE.finditer(fold(text)):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return False


def match_type_title(text):
    """The Appendix III name printed as ``text`` (tolerating a misread letter)."""
    folded = fold(text).strip(" .:")
    if not folded or len(folded) > 30:
        return False
    best, best_ratio = False, 0.0
    for name in TYPE_TITLES:
        ratio = SequenceMatcher(None, folded, fold(name)).ratio()
        if ratio > best_ratio:
            best, best_ratio = name, ratio
    return best if best_ratio >= 0.85 else False


def display_name(text):
    """ "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" → "Sở Kế hoạch và Đầu tư": the capitals of the
    header written as names of bodies are written (the kind of body, its field
    with a capital to each part, the place with capitals to its name)."""
    if not text or not text.isupper():
        return text
    words = text.split()
    lower = [word.lower() for word in words]
    out, capital_next, in_place = [], True, False
    kind = next(
        (len(k.split()) for k in BODY_KINDS if lower[: len(k.split())] == k.split()), 0
    )
    for index, word in enumerate(words):
        if word in ACRONYMS or not any(ch.isalpha() for ch in word):
            out.append(word)
            capital_next = word == "-" or capital_next
            continue
        before = lower[index - 1] if index else ""
        pair = " ".join(lower[index : index + 2])
        if (
            index
            and before not in ("và", "-")
            and (lower[index] in PLACE_WORDS or pair in PLACE_WORDS)
        ):
            in_place = True
            out.append(lower[index])
            capital_next = pair not in PLACE_WORDS
            continue
        if lower[index] == "và":
            out.append("và")
            capital_next = True
            continue
        if capital_next or in_place or (kind and index == kind):
            out.append(lower[index][:1].upper() + lower[index][1:])
        else:
            out.append(lower[index])
        capital_next = False
    return " ".join(out)


def body_key(name):
    """A body's name folded, its kind in short ("ủy ban nhân dân" is "ubnd"):
    the form in which a name read is compared with the names known."""
    key = fold(name).replace("-", " ")
    for long, short in (("uy ban nhan dan", "ubnd"), ("hoi dong nhan dan", "hdnd")):
        key = key.replace(long, short)
    return " ".join(key.split())


def body_keys(issuer, parent=""):
    """The keys a known body may have for the issuer read under its parent:
    "Sở Tài chính" under "UBND tỉnh Bình Định" is also "Sở Tài chính tỉnh Bình
    Định" and "Sở Tài chính UBND tỉnh Bình Định"."""
    if not issuer:
        return set()
    keys = {body_key(issuer)}
    if parent:
        keys.add(body_key(f"{issuer} {parent}"))
        folded = body_key(parent)
        for place in PLACE_WORDS:
            position = folded.find(fold(place) + " ")
            if position >= 0:
                keys.add(body_key(f"{issuer} {folded[position:]}"))
                break
    return keys


class PageLayout:
    """The fields of a first page found from its word boxes."""

    def __init__(self, data, size, names=(), image=None, lang="vie"):
        self.width, self.height = size
        self.image, self.lang = image, lang
        self.words = lexicon(*names)
        self.segments = _segments(_words(data))
        # the words Tesseract was unsure of too (a name under the seal)
        self.unsure = [w for w in _words(data, 0) if w["conf"] < MIN_WORD_CONF]
        self.skew = _skew(self.segments)
        _deskew(self.segments, self.skew)
        self.segments.sort(key=lambda s: (s.cy, s.cx))
        self.text = self._text(data)

    @staticmethod
    def _text(data):
        """The page's text as Tesseract reads it: lines in its order, a blank
        line between its blocks."""
        lines, current, last_block, last_key = [], [], None, None
        for index, word in enumerate(data["text"]):
            word = (word or "").strip()
            if not word or float(data["conf"][index]) < 0:
                continue
            key = (
                data["block_num"][index],
                data["par_num"][index],
                data["line_num"][index],
            )
            if key != last_key and current:
                lines.append(" ".join(current))
                current = []
            if last_block is not None and key[0] != last_block:
                lines.append("")
            current.append(word)
            last_key, last_block = key, key[0]
        if current:
            lines.append(" ".join(current))
        return nfc("\n".join(lines))

    # -- header --------------------------------------------------------------
    def _left(self, segment):
        return segment.cx < 0.47 * self.width and segment.right < 0.6 * self.width

    def _right(self, segment):
        return segment.cx > 0.5 * self.width

    def number_segment(self):
        for segment in self.segments:
            if segment.cy > 0.45 * self.height or not self._left(segment):
                continue
            match = NUMBER_RE.match(segment.text)
            if match and NUMBER_SYMBOL_RE.search(match.group(1)):
                return segment
        return None

    def date_segment(self):
        for segment in self.segments:
            if segment.cy > 0.45 * self.height:
                break
            if segment.cx > 0.4 * self.width and parse_date(segment.text):
                return segment
        return None

    def issuer_lines(self, number):
        limit = number.top if number else 0.2 * self.height
        lines = [
            s
            for s in self.segments
            if s.bottom <= limit + 0.3 * s.height
            and self._left(s)
            and not s.is_motto
            and not NUMBER_RE.match(s.text)
            and not NUMBER_LABEL_RE.match(s.text)
            and sum(ch.isalpha() for ch in s.text) >= 2
        ]
        # the last few lines above the number: stray marks higher up are noise
        lines = [s for s in lines if s.is_upper] or lines
        return lines[-4:]

    @staticmethod
    def _header_text(text):
        """A header line without what is not part of a body's name: marks,
        stray pieces, the motto's first word read in the left column."""
        words = [w.strip("'\"`‘’“”.,:;|_") for w in text.split()]
        words = [
            w
            for w in words
            if w == "-" or (w and w.isalpha() and (w.isupper() or len(w) > 2))
        ]
        if len(words) > 1 and fold(words[-1]) == "cong" and words[-1] != "CÔNG":
            words = words[:-1]
        if words and fold(" ".join(words)) in ("cong", "cong hoa"):
            return ""
        return " ".join(words)

    @classmethod
    def split_parent(cls, lines):
        """``(parent, issuer)`` from the header lines above the number."""
        texts = [cls._header_text(s.text).strip(" .,-_") for s in lines]
        texts = [t for t in texts if t]
        if not texts:
            return "", ""
        if len(texts) > 1:
            first, second = fold(texts[0]), fold(texts[1])
            complete = first not in INCOMPLETE and len(first.split()) >= 2
            if complete and second.startswith(BODY_STARTS):
                return texts[0], " ".join(texts[1:])
        return "", " ".join(texts)

    def letter_summary(self, number):
        """ "V/v …" under the number of an official letter, with its next lines."""
        if not number:
            return None, number
        lines = []
        previous = number
        for segment in self.segments:
            if segment.cy <= number.cy or not self._left(segment):
                continue
            gap = segment.top - previous.bottom
            if not lines:
                if gap > 3 * number.height:
                    break
                # "V/v" itself may be lost: a line that begins in lower case
                # right under the number is a letter's summary all the same
                lost = segment.text[:1].islower() and gap < 1.5 * number.height
                if not LETTER_SUMMARY_RE.match(segment.text) and not lost:
                    continue
                if lost:
                    segment.text = "V/v " + segment.text
            elif gap > 0.9 * previous.height or segment.folded.startswith("kinh gui"):
                break
            lines.append(segment)
            previous = segment
        if not lines:
            return None, number
        text = fix_context(" ".join(s.text for s in lines))
        text = LETTER_SUMMARY_RE.sub(
            lambda m: "V/v " if m.group(1) else m.group(0), text, count=1
        )
        return text, lines[-1]

    # -- title and summary -----------------------------------------------------
    def _centred(self, segment, left, right):
        middle = (left + right) / 2
        return abs(segment.cx - middle) < 0.08 * self.width

    def title_and_summary(self, below):
        text_left = min((s.left for s in self.segments), default=0)
        text_right = max((s.right for s in self.segments), default=self.width)
        start = None
        for segment in self.segments:
            if segment.cy <= below or segment.cy > 0.7 * self.height:
                continue
            if segment.is_motto or not segment.is_upper:
                continue
            title = match_type_title(segment.text)
            if title and self._centred(segment, text_left, text_right):
                start = (segment, title)
                break
        if not start:
            return False, False
        title_segment, title = start
        below_title = [
            s
            for s in self.segments
            if s.cy > title_segment.cy + 0.5 * title_segment.height and not s.is_noise
        ]
        lines, previous_bottom, previous_height = (
            [],
            title_segment.bottom,
            title_segment.height,
        )
        for row in _rows(below_title):
            top = min(s.top for s in row)
            height = statistics.median(s.height for s in row)
            if top - previous_bottom > 0.9 * max(previous_height, title_segment.height):
                break
            if row[0].is_upper or row[0].folded.startswith(("can cu", "kinh gui")):
                break
            lines.append(" ".join(s.text for s in row))
            previous_bottom, previous_height = max(s.bottom for s in row), height
        return title, fix_context(" ".join(lines)) or False

    # -- signer --------------------------------------------------------------
    @staticmethod
    def _is_name(text):
        words = text.split()
        if not 2 <= len(words) <= 5:
            return False
        return (
            all(
                word.isalpha()
                and word[0].isupper()
                and (word[1:].islower() or len(word) == 1)
                for word in words
            )
            and sum(len(w) == 1 for w in words) <= 1
        )

    def signer(self, below):
        for segment in reversed(self.segments):
            if segment.cy <= below or segment.cy < 0.3 * self.height:
                break
            if self._right(segment) and self._is_name(segment.text.strip(" .,")):
                return self._whole_name(segment)
        return False

    def _whole_name(self, segment):
        """The name with the word the seal covers, that Tesseract read unsure
        of: "Phạm" before "Thu Hà"."""
        name = segment.text.strip(" .,")
        before = [
            w
            for w in self.unsure
            if w["key"] == segment.key
            and w["left"] < segment.x0
            and segment.x0 - (w["left"] + w["width"]) < 2 * segment.height
        ]
        if before:
            word = max(before, key=lambda w: w["left"])["text"].strip(" .,")
            if self._is_name(f"{word} {name}") and len(name.split()) < 4:
                return nfc(f"{word} {name}")
        return name

    def _read_crop(self, box, psm):
        """A second look at one region Tesseract's page layout left out."""
        if self.image is None:
            return ""
        import pytesseract

        x0, y0, x1, y1 = (round(v) for v in box)
        box = (max(0, x0), max(0, y0), min(self.width, x1), min(self.height, y1))
        if box[2] - box[0] < 10 or box[3] - box[1] < 10:
            return ""
        return nfc(
            pytesseract.image_to_string(
                self.image.crop(box), lang=self.lang, config=f"--psm {psm}"
            )
        )

    def number_again(self):
        """ "Số:" was read, its number not: read the line again by itself."""
        for segment in self.segments:
            if segment.cy > 0.45 * self.height:
                break
            if self._left(segment) and NUMBER_LABEL_RE.match(segment.text):
                h = segment.height
                box = (
                    segment.x0 - h,
                    segment.y0 - h,
                    0.58 * self.width,
                    segment.y1 + h,
                )
                return parse_number_symbol(
                    NUMBER_LABEL_RE.sub("", self._read_crop(box, 7).strip())
                )
        return False

    def signer_again(self, below):
        """The signer's name under the seal: read the place of the signature
        (under the signer's title, in the right column) by itself."""
        titles = [
            s
            for s in self.segments
            if s.cy > max(below, 0.3 * self.height) and self._right(s) and s.is_upper
        ]
        if not titles:
            return False
        last = titles[-1]
        box = (
            0.45 * self.width,
            last.y1,
            self.width,
            last.y1 + 0.2 * self.height,
        )
        names = [
            line.strip(" .,")
            for line in self._read_crop(box, 6).splitlines()
            if self._is_name(line.strip(" .,"))
        ]
        return names[-1] if names else False

    def fields(self):
        number = self.number_segment()
        when = self.date_segment()
        parent, issuer = self.split_parent(self.issuer_lines(number))
        parent = correct_accents(parent, self.words)
        issuer = correct_accents(issuer, self.words)
        summary, last = self.letter_summary(number)
        header_bottom = max(
            [s.cy for s in (number, when, last) if s] or [0.15 * self.height]
        )
        if summary:
            title = LETTER_TYPE
        else:
            title, summary = self.title_and_summary(header_bottom)
        number_symbol = (
            parse_number_symbol(NUMBER_RE.match(number.text).group(1))
            if number
            else self.number_again()
        )
        signer = self.signer(header_bottom) or self.signer_again(header_bottom)
        return {
            "number_symbol": fix_issuer_code(
                fix_type_code(number_symbol, title), display_name(issuer)
            ),
            "document_date": parse_date(when.text) if when else False,
            "type": title or False,
            "issuing_body": display_name(issuer) or False,
            "issuing_parent": display_name(parent) or False,
            "summary": summary or False,
            "signer_name": signer,
            "skew_degrees": round(math.degrees(self.skew), 2),
        }


def _otsu(image):
    """The grey level that best splits ink from paper (Otsu, on the histogram)."""
    histogram = image.histogram()
    total = sum(histogram)
    weighted = sum(level * count for level, count in enumerate(histogram))
    below = below_sum = 0
    best, threshold = -1.0, 128
    for level, count in enumerate(histogram):
        below += count
        below_sum += level * count
        above = total - below
        if not below or not above:
            continue
        spread = (below_sum / below - (weighted - below_sum) / above) ** 2
        if below * above * spread > best:
            best, threshold = below * above * spread, level
    return threshold


def prepare(image, dpi=None):
    """The black-and-white image Tesseract reads.

    The red channel of a colour scan, where the red seal fades into the paper
    and black ink stays black; brought down to 200 dpi, which is enough for
    13-point text and halves the work; then split into ink and paper (Otsu):
    the scanner's grain would otherwise be read as marks, slowly.
    """
    if image.mode in ("RGB", "RGBA", "P", "CMYK"):
        gray = image.convert("RGB").getchannel("R")
    else:
        gray = image.convert("L")
    dpi = dpi or gray.width / A4_WIDTH_INCH
    if dpi > READ_DPI * 1.1:
        scale = READ_DPI / dpi
        gray = gray.resize(
            (round(gray.width * scale), round(gray.height * scale)),
            Image.Resampling.BOX,
        )
    # a little under Otsu's level: what is left of the seal after JPEG falls
    # on the paper's side, the ink stays black
    threshold = _otsu(gray) * THRESHOLD_FACTOR
    return gray.point(lambda value: 255 if value > threshold else 0)


def read_page(image, lang="vie", names=(), dpi=None):
    """Read one page: its fields and its text (one Tesseract call).

    ``names``: names of bodies the reader may know (agencies, contacts,
    places), to put back the accents of the issuer's name."""
    import pytesseract

    gray = prepare(image, dpi)
    data = pytesseract.image_to_data(
        gray, lang=lang, config="--psm 3", output_type=pytesseract.Output.DICT
    )
    layout = PageLayout(data, gray.size, names, gray, lang)
    values = layout.fields()
    values["text"] = layout.text
    return values
