import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from odoo import fields
from odoo.tests import HttpCase, tagged


def _scan_pdf():
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawString(72, 760, "UBND TINH BINH DINH - KE HOACH PHONG CHONG BAO")
    page.showPage()
    page.save()
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestMobileTour(HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = cls.env.ref("idesk_security.user_chanhvp")
        clerk = cls.env.ref("idesk_security.user_vanthu_vp")
        document = (
            cls.env["idesk.document"]
            .with_user(clerk)
            .create(
                {
                    "direction": "incoming",
                    "agency_id": cls.env.ref("idesk_security.agency_vp").id,
                    "issuing_body_name": "UBND tỉnh Bình Định",
                    "origin_number_symbol": "99/KH-UBND",
                    "type_id": cls.env.ref("idesk_registry.type_kh").id,
                    "summary": "Tour: kế hoạch phòng chống bão",
                    "urgency_id": cls.env.ref("idesk_registry.urgency_normal").id,
                    "document_date": fields.Date.context_today(cls.env.user),
                    "arrival_datetime": fields.Datetime.now(),
                }
            )
        )
        document._attach_scan([("ke-hoach.pdf", _scan_pdf())])
        document.action_register()
        cls.document = document.with_env(cls.env)

    def test_leader_direct_on_phone(self):
        self.assertEqual(self.document.process_state, "to_direct")
        self.start_tour(
            "/odoo/action-idesk_distribution.action_idesk_document_to_direct",
            "idesk_direct_mobile_tour",
            login="chanhvp",
        )
        self.document.invalidate_recordset()
        lead = self.document.assignment_ids.filtered(lambda a: a.role == "lead")
        cooperate = self.document.assignment_ids.filtered(
            lambda a: a.role == "cooperate"
        )
        # The unit leads and its person handles it: one assignment to the person,
        # kept in the unit's statistics through its recipient agency.
        self.assertEqual(lead.user_id, self.env.ref("idesk_security.user_cv_tckh"))
        self.assertEqual(
            lead.recipient_agency_id, self.env.ref("idesk_security.agency_tckh")
        )
        self.assertEqual(cooperate.agency_id, self.env.ref("idesk_security.agency_nv"))
        self.assertTrue(
            lead.deadline and cooperate.deadline and cooperate.deadline < lead.deadline
        )
        self.assertEqual(self.document.directed_by_id, self.leader)
        self.assertEqual(self.document.process_state, "in_progress")

    def test_leader_lists_are_cards_on_phone(self):
        """Every processing list opens as cards no wider than a 375 px phone."""
        for xmlid in (
            "idesk_registry.action_idesk_document_incoming",
            "idesk_distribution.action_idesk_document_followed",
            "idesk_distribution.action_idesk_assignment_mine",
            "idesk_distribution.action_idesk_assignment_received",
            "idesk_distribution.action_idesk_assignment_sent",
        ):
            with self.subTest(action=xmlid):
                self.start_tour(
                    f"/odoo/action-{xmlid}",
                    "idesk_phone_lists_tour",
                    login="chanhvp",
                )
