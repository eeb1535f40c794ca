from datetime import date, datetime, timedelta

from odoo import api, models


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    @api.model
    def _demo_register_hdnd_documents(self):
        """One incoming and one outgoing document of the standing committee of
        the People's Council, registered in its own books (``…/NQ-HĐND``)."""
        lang = self._idesk_load_vietnamese("idesk_registry")
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._demo_register_hdnd_documents()
        ref = self.env.ref
        hdnd = ref("idesk_security.agency_hdnd")
        today = date.today()
        arrival = max(today - timedelta(days=12), date(today.year, 1, 1))
        incoming = self._register_new(
            [
                {
                    "direction": "incoming",
                    "agency_id": hdnd.id,
                    "issuing_partner_id": ref("idesk_registry.partner_hdnd_tinh").id,
                    "origin_number_symbol": "86/HĐND-VP",
                    "document_date": arrival - timedelta(days=2),
                    "arrival_datetime": datetime.combine(arrival, datetime.min.time())
                    + timedelta(hours=2),
                    "type_id": ref("idesk_registry.type_cv").id,
                    "summary": "V/v chuẩn bị nội dung kỳ họp thường lệ cuối năm 2026 "
                    "của HĐND cấp huyện",
                    "urgency_id": ref("idesk_registry.urgency_normal").id,
                    "page_count": 2,
                }
            ],
            confirm_duplicate=True,
        )
        outgoing = self._register_new(
            [
                {
                    "direction": "outgoing",
                    "agency_id": hdnd.id,
                    "document_date": arrival,
                    "type_id": ref("idesk_registry.type_nq").id,
                    "summary": "Nghị quyết về chương trình giám sát của Hội đồng nhân dân "
                    "thị xã năm 2027",
                    "urgency_id": ref("idesk_registry.urgency_normal").id,
                    "page_count": 3,
                    "signer_authority": "TM.",
                    "signer_position": "Chủ tịch",
                    "signer_name": ref("idesk_security.user_chutich_hdnd").name,
                    "drafting_agency_id": ref("idesk_security.agency_vp").id,
                    "copies_count": 5,
                    "recipient_agency_ids": [
                        (6, 0, ref("idesk_security.agency_ubnd").ids)
                    ],
                }
            ]
        )
        return incoming | outgoing
