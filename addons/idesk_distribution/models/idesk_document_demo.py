import io
from datetime import timedelta

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from odoo import api, fields, models


def _demo_scan(summary):
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 12)
    page.drawString(72, 770, "UBND TINH BINH DINH")
    page.drawString(
        72, 740, "(Demo scan) " + summary.encode("ascii", "ignore").decode()[:70]
    )
    page.showPage()
    page.save()
    return buffer.getvalue()


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    @api.model
    def _idesk_translate_state_tracking(self):
        """Installing this addon computes the processing state of the documents
        already registered and Odoo tracks it ("To direct") before this addon's
        translations are loaded: those tracked values are written again in the
        language of ``self.env`` (the demo's; the 18.0.1.2.0 upgrade's)."""
        # Odoo writes tracked values just before the commit: write them now
        self.env.flush_all()
        self.env.cr.precommit.run()
        field = self.env["ir.model.fields"]._get(self._name, "process_state")
        selection = self._fields["process_state"].selection
        translated = dict(
            self._fields["process_state"]._description_selection(self.env)
        )
        for value, label in selection:
            if translated.get(value, label) != label:
                self.env["mail.tracking.value"].sudo().search(
                    [("field_id", "=", field.id), ("new_value_char", "=", label)]
                ).write({"new_value_char": translated[value]})

    @api.model
    def _demo_direct_and_distribute(self):
        """Direct and distribute some of the registry's demo documents through
        the same methods as the users, then run the reminder and digest jobs
        once so that the inboxes and the mail queue show them."""
        lang = self._idesk_load_vietnamese("idesk_distribution")
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._demo_direct_and_distribute()
        ref = self.env.ref
        vp, nhon_hau = (
            ref("idesk_security.agency_vp"),
            ref("idesk_security.agency_x_nhon_hau"),
        )
        leader, clerk = (
            ref("idesk_security.user_chanhvp"),
            ref("idesk_security.user_vanthu_vp"),
        )
        officer, ward_clerk = (
            ref("idesk_security.user_cv_tckh"),
            ref("idesk_security.user_vanthu_nhonhau"),
        )
        today = fields.Date.context_today(self)
        incoming = self.search(
            [
                ("agency_id", "=", vp.id),
                ("direction", "=", "incoming"),
                ("state", "=", "registered"),
            ],
            order="registration_date desc, id desc",
        )
        if len(incoming) < 4 or self.env["idesk.assignment"].search_count([], limit=1):
            return
        self._idesk_translate_state_tracking()
        # The newest documents wait in the leader's queue, with a scan to read on the phone.
        waiting = incoming[:3]
        for document in waiting:
            if not document.scan_attachment_id:
                document._attach_scan(
                    [("van-ban-den.pdf", _demo_scan(document.summary))]
                )
        waiting._do_present_to_leaders()
        deadline = vp._add_working_days(today, 5)
        # Led by a person, with cooperating units and a ward for information.
        first = incoming[3]
        first.with_user(leader)._do_direct(
            "Giao Phòng Tài chính - Kế hoạch (bà Hoa) chủ trì, Phòng Nội vụ phối hợp tham mưu, báo cáo kết quả.",
            leader,
            [
                {"role": "lead", "user_id": officer.id, "deadline": deadline},
                {
                    "role": "cooperate",
                    "agency_id": ref("idesk_security.agency_nv").id,
                    "deadline": deadline,
                },
                {"role": "info", "agency_id": nhon_hau.id},
            ],
        )
        lead = first.assignment_ids.filtered(lambda a: a.role == "lead")
        lead.with_user(officer).action_open_document()
        lead.with_user(officer).action_start()
        # Led by a commune, recorded by the clerk from the paper direction; already overdue.
        if len(incoming) > 4:
            second = incoming[4]
            second.with_user(clerk)._do_direct(
                "Giao UBND xã Nhơn Hậu chủ trì triển khai, báo cáo trước hạn.",
                leader,
                [
                    {
                        "role": "lead",
                        "agency_id": nhon_hau.id,
                        "deadline": vp._add_working_days(today, 3),
                    }
                ],
            )
            second.assignment_ids.sudo().write({"deadline": today - timedelta(days=2)})
        # Outgoing documents sent to Nhơn Hậu: one registered by its clerk, one waiting.
        outgoing = self.search(
            [
                ("agency_id", "=", vp.id),
                ("direction", "=", "outgoing"),
                ("state", "=", "registered"),
                ("recipient_agency_ids", "!=", False),
            ],
            order="registration_date desc, id desc",
            limit=2,
        )
        for document in outgoing:
            document.with_user(clerk)._do_distribute()
        if outgoing:
            outgoing[-1].assignment_ids.with_user(ward_clerk)._do_register_received()
        self.env["idesk.assignment"]._cron_send_reminders()
        self.env["idesk.assignment"]._cron_send_weekly_digest()
