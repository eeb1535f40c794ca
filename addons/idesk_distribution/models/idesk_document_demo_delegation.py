from odoo import api, fields, models


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    @api.model
    def _demo_delegate_and_report(self):
        """The finance office's chain in the demo: the Office's leader gives the
        unit a budget document to lead, its head hands it to Võ Thị Hoa, who
        reports her result; the head (``truongphong``) accepts or returns it."""
        lang = self._idesk_load_vietnamese("idesk_distribution")
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._demo_delegate_and_report()
        ref = self.env.ref
        if self.env["idesk.assignment"].search_count(
            [("parent_id", "!=", False)], limit=1
        ):
            return
        office, finance = (
            ref("idesk_security.agency_vp"),
            ref("idesk_security.agency_tckh"),
        )
        leader, head, officer = (
            ref("idesk_security.user_chanhvp"),
            ref("idesk_security.user_lanhdao_tckh"),
            ref("idesk_security.user_cv_tckh"),
        )
        document = self.search(
            [
                ("agency_id", "=", office.id),
                ("direction", "=", "incoming"),
                ("state", "=", "registered"),
                ("process_state", "=", "to_direct"),
                ("summary", "ilike", "dự toán ngân sách địa phương"),
            ],
            limit=1,
        )
        if not document:
            return
        today = fields.Date.context_today(self)
        [unit_work] = document.with_user(leader)._do_direct(
            "Giao Phòng Tài chính - Kế hoạch chủ trì hướng dẫn các xã, phường; báo cáo kết quả.",
            leader,
            [
                {
                    "role": "lead",
                    "agency_id": finance.id,
                    "deadline": office._add_working_days(today, 7),
                }
            ],
        )
        [work] = unit_work.with_user(head)._do_delegate(
            [{"user_id": officer.id, "role": "lead", "deadline": unit_work.deadline}]
        )
        work = work.with_user(officer)
        work.action_open_document()
        work.write(
            {
                "result_note": "Đã dự thảo công văn hướng dẫn các xã, phường lập dự toán "
                "ngân sách năm 2026, trình lãnh đạo phòng."
            }
        )
        work.action_report_result()
