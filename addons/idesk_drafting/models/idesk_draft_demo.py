import io

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from odoo import api, models

from odoo.addons.idesk_registry.tools import scan


def sample_draft_pdf(
    summary,
    body,
    notation="UBND-TCKH",
    place="An Nhơn",
    signer="",
    position="CHỦ TỊCH",
    authority="TM. ỦY BAN NHÂN DÂN",
):
    """A one-page draft laid out as Appendix I of Decree 30/2020, with the
    number and the date left as dots for the clerk, and the signature block
    (authority, position, room for the signature, the signer's name)."""
    scan._register_fonts()
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    height = 297 * mm
    font, bold = scan.STAMP_FONT, scan.STAMP_FONT_BOLD
    sheet.setFont(bold, 11)
    sheet.drawCentredString(55 * mm, height - 20 * mm, "ỦY BAN NHÂN DÂN")
    sheet.drawCentredString(55 * mm, height - 25 * mm, "THỊ XÃ AN NHƠN")
    sheet.drawCentredString(
        140 * mm, height - 20 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    sheet.drawCentredString(140 * mm, height - 25 * mm, "Độc lập - Tự do - Hạnh phúc")
    sheet.setFont(font, 12)
    sheet.drawString(35 * mm, height - 33 * mm, f"Số: ......./{notation}")
    sheet.drawString(
        105 * mm, height - 33 * mm, f"{place}, ngày ..... tháng ..... năm ......"
    )
    sheet.setFont(font, 11)
    sheet.drawString(25 * mm, height - 43 * mm, f"V/v {summary[:80]}")
    y = height - 60 * mm
    for line in body.splitlines():
        sheet.drawString(25 * mm, y, line[:95])
        y -= 6 * mm
    sheet.setFont(bold, 12)
    y -= 10 * mm
    for line in (authority, position):
        sheet.drawCentredString(145 * mm, y, line)
        y -= 5.5 * mm
    if signer:
        sheet.drawCentredString(145 * mm, y - 25 * mm, signer)
    sheet.save()
    return buffer.getvalue()


class IdeskDraft(models.Model):
    _inherit = "idesk.draft"

    @api.model
    def _create_demo_drafts(self):
        """The finance office's officer drafts a reply to an incoming document
        and submits it: it waits for the unit's head."""
        officer = self.env.ref("idesk_security.user_cv_tckh", raise_if_not_found=False)
        chairman = self.env.ref("idesk_security.user_chutich", raise_if_not_found=False)
        if not officer or not chairman or self.search_count([]):
            return
        # The chatter of the demo in Vietnamese ("Văn bản dự thảo được tạo"):
        # Odoo loads the addon's terms only after its demo data.
        lang = self._idesk_load_vietnamese("idesk_drafting") or self.env.lang
        as_officer = self.with_user(officer).with_context(lang=lang)
        incoming = (
            self.env["idesk.document"]
            .with_user(officer)
            .search(
                [("direction", "=", "incoming"), ("state", "=", "registered")], limit=1
            )
        )
        summary = "Báo cáo tình hình thực hiện dự toán ngân sách năm 2026"
        draft = as_officer.create(
            {
                "type_id": self.env.ref("idesk_registry.type_cv").id,
                "summary": summary,
                "recipient_agency_ids": [
                    (6, 0, [self.env.ref("idesk_security.agency_x_nhon_hau").id])
                ],
                "signer_id": chairman.id,
                "signer_authority": "TM.",
                "signer_position": "Chủ tịch",
                "reply_to_document_id": incoming.id,
            }
        )
        draft._add_version(
            "bao-cao-du-toan.pdf",
            sample_draft_pdf(
                summary,
                "Kính gửi: UBND xã Nhơn Hậu.\n"
                "Phòng Tài chính - Kế hoạch báo cáo tình hình thực hiện dự toán như sau.",
                signer=chairman.name,
            ),
        )
        draft.action_submit()
