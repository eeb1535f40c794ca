import os

import ldap

from odoo.exceptions import AccessDenied
from odoo.tests import HttpCase, tagged

from .common import ENGLISH, IdeskSecurityCommon
from .slapd_server import SUFFIX, SlapdServer

LDIF = os.path.join(os.path.dirname(__file__), "data", "staff.ldif")


@tagged("post_install", "-at_install")
class TestLdapLogin(IdeskSecurityCommon, HttpCase):
    """LDAP login against a real OpenLDAP server started for this class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.slapd = SlapdServer(
            LDIF
        )  # fails with a clear message when slapd is missing
        cls.addClassCleanup(cls.slapd.cleanup)
        cls.slapd.start()
        cls._setup_agencies_and_users()
        cls.ward = cls._create_agency(
            "UBND xã Nhơn Hậu Thử",
            "UBND",
            "commune",
            cls.parent_agency,
            organ_code="000.12.98.H08",
        )
        group = cls.env.ref
        cls.ldap_conf = cls.slapd.connect(
            cls.env,
            [
                {
                    "kind": "group",
                    "ldap_value": f"cn=vanthu,ou=groups,{SUFFIX}",
                    "group_id": group("idesk_security.group_idesk_clerk").id,
                },
                {
                    "kind": "group",
                    "ldap_value": f"CN=lanhdao, ou=groups,{SUFFIX}",
                    "group_id": group("idesk_security.group_idesk_leader").id,
                },
                {
                    "kind": "group",
                    "ldap_value": f"cn=chuyenvien,ou=groups,{SUFFIX}",
                    "group_id": group("idesk_security.group_idesk_officer").id,
                },
                {
                    "kind": "agency",
                    "ldap_value": "nhonhau-test",
                    "agency_id": cls.ward.id,
                },
            ],
        )
        cls.local_admin = cls._create_user(
            "test.localadmin",
            "admin",
            cls.own_agency,
            lang="en_US",
            password="Local-admin-2026",
        )

    def _login(self, login, password):
        return self.registry["res.users"].authenticate(
            self.env.cr.dbname,
            {"login": login, "password": password, "type": "password"},
            {"interactive": True},
        )

    def _user(self, login):
        return self.env["res.users"].search([("login", "=", login)])

    def _ensure_started(self):
        if not self.slapd.process:
            self.slapd.start()

    def test_ldap_user_first_login_creates_user_in_agency_with_roles(self):
        self.assertFalse(self._user("ldap.lan"))
        uid = self._login("ldap.lan", "Lan-secret-2026")["uid"]
        lan = self.env["res.users"].browse(uid)
        self.assertEqual(lan.login, "ldap.lan")
        self.assertEqual(lan.name, "Nguyễn Thị Lan")
        # agency from the entry's ou, found as an organ identifier
        self.assertEqual(lan.agency_id, self.own_agency)
        self.assertTrue(lan.has_group("idesk_security.group_idesk_clerk"))
        self.assertFalse(lan.has_group("idesk_security.group_idesk_leader"))
        self.assertEqual(lan.idesk_ldap_id, self.ldap_conf)
        # the directory's staff open the iDESK home after login, like local staff
        home = self.env.ref("idesk_security.action_idesk_home")
        self.assertEqual(lan.action_id.id, home.id)

        uid = self._login("ldap.hai", "Hai-secret-2026")["uid"]
        hai = self.env["res.users"].browse(uid)
        # agency from an administrator's mapping of the ou value; DN compared case-insensitively
        self.assertEqual(hai.agency_id, self.ward)
        self.assertTrue(hai.has_group("idesk_security.group_idesk_leader"))
        self.assertFalse(hai.has_group("idesk_security.group_idesk_clerk"))

    def test_ldap_user_roles_refreshed_at_every_login(self):
        uid = self._login("ldap.binh", "Binh-secret-2026")["uid"]
        binh = self.env["res.users"].browse(uid)
        self.assertTrue(binh.has_group("idesk_security.group_idesk_officer"))
        self.assertFalse(binh.has_group("idesk_security.group_idesk_leader"))
        binh_dn = f"uid=ldap.binh,ou=people,{SUFFIX}".encode()
        self.slapd.modify(
            f"cn=lanhdao,ou=groups,{SUFFIX}", [(ldap.MOD_ADD, "member", [binh_dn])]
        )
        self.slapd.modify(
            f"uid=ldap.binh,ou=people,{SUFFIX}",
            [(ldap.MOD_REPLACE, "ou", [b"nhonhau-test"])],
        )
        self.addCleanup(
            self.slapd.modify,
            f"uid=ldap.binh,ou=people,{SUFFIX}",
            [(ldap.MOD_REPLACE, "ou", [b"000.04.98.H08"])],
        )
        self.addCleanup(
            self.slapd.modify,
            f"cn=lanhdao,ou=groups,{SUFFIX}",
            [(ldap.MOD_DELETE, "member", [binh_dn])],
        )
        self._login("ldap.binh", "Binh-secret-2026")
        binh.invalidate_recordset()
        self.assertEqual(binh.agency_id, self.ward)
        self.assertTrue(binh.has_group("idesk_security.group_idesk_leader"))
        # one entry for the move and the new role (test_user_audit.py reads it whole)
        log = self.env["idesk.security.log"].search(
            [("user_id", "=", binh.id), ("event", "=", "agency_change")]
        )
        self.assertIn("Roles added: iDESK / Leader.", log.description)

    def test_ldap_user_wrong_password_refused(self):
        with self.assertRaises(AccessDenied) as refused:
            self._login("ldap.lan", "not-the-password")
        self.assertNotIn("directory", str(refused.exception))
        self.assertFalse(self._user("ldap.lan"))
        self._login("ldap.lan", "Lan-secret-2026")
        with self.assertRaises(AccessDenied):
            self._login("ldap.lan", "still-not-the-password")

    def test_ldap_directory_down_local_admin_logs_in_ldap_user_gets_message(self):
        self._login("ldap.lan", "Lan-secret-2026")  # known user, created at first login
        self.slapd.stop()
        self.addCleanup(self._ensure_started)
        # the local administrator is not affected
        self.assertEqual(
            self._login("test.localadmin", "Local-admin-2026")["uid"],
            self.local_admin.id,
        )
        # a local account with a wrong password gets the usual answer
        with self.assertRaises(AccessDenied) as refused:
            self._login("test.localadmin", "wrong-password")
        self.assertNotIn("directory", str(refused.exception))
        # an existing LDAP user and a first-time LDAP user get the clear message
        for login, password in (
            ("ldap.lan", "Lan-secret-2026"),
            ("ldap.hai", "Hai-secret-2026"),
        ):
            with (
                self.subTest(login=login),
                self.assertRaisesRegex(
                    AccessDenied, "staff directory \\(LDAP\\) cannot be reached"
                ),
            ):
                self._login(login, password)
        # the directory is back: LDAP login works again
        self.slapd.start()
        self.assertTrue(self._login("ldap.lan", "Lan-secret-2026")["uid"])
        self.assertTrue(self._login("ldap.hai", "Hai-secret-2026")["uid"])

    def test_ldap_user_directory_down_web_login_shows_message(self):
        self.slapd.stop()
        self.addCleanup(self._ensure_started)
        page = self.url_open("/web/login", headers=ENGLISH)
        csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = self.url_open(
            "/web/login",
            data={
                "login": "ldap.lan",
                "password": "Lan-secret-2026",
                "csrf_token": csrf,
            },
            allow_redirects=False,
            headers=ENGLISH,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("cannot be reached", response.text)
        self.assertNotIn("Traceback", response.text)
