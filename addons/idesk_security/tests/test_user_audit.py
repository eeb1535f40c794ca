import os

import ldap

from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import IdeskSecurityCommon
from .slapd_server import SUFFIX, SlapdServer

LDIF = os.path.join(os.path.dirname(__file__), "data", "staff.ldif")
VI = "vi_VN"
AGENCY_CHANGED = "Đổi cơ quan công tác"
ROLES_CHANGED = "Thay đổi vai trò"
OWN_CHANGE_REFUSED = "Từ chối tự đổi tài khoản của mình"
OWN_CHANGE_ERROR = (
    "Bạn không thể tự đổi cơ quan hoặc vai trò của mình: việc này phải do một quản trị "
    "mạng khác thực hiện. Lần thử này đã được ghi vào nhật ký an toàn."
)


class UserAuditCommon(IdeskSecurityCommon):
    """Reads the security log as the network administrator reads it, in Vietnamese."""

    @classmethod
    def _setup_audit(cls):
        cls.admin = cls.users["admin"]
        cls.group = {
            role: cls.env.ref(f"idesk_security.group_idesk_{role}")
            for role in ("officer", "clerk", "leader", "admin")
        }
        # entries written from here on are the tests' own (each test is rolled back)
        cls.log_start = cls.env["idesk.security.log"].search([], limit=1).id

    def _as_admin(self, records):
        """``records`` as the administrator changes them from the web client, in Vietnamese."""
        return records.with_user(self.admin).with_context(lang=VI)

    def _log_seen(self, user):
        """(event, done by, description) of the entries about ``user`` written by the
        test, logins left out, as the administrator sees them in the security log."""
        Log = self.env["idesk.security.log"].with_user(self.admin).with_context(lang=VI)
        labels = dict(Log.fields_get(["event"])["event"]["selection"])
        entries = Log.search(
            [
                ("user_id", "=", user.id),
                ("id", ">", self.log_start),
                ("event", "not in", ("login_success", "login_failure")),
            ],
            order="id",
        )
        return [
            (labels[entry.event], entry.actor_id.name or "", entry.description)
            for entry in entries
        ]


