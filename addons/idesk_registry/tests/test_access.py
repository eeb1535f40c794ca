from xmlrpc.client import Fault

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import IdeskRegistryCase

# Expected rights on idesk.document, per role of a user of agency A:
# own agency A / other agency B / parent agency P / sub-agency S.
READ = {
    "officer": {"A"},
    "clerk": {"A"},
    "leader": {"A", "S"},
    "it_officer": {"A"},
    "admin": {"A"},
}
WRITE = {
    "officer": set(),
    "clerk": {"A"},
    # A leader directs and reviews through actions; the entries are the clerks'.
    "leader": set(),
    "it_officer": set(),
    "admin": set(),
}
CREATE = {
    "officer": set(),
    "clerk": {"A"},
    "leader": set(),
    "it_officer": set(),
    "admin": set(),
}
UNLINK = CREATE


@tagged("post_install", "-at_install")
class TestAccessMatrix(IdeskRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agencies = {
            "A": cls.agency_a,
            "B": cls.agency_b,
            "P": cls.agency_p,
            "S": cls.agency_s,
        }
        cls.documents = {
            key: cls.Document._register_new(
                [cls._incoming_vals(agency, summary=f"Văn bản của {key}")]
            )
            for key, agency in cls.agencies.items()
        }

    def test_role_read_matrix(self):
        for role, user in self.users.items():
            visible = self.Document.with_user(user).search(
                [("summary", "like", "Văn bản của")]
            )
            expected = {key for key, doc in self.documents.items() if doc in visible}
            with self.subTest(role=role):
                self.assertEqual(expected, READ[role])
            for key, document in self.documents.items():
                with self.subTest(role=role, agency=key):
                    if key in READ[role]:
                        self._assert_stored(
                            document, {"summary": f"Văn bản của {key}"}, user
                        )
                    else:
                        with self.assertRaises(AccessError):
                            document.with_user(user).read(["summary"])

    def test_role_write_matrix(self):
        for role, user in self.users.items():
            for key, document in self.documents.items():
                with self.subTest(role=role, agency=key):
                    if key in WRITE[role]:
                        note = f"ghi chú {role} {key}"
                        document.with_user(user).write({"note": note})
                        self._assert_stored(document, {"note": note}, user)
                    else:
                        with self.assertRaises(AccessError):
                            document.with_user(user).write({"note": "không được"})

    def test_role_create_matrix(self):
        for role, user in self.users.items():
            for key, agency in self.agencies.items():
                with self.subTest(role=role, agency=key):
                    if key in CREATE[role]:
                        summary = f"Dự thảo của {role} cho {key}"
                        draft = self.Document.with_user(user).create(
                            self._incoming_vals(agency, summary=summary)
                        )
                        self._assert_stored(
                            draft,
                            {
                                "state": "draft",
                                "agency_id": agency,
                                "direction": "incoming",
                                "summary": summary,
                                "origin_number_symbol": "123/QĐ-UBND",
                                "issuing_partner_id": self.partner_province,
                                "type_id": self.type_qd,
                                "page_count": 2,
                                "number": 0,
                            },
                            user,
                        )
                    else:
                        with self.assertRaises(AccessError):
                            self.Document.with_user(user).create(
                                self._incoming_vals(agency)
                            )

    def test_role_unlink_matrix(self):
        for role, user in self.users.items():
            for key, agency in self.agencies.items():
                draft = self.Document.create(self._incoming_vals(agency))
                with self.subTest(role=role, agency=key):
                    if key in UNLINK[role]:
                        draft.with_user(user).unlink()
                        self.assertFalse(draft.exists())
                    else:
                        with self.assertRaises(AccessError):
                            draft.with_user(user).unlink()
                # Registered documents are never deleted, whoever asks.
                with (
                    self.subTest(role=role, agency=key, state="registered"),
                    self.assertRaises(UserError),
                ):
                    self.documents[key].with_user(user).unlink()

    def test_clerk_other_agency_register_refused(self):
        draft = self.Document.create(self._incoming_vals(self.agency_b))
        with self.assertRaises(AccessError):
            draft.with_user(self.clerk).action_register()
        self.assertEqual(draft.state, "draft")

    def test_leader_sees_shared_document(self):
        self.documents["B"].shared_agency_ids = self.agency_a
        self.assertTrue(self.documents["B"].with_user(self.users["officer"]).summary)


@tagged("post_install", "-at_install")
class TestAccessRpc(HttpCase, IdeskRegistryCase):
    """The same separation for a real XML-RPC client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.Document._register_new(
            [cls._incoming_vals(summary="Văn bản RPC của A")]
        )
        cls.other = cls.Document._register_new(
            [cls._incoming_vals(cls.agency_b, summary="Văn bản RPC của B")]
        )

    def _call(self, role, method, *args, **kwargs):
        user = self.users[role]
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            f"reg_{role}_pass1234",
            "idesk.document",
            method,
            list(args),
            kwargs,
        )

    def test_officer_rpc_reads_only_own_agency(self):
        found = self._call("officer", "search", [("summary", "like", "Văn bản RPC")])
        self.assertEqual(found, self.own.ids)
        with self.assertRaises(Fault):
            self._call("officer", "read", self.other.ids, ["summary"])
        with self.assertRaises(Fault):
            self._call("officer", "write", self.own.ids, {"note": "x"})

    def test_clerk_rpc_register_and_protections(self):
        vals = self._incoming_vals(origin_number_symbol="9/TB-UBND")
        vals["document_date"] = str(vals["document_date"])
        new_id = self._call("clerk", "create", [vals])[0]
        self._call("clerk", "action_register", [new_id])
        number = self._call("clerk", "read", [new_id], ["number_display", "state"])[0]
        self.assertEqual(
            (number["number_display"], number["state"]), ("02", "registered")
        )
        with self.assertRaises(Fault):
            self._call("clerk", "write", [new_id], {"number": 1})
        with self.assertRaises(Fault):
            self._call(
                "clerk",
                "write",
                [new_id],
                {"state": "draft"},
                context={"idesk_registry_token": True},
            )
        with self.assertRaises(Fault):
            self._call("clerk", "unlink", [new_id])
        with self.assertRaises(Fault):
            self._call("clerk", "write", self.other.ids, {"note": "x"})
        with self.assertRaises(Fault):
            self._call("clerk", "_do_register", [new_id])
        found = self._call(
            "clerk", "search", [("search_anything", "ilike", "van ban rpc")]
        )
        self.assertEqual(sorted(found), sorted(self.own.ids))


@tagged("post_install", "-at_install")
class TestQuarantine(IdeskRegistryCase):
    def test_officer_report_harmful_content_hides_document(self):
        document = self._register_incoming()
        cancelled = self._register_incoming()
        cancelled._do_cancel("Đăng ký nhầm")
        officer, leader = self.users["officer"], self.users["leader"]
        document.with_user(officer).action_report_harmful_content(
            reason="Nội dung xuyên tạc"
        )
        cancelled.with_user(officer).action_report_harmful_content(
            reason="Nội dung xuyên tạc"
        )
        self.assertEqual(document.content_state, "reported")
        self.assertEqual(cancelled.content_state, "reported")
        self.env.invalidate_all()
        for role in ("officer", "leader", "it_officer"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                document.with_user(self.users[role]).read(["summary"])
        self.assertTrue(
            document.with_user(self.clerk).summary, "the clerk of the agency keeps it"
        )
        self.assertTrue(
            document.with_user(self.users["admin"]).summary,
            "the administrator reviews it",
        )
        self.assertFalse(
            self.Document.with_user(leader).search([("id", "=", document.id)]),
            "hidden from lists too",
        )
