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
        # Typed, not picked: the name alone, no agency or contact.
        self.assertEqual(document.issuing_body_name, "Sở Nội vụ tỉnh Bình Định")
        self.assertFalse(document.issuing_partner_id or document.issuing_agency_id)

    def test_clerk_picks_the_issuer_among_agencies_and_contacts(self):
        if not self.env.ref("idesk_security.user_vanthu_vp", raise_if_not_found=False):
            self.skipTest("needs the demo data of idesk_security")
        self.start_tour(
            "/odoo/action-idesk_registry.action_idesk_document_incoming",
            "idesk_registry_issuer_tour",
            login="vanthu",
        )
        document = self.env["idesk.document"].search(
            [("origin_number_symbol", "=", "888/STC-NS")]
        )
        self.assertEqual(
            document.issuing_partner_id,
            self.env.ref("idesk_registry.partner_so_tai_chinh"),
        )
        self.assertFalse(document.issuing_agency_id, "the first choice was replaced")
        self.assertEqual(document.issuing_body_name, "Sở Tài chính tỉnh Bình Định")