@tagged("post_install", "-at_install")
class TestUserAudit(UserAuditCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A refused change of one's own account is recorded by a transaction of its own
        # (the refusal rolls the request back); in test mode that transaction runs on
        # the test's cursor, as in HttpCase, so that the test sees it.
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        cls._setup_agencies_and_users()
        cls.other_admin = cls._create_user(
            "test.admin2",
            "admin",
            cls.own_agency,
            name="Second admin",
            email="test.admin2@annhon.example.gov.vn",
        )
        cls.person = cls.scope_users["own"]
        cls._setup_audit()

    def _refused(self, change):
        """The error of ``change``. Not through assertRaises: its savepoint would also
        undo the separate transaction that records the attempt."""
        try:
            change()
        except UserError as error:
            return error
        self.fail("the change was not refused")

    # -- changes of other people's accounts ------------------------------------------
    def test_admin_move_user_logs_old_and_new_agency(self):
        self._as_admin(self.person).write({"agency_id": self.other_agency.id})
        self.assertEqual(self.person.agency_id, self.other_agency)
        self.assertEqual(
            self._log_seen(self.person),
            [
                (
                    AGENCY_CHANGED,
                    "Test admin",
                    "Cơ quan: Phòng Tài chính Kiểm Thử → Phòng Nội vụ Kiểm Thử.",
                )
            ],
        )

    def test_admin_change_roles_logs_added_and_removed_roles(self):
        clerk = self.users["clerk"]
        self._as_admin(clerk).write(
            {
                "groups_id": [
                    (3, self.group["clerk"].id),
                    (4, self.group["leader"].id),
                ]
            }
        )
        self.assertEqual(
            self._log_seen(clerk),
            [
                (
                    ROLES_CHANGED,
                    "Test admin",
                    "Thêm vai trò: iDESK / Lãnh đạo. Bỏ vai trò: iDESK / Văn thư.",
                )
            ],
        )

    def test_admin_change_roles_in_user_form_logged(self):
        # what the Settings user form saves for its role check boxes
        self._as_admin(self.person).web_save(
            {f"in_group_{self.group['leader'].id}": True}, specification={}
        )
        self.assertTrue(self.person.has_group("idesk_security.group_idesk_leader"))
        self.assertEqual(
            self._log_seen(self.person),
            [(ROLES_CHANGED, "Test admin", "Thêm vai trò: iDESK / Lãnh đạo.")],
        )

    def test_admin_add_user_to_group_logs_one_entry(self):
        self._as_admin(self.group["clerk"]).write({"users": [(4, self.person.id)]})
        self._as_admin(self.group["leader"]).write({"users": [(4, self.person.id)]})
        self._as_admin(self.group["leader"]).write({"users": [(3, self.person.id)]})
        self.assertEqual(
            self._log_seen(self.person),
            [
                (ROLES_CHANGED, "Test admin", "Thêm vai trò: iDESK / Văn thư."),
                (ROLES_CHANGED, "Test admin", "Thêm vai trò: iDESK / Lãnh đạo."),
                (ROLES_CHANGED, "Test admin", "Bỏ vai trò: iDESK / Lãnh đạo."),
            ],
        )

    def test_admin_group_implies_role_logs_its_members(self):
        team = self.env["res.groups"].create(
            {"name": "Tổ thẩm định thử", "users": [(4, self.person.id)]}
        )
        self._as_admin(team).write({"implied_ids": [(4, self.group["leader"].id)]})
        self.assertTrue(self.person.has_group("idesk_security.group_idesk_leader"))
        self.assertEqual(
            self._log_seen(self.person)[-1:],
            [(ROLES_CHANGED, "Test admin", "Thêm vai trò: iDESK / Lãnh đạo.")],
        )

    def test_admin_create_user_with_role_logged(self):
        clerk = self._as_admin(self.env["res.users"]).create(
            {
                "name": "Văn thư mới",
                "login": "test.vanthu.moi",
                "agency_id": self.other_agency.id,
                "groups_id": [(4, self.group["clerk"].id)],
            }
        )
        self.assertEqual(
            self._log_seen(clerk),
            [
                (
                    "Tạo tài khoản",
                    "Test admin",
                    "Tạo tài khoản thuộc Phòng Nội vụ Kiểm Thử với vai trò: "
                    "iDESK / Văn thư.",
                )
            ],
        )

    def test_admin_change_login_logged(self):
        self._as_admin(self.person).write({"login": "test.staff.moi"})
        self.assertEqual(
            self._log_seen(self.person),
            [
                (
                    "Đổi tên đăng nhập",
                    "Test admin",
                    "Tên đăng nhập: test.staff.own → test.staff.moi.",
                )
            ],
        )

    def test_admin_archive_and_restore_logged(self):
        self._as_admin(self.person).action_archive()
        self._as_admin(self.person).action_unarchive()
        self.assertEqual(
            self._log_seen(self.person),
            [
                ("Lưu trữ tài khoản", "Test admin", "Tài khoản đã được lưu trữ."),
                ("Khôi phục tài khoản", "Test admin", "Tài khoản đã được khôi phục."),
            ],
        )

    def test_admin_block_and_unblock_logged_once(self):
        self._as_admin(self.person).action_idesk_block()
        wizard = (
            self.env["idesk.account.unblock.wizard"]
            .with_user(self.admin)
            .with_context(lang=VI)
            .create(
                {
                    "user_ids": [(6, 0, self.person.ids)],
                    "new_password": "Brand-new-pass-26",
                    "confirm_password": "Brand-new-pass-26",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(
            self._log_seen(self.person),
            [
                (
                    "Khóa tài khoản",
                    "Test admin",
                    "Bị khóa bởi quản trị mạng Test admin.",
                ),
                ("Mở khóa tài khoản", "Test admin", "Đã mở khóa với mật khẩu mới."),
            ],
        )

    def test_admin_block_by_direct_write_logged(self):
        # the field is read-only in the form, not for a script: the log still sees it
        self._as_admin(self.person).write({"idesk_blocked": True})
        self._as_admin(self.person).write({"idesk_blocked": False})
        self.assertEqual(
            self._log_seen(self.person),
            [
                (
                    "Khóa tài khoản",
                    "Test admin",
                    "Bị khóa do sửa trực tiếp tài khoản, không qua chức năng khóa.",
                ),
                (
                    "Mở khóa tài khoản",
                    "Test admin",
                    "Được mở khóa do sửa trực tiếp tài khoản, không đặt mật khẩu mới.",
                ),
            ],
        )

    # -- one's own account -----------------------------------------------------------
    def test_admin_move_himself_refused_nothing_changed(self):
        error = self._refused(
            lambda: self._as_admin(self.admin).write(
                {"agency_id": self.other_agency.id}
            )
        )
        self.assertEqual(str(error), OWN_CHANGE_ERROR)
        self.assertEqual(self.admin.agency_id, self.own_agency)
        self.assertEqual(
            self._log_seen(self.admin),
            [
                (
                    OWN_CHANGE_REFUSED,
                    "Test admin",
                    "Bị từ chối: Test admin tự thay đổi tài khoản của mình. "
                    "Cơ quan: Phòng Tài chính Kiểm Thử → Phòng Nội vụ Kiểm Thử.",
                )
            ],
        )
        # the other network administrators are warned, not the one who tried
        warned = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.admin.partner_id.id),
            ]
        )
        self.assertIn(self.other_admin, warned.user_id)
        self.assertNotIn(self.admin, warned.user_id)
        self.assertIn("test.admin", warned[0].summary)

    def test_admin_give_himself_role_refused_nothing_changed(self):
        leader = self.group["leader"]
        for change in (
            lambda: self._as_admin(self.admin).write({"groups_id": [(4, leader.id)]}),
            lambda: self._as_admin(self.admin).write({f"in_group_{leader.id}": True}),
            lambda: self._as_admin(leader).write({"users": [(4, self.admin.id)]}),
            lambda: self._as_admin(self.admin).write(
                {"groups_id": [(3, self.group["admin"].id)]}
            ),
        ):
            self.assertEqual(str(self._refused(change)), OWN_CHANGE_ERROR)
        self.admin.invalidate_recordset()
        self.assertNotIn(leader, self.admin.groups_id)
        self.assertIn(self.group["admin"], self.admin.groups_id)
        self.assertEqual(
            self._log_seen(self.admin),
            [
                (
                    OWN_CHANGE_REFUSED,
                    "Test admin",
                    "Bị từ chối: Test admin tự thay đổi tài khoản của mình. " + change,
                )
                for change in (
                    "Thêm vai trò: iDESK / Lãnh đạo.",
                    "Thêm vai trò: iDESK / Lãnh đạo.",
                    "Thêm vai trò: iDESK / Lãnh đạo.",
                    "Bỏ vai trò: iDESK / Quản trị mạng.",
                )
            ],
        )

    def test_admin_forged_context_changes_nothing(self):
        # the keys the directory and the block action use are honoured only as superuser
        directory = self.env["res.company.ldap"].create(
            {
                "company": self.env.company.id,
                "ldap_server": "ldap.forged",
                "ldap_base": "dc=forged",
                "ldap_filter": "(uid=%s)",
            }
        )
        forged = {"idesk_directory": directory.id, "idesk_block_logged": True}
        self._as_admin(self.person).with_context(**forged).write(
            {"agency_id": self.other_agency.id, "idesk_blocked": True}
        )
        self.assertEqual(
            self._log_seen(self.person),
            [
                (
                    AGENCY_CHANGED,
                    "Test admin",
                    "Cơ quan: Phòng Tài chính Kiểm Thử → Phòng Nội vụ Kiểm Thử. "
                    "Bị khóa do sửa trực tiếp tài khoản, không qua chức năng khóa.",
                )
            ],
        )
        error = self._refused(
            lambda: (
                self._as_admin(self.admin)
                .with_context(**forged)
                .write({"agency_id": self.other_agency.id})
            )
        )
        self.assertEqual(str(error), OWN_CHANGE_ERROR)
        self.assertEqual(self.admin.agency_id, self.own_agency)

    def test_superuser_move_admin_allowed_logged(self):
        # installation, upgrades and the server's shell run as the superuser
        self.admin.sudo().with_context(lang=VI).write(
            {"agency_id": self.other_agency.id}
        )
        self.assertEqual(self.admin.agency_id, self.other_agency)
        self.assertEqual(
            self._log_seen(self.admin),
            [
                (
                    AGENCY_CHANGED,
                    "",
                    "Cơ quan: Phòng Tài chính Kiểm Thử → Phòng Nội vụ Kiểm Thử.",
                )
            ],
        )

    # -- what is not a security change -----------------------------------------------
    def test_officer_change_preferences_not_logged(self):
        preferences = {
            "lang": VI,
            "tz": "Asia/Ho_Chi_Minh",
            "signature": "<p>Chuyên viên</p>",
            "notification_type": "inbox",
        }
        self.person.with_user(self.person).write(preferences)
        self._as_admin(self.person).write(
            {"tz": "Asia/Bangkok", "notification_type": "email", "phone": "0256 3835"}
        )
        self.assertEqual(self.person.tz, "Asia/Bangkok")
        self.assertEqual(self._log_seen(self.person), [])


@tagged("post_install", "-at_install")
class TestUserAuditDirectory(UserAuditCommon, HttpCase):
    """Agency and roles refreshed from a real OpenLDAP at login are the directory's doing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.slapd = SlapdServer(LDIF)
        cls.addClassCleanup(cls.slapd.cleanup)
        cls.slapd.start()
        cls._setup_agencies_and_users()
        # people created by the directory work in Vietnamese, as in the town
        cls.env["ir.default"].set("res.partner", "lang", VI)
        cls.ward = cls._create_agency(
            "UBND xã Nhơn Hậu Thử",
            "UBND",
            "commune",
            cls.parent_agency,
            organ_code="000.12.98.H08",
        )
        cls.ldap_conf = cls.slapd.connect(
            cls.env,
            [
                {
                    "kind": "group",
                    "ldap_value": f"cn=lanhdao,ou=groups,{SUFFIX}",
                    "group_id": cls.env.ref("idesk_security.group_idesk_leader").id,
                },
                {
                    "kind": "group",
                    "ldap_value": f"cn=chuyenvien,ou=groups,{SUFFIX}",
                    "group_id": cls.env.ref("idesk_security.group_idesk_officer").id,
                },
                {
                    "kind": "agency",
                    "ldap_value": "nhonhau-test",
                    "agency_id": cls.ward.id,
                },
            ],
        )
        cls._setup_audit()

    def _login(self, login, password):
        return self.registry["res.users"].authenticate(
            self.env.cr.dbname,
            {"login": login, "password": password, "type": "password"},
            {"interactive": True},
        )

    def test_directory_login_refresh_logged_as_directory(self):
        binh = self.env["res.users"].browse(
            self._login("ldap.binh", "Binh-secret-2026")["uid"]
        )
        binh_dn = f"uid=ldap.binh,ou=people,{SUFFIX}"
        self.slapd.modify(
            f"cn=lanhdao,ou=groups,{SUFFIX}",
            [(ldap.MOD_ADD, "member", [binh_dn.encode()])],
        )
        self.addCleanup(
            self.slapd.modify,
            f"cn=lanhdao,ou=groups,{SUFFIX}",
            [(ldap.MOD_DELETE, "member", [binh_dn.encode()])],
        )
        self.slapd.modify(binh_dn, [(ldap.MOD_REPLACE, "ou", [b"nhonhau-test"])])
        self.addCleanup(
            self.slapd.modify, binh_dn, [(ldap.MOD_REPLACE, "ou", [b"000.04.98.H08"])]
        )
        self._login("ldap.binh", "Binh-secret-2026")
        binh.invalidate_recordset()
        self.assertEqual(binh.agency_id, self.ward)
        directory = "Do danh bạ cán bộ (LDAP 127.0.0.1) cập nhật khi đăng nhập."
        self.assertEqual(
            self._log_seen(binh),
            [
                (
                    "Tạo tài khoản",
                    "",
                    "Tạo tài khoản thuộc Phòng Tài chính Kiểm Thử với vai trò: "
                    f"iDESK / Chuyên viên. {directory}",
                ),
                (
                    AGENCY_CHANGED,
                    "",
                    "Cơ quan: Phòng Tài chính Kiểm Thử → UBND xã Nhơn Hậu Thử. "
                    f"Thêm vai trò: iDESK / Lãnh đạo. {directory}",
                ),
            ],
        )
