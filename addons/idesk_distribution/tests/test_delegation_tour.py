from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.idesk_security.tests.common import take_screenshot

from .test_home_tour import MIN_SCREENSHOT_BYTES, SIZES

UNIT_WORK = "/odoo/action-idesk_distribution.action_idesk_assignment_unit_work"
MINE = "/odoo/action-idesk_distribution.action_idesk_assignment_mine"
# The form of an assignment shows its officers and no request is loading any more.
OFFICERS_READY = (
    "document.querySelector('.o_form_view .o_idesk_delegation .o_data_row,"
    " .o_form_view .o_idesk_delegation .o_kanban_record')"
    " && !document.querySelector('.o_loading_indicator')"
)
RESULT_READY = (
    "document.querySelector('.o_form_view .o_field_widget[name=result_state] .badge')"
    " && !document.querySelector('.o_loading_indicator')"
)


@tagged("post_install", "-at_install")
class TestDelegationTour(HttpCase):
    """In the demo town, the chairman's office gives the finance office a document
    to lead; its head (truongphong) hands it to Võ Thị Hoa (chuyenvien), who reports
    her result, and the head accepts it, in the browser. Screenshots of the head's
    and the officer's forms, desktop and phone, go to var/screenshots/delegation_*."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        if not ref("idesk_security.user_lanhdao_tckh", raise_if_not_found=False):
            cls.skipTest(cls, "needs the demo data of idesk_security")
        cls.head = ref("idesk_security.user_lanhdao_tckh")
        cls.officer = ref("idesk_security.user_cv_tckh")
        clerk, leader = (
            ref("idesk_security.user_vanthu_vp"),
            ref("idesk_security.user_chanhvp"),
        )
        office, finance = (
            ref("idesk_security.agency_vp"),
            ref("idesk_security.agency_tckh"),
        )
        document = (
            cls.env["idesk.document"]
            .with_user(clerk)
            .create(
                {
                    "direction": "incoming",
                    "agency_id": office.id,
                    "issuing_body_name": "Sở Tài chính tỉnh Bình Định",
                    "origin_number_symbol": "310/STC-NS",
                    "type_id": ref("idesk_registry.type_cv").id,
                    "summary": "Tour: báo cáo quyết toán ngân sách năm 2025",
                    "urgency_id": ref("idesk_registry.urgency_normal").id,
                    "document_date": fields.Date.context_today(cls.env.user),
                    "arrival_datetime": fields.Datetime.now(),
                }
            )
        )
        document.action_register()
        today = fields.Date.context_today(document)
        document.with_user(leader)._do_direct(
            "Giao Phòng Tài chính - Kế hoạch chủ trì, báo cáo kết quả.",
            leader,
            [
                {
                    "role": "lead",
                    "agency_id": finance.id,
                    "deadline": office._add_working_days(today, 10),
                }
            ],
        )
        cls.document = document.with_env(cls.env)
        cls.unit_work = document.assignment_ids

    def _screenshots(self, login, url, ready, name):
        for size_name, size in SIZES.items():
            path = take_screenshot(
                self, url, login, size, f"delegation_{name}_{size_name}.png", ready
            )
            self.assertGreater(path.stat().st_size, MIN_SCREENSHOT_BYTES, path)

    def test_finance_head_hands_over_officer_reports_head_accepts(self):
        self.start_tour(
            UNIT_WORK, "idesk_delegation_head_hands_over", login="truongphong"
        )
        child = self.unit_work.child_ids
        self.assertEqual(
            (child.user_id, child.role, child.deadline),
            (self.officer, "lead", self.unit_work.deadline),
        )
        self.start_tour(MINE, "idesk_delegation_officer_reports", login="chuyenvien")
        self.assertEqual(child.result_state, "submitted")
        self._screenshots(
            "chuyenvien", f"{MINE}/{child.id}", RESULT_READY, "officer_reported"
        )
        self._screenshots(
            "truongphong",
            f"{UNIT_WORK}/{self.unit_work.id}",
            OFFICERS_READY,
            "head_to_accept",
        )
        self.start_tour(UNIT_WORK, "idesk_delegation_head_accepts", login="truongphong")
        self.assertEqual((child.state, child.result_state), ("done", "accepted"))
        self.assertEqual(self.unit_work.state, "done")
        self.assertEqual(self.unit_work.completion_status, "on_time")
        self.assertEqual(self.document.process_state, "done")
        self._screenshots(
            "truongphong",
            f"{UNIT_WORK}/{self.unit_work.id}",
            OFFICERS_READY,
            "head_accepted",
        )
