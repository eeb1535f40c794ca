from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestClerkTour(HttpCase):
    def test_clerk_register_and_find_in_browser(self):
        if not self.env.ref("idesk_security.user_vanthu_vp", raise_if_not_found=False):
            self.skipTest("needs the demo data of idesk_security")
        self.start_tour(
            "/odoo/action-idesk_registry.action_idesk_document_incoming",
            "idesk_registry_clerk_tour",
            login="vanthu",
        )
        document = self.env["idesk.document"].search(
            [("origin_number_symbol", "=", "777/SNV-TCBC")]
        )
        self.assertEqual(document.state, "registered")
        self.assertTrue(document.number_display)
        self.assertEqual(document.agency_id, self.env.ref("idesk_security.agency_vp"))
