from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestDigestLinks(DistributionCase, HttpCase):
    def test_leader_open_digest_overdue_link_lists_overdue(self):
        _late, assignment = self._incoming_led_by(self.officer, 2)
        assignment.sudo().write({"deadline": self.today - timedelta(days=1)})
        self._incoming_led_by(self.officer, 2, symbol="14/KH-UBND")
        body = self.env["idesk.assignment"]._digest_body(self.office, self.today)
        url = f"/odoo/{self.office.id}/action-idesk_distribution.action_idesk_assignment_digest_overdue"
        self.assertIn(url, body)
        self.browser_js(
            url,
            "console.log('test successful')",
            ready="document.querySelectorAll('.o_list_view .o_data_row').length === 1",
            login="t_leader",
        )
