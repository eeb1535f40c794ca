import io
from datetime import date, timedelta

from PIL import Image, ImageDraw, ImageFont

from odoo.tests.common import TransactionCase

from odoo.addons.idesk_security.tests.common import ROLES, IdeskTestCommon

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def make_scan_image(lines, dpi=300, fmt="PNG"):
    """An A4 page with Vietnamese text drawn in DejaVu Sans, as a scanner makes it."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    size = max(12, int(dpi * 0.16))
    top = int(dpi * 0.8)
    for line in lines:
        bold = line.isupper()
        font = ImageFont.truetype(DEJAVU_BOLD if bold else DEJAVU, size)
        draw.text((int(dpi * 0.9), top), line, fill=0, font=font)
        top += int(size * 1.8)
    buffer = io.BytesIO()
    image.save(buffer, fmt, dpi=(dpi, dpi))
    return buffer.getvalue()


class IdeskRegistryCase(IdeskTestCommon, TransactionCase):
    """Agencies P (committee) ⊃ A (department) ⊃ S (sub-unit), and B (another
    department of P); one user per role in A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=False, lang="en_US")
        )
        cls.agency_p = cls._create_agency("UBND thị xã Thử", "UBND", "committee")
        cls.agency_a = cls._create_agency("Phòng Nội vụ Thử", "NV", parent=cls.agency_p)
        cls.agency_s = cls._create_agency("Tổ Thi đua Thử", "TĐ", parent=cls.agency_a)
        cls.agency_b = cls._create_agency(
            "Phòng Tư pháp Thử", "TP", parent=cls.agency_p
        )
        cls.agency_vp = cls._create_agency(
            "Văn phòng HĐND và UBND Thử", "VP", "office", cls.agency_p
        )
        cls.users = {
            role: cls._create_user(
                f"reg_{role}",
                role,
                cls.agency_a,
                name=f"Reg {role}",
                password=f"reg_{role}_pass1234",
            )
            for role in ROLES
        }
        cls.clerk = cls.users["clerk"]
        cls.clerk_vp = cls._create_user(
            "reg_clerk_vp", "clerk", cls.agency_vp, name="Reg clerk VP"
        )
        cls.clerk_b = cls._create_user(
            "reg_clerk_b", "clerk", cls.agency_b, name="Reg clerk B"
        )
        cls.partner_province = cls.env["res.partner"].create(
            {"name": "UBND tỉnh Bình Định", "is_company": True}
        )
        cls.type_qd = cls.env.ref("idesk_registry.type_qd")
        cls.type_cv = cls.env.ref("idesk_registry.type_cv")
        cls.urgency_flash = cls.env.ref("idesk_registry.urgency_flash")
        cls.Document = cls.env["idesk.document"]
        cls.today = date.today()

    @classmethod
    def _incoming_vals(cls, agency=None, **values):
        vals = {
            "direction": "incoming",
            "agency_id": (agency or cls.agency_a).id,
            "issuing_partner_id": cls.partner_province.id,
            "origin_number_symbol": "123/QĐ-UBND",
            "document_date": cls.today - timedelta(days=2),
            "type_id": cls.type_qd.id,
            "summary": "Quyết định về việc phê duyệt kế hoạch sử dụng đất năm 2026",
            "page_count": 2,
        }
        vals.update(values)
        return vals

    @classmethod
    def _outgoing_vals(cls, agency=None, **values):
        vals = {
            "direction": "outgoing",
            "agency_id": (agency or cls.agency_a).id,
            "document_date": cls.today,
            "type_id": cls.type_qd.id,
            "summary": "Quyết định thành lập Hội đồng thi đua khen thưởng",
            "signer_authority": "KT.",
            "signer_position": "Phó Chủ tịch",
            "signer_name": "Nguyễn Văn An",
        }
        vals.update(values)
        return vals

    def _register_incoming(self, user=None, agency=None, **values):
        user = user or self.clerk
        return self.Document.with_user(user)._register_new(
            [self._incoming_vals(agency, **values)], confirm_duplicate=True
        )

    def _register_outgoing(self, user=None, agency=None, **values):
        user = user or self.clerk
        return self.Document.with_user(user)._register_new(
            [self._outgoing_vals(agency, **values)]
        )
