"""At issue, the agency's digital signature (Decree 30/2020, art. 17 and
Appendix I) instead of marks printed into the page.

When the issuing agency has a signing key, the number, the date and the
agency's mark go into the PDF as new visible signature fields of one
incremental revision, signed by the agency's key: the leader's signature over
the approved version stays valid (pyHanko calls such changes form filling),
the agency's signature covers the whole issued file. The seal image is drawn
once, in the agency signature's appearance, at the rectangle the seal takes
without digital signatures (marks.seal_rect). Any failure (wrong PIN, token
missing) raises before anything is kept: the issue's transaction is rolled
back and the number is not used.
"""

import base64
import io
from datetime import UTC
from zoneinfo import ZoneInfo

from PyPDF2 import PdfReader
from reportlab.lib.units import mm

from odoo import _, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.idesk_drafting.tools import marks
from odoo.addons.idesk_signature.tools import appearance, sign

from ..tools import secret

AGENCY_FIELD = "ChuKyCoQuan"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
APPENDIX_MARK = (80 * mm, 16 * mm)


def _page_size(data, index=0):
    page = PdfReader(io.BytesIO(data), strict=False).pages[index]
    return float(page.mediabox.width), float(page.mediabox.height)


class IdeskDraft(models.Model):
    _inherit = "idesk.draft"

    def _agency_key(self):
        return self.env["idesk.signing.key"]._key_of_agency(
            self.sudo().issuing_agency_id
        )

    def action_issue(self):
        """With an agency key on a token, the clerk types its PIN first."""
        self.ensure_one()
        key = self._agency_key()
        if (
            key
            and key.backend == "pkcs11"
            and secret.from_context(self.env) is None
            and self.state == "signed"
        ):
            self.check_access("read")
            if not self._is_issuing_clerk(self.env.user):
                raise AccessError(
                    _(
                        "Only a clerk of %(agency)s issues this document.",
                        agency=self.sudo().issuing_agency_id.name,
                    )
                )
            return {
                "type": "ir.actions.act_window",
                "name": _("Issue with the agency's digital signature"),
                "res_model": "idesk.draft.issue.wizard",
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "new",
                "context": {"default_draft_id": self.id},
            }
        return super().action_issue()

    def _issue_files(self, document, today, now):
        key = self._agency_key()
        if not key:
            return super()._issue_files(document, today, now)
        pin = secret.from_context(self.env)
        if key.backend == "pkcs11" and not pin:
            raise UserError(_("Type the PIN of the agency's token to issue."))
        draft = self.sudo()
        drafted = draft.pdf_attachment_id.raw
        source = draft.signed_pdf_id.raw or drafted
        agency = draft.issuing_agency_id
        signing_time = now.replace(tzinfo=UTC).astimezone(VIETNAM)
        when = appearance.iso_time(signing_time)
        number = f"Số: {document.symbol}"
        page, box = marks.signature_box(drafted, self._seal_words())
        seal_square = marks.seal_rect(box)
        rect = self._agency_rect(seal_square, drafted, page)
        seal = base64.b64decode(agency.seal_image) if agency.seal_image else None
        look = appearance.agency(
            rect[2] - rect[0],
            rect[3] - rect[1],
            agency.name,
            signing_time,
            seal,
            seal_square[2] - seal_square[0],
        )
        pdf = key._sign_pdf(
            source,
            pin,
            field_name=AGENCY_FIELD,
            box=sign.Box(page, rect, look),
            marks=self._issue_marks(drafted, number, today),
            reason=_("Issued as %(symbol)s", symbol=document.symbol),
        )
        appendices = []
        versions = draft.version_ids.filtered(lambda v: v.kind == "appendix")
        for version in versions.sorted(lambda v: (v.number, v.id)):
            data = version.pdf_attachment_id.raw
            width, height = _page_size(data)
            w, h = APPENDIX_MARK
            appendix_rect = (
                width - 10 * mm - w,
                height - 6 * mm - h,
                width - 10 * mm,
                height - 6 * mm,
            )
            mark = appearance.text(w, h, [number, when, agency.name], size=10)
            signed = key._sign_pdf(
                data,
                pin,
                field_name=AGENCY_FIELD,
                box=sign.Box(0, appendix_rect, mark),
                reason=_("Appendix of %(symbol)s", symbol=document.symbol),
            )
            stem = (version.name or "phu-luc").rsplit(".", 1)[0]
            appendices.append((f"{stem}.pdf", signed))
        return pdf, True, appendices

    @staticmethod
    def _agency_rect(square, data, page):
        """The agency's visible signature: the seal's square and, under it,
        room for two lines (its name, the time), as wide as the text needs."""
        x0, y0, x1, y1 = square
        width, _height = _page_size(data, page)
        right = min(max(x1, x0 + 62 * mm), width - 2 * mm)
        return (x0, y0 - 9 * mm, right, y1)

    def _issue_marks(self, data, number, today):
        """The number and the date at their places on the first page (white
        behind them, over the drafter's dots), as visible fields."""
        width, height = _page_size(data)
        number_box, date_box = marks._find(marks._words(data), height)
        date_text = f"ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"
        result = []
        for name, found, text, fallback in (
            ("SoKyHieu", number_box, number, (20 * mm, height - 14 * mm)),
            ("NgayBanHanh", date_box, date_text, (width / 2, height - 14 * mm)),
        ):
            if found:
                x0, y0, x1, y1 = found
                size = max(8.0, min(14.0, (y1 - y0) / 1.1))
            else:
                x0, size = fallback[0], 10.0
                y0, y1 = height - fallback[1] - size, height - fallback[1] + 2
            text_width = appearance.text_width(text, size)
            right = max(x1 if found else x0, x0 + text_width) + 2
            rect = (x0 - 0.5, height - y1 - 1.5, right, height - y0 + 1.5)
            look = appearance.text(rect[2] - rect[0], rect[3] - rect[1], [text], size)
            result.append(sign.Box(0, rect, look, name))
        if not self.sudo().signed_pdf_id and self.sign_statement:
            # Approved without a digital signature: the document says how.
            last = len(PdfReader(io.BytesIO(data), strict=False).pages) - 1
            lw, _lh = _page_size(data, last)
            rect = (15 * mm, 4 * mm, lw - 15 * mm, 14 * mm)
            look = appearance.text(
                rect[2] - rect[0], rect[3] - rect[1], [self.sign_statement], 6.5
            )
            result.append(sign.Box(last, rect, look, "PheDuyet"))
        return result
