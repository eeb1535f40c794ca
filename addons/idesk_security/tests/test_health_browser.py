from odoo.tests import HttpCase, new_test_user, tagged

URL = "/odoo/action-idesk_security.action_server_idesk_health"
# the lines are written in the language of the user: a Vietnamese administrator
CHECK = """
const text = document.querySelector('.o_action_manager').innerText;
for (const label of ['Lần sao lưu gần nhất', 'Dung lượng cơ sở dữ liệu', 'Thư điện tử gửi không được']) {
    if (!text.includes(label)) { console.error('health line missing: ' + label); }
}
console.log('test successful');
"""


class HealthBrowserCase(HttpCase):
    """A Vietnamese administrator (``admin_login``) opens the health view and waits
    until ``ready`` is true in the page."""

    admin_login = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login=cls.admin_login,
            groups="idesk_security.group_idesk_admin",
            lang="vi_VN",
        )

    def _open_health(self, ready):
        self.browser_js(URL, CHECK, ready=ready, login=self.admin.login)


@tagged("post_install", "-at_install")
class TestHealthBrowser(HealthBrowserCase):
    admin_login = "test.health.admin"

    def test_admin_opens_health_list_in_browser(self):
        self._open_health(
            "document.querySelectorAll('.o_list_view .o_data_row').length > 5"
        )


@tagged("post_install", "-at_install")
class TestHealthPhone(HealthBrowserCase):
    admin_login = "test.health.phone"
    browser_size = "375x667"
    touch_enabled = True

    def test_admin_opens_health_cards_on_phone(self):
        self._open_health(
            "document.querySelectorAll('.o_kanban_view .o_kanban_record:not(.o_kanban_ghost)').length > 5"
        )
