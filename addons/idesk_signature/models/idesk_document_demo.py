from datetime import date

from odoo import api, models

from ..tools import pki, samples


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    @api.model
    def _demo_signed_documents(self):
        """Two received drafts in Nhơn Hậu's incoming book: the town chairman's decision
        signed by him and by the committee (valid), and the same file with one byte changed
        (invalid: it cannot be registered without a reason)."""
        lang = self._idesk_load_vietnamese("idesk_signature")
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._demo_signed_documents()
        ref = self.env.ref
        demo_pki = pki.make_pki()
        signed = samples.sign_pdf(
            samples.sign_pdf(
                samples.make_pdf(2, "QUYET DINH"), demo_pki.leader, "ChuTich"
            ),
            demo_pki.agency,
            "UBND",
        )
        base = {
            "direction": "incoming",
            "agency_id": ref("idesk_security.agency_x_nhon_hau").id,
            "type_id": self.env["idesk.document.type"]
            .search([("code", "=", "QĐ")], limit=1)
            .id,
            "issuing_agency_id": ref("idesk_security.agency_ubnd").id,
            "origin_number_symbol": "125/QĐ-UBND",
            "document_date": date.today(),
            "urgency_id": ref("idesk_registry.urgency_normal").id,
            "summary": "Về việc phê duyệt kế hoạch chuyển đổi số năm nay (bản ký số)",
            "page_count": 2,
        }
        documents = self.browse()
        for name, data in (
            ("125-QD-UBND.pdf", signed),
            ("125-QD-UBND-sua.pdf", samples.change_one_byte(signed)),
        ):
            document = self.create(dict(base))
            document._attach_scan([(name, data)])
            documents |= document
        return documents
