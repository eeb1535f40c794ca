"""First pages laid out as Decree 30/2020 Appendix I prescribes, drawn and then
degraded as an office scanner does. Pure Pillow: the addon's tests and the
benchmark's evaluation set (``bench/ocr_eval``) draw their pages with it.

A page is described by a ``spec`` (plain JSON values, see ``bench/ocr_eval``):

- ``parent``: the line of the body above the issuer (regular capitals), or "";
- ``issuer``: the issuing body (bold capitals; wrapped in its column as needed);
- ``number_symbol``: "472/2015/QĐ-UBND";
- ``place`` and ``date`` (ISO): "An Nhơn, ngày 05 tháng 3 năm 2015";
- ``title``: the type in capitals centred ("QUYẾT ĐỊNH"), "" for an official
  letter, whose ``summary`` then goes under the number as "V/v …";
- ``summary``: the summary as printed (bold, centred under the title);
- ``recipients`` (letters: "Kính gửi: …"), ``body`` (paragraphs),
  ``signer_lines`` (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]), ``signer_name``;
- ``dpi``, ``font`` ("liberation" or "dejavu"), ``skew`` (degrees), ``noise``
  (σ of the grain), ``contrast`` (0..1: 1 is black on white), ``stamp`` (bool),
  ``jpeg`` (quality, 0 for PNG), ``seed``.
"""

import io
import math
import random
from datetime import date

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONTS = {
    "liberation": {
        "regular": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "bold": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
        "italic": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
        "bold_italic": "/usr/share/fonts/truetype/liberation2/LiberationSerif-BoldItalic.ttf",
    },
    "dejavu": {
        "regular": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "bold": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "italic": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
        "bold_italic": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf",
    },
}
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
A4_MM = (210, 297)
# Margins of Appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
LEFT_MM, RIGHT_MM, TOP_MM = 30, 15, 20
# The header is a two-column table: the issuer's column, then the motto's.
SPLIT_MM = 95


def date_line(place, iso_date):
    """ "An Nhơn, ngày 05 tháng 3 năm 2015": day and month below 10 (day) or
    3 (month) take a leading zero (Appendix I)."""
    day = date.fromisoformat(iso_date)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


