"""The evaluation set of the first-page reader: first pages laid out as Decree
30/2020 Appendix I prescribes, with the values a clerk would type from them.

    python bench/ocr_eval/generate.py            # expected.json (committed)
    python bench/ocr_eval/generate.py --images   # and the scans, in bench/out/ocr_eval

Deterministic: the same seed gives the same specs, values and pixels. The
pages are drawn by ``addons/idesk_registry/tests/appendix_pages.py`` (the
addon's tests draw theirs with it too) and degraded as a scanner does.
"""

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "addons" / "idesk_registry" / "tests"))

import appendix_pages  # noqa: E402
from vocabulary import (  # noqa: E402
    FAMILY_NAMES,
    GIVEN_NAMES,
    MIDDLE_NAMES,
    PLACES,
    TOPICS,
)

EXPECTED = HERE / "expected.json"
OUT = ROOT / "bench" / "out" / "ocr_eval"
SEED = 2015
COUNT = 216

# (level, parent, issuer as printed — "\n" where the office breaks it —,
#  agency code in the symbol, place of the date line, the head's title,
#  the collective's name for "TM.")
ISSUERS = [
    (
        "town",
        "",
        "ỦY BAN NHÂN DÂN\nTHỊ XÃ AN NHƠN",
        "UBND",
        "An Nhơn",
        "CHỦ TỊCH",
        "ỦY BAN NHÂN DÂN",
    ),
    (
        "town",
        "",
        "HỘI ĐỒNG NHÂN DÂN\nTHỊ XÃ AN NHƠN",
        "HĐND",
        "An Nhơn",
        "CHỦ TỊCH",
        "HỘI ĐỒNG NHÂN DÂN",
    ),
    (
        "town",
        "UBND THỊ XÃ AN NHƠN",
        "VĂN PHÒNG HĐND VÀ UBND",
        "VP",
        "An Nhơn",
        "CHÁNH VĂN PHÒNG",
        "",
    ),
    (
        "town",
        "UBND THỊ XÃ AN NHƠN",
        "PHÒNG NỘI VỤ",
        "NV",
        "An Nhơn",
        "TRƯỞNG PHÒNG",
        "",
    ),
    (
        "town",
        "UBND THỊ XÃ AN NHƠN",
        "PHÒNG TÀI CHÍNH - KẾ HOẠCH",
        "TCKH",
        "An Nhơn",
        "TRƯỞNG PHÒNG",
        "",
    ),
    (
        "town",
        "UBND THỊ XÃ AN NHƠN",
        "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "TNMT",
        "An Nhơn",
        "TRƯỞNG PHÒNG",
        "",
    ),
    (
        "town",
        "UBND THỊ XÃ AN NHƠN",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "GDĐT",
        "An Nhơn",
        "TRƯỞNG PHÒNG",
        "",
    ),
    (
        "town",
        "UBND THỊ XÃ AN NHƠN",
        "PHÒNG LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI",
        "LĐTBXH",
        "An Nhơn",
        "TRƯỞNG PHÒNG",
        "",
    ),
    (
        "province",
        "",
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH",
        "UBND",
        "Bình Định",
        "CHỦ TỊCH",
        "ỦY BAN NHÂN DÂN",
    ),
    (
        "province",
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ TÀI CHÍNH",
        "STC",
        "Bình Định",
        "GIÁM ĐỐC",
        "",
    ),
    (
        "province",
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ NỘI VỤ",
        "SNV",
        "Bình Định",
        "GIÁM ĐỐC",
        "",
    ),
    (
        "province",
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "SKHĐT",
        "Bình Định",
        "GIÁM ĐỐC",
        "",
    ),
    (
        "province",
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "STNMT",
        "Bình Định",
        "GIÁM ĐỐC",
        "",
    ),
    (
        "province",
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN\nNÔNG THÔN",
        "SNN",
        "Bình Định",
        "GIÁM ĐỐC",
        "",
    ),
    ("province", "UBND TỈNH BÌNH ĐỊNH", "SỞ Y TẾ", "SYT", "Bình Định", "GIÁM ĐỐC", ""),
    (
        "province",
        "UBND TỈNH BÌNH ĐỊNH",
        "VĂN PHÒNG",
        "VP",
        "Bình Định",
        "CHÁNH VĂN PHÒNG",
        "",
    ),
    ("ministry", "", "BỘ NỘI VỤ", "BNV", "Hà Nội", "BỘ TRƯỞNG", ""),
    ("ministry", "", "BỘ TÀI CHÍNH", "BTC", "Hà Nội", "BỘ TRƯỞNG", ""),
    (
        "ministry",
        "",
        "BỘ TÀI NGUYÊN\nVÀ MÔI TRƯỜNG",
        "BTNMT",
        "Hà Nội",
        "BỘ TRƯỞNG",
        "",
    ),
    (
        "ministry",
        "",
        "BỘ THÔNG TIN\nVÀ TRUYỀN THÔNG",
        "BTTTT",
        "Hà Nội",
        "BỘ TRƯỞNG",
        "",
    ),
    (
        "ministry",
        "",
        "VĂN PHÒNG CHÍNH PHỦ",
        "VPCP",
        "Hà Nội",
        "BỘ TRƯỞNG, CHỦ NHIỆM",
        "",
    ),
    (
        "ministry",
        "BỘ NỘI VỤ",
        "CỤC VĂN THƯ VÀ LƯU TRỮ\nNHÀ NƯỚC",
        "VTLTNN",
        "Hà Nội",
        "CỤC TRƯỞNG",
        "",
    ),
]
WARDS = [p for p in PLACES if not p.startswith("thị xã")]
# (layout, type as the register names it, title printed, symbol code)
LAYOUTS = [
    ("decision", "Quyết định", "QUYẾT ĐỊNH", "QĐ"),
    ("letter", "Công văn", "", ""),
    ("plan", "Kế hoạch", "KẾ HOẠCH", "KH"),
    ("report", "Báo cáo", "BÁO CÁO", "BC"),
    ("invitation", "Giấy mời", "GIẤY MỜI", "GM"),
    ("directive", "Chỉ thị", "CHỈ THỊ", "CT"),
]
# Units of an office that answer an official letter ("45/UBND-VP").
LETTER_UNITS = ["VP", "NV", "TH", "KT", "TCKH", "QLĐT", "CCVC", "QLNS", "KTN"]
SUMMARY_HEADS = {
    "decision": ["Về việc {topic}", "Về việc {topic}", "Ban hành Quy chế {topic}"],
    "letter": ["V/v {topic}"],
    "plan": ["{Topic}", "Triển khai thực hiện {topic}"],
    "report": ["Kết quả {topic}", "Tình hình {topic}"],
    "invitation": ["Dự hội nghị {topic}", "Họp bàn {topic}"],
    "directive": ["Về việc tăng cường {topic}", "Về {topic}"],
}
BODY_CAN_CU = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;",
    "Căn cứ Quyết định số 489/QĐ-UBND ngày 13 tháng 3 năm 2015 của UBND thị xã "
    "An Nhơn ban hành Quy chế quản lý, khai thác và sử dụng mạng thông tin nội bộ;",
    "Căn cứ Chỉ thị số 15/CT-TTg ngày 22/5/2012 của Thủ tướng Chính phủ về việc "
    "tăng cường sử dụng văn bản điện tử trong hoạt động của cơ quan nhà nước;",
]
RECIPIENTS = [
    "Ủy ban nhân dân các xã, phường",
    "Các cơ quan, đơn vị thuộc thị xã",
    "Phòng Tài chính - Kế hoạch thị xã",
    "Sở Nội vụ tỉnh Bình Định",
    "Ủy ban nhân dân tỉnh Bình Định",
]


