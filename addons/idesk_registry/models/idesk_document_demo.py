import io
import textwrap
from datetime import date, datetime, timedelta

from PIL import Image, ImageDraw, ImageFont

from odoo import api, models

DEMO_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEMO_FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# (issuing partner xmlid, origin number/symbol, type code, summary, urgency, days before today)
DEMO_INCOMING = [
    (
        "partner_ubnd_tinh",
        "15/CT-UBND",
        "CT",
        "Chỉ thị về việc tăng cường công tác phòng, chống thiên tai năm 2026",
        "urgency_urgent",
        300,
    ),
    (
        "partner_so_noi_vu",
        "112/SNV-CCVC",
        "",
        "V/v hướng dẫn đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2025",
        "urgency_normal",
        290,
    ),
    (
        "partner_ubnd_tinh",
        "245/QĐ-UBND",
        "QĐ",
        "Quyết định phê duyệt kế hoạch sử dụng đất năm 2026 của thị xã An Nhơn",
        "urgency_normal",
        270,
    ),
    (
        "partner_so_tai_chinh",
        "87/STC-NS",
        "",
        "V/v hướng dẫn thực hiện dự toán ngân sách địa phương năm 2026",
        "urgency_normal",
        260,
    ),
    (
        "partner_so_tnmt",
        "33/KH-STNMT",
        "KH",
        "Kế hoạch kiểm tra công tác bảo vệ môi trường tại các làng nghề",
        "urgency_normal",
        240,
    ),
    (
        "partner_vp_ubnd_tinh",
        "1520/VP-KT",
        "",
        "V/v báo cáo tình hình sản xuất nông nghiệp vụ Đông Xuân",
        "urgency_very_urgent",
        220,
    ),
    (
        "partner_so_noi_vu",
        "05/TB-SNV",
        "TB",
        "Thông báo kết quả thi tuyển công chức cấp xã năm 2026",
        "urgency_normal",
        200,
    ),
    (
        "partner_ubnd_tinh",
        "18/CĐ-UBND",
        "CĐ",
        "Công điện về việc chủ động ứng phó với cơn bão số 5",
        "urgency_flash",
        150,
    ),
    (
        "partner_so_tai_chinh",
        "210/STC-QLG",
        "",
        "V/v thẩm định giá đất bồi thường dự án đường tránh Quốc lộ 1",
        "urgency_normal",
        120,
    ),
    (
        "partner_so_tnmt",
        "64/HD-STNMT",
        "HD",
        "Hướng dẫn cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "urgency_normal",
        90,
    ),
    (
        "partner_ubnd_tinh",
        "1032/QĐ-UBND",
        "QĐ",
        "Quyết định về việc công nhận xã Nhơn Hậu đạt chuẩn nông thôn mới nâng cao",
        "urgency_normal",
        60,
    ),
    (
        "partner_vp_ubnd_tinh",
        "45/GM-VP",
        "GM",
        "Giấy mời dự hội nghị trực tuyến sơ kết công tác cải cách hành chính 9 tháng",
        "urgency_urgent",
        45,
    ),
    (
        "partner_so_noi_vu",
        "301/SNV-TCBC",
        "",
        "V/v rà soát vị trí việc làm và biên chế công chức năm 2027",
        "urgency_normal",
        30,
    ),
    (
        "partner_so_tai_chinh",
        "19/BC-STC",
        "BC",
        "Báo cáo tình hình thực hiện dự toán thu, chi ngân sách 10 tháng",
        "urgency_normal",
        14,
    ),
    (
        "partner_ubnd_tinh",
        "56/KH-UBND",
        "KH",
        "Kế hoạch tổ chức các hoạt động chào mừng kỷ niệm ngày thành lập tỉnh",
        "urgency_normal",
        5,
    ),
]
# (type code, summary, signer authority, position, signer, urgency, days before today)
DEMO_OUTGOING = [
    (
        "QĐ",
        "Quyết định thành lập Ban chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn thị xã năm 2026",
        "TM.",
        "Chủ tịch",
        "Phạm Văn Trung",
        "urgency_normal",
        280,
    ),
    (
        "KH",
        "Kế hoạch cải cách hành chính thị xã An Nhơn năm 2026",
        "KT.",
        "Phó Chủ tịch",
        "Nguyễn Thị Mai",
        "urgency_normal",
        250,
    ),
    (
        "",
        "V/v báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội quý I",
        "TL.",
        "Chánh Văn phòng",
        "Lê Văn Chánh",
        "urgency_normal",
        230,
    ),
    (
        "TB",
        "Thông báo kết luận của Chủ tịch UBND thị xã tại buổi làm việc với xã Nhơn Hậu",
        "TL.",
        "Chánh Văn phòng",
        "Lê Văn Chánh",
        "urgency_normal",
        200,
    ),
    (
        "",
        "V/v triển khai các biện pháp cấp bách ứng phó với cơn bão số 5",
        "KT.",
        "Phó Chủ tịch",
        "Nguyễn Thị Mai",
        "urgency_flash",
        150,
    ),
    (
        "QĐ",
        "Quyết định phê duyệt danh sách hộ nghèo, hộ cận nghèo năm 2026",
        "TM.",
        "Chủ tịch",
        "Phạm Văn Trung",
        "urgency_normal",
        100,
    ),
    (
        "BC",
        "Báo cáo tình hình kinh tế - xã hội 9 tháng đầu năm 2026",
        "TM.",
        "Chủ tịch",
        "Phạm Văn Trung",
        "urgency_urgent",
        55,
    ),
    (
        "",
        "V/v đôn đốc xử lý văn bản quá hạn trên hệ thống iDESK",
        "TL.",
        "Chánh Văn phòng",
        "Lê Văn Chánh",
        "urgency_normal",
        20,
    ),
    (
        "GM",
        "Giấy mời họp giao ban công tác tháng 11 năm 2026",
        "TL.",
        "Chánh Văn phòng",
        "Lê Văn Chánh",
        "urgency_normal",
        7,
    ),
]
DEMO_NHON_HAU_INCOMING = [
    (
        "agency_ubnd",
        "UBND",
        "QĐ",
        "Quyết định giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2026 cho xã Nhơn Hậu",
        "urgency_normal",
        280,
    ),
    (
        "agency_ubnd",
        "UBND-VP",
        "",
        "V/v chuẩn bị nội dung làm việc của Chủ tịch UBND thị xã tại xã Nhơn Hậu",
        "urgency_urgent",
        210,
    ),
    (
        "agency_ubnd",
        "UBND",
        "KH",
        "Kế hoạch kiểm tra công tác văn thư, lưu trữ tại các xã, phường",
        "urgency_normal",
        100,
    ),
    (
        "agency_ubnd",
        "UBND-VP",
        "",
        "V/v triển khai các biện pháp cấp bách ứng phó với cơn bão số 5",
        "urgency_flash",
        150,
    ),
]
DEMO_NHON_HAU_OUTGOING = [
    (
        "BC",
        "Báo cáo kết quả thực hiện tiêu chí nông thôn mới nâng cao xã Nhơn Hậu",
        "TM.",
        "Chủ tịch",
        "Bùi Văn Hải",
        "urgency_normal",
        190,
    ),
    (
        "",
        "V/v đề nghị hỗ trợ kinh phí khắc phục hậu quả cơn bão số 5",
        "TM.",
        "Chủ tịch",
        "Bùi Văn Hải",
        "urgency_urgent",
        140,
    ),
    (
        "QĐ",
        "Quyết định kiện toàn Ban chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã Nhơn Hậu",
        "TM.",
        "Chủ tịch",
        "Bùi Văn Hải",
        "urgency_normal",
        80,
    ),
]


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    @api.model
    def _demo_register_documents(self):
        """Register the demo documents through the same path as a clerk, in
        arrival order, so that the books follow the numbering rules."""
        lang = self._idesk_load_vietnamese("idesk_registry")
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._demo_register_documents()
        ref = self.env.ref
        today = date.today()
        vp, nhon_hau = (
            ref("idesk_security.agency_vp"),
            ref("idesk_security.agency_x_nhon_hau"),
        )
        year_start = date(today.year, 1, 1)

        def when(days):
            return max(today - timedelta(days=days), year_start)

        def doc_type(code):
            if not code:
                return ref("idesk_registry.type_cv")
            return self.env["idesk.document.type"].search(
                [("code", "=", code)], limit=1
            )

        def document(direction, agency, code, summary, urgency, page_count, **vals):
            return {
                "direction": direction,
                "agency_id": agency.id,
                "type_id": doc_type(code).id,
                "summary": summary,
                "urgency_id": ref(f"idesk_registry.{urgency}").id,
                "page_count": page_count,
                **vals,
            }

        def arrival(days, hour):
            return datetime.combine(when(days), datetime.min.time()) + timedelta(
                hours=hour
            )

        def outgoing(agency, row, copies_count, recipient, page_count):
            code, summary, authority, position, signer, urgency, days = row
            return document(
                "outgoing",
                agency,
                code,
                summary,
                urgency,
                page_count,
                document_date=when(days),
                signer_authority=authority,
                signer_position=position,
                signer_name=signer,
                drafting_agency_id=agency.id,
                copies_count=copies_count,
                recipient_agency_ids=[(6, 0, recipient.ids)],
            )

        vals_list = [
            document(
                "incoming",
                vp,
                code,
                summary,
                urgency,
                2,
                issuing_partner_id=ref(f"idesk_registry.{partner}").id,
                origin_number_symbol=number_symbol,
                document_date=when(days + 2),
                arrival_datetime=arrival(days, 2),
                recipient_agency_id=vp.id,
            )
            for partner, number_symbol, code, summary, urgency, days in DEMO_INCOMING
        ]
        vals_list += [outgoing(vp, row, 3, nhon_hau, 2) for row in DEMO_OUTGOING]
        vals_list += [
            document(
                "incoming",
                nhon_hau,
                code,
                summary,
                urgency,
                1,
                issuing_agency_id=ref(f"idesk_security.{agency}").id,
                origin_number_symbol=f"{index + 3:02d}/{code + '-' if code else ''}{notation}",
                document_date=when(days + 1),
                arrival_datetime=arrival(days, 3),
            )
            for index, (agency, notation, code, summary, urgency, days) in enumerate(
                DEMO_NHON_HAU_INCOMING
            )
        ]
        vals_list += [
            outgoing(nhon_hau, row, 2, ref("idesk_security.agency_ubnd"), 1)
            for row in DEMO_NHON_HAU_OUTGOING
        ]
        vals_list.sort(
            key=lambda v: (
                v.get("arrival_datetime")
                or datetime.combine(v["document_date"], datetime.min.time())
            )
        )
        documents = self.browse()
        for vals in vals_list:
            documents |= self._register_new([vals])
        documents.filtered(
            lambda d: (
                d.direction == "outgoing"
                and d.document_date < today - timedelta(days=10)
            )
        )._do_stamp()
        last_incoming = documents.filtered(
            lambda d: d.direction == "incoming" and d.agency_id == vp
        )[-1:]
        last_incoming._demo_attach_scan()
        return documents

    def _demo_attach_scan(self):
        """A scan of the document as a 300 dpi page, read at once, so that the
        demo shows the stamped copy and the OCR suggestions."""
        self.ensure_one()
        dpi = 300
        page = Image.new("L", (int(8.27 * dpi), int(11.69 * dpi)), 255)
        draw = ImageDraw.Draw(page)
        date_text = self.document_date
        lines = [
            self.issuing_body_name.upper(),
            f"Số: {self.origin_number_symbol}",
            f"Bình Định, ngày {date_text.day} tháng {date_text.month} năm {date_text.year}",
            "",
            self.type_id.name.upper(),
            *textwrap.wrap(self.summary, 60),
        ]
        top = 240
        for line in lines:
            bold = line.isupper()
            font = ImageFont.truetype(DEMO_FONT_BOLD if bold else DEMO_FONT, 48)
            draw.text((270, top), line, fill=0, font=font)
            top += 86
        buffer = io.BytesIO()
        page.save(buffer, "PNG", dpi=(dpi, dpi))
        self._attach_scan([("ban-quet.png", buffer.getvalue())])
        self._do_ocr()
