from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.idesk_security.tests.common import take_screenshot

# The home is shown and no request is loading any more.
HOME_READY = (
    "document.querySelector('.o_idesk_home .o_idesk_home_counter')"
    " && !document.querySelector('.o_loading_indicator')"
)
# Screenshot sizes: a desktop and a phone.
SIZES = {"desktop": "1440x900", "phone": "375x667"}
# A real page of the home at these sizes weighs well over this (a blank or
# error page of one colour compresses to a few kilobytes).
MIN_SCREENSHOT_BYTES = 15_000


@tagged("post_install", "-at_install")
class TestHomeTours(HttpCase):
    """Each role logs in on the login page and lands on their home, with the
    counters of the role; every counter opens a list of exactly its count.
    A screenshot of each home at desktop and phone size is written to
    var/screenshots/home_<role>_<size>.png."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("idesk_security.user_vanthu_vp", raise_if_not_found=False):
            cls.skipTest(cls, "needs the demo data of idesk_security")
        ref = cls.env.ref
        # Something to register in the Office and in Nhơn Hậu.
        for clerk, agency in (
            (ref("idesk_security.user_vanthu_vp"), ref("idesk_security.agency_vp")),
            (
                ref("idesk_security.user_vanthu_nhonhau"),
                ref("idesk_security.agency_x_nhon_hau"),
            ),
        ):
            cls.env["idesk.document"].with_user(clerk).create(
                {
                    "direction": "incoming",
                    "agency_id": agency.id,
                    "issuing_body_name": "Sở Nội vụ tỉnh Bình Định",
                    "origin_number_symbol": "55/SNV-VP",
                    "type_id": ref("idesk_registry.type_tb").id,
                    "summary": "Thông báo lịch họp giao ban (chờ vào sổ)",
                    "urgency_id": ref("idesk_registry.urgency_normal").id,
                    "document_date": fields.Date.context_today(cls.env.user),
                    "arrival_datetime": fields.Datetime.now(),
                }
            )

    def _home_from_login(self, login, tour, role, phone=False):
        user = self.env["res.users"].search([("login", "=", login)])
        home = self.env.ref("idesk_security.action_idesk_home")
        self.assertEqual(user.action_id.id, home.id, "the home is the home action")
        if phone:
            self.browser_size, self.touch_enabled = SIZES["phone"], True
        try:
            self.start_tour("/web/login", tour)
        finally:
            self.browser_size, self.touch_enabled = type(self).browser_size, False
        for size_name, size in SIZES.items():
            path = take_screenshot(
                self, "/odoo", login, size, f"home_{role}_{size_name}.png", HOME_READY
            )
            self.assertGreater(path.stat().st_size, MIN_SCREENSHOT_BYTES, path)

    def test_clerk_of_the_office_home_from_login(self):
        self._home_from_login("vanthu", "idesk_home_clerk", "clerk")

    def test_leader_home_on_phone_from_login(self):
        self._home_from_login(
            "chanhvp", "idesk_home_leader_phone", "leader", phone=True
        )

    def test_ward_clerk_home_on_phone_from_login(self):
        self._home_from_login(
            "vanthu.nhonhau", "idesk_home_ward_clerk_phone", "ward_clerk", phone=True
        )

    def test_officer_home_from_login(self):
        self._home_from_login("chuyenvien", "idesk_home_officer", "officer")

    def test_network_administrator_home_from_login(self):
        self._home_from_login("quantri", "idesk_home_admin", "network_admin")
