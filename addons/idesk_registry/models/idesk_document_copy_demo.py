from odoo import api, models


class IdeskDocumentCopy(models.Model):
    _inherit = "idesk.document.copy"

    @api.model
    def _demo_register_copies(self):
        """The Office copies the province's land-use decision for the communes
        (05/SY-UBND style) and extracts a part of it (…/TrS-UBND)."""
        lang = self._idesk_load_vietnamese("idesk_registry")
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._demo_register_copies()
        vp = self.env.ref("idesk_security.agency_vp")
        original = self.env["idesk.document"].search(
            [
                ("agency_id", "=", vp.id),
                ("direction", "=", "incoming"),
                ("state", "=", "registered"),
                ("origin_number_symbol", "=", "245/QĐ-UBND"),
            ],
            limit=1,
        )
        if not original:
            return self.browse()
        common = {
            "document_id": original.id,
            "agency_id": vp.id,
            "signer_authority": "TL.",
            "signer_position": "Chánh Văn phòng",
            "signer_name": "Lê Văn Chánh",
            "recipients": "- UBND các xã, phường;\n- Lưu: VT.",
        }
        copies = self.create(
            [
                dict(common, kind="SY", copies_count=15),
                dict(
                    common,
                    kind="TrS",
                    copies_count=3,
                    extract_part="Điều 1: chỉ tiêu sử dụng đất năm 2026 của xã Nhơn Hậu",
                ),
            ]
        )
        copies.action_register()
        return copies