def _topic(rng, year):
    place = rng.choice(PLACES)
    values = {
        "year": year,
        "next_year": year + 1,
        "place": place,
        "month": rng.randint(1, 12),
        "quarter": rng.choice(["I", "II", "III", "IV"]),
    }
    return rng.choice(TOPICS).format(**values)


def _summary(rng, layout, year):
    topic = _topic(rng, year)
    if rng.random() < 0.35:
        # long multi-line summaries: two matters in one document
        topic = f"{topic} và {_topic(rng, year)}"
    head = rng.choice(SUMMARY_HEADS[layout])
    return head.format(topic=topic, Topic=topic[:1].upper() + topic[1:])


def _name(rng):
    parts = [rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES)]
    if rng.random() < 0.3:
        parts.append(rng.choice(MIDDLE_NAMES))
    parts.append(rng.choice(GIVEN_NAMES))
    return " ".join(dict.fromkeys(parts))


def _issuer(rng, level):
    if level == "ward":
        ward = rng.choice(WARDS)
        name = ward.upper()
        return {
            "level": "ward",
            "parent": "",
            "issuer": f"ỦY BAN NHÂN DÂN\n{name}",
            "code": "UBND",
            "place": ward.split(" ", 1)[1],
            "head": "CHỦ TỊCH",
            "collective": "ỦY BAN NHÂN DÂN",
        }
    level_, parent, issuer, code, place, head, collective = rng.choice(
        [entry for entry in ISSUERS if entry[0] == level]
    )
    return {
        "level": level_,
        "parent": parent,
        "issuer": issuer,
        "code": code,
        "place": place,
        "head": head,
        "collective": collective,
    }


