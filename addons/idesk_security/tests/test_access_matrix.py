from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import IdeskSecurityCommon

OPERATIONS = ("read", "write", "create", "unlink")
ALL = {"own", "other", "parent"}
NONE = set()

# role -> operation -> scopes allowed (own / other / parent agency)
AGENCY_MATRIX = {
    "officer": {"read": ALL, "write": NONE, "create": NONE, "unlink": NONE},
    "clerk": {"read": ALL, "write": NONE, "create": NONE, "unlink": NONE},
    "leader": {"read": ALL, "write": NONE, "create": NONE, "unlink": NONE},
    "it_officer": {"read": ALL, "write": NONE, "create": NONE, "unlink": NONE},
    "admin": {"read": ALL, "write": ALL, "create": ALL, "unlink": ALL},
}
# Accounts: everyone reads colleagues (to send and assign); only the administrator manages them.
USER_MATRIX = AGENCY_MATRIX
# Security log: only the administrator reads it; nobody writes, creates or deletes it.
LOG_MATRIX = {
    role: {
        "read": ALL if role == "admin" else NONE,
        "write": NONE,
        "create": NONE,
        "unlink": NONE,
    }
    for role in AGENCY_MATRIX
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(IdeskSecurityCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies_and_users()
        Log = cls.env["idesk.security.log"]
        cls.scope_logs = {
            scope: Log._log_event("block", user=user, description=f"test {scope}")
            for scope, user in cls.scope_users.items()
        }

    # -- operations: each returns the record it read, changed or created and the
    # values that must be stored in it when it is allowed ----------------------------
    def _do(self, user, model, operation, scope):
        if model == "idesk.agency":
            record = self.scope_agencies[scope].with_user(user)
            if operation == "read":
                return record, self._read(record, ["name", "code"])
            if operation == "write":
                record.write({"sequence": 11})
                return record, {"sequence": 11}
            if operation == "create":
                values = {"name": f"Tổ mới {scope}", "code": "TM", "parent_id": record}
                created = record.env["idesk.agency"].create(
                    dict(values, parent_id=record.id)
                )
                return created, values
            record.check_access("unlink")
            return record, {}
        if model == "res.users":
            record = self.scope_users[scope].with_user(user)
            if operation == "read":
                return record, self._read(record, ["name", "agency_id"])
            if operation == "write":
                record.write({"name": "Renamed"})
                return record, {"name": "Renamed"}
            if operation == "create":
                values = {
                    "name": "New",
                    "login": f"new.{scope}.{user.login}",
                    "agency_id": self.scope_agencies[scope],
                }
                created = record.env["res.users"].create(
                    dict(values, agency_id=values["agency_id"].id)
                )
                return created, values
            record.check_access("unlink")
            return record, {}
        record = self.scope_logs[scope].with_user(user)
        if operation == "read":
            return record, self._read(record, ["event", "description"])
        if operation == "write":
            record.write({"description": "changed"})
            return record, {"description": "changed"}
        if operation == "create":
            created = record.env["idesk.security.log"].create({"event": "block"})
            return created, {"event": "block"}
        record.unlink()
        return record, {}

    def _read(self, record, names):
        """Read ``names`` as the user does; what they show is what is stored."""
        shown = record.read(names)[0]
        stored = record.sudo().read(names)[0]
        self.assertEqual(shown, stored, f"{record} as read by {record.env.uid}")
        return {name: record.sudo()[name] for name in names}

    def _check_matrix(self, role, model, matrix):
        user = self.users[role]
        for operation in OPERATIONS:
            for scope in ("own", "other", "parent"):
                allowed = scope in matrix[role][operation]
                with self.subTest(
                    role=role, model=model, operation=operation, scope=scope
                ):
                    if allowed:
                        with self.env.cr.savepoint():
                            record, values = self._do(user, model, operation, scope)
                            if operation != "unlink":
                                self._assert_stored(record, values, user)
                    else:
                        with self.assertRaises(AccessError):
                            self._do(user, model, operation, scope)

    def test_officer_access_matrix_agencies_users_log(self):
        for model, matrix in (
            ("idesk.agency", AGENCY_MATRIX),
            ("res.users", USER_MATRIX),
            ("idesk.security.log", LOG_MATRIX),
        ):
            self._check_matrix("officer", model, matrix)

    def test_clerk_access_matrix_agencies_users_log(self):
        for model, matrix in (
            ("idesk.agency", AGENCY_MATRIX),
            ("res.users", USER_MATRIX),
            ("idesk.security.log", LOG_MATRIX),
        ):
            self._check_matrix("clerk", model, matrix)

    def test_leader_access_matrix_agencies_users_log(self):
        for model, matrix in (
            ("idesk.agency", AGENCY_MATRIX),
            ("res.users", USER_MATRIX),
            ("idesk.security.log", LOG_MATRIX),
        ):
            self._check_matrix("leader", model, matrix)

    def test_it_officer_access_matrix_agencies_users_log(self):
        for model, matrix in (
            ("idesk.agency", AGENCY_MATRIX),
            ("res.users", USER_MATRIX),
            ("idesk.security.log", LOG_MATRIX),
        ):
            self._check_matrix("it_officer", model, matrix)

    def test_admin_access_matrix_agencies_users_log(self):
        for model, matrix in (
            ("idesk.agency", AGENCY_MATRIX),
            ("res.users", USER_MATRIX),
            ("idesk.security.log", LOG_MATRIX),
        ):
            self._check_matrix("admin", model, matrix)

    def test_admin_write_security_log_refused_even_as_superuser(self):
        log = self.scope_logs["own"]
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            log.sudo().write({"description": "hidden"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            log.sudo().unlink()
        with self.assertRaisesRegex(UserError, "written by the system only"):
            self.env["idesk.security.log"].sudo().create({"event": "block"})
        self.assertEqual(log.description, "test own")

    def test_admin_role_change_is_logged(self):
        officer = self.scope_users["other"]
        officer.with_user(self.users["admin"]).write(
            {"groups_id": [(4, self.env.ref("idesk_security.group_idesk_leader").id)]}
        )
        log = self.env["idesk.security.log"].search(
            [("user_id", "=", officer.id), ("event", "=", "role_change")]
        )
        self.assertEqual(len(log), 1)
        self.assertIn("Leader", log.description)
        self.assertEqual(log.actor_id, self.users["admin"])

    def test_admin_role_change_from_group_form_is_logged(self):
        officer = self.scope_users["parent"]
        clerk_group = self.env.ref("idesk_security.group_idesk_clerk")
        clerk_group.with_user(self.users["admin"]).write({"users": [(4, officer.id)]})
        log = self.env["idesk.security.log"].search(
            [("user_id", "=", officer.id), ("event", "=", "role_change")]
        )
        self.assertEqual(len(log), 1)
        self.assertIn("Clerk", log.description)

    def test_officer_state_secret_guard_refuses_with_message(self):
        mixin = self.env["idesk.access.mixin"].with_user(self.users["officer"])
        with self.assertRaisesRegex(UserError, "Mật, Tối mật, Tuyệt mật"):
            mixin._check_forbidden_content({"confidentiality": "top_secret"})
        # a normal document passes the guard
        self.assertIsNone(mixin._check_forbidden_content({"confidentiality": "normal"}))

    def test_admin_inactive_accounts_lists_never_logged_users(self):
        action = (
            self.env["res.users"]
            .with_user(self.users["admin"])
            ._idesk_action_inactive_users()
        )
        users = self.env["res.users"].search(action["domain"])
        self.assertIn(self.scope_users["own"], users)
        self.env["res.users.log"].with_user(self.scope_users["own"]).sudo().create({})
        action = (
            self.env["res.users"]
            .with_user(self.users["admin"])
            ._idesk_action_inactive_users()
        )
        self.assertNotIn(
            self.scope_users["own"], self.env["res.users"].search(action["domain"])
        )

    def test_officer_inactive_accounts_refused(self):
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(
                self.users["officer"]
            )._idesk_action_inactive_users()
