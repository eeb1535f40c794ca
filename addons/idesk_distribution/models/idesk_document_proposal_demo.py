from odoo import api, fields, models


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    @api.model
    def _demo_propose(self):
        """The head of the Office (chanhvp) proposes the direction of the newest
        document waiting in the Office; it waits for the chairman (chutich)."""
        lang = self._idesk_load_vietnamese("idesk_distribution")
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._demo_propose()
        ref = self.env.ref
        vp = ref("idesk_security.agency_vp")
        head, chairman = (
            ref("idesk_security.user_chanhvp"),
            ref("idesk_security.user_chutich"),
        )
        if not vp.direction_proposer_ids:
            vp.write(
                {
                    "direction_proposer_ids": [fields.Command.set(head.ids)],
                    "direction_decider_ids": [fields.Command.set(chairman.ids)],
                }
            )
        if self.env["idesk.document.proposal"].search_count([], limit=1):
            return
        document = self.search(
            [
                ("agency_id", "=", vp.id),
                ("direction", "=", "incoming"),
                ("process_state", "=", "to_direct"),
            ],
            order="registration_date desc, id desc",
            limit=1,
        )
        if not document:
            return
        deadline = vp._add_working_days(fields.Date.context_today(self), 7)
        document.with_user(head)._do_propose(
            chairman,
            "Đề xuất giao Phòng Tài chính - Kế hoạch chủ trì, Phòng Nội vụ phối hợp "
            "tham mưu, báo cáo Chủ tịch.",
            {
                "lead_agency_id": ref("idesk_security.agency_tckh").id,
                "lead_deadline": deadline,
                "cooperate_agency_ids": [
                    fields.Command.set(ref("idesk_security.agency_nv").ids)
                ],
                "cooperate_deadline": deadline,
            },
        )