def _number(rng, layout, code, issuer, with_year, year):
    number = rng.choice(
        [rng.randint(1, 9), rng.randint(10, 99), rng.randint(100, 2999)]
    )
    shown = f"{number:02d}"
    if layout == "letter":
        return f"{shown}/{issuer['code']}-{rng.choice(LETTER_UNITS)}"
    agency = issuer["code"]
    if with_year:
        return f"{shown}/{year}/{code}-{agency}"
    return f"{shown}/{code}-{agency}"


def _signer_lines(rng, issuer):
    head = issuer["head"]
    deputy = "PHÓ " + head if not head.startswith("BỘ TRƯỞNG") else "THỨ TRƯỞNG"
    if head == "BỘ TRƯỞNG, CHỦ NHIỆM":
        deputy = "PHÓ CHỦ NHIỆM"
    lines = []
    if issuer["collective"] and rng.random() < 0.7:
        lines.append(f"TM. {issuer['collective']}")
    if rng.random() < 0.5:
        lines += [f"KT. {head}", deputy]
    else:
        lines.append(head)
    return lines


def _sentence(text):
    return text[:1].upper() + text[1:]


def _body(rng, layout, issuer, summary):
    if layout == "decision":
        return [
            *rng.sample(BODY_CAN_CU, 2),
            "Xét đề nghị của Chánh Văn phòng,",
            "QUYẾT ĐỊNH:",
            "Điều 1. " + _sentence(summary.removeprefix("Về việc ")) + ".",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        ]
    if layout == "letter":
        return [
            f"Thực hiện văn bản số {rng.randint(10, 999)}/UBND-TH ngày "
            f"{rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm 2015 của UBND tỉnh, "
            + _sentence(issuer["issuer"].replace("\n", " ").lower())
            + " đề nghị các cơ quan, đơn vị khẩn trương triển khai thực hiện.",
            "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về "
            "Văn phòng để tổng hợp, báo cáo./.",
        ]
    if layout == "invitation":
        return [
            "Trân trọng kính mời lãnh đạo các cơ quan, đơn vị dự họp.",
            f"Thời gian: {rng.randint(7, 15)} giờ 00, ngày {rng.randint(1, 28)} "
            f"tháng {rng.randint(1, 12)} năm 2015.",
            "Địa điểm: Hội trường UBND thị xã An Nhơn.",
        ]
    return [
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, để triển khai có hiệu quả "
        "các nhiệm vụ trọng tâm trong năm, yêu cầu các cơ quan, đơn vị thực hiện "
        "tốt các nội dung sau:",
        "Các cơ quan, đơn vị, địa phương căn cứ chức năng, nhiệm vụ được giao "
        "chủ động xây dựng kế hoạch cụ thể và tổ chức thực hiện nghiêm túc.",
    ]


