import re
import xmlrpc.client

from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import ENGLISH, IdeskSecurityCommon


@tagged("post_install", "-at_install")
class TestAccountSafety(IdeskSecurityCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies_and_users()
        cls.victim = cls._create_user(
            "test.victim",
            "officer",
            cls.own_agency,
            lang="en_US",
            password="Victim-pass-2026",
            name="Nạn nhân Thử",
        )
        cls.admin = cls.users["admin"]

    def _login(self, login, password):
        return self.registry["res.users"].authenticate(
            self.env.cr.dbname,
            {"login": login, "password": password, "type": "password"},
            {"interactive": True},
        )

    def _session_is_alive(self):
        response = self.url_open("/odoo", allow_redirects=False)
        return response.status_code == 200

    def test_officer_report_compromised_ends_session_and_blocks(self):
        self.authenticate("test.victim", "Victim-pass-2026")
        self.assertTrue(self._session_is_alive(), "the session works before the report")

        action = self.victim.with_user(self.victim).action_report_compromised()
        self.assertEqual(action["url"], "/web/session/logout")

        # the existing session is rejected on its next request
        response = self.url_open("/odoo", allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertIn("/web/login", response.headers.get("Location", ""))
        # login refused, with the reason
        with self.assertRaisesRegex(AccessDenied, "blocked for safety"):
            self._login("test.victim", "Victim-pass-2026")
        self.assertTrue(self.victim.idesk_blocked)

        # administrators are notified: an activity and a queued e-mail
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.victim.partner_id.id),
                ("user_id", "=", self.admin.id),
            ]
        )
        self.assertEqual(len(activity), 1)
        self.assertIn("test.victim", activity.summary)
        mail = self.env["mail.mail"].search(
            [
                ("email_to", "ilike", self.admin.email),
                ("subject", "ilike", "test.victim"),
            ]
        )
        self.assertEqual(mail.state, "outgoing")

        # the security log keeps the report and the refused login, and cannot be changed
        logs = self.env["idesk.security.log"].search([("user_id", "=", self.victim.id)])
        self.assertIn("compromise_report", logs.mapped("event"))
        self.assertIn("login_failure", logs.mapped("event"))
        report = logs.filtered(lambda log: log.event == "compromise_report")
        with self.assertRaises(AccessError):
            report.with_user(self.admin).write({"description": "nothing happened"})
        with self.assertRaises(AccessError):
            report.with_user(self.admin).unlink()
        with self.assertRaises(UserError):
            report.sudo().unlink()

    def test_admin_unblock_with_new_password_allows_login(self):
        self.victim.with_user(self.victim).action_report_compromised()
        wizard = (
            self.env["idesk.account.unblock.wizard"]
            .with_user(self.admin)
            .create(
                {
                    "user_ids": [(6, 0, self.victim.ids)],
                    "new_password": "short",
                    "confirm_password": "short",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "at least 10 characters"):
            wizard.action_confirm()
        self.assertTrue(self.victim.idesk_blocked)
        wizard.write(
            {
                "new_password": "Brand-new-pass-26",
                "confirm_password": "Brand-new-pass-26",
            }
        )
        wizard.action_confirm()
        self.assertFalse(self.victim.idesk_blocked)
        with self.assertRaises(AccessDenied):
            self._login("test.victim", "Victim-pass-2026")
        self.assertEqual(
            self._login("test.victim", "Brand-new-pass-26")["uid"], self.victim.id
        )
        events = (
            self.env["idesk.security.log"]
            .search([("user_id", "=", self.victim.id)])
            .mapped("event")
        )
        self.assertIn("unblock", events)
        self.assertIn("login_success", events)

    def test_admin_block_account_ends_session(self):
        self.authenticate("test.victim", "Victim-pass-2026")
        self.assertTrue(self._session_is_alive())
        self.victim.with_user(self.admin).action_idesk_block()
        self.assertFalse(self._session_is_alive())
        log = self.env["idesk.security.log"].search(
            [("user_id", "=", self.victim.id), ("event", "=", "block")]
        )
        self.assertEqual(log.actor_id, self.admin)

    def test_officer_block_other_account_refused(self):
        with self.assertRaises(AccessError):
            self.victim.with_user(self.users["officer"]).action_idesk_block()
        with self.assertRaises(AccessError):
            self.users["officer"].with_user(self.victim).action_report_compromised()
        self.assertFalse(self.victim.idesk_blocked)
        self.assertFalse(self.users["officer"].idesk_blocked)

    def _web_login(self, login, password):
        page = self.url_open("/web/login", headers=ENGLISH)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            "/web/login",
            data={"login": login, "password": password, "csrf_token": csrf},
            allow_redirects=False,
            headers=ENGLISH,
        )

    def test_officer_web_login_logged_with_ip(self):
        response = self._web_login("test.victim", "wrong-password")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Wrong login/password", response.text)
        response = self._web_login("test.victim", "Victim-pass-2026")
        self.assertEqual(response.status_code, 303)
        logs = self.env["idesk.security.log"].search([("login", "=", "test.victim")])
        success = logs.filtered(lambda log: log.event == "login_success")
        failure = logs.filtered(lambda log: log.event == "login_failure")
        self.assertEqual(success.ip_address, "127.0.0.1")
        self.assertEqual(failure.ip_address, "127.0.0.1")
        self.assertEqual(success.user_id, self.victim)

    def test_officer_web_login_blocked_account_gets_reason(self):
        self.victim.with_user(self.admin).action_idesk_block()
        response = self._web_login("test.victim", "Victim-pass-2026")
        self.assertEqual(response.status_code, 200)
        self.assertIn("blocked for safety", response.text)

    def test_officer_xmlrpc_access_matrix_as_real_client(self):
        """The record rules and ACLs hold over XML-RPC, not only in the web client."""
        db = self.env.cr.dbname
        officer, admin = self.users["officer"], self.users["admin"]
        call = self.xmlrpc_object.execute_kw
        # officer: reads every agency, changes none, cannot read the security log
        names = call(
            db,
            officer.id,
            officer.login,
            "idesk.agency",
            "read",
            [self.other_agency.ids, ["name"]],
        )
        self.assertEqual(names[0]["name"], self.other_agency.name)
        with self.assertRaises(xmlrpc.client.Fault) as denied:
            call(
                db,
                officer.id,
                officer.login,
                "idesk.agency",
                "write",
                [self.own_agency.ids, {"name": "Đổi tên"}],
            )
        self.assertIn("not allowed to modify", denied.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault):
            call(
                db, officer.id, officer.login, "idesk.security.log", "search_read", [[]]
            )
        with self.assertRaises(xmlrpc.client.Fault):
            call(
                db,
                officer.id,
                officer.login,
                "res.users",
                "write",
                [self.scope_users["own"].ids, {"name": "X"}],
            )
        # administrator: manages agencies, reads the log, cannot change it
        self.assertTrue(
            call(
                db,
                admin.id,
                admin.login,
                "idesk.agency",
                "write",
                [self.other_agency.ids, {"sequence": 3}],
            )
        )
        self.assertIsInstance(
            call(
                db,
                admin.id,
                admin.login,
                "idesk.security.log",
                "search_read",
                [[], ["event"]],
            ),
            list,
        )
        entry = self.env["idesk.security.log"]._log_event("block", user=self.victim)
        log_ids = call(
            db,
            admin.id,
            admin.login,
            "idesk.security.log",
            "search",
            [[("id", "=", entry.id)]],
        )
        self.assertEqual(log_ids, entry.ids)
        with self.assertRaises(xmlrpc.client.Fault):
            call(db, admin.id, admin.login, "idesk.security.log", "unlink", [log_ids])
        with self.assertRaises(xmlrpc.client.Fault):
            call(
                db,
                admin.id,
                admin.login,
                "idesk.security.log",
                "write",
                [log_ids, {"description": "erased"}],
            )
        self.assertTrue(entry.exists())
        self.assertFalse(entry.description)

    def test_officer_failed_logins_throttled_then_refused(self):
        """After base.login_cooldown_after failures (5, set at install), even the right
        password is refused for base.login_cooldown_duration seconds."""
        self.addCleanup(
            lambda: getattr(self.registry, "_login_failures", {}).pop("127.0.0.1", None)
        )
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("base.login_cooldown_after"), "5")
        self.assertEqual(params.get_param("base.login_cooldown_duration"), "300")
        for _attempt in range(5):
            response = self._web_login("test.victim", "wrong-password")
            self.assertIn("Wrong login/password", response.text)
        response = self._web_login("test.victim", "Victim-pass-2026")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Too many login failures", response.text)
        failures = self.env["idesk.security.log"].search(
            [("login", "=", "test.victim"), ("event", "=", "login_failure")]
        )
        self.assertEqual(len(failures), 6)

    def test_leader_totp_required_by_setting(self):
        leader, officer = self.users["leader"], self.users["officer"]
        self.assertIsNone(leader._mfa_type())
        settings = (
            self.env["res.config.settings"]
            .with_user(self.admin)
            .create({"idesk_totp_required_roles": True})
        )
        settings.execute()
        self.assertEqual(leader._mfa_type(), "totp_mail")
        self.assertEqual(self.admin._mfa_type(), "totp_mail")
        self.assertIsNone(officer._mfa_type())
        # the web login of a leader now asks for the second factor
        response = self._web_login("test.leader", "test.leader")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login/totp", response.headers["Location"])

    def test_admin_password_policy_minimum_length(self):
        self.assertEqual(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("auth_password_policy.minlength"),
            "10",
        )
        with self.assertRaisesRegex(UserError, "at least 10 characters"):
            self.victim.with_user(self.admin).write({"password": "Short-9ch"})
