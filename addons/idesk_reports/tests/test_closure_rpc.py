import xmlrpc.client

from odoo.tests import HttpCase, tagged

from .common import IdeskReportsCase


@tagged("post_install", "-at_install")
class TestClosureRpc(HttpCase, IdeskReportsCase):
    """A closed entry cannot be changed over XML-RPC either, whatever the role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entry = cls._entry(cls.book, 1, cls._quarter_day(1))
        cls.env["idesk.book.closure"].with_user(cls.clerk).action_close_quarter(
            cls.book.id, 1
        )

    def _rpc_write(self, user, vals, lang="vi_VN"):
        password = f"{user.login}-Pass-2026!"
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, user.login, password, {}
        )
        self.assertEqual(uid, user.id)
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            password,
            "idesk.document",
            "write",
            [[self.entry.id], vals],
            {"context": {"lang": lang}},
        )

    def test_every_role_rpc_write_closed_entry_refused(self):
        for user in (self.clerk, self.leader, self.officer, self.admin):
            with self.subTest(user=user.login), self.assertRaises(xmlrpc.client.Fault):
                self._rpc_write(user, {"summary": "Sửa qua RPC"})
        self.entry.invalidate_recordset()
        self.assertNotIn("RPC", self.entry.summary)

    def test_clerk_rpc_write_closed_entry_explains_why(self):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._rpc_write(self.clerk, {"note": "Sửa qua RPC"})
        self.assertIn("đóng", caught.exception.faultString)

    def test_admin_rpc_reopen_needs_reason(self):
        closure = self.env["idesk.book.closure"].search(
            [("book_id", "=", self.book.id)]
        )
        password = f"{self.admin.login}-Pass-2026!"
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, self.admin.login, password, {}
        )
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                uid,
                password,
                "idesk.book.closure",
                "action_reopen",
                [[closure.id], ""],
            )
        self.assertEqual(closure.state, "closed")