def _authority(issuer):
    name = issuer["issuer"].replace("\n", " ")
    if issuer["collective"]:
        return [name]
    return [f"{issuer['head'].split(',')[0]} {name}"][:1]


def build(count=COUNT, seed=SEED):
    rng = random.Random(seed)
    levels = ["town", "province", "ministry", "ward"]
    pages = []
    for index in range(count):
        layout, type_name, title, code = LAYOUTS[index % len(LAYOUTS)]
        level = levels[(index // len(LAYOUTS)) % len(levels)]
        if layout == "directive" and level == "ministry":
            level = "province"
        issuer = _issuer(rng, level)
        year = rng.choice([2014, 2015, 2015, 2016, 2020, 2025])
        day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
        with_year = layout in ("decision", "directive") and rng.random() < 0.5
        summary = _summary(rng, layout, year)
        number_symbol = _number(rng, layout, code, issuer, with_year, year)
        authority = _authority(issuer) if layout == "decision" else []
        if authority and issuer["collective"] and rng.random() < 0.5:
            authority = [f"CHỦ TỊCH {authority[0]}"]
        spec = {
            "layout": layout,
            "level": issuer["level"],
            "parent": issuer["parent"],
            "issuer": issuer["issuer"],
            "number_symbol": number_symbol,
            "place": issuer["place"],
            "date": day.isoformat(),
            "title": title,
            "summary": summary,
            "authority": authority,
            "recipients": rng.sample(RECIPIENTS, rng.choice([1, 2]))
            if layout == "letter"
            else [],
            "body": _body(rng, layout, issuer, summary),
            "receivers": ["- Như trên;", "- Lưu: VT."],
            "signer_lines": _signer_lines(rng, issuer),
            "signer_name": _name(rng),
            # the scanner
            "dpi": rng.choice([200, 240, 300, 300]),
            "font": "liberation" if rng.random() < 0.75 else "dejavu",
            "skew": round(rng.uniform(-3, 3), 2) if rng.random() < 0.8 else 0,
            "noise": rng.choice([0, 6, 10, 16]),
            "contrast": rng.choice([1, 1, 0.85, 0.7, 0.6]),
            "blur": rng.choice([0, 0, 0, 0.6]),
            "stamp": rng.random() < 0.75,
            "jpeg": rng.choice([0, 55, 70, 85]),
            "seed": seed * 1000 + index,
        }
        expected = {
            "number_symbol": number_symbol,
            "document_date": spec["date"],
            "type": type_name,
            "issuing_body": issuer["issuer"].replace("\n", " "),
            "summary": summary,
            "signer_name": spec["signer_name"],
        }
        pages.append({"id": f"p{index:03d}", "spec": spec, "expected": expected})
    return pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", action="store_true", help="also write the scans")
    parser.add_argument("--count", type=int, default=COUNT)
    args = parser.parse_args()
    pages = build(args.count)
    EXPECTED.write_text(
        json.dumps(pages, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(pages)} pages described in {EXPECTED.relative_to(ROOT)}")
    if args.images:
        write_images(pages)


def image_path(page):
    ext = "jpg" if page["spec"]["jpeg"] else "png"
    return OUT / f"{page['id']}.{ext}"


def write_images(pages):
    OUT.mkdir(parents=True, exist_ok=True)
    for page in pages:
        path = image_path(page)
        if not path.exists():
            path.write_bytes(appendix_pages.page_bytes(page["spec"]))
    print(f"{len(pages)} scans in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