class _Page:
    def __init__(self, spec):
        self.spec = spec
        self.dpi = spec.get("dpi", 300)
        self.width = round(A4_MM[0] / 25.4 * self.dpi)
        self.height = round(A4_MM[1] / 25.4 * self.dpi)
        self.image = Image.new("RGB", (self.width, self.height), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.fonts = FONTS[spec.get("font", "liberation")]
        self._cache = {}

    def mm(self, value):
        return round(value / 25.4 * self.dpi)

    def font(self, style, points):
        key = (style, points)
        if key not in self._cache:
            self._cache[key] = ImageFont.truetype(
                self.fonts[style], round(points / 72 * self.dpi)
            )
        return self._cache[key]

    def wrap(self, text, font, width):
        lines, current = [], ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if current and self.draw.textlength(trial, font=font) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        if current:
            lines.append(current)
        return lines

    def text(self, x, y, line, font, align="left", width=0, fill=(0, 0, 0)):
        """Draw one line at the top ``y``; return the y of the next line."""
        length = self.draw.textlength(line, font=font)
        if align == "center":
            x += (width - length) / 2
        elif align == "right":
            x += width - length
        self.draw.text((x, y), line, font=font, fill=fill)
        return y + round(font.size * 1.25)

    def rule(self, center, y, length):
        thickness = max(1, round(self.dpi / 150))
        self.draw.line(
            (center - length / 2, y, center + length / 2, y),
            fill=(0, 0, 0),
            width=thickness,
        )

    def paragraph(self, y, text, font, width, left, first_indent=0, justify=True):
        lines = self.wrap(text, font, width - first_indent)
        for index, line in enumerate(lines):
            x = left + (first_indent if index == 0 else 0)
            room = width - (first_indent if index == 0 else 0)
            words = line.split()
            last = index == len(lines) - 1
            if justify and not last and len(words) > 1:
                used = sum(self.draw.textlength(w, font=font) for w in words)
                gap = (room - used) / (len(words) - 1)
                for word in words:
                    self.draw.text((x, y), word, font=font, fill=(0, 0, 0))
                    x += self.draw.textlength(word, font=font) + gap
            else:
                self.draw.text((x, y), line, font=font, fill=(0, 0, 0))
            y += round(font.size * 1.3)
        return y


def render_page(spec):
    """The clean page (RGB) for ``spec``, before the scanner's degradation;
    returns ``(image, signer_box)``: the box of the signature's place."""
    page = _Page(spec)
    left, right = page.mm(LEFT_MM), page.width - page.mm(RIGHT_MM)
    split = page.mm(SPLIT_MM)
    top = page.mm(TOP_MM)
    issuer_width = split - left - page.mm(3)
    motto_width = right - split
    # Left column: parent (regular), issuer (bold), rule, number, "V/v …"
    y = top
    if spec.get("parent"):
        y = page.text(
            left, y, spec["parent"], page.font("regular", 12.5), "center", issuer_width
        )
    bold = page.font("bold", 12.5)
    # the office breaks the name where it reads well ("ỦY BAN NHÂN DÂN" /
    # "THỊ XÃ AN NHƠN"): a "\n" in the issuer; a longer piece is wrapped
    for piece in spec["issuer"].split("\n"):
        for line in page.wrap(piece, bold, issuer_width):
            y = page.text(left, y, line, bold, "center", issuer_width)
    page.rule(left + issuer_width / 2, y + page.mm(1), issuer_width * 0.35)
    y += page.mm(4)
    number_font = page.font("regular", 13)
    y = page.text(
        left, y, f"Số: {spec['number_symbol']}", number_font, "center", issuer_width
    )
    if not spec.get("title"):
        small = page.font("regular", 12)
        y += page.mm(1)
        for line in page.wrap(spec["summary"], small, issuer_width):
            y = page.text(left, y, line, small, "center", issuer_width)
    left_bottom = y
    # Right column: motto, rule, place and date
    y = top
    y = page.text(split, y, MOTTO, page.font("bold", 12.5), "center", motto_width)
    motto_font = page.font("bold", 13.5)
    y = page.text(split, y, MOTTO_2, motto_font, "center", motto_width)
    page.rule(
        split + motto_width / 2,
        y + page.mm(0.5),
        page.draw.textlength(MOTTO_2, font=motto_font),
    )
    y += page.mm(4)
    y = page.text(
        split,
        y,
        date_line(spec["place"], spec["date"]),
        page.font("italic", 13.5),
        "center",
        motto_width,
    )
    y = max(y, left_bottom) + page.mm(8)
    width = right - left
    body_font = page.font("regular", 13.5)
    if spec.get("title"):
        title_font = page.font("bold", 14)
        y = page.text(left, y, spec["title"], title_font, "center", width)
        for line in page.wrap(spec["summary"], title_font, width * 0.85):
            y = page.text(left, y, line, title_font, "center", width)
        page.rule(left + width / 2, y + page.mm(1), width * 0.25)
        y += page.mm(6)
        for line in spec.get("authority", []):
            y = page.text(left, y, line, title_font, "center", width)
        y += page.mm(2)
    else:
        recipients = spec.get("recipients") or []
        y += page.mm(2)
        label = "Kính gửi: "
        x = left + page.mm(30)
        page.draw.text((x, y), label, font=body_font, fill=(0, 0, 0))
        x += page.draw.textlength(label, font=body_font)
        for recipient in recipients:
            prefix = "- " if len(recipients) > 1 else ""
            page.draw.text((x, y), prefix + recipient, font=body_font, fill=(0, 0, 0))
            y += round(body_font.size * 1.3)
        y += page.mm(4)
    for text in spec.get("body", []):
        font = page.font("italic", 13.5) if text.startswith("Căn cứ") else body_font
        if text.endswith(":") and text.isupper():
            y = page.text(left, y, text, page.font("bold", 14), "center", width)
            continue
        y = page.paragraph(y, text, font, width, left, page.mm(10))
        y += page.mm(1.5)
    # Signer block at the right, "Nơi nhận" at the left
    y += page.mm(6)
    block_left = split - page.mm(5)
    block_width = right - block_left
    receivers_font = page.font("bold_italic", 12)
    receivers_y = page.text(left, y, "Nơi nhận:", receivers_font)
    for line in spec.get("receivers", []):
        receivers_y = page.text(left, receivers_y, line, page.font("regular", 11))
    signer_font = page.font("bold", 13.5)
    for line in spec.get("signer_lines", []):
        y = page.text(block_left, y, line, signer_font, "center", block_width)
    sign_top = y
    y += page.mm(22)
    signature_box = (block_left, sign_top, right, y)
    if spec.get("signer_name"):
        page.text(
            block_left, y, spec["signer_name"], signer_font, "center", block_width
        )
    _signature(page, signature_box, spec.get("seed", 0))
    return page.image, signature_box


def _signature(page, box, seed):
    """A blue-ink scrawl in the middle of the signature's place."""
    rng = random.Random(seed)
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    points = [
        (
            cx - page.mm(15) + step * page.mm(30) / 24,
            cy + math.sin(step / 2.5 + rng.random()) * page.mm(4),
        )
        for step in range(25)
    ]
    page.draw.line(points, fill=(20, 40, 150), width=max(2, page.mm(0.5)))


def _stamp(image, box, dpi, rng, issuer):
    """The red round seal, about one third over the signature, on its left
    (Appendix I), overlapping the signer's title and name."""
    x0, y0, x1, y1 = box
    radius = round(18 / 25.4 * dpi)
    cx = (x0 + x1) / 2 - radius * 0.9 + rng.uniform(-radius * 0.2, radius * 0.2)
    cy = (y0 + y1) / 2 + rng.uniform(-radius * 0.15, radius * 0.15)
    layer = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(layer)
    ring = max(2, round(dpi / 90))
    for r in (radius, radius * 0.72):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=ring)
    star = [
        (
            cx
            + math.cos(math.pi / 2 + k * math.pi / 5)
            * radius
            * (0.25 if k % 2 else 0.6),
            cy
            - math.sin(math.pi / 2 + k * math.pi / 5)
            * radius
            * (0.25 if k % 2 else 0.6),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=255)
    font = ImageFont.truetype(FONTS["dejavu"]["bold"], max(10, round(radius * 0.18)))
    letters = issuer.replace("\n", " ")[:32]
    for index, letter in enumerate(letters):
        angle = math.pi * (1.15 - 1.3 * index / max(1, len(letters) - 1))
        draw.text(
            (
                cx + math.cos(angle) * radius * 0.86,
                cy - math.sin(angle) * radius * 0.86,
            ),
            letter,
            font=font,
            fill=255,
            anchor="mm",
        )
    # seal ink over toner: the colours multiply (black stays black)
    ink = Image.new("RGB", image.size, "white")
    ink.paste((215, 40, 50), (0, 0), layer.point(lambda v: v * 0.9))
    image.paste(ImageChops.multiply(image, ink))


def degrade(image, box, spec):
    """What a scanner does to the printed page: seal, grain, skew, contrast."""
    rng = random.Random(spec.get("seed", 0))
    dpi = spec.get("dpi", 300)
    if spec.get("stamp"):
        _stamp(image, box, dpi, rng, spec["issuer"])
    if spec.get("contrast", 1) < 1:
        low = spec["contrast"]
        ink = round(255 * (1 - low) * 0.75)
        paper = 255 - round(255 * (1 - low) * 0.25)
        scale = (paper - ink) / 255
        image = image.point(lambda v: round(ink + v * scale))
    if spec.get("skew"):
        image = image.rotate(
            spec["skew"],
            resample=Image.Resampling.BILINEAR,
            expand=False,
            fillcolor=(255, 255, 255),
        )
    if spec.get("blur"):
        image = image.filter(ImageFilter.GaussianBlur(spec["blur"]))
    if spec.get("noise"):
        # seeded grain (Pillow's effect_noise follows the C library's rand():
        # the same spec would not give the same pixels twice), uniform with
        # the standard deviation ``noise``
        spread = spec["noise"] * 3**0.5
        raw = Image.frombytes(
            "L", image.size, rng.randbytes(image.width * image.height)
        )
        grain = raw.point(lambda v: round(128 + (v - 128) * spread / 128))
        image = ImageChops.add(
            image, Image.merge("RGB", (grain,) * 3), scale=1, offset=-128
        )
        # a few dust specks
        draw = ImageDraw.Draw(image)
        for _index in range(int(spec["noise"] * 20)):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            draw.point((x, y), fill=(60, 60, 60))
    return image


def page_bytes(spec):
    """The scanned page as a file: JPEG (``spec['jpeg']`` quality) or PNG."""
    image, box = render_page(spec)
    image = degrade(image, box, spec)
    buffer = io.BytesIO()
    dpi = spec.get("dpi", 300)
    if spec.get("jpeg"):
        image.save(buffer, "JPEG", quality=spec["jpeg"], dpi=(dpi, dpi))
    else:
        image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


# The pages of the addon's tests (tests/test_ocr_first_page.py).
DECISION = {
    "parent": "UBND TỈNH BÌNH ĐỊNH",
    "issuer": "SỞ TÀI CHÍNH",
    "number_symbol": "472/2015/QĐ-UBND",
    "place": "Bình Định",
    "date": "2015-03-05",
    "title": "QUYẾT ĐỊNH",
    "summary": "Về việc phân bổ kinh phí sự nghiệp môi trường năm 2015 và "
    "tăng cường quản lý trật tự xây dựng đô thị trên địa bàn thị xã An Nhơn",
    "authority": ["GIÁM ĐỐC SỞ TÀI CHÍNH"],
    "body": [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Quyết định số 489/QĐ-UBND ngày 13 tháng 3 năm 2015 của UBND "
        "thị xã An Nhơn;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Phân bổ kinh phí sự nghiệp môi trường năm 2015.",
    ],
    "receivers": ["- Như Điều 3;", "- Lưu: VT."],
    "signer_lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    "signer_name": "Nguyễn Văn Hùng",
    "dpi": 300,
    "stamp": True,
    "seed": 1,
}
LETTER = {
    "parent": "UBND THỊ XÃ THỬ",
    "issuer": "PHÒNG TƯ PHÁP THỬ",
    "number_symbol": "45/TP-HCTP",
    "place": "An Nhơn",
    "date": "2026-10-08",
    "title": "",
    "summary": "V/v đăng ký khai sinh, khai tử trực tuyến trên Cổng dịch vụ công",
    "recipients": ["Ủy ban nhân dân các xã, phường"],
    "body": [
        "Thực hiện chỉ đạo của UBND thị xã, Phòng Tư pháp đề nghị UBND các xã, "
        "phường triển khai đăng ký khai sinh, khai tử trực tuyến./.",
    ],
    "receivers": ["- Như trên;", "- Lưu: VT."],
    "signer_lines": ["TRƯỞNG PHÒNG"],
    "signer_name": "Trần Thị Mai",
    "dpi": 300,
    "stamp": True,
    "jpeg": 80,
    "seed": 2,
}
WARD_REPORT = {
    "parent": "",
    "issuer": "ỦY BAN NHÂN DÂN\nPHƯỜNG NHƠN THỬ",
    "number_symbol": "07/BC-UBND",
    "place": "Nhơn Thử",
    "date": "2026-06-30",
    "title": "BÁO CÁO",
    "summary": "Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2026",
    "body": [
        "Thực hiện chỉ đạo của Ủy ban nhân dân thị xã, Ủy ban nhân dân phường "
        "báo cáo kết quả như sau:",
    ],
    "receivers": ["- UBND thị xã;", "- Lưu: VT."],
    "signer_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    "signer_name": "Võ Minh Tuấn",
    "dpi": 300,
    "stamp": True,
    "seed": 3,
}
SKEWED_INVITATION = {
    "parent": "",
    "issuer": "ỦY BAN NHÂN DÂN\nTHỊ XÃ AN NHƠN",
    "number_symbol": "12/GM-UBND",
    "place": "An Nhơn",
    "date": "2026-04-02",
    "title": "GIẤY MỜI",
    "summary": "Dự hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm 2026",
    "body": [
        "Trân trọng kính mời lãnh đạo các cơ quan, đơn vị dự họp.",
        "Địa điểm: Hội trường UBND thị xã An Nhơn.",
    ],
    "receivers": ["- Như trên;", "- Lưu: VT."],
    "signer_lines": ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
    "signer_name": "Phạm Thu Hà",
    "dpi": 200,
    "skew": 2,
    "noise": 10,
    "contrast": 0.8,
    "stamp": True,
    "jpeg": 70,
    "seed": 7,
}
