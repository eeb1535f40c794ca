from odoo.tests import TransactionCase, tagged

from .common import IdeskSecurityCommon


@tagged("post_install", "-at_install")
class TestViewsAndDemo(IdeskSecurityCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies_and_users()

    def test_officer_preferences_show_compromise_button(self):
        officer = self.users["officer"]
        view = self.env.ref("base.view_users_form_simple_modif")
        arch = (
            officer.env["res.users"].with_user(officer).get_views([(view.id, "form")])
        )
        self.assertIn("action_report_compromised", arch["views"]["form"]["arch"])

    def test_admin_views_load_with_block_buttons_and_log_filters(self):
        admin_env = self.env(user=self.users["admin"])
        form_id = self.env.ref("base.view_users_form").id
        users = admin_env["res.users"].get_views([(form_id, "form"), (False, "list")])
        self.assertIn("action_idesk_block", users["views"]["form"]["arch"])
        self.assertIn("action_idesk_unblock", users["views"]["form"]["arch"])
        log = admin_env["idesk.security.log"].get_views(
            [(False, "list"), (False, "search")]
        )
        self.assertIn('name="failures"', log["views"]["search"]["arch"])
        ldap_form = admin_env["res.company.ldap"].get_views([(False, "form")])
        self.assertIn("idesk_mapping_ids", ldap_form["views"]["form"]["arch"])
        agency = admin_env["idesk.agency"].get_views(
            [(False, "form"), (False, "search")]
        )
        self.assertIn("action_open_staff", agency["views"]["form"]["arch"])
        self.assertIn("searchpanel", agency["views"]["search"]["arch"])

    def test_officer_block_buttons_hidden(self):
        officer_env = self.env(user=self.users["officer"])
        form = officer_env["res.users"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertNotIn("action_idesk_block", form)

    def test_admin_demo_hierarchy_and_roles_of_an_nhon(self):
        town = self.env.ref("idesk_security.agency_ubnd")
        tree = self.env["idesk.agency"].search([("id", "child_of", town.id)])
        self.assertEqual(len(tree), 28)
        self.assertEqual(
            set(tree.mapped("kind")),
            {"committee", "office", "department", "ward", "commune"},
        )
        for group in ("officer", "clerk", "leader", "it_officer", "admin"):
            staff = self.env.ref(f"idesk_security.group_idesk_{group}").users.filtered(
                lambda u, town=town: (
                    u.agency_id
                    in self.env["idesk.agency"].search([("id", "child_of", town.id)])
                )
            )
            self.assertTrue(staff, f"no demo user with the {group} role")
        self.assertEqual(
            self.env.ref("idesk_security.agency_vp").clerk_ids.login, "vanthu"
        )

    def test_admin_security_log_names_events_and_opens_on_security_events(self):
        admin = self.users["admin"]
        Log = self.env["idesk.security.log"]
        success = Log._log_event("login_success", user=self.users["officer"])
        failure = Log._log_event("login_failure", login="khong.co")
        block = Log._log_event("block", user=self.users["officer"])
        entries = (success | failure | block).with_user(admin)
        # the event by its name (breadcrumbs, links), never its code
        self.assertEqual(
            entries.with_context(lang="vi_VN").mapped("display_name"),
            ["Đăng nhập thành công", "Đăng nhập thất bại", "Khóa tài khoản"],
        )
        self.assertEqual(entries.mapped("display_name")[1], "Login failed")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "idesk_security.idesk_security_log_action"
        )
        self.assertIn("'search_default_security_events': 1", action["context"])
        search = Log.with_user(admin).get_views([(False, "search")])["views"]["search"]
        # every event but the successful logins
        self.assertIn('name="security_events"', search["arch"])
        self.assertIn("[('event', '!=', 'login_success')]", search["arch"])
