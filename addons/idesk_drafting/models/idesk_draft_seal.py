import base64
from zoneinfo import ZoneInfo

from odoo import models

from ..tools import marks

# Decree 30/2020, Appendix I: the agency's signing time in Vietnam's time zone.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class IdeskDraft(models.Model):
    """At issue, the agency's marks (Decree 30/2020, Appendix I, electronic
    documents): its seal over the left third of the signer's signature, with
    its name and the signing time; on each appendix, at the top right of the
    first page, the number and symbol, the time and the agency's name."""

    _inherit = "idesk.draft"

    @staticmethod
    def _agency_time(when):
        """``when`` (UTC, naive) in ISO 8601, Vietnam time, to the second."""
        return (
            when.replace(tzinfo=ZoneInfo("UTC"))
            .astimezone(VIETNAM)
            .isoformat(timespec="seconds")
        )

    def _seal_words(self):
        """What is printed around the signature: the signer's name (under it),
        then his position (above it)."""
        draft = self.sudo()
        return [
            (draft.signed_by_id or draft.signer_id).name or "",
            draft.signer_position or "",
        ]

    def _apply_seal(self, pdf, when, source=None):
        """``(pdf, sealed)``: the PDF with the issuing agency's seal image, or
        as it was when the agency has none; the signature is looked for in
        ``source`` (the signed PDF, before the issue wrote into it). sudo: the
        seal image is read for the issuing clerk, checked by ``action_issue``."""
        self.ensure_one()
        agency = self.sudo().issuing_agency_id
        if not agency.seal_image:
            return pdf, False
        page, box = marks.signature_box(source or pdf, self._seal_words())
        return (
            marks.draw_seal(
                pdf,
                page,
                marks.seal_rect(box),
                base64.b64decode(agency.seal_image),
                [agency.name, self._agency_time(when)],
            ),
            True,
        )

    def _marked_appendices(self, symbol, when):
        """``[(file name, PDF)]`` of the appendices, in their PDF form, each
        headed with the number and symbol, the time and the agency's name."""
        self.ensure_one()
        agency = self.sudo().issuing_agency_id
        lines = [f"Số: {symbol}", self._agency_time(when), agency.name]
        files = []
        versions = self.sudo().version_ids.filtered(lambda v: v.kind == "appendix")
        for version in versions.sorted(lambda v: (v.number, v.id)):
            stem = (version.name or "phu-luc").rsplit(".", 1)[0]
            files.append(
                (
                    f"{stem}.pdf",
                    marks.mark_appendix(version.pdf_attachment_id.raw, lines),
                )
            )
        return files
