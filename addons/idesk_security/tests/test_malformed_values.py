from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import IdeskSecurityCommon, RefusalAsserts

NOT_AN_ID = "Cơ quan cấp trên: cần nhập mã (id) của một bản ghi."
NOT_WHOLE = "Thứ tự: cần nhập một số nguyên."
MARKUP = "Tên: nội dung chứa mã HTML hoặc script; vui lòng nhập văn bản thường."
MARKUP_PAYLOADS = (
    "<script>alert(1)</script>",
    'Văn phòng <img src=x onerror="alert(1)">',
    "<b>Văn phòng</b>",
    "Văn phòng<svg/onload=alert(1)>",
)


@tagged("post_install", "-at_install")
class TestMalformedValues(RefusalAsserts, IdeskSecurityCommon, TransactionCase):
    """Every iDESK model (here the agency, which the network administrator keeps)
    takes a value as Odoo's own field conversion makes it, and refuses what Odoo
    cannot convert or would store although nobody means it: a message in the
    user's language names the field, and nothing is stored. The documents' fields
    are tried in idesk_registry's test_malformed_values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies_and_users()
        cls.admin_vi = cls._create_user(
            "test.input.admin", "admin", cls.parent_agency, lang="vi_VN"
        )
        cls.Agency = (
            cls.env["idesk.agency"].with_user(cls.admin_vi).with_context(lang="vi_VN")
        )
        cls.office = cls.own_agency.with_env(cls.Agency.env)
        cls.leader = cls.users["leader"]

    def _snapshot(self):
        agencies = self.env["idesk.agency"].with_context(active_test=False)
        agencies.invalidate_model()
        return agencies.search([]).read(
            ["name", "code", "organ_code", "sequence", "kind", "parent_id"]
            + ["leader_ids", "child_ids", "active"]
        )

    def test_admin_write_agency_value_odoo_cannot_convert_refused_in_vietnamese(self):
        for vals, message in [
            ({"sequence": "mười"}, NOT_WHOLE),
            ({"sequence": "1.5"}, NOT_WHOLE),
            ({"sequence": {"id": "một"}}, NOT_WHOLE),
            (
                {"kind": "sideways"},
                "Loại: “sideways” không phải là một giá trị được phép.",
            ),
            ({"name": b"\xff\xfe"}, "Tên: cần nhập một chuỗi ký tự."),
            # Odoo would store the Python text of a structure sent over RPC
            ({"name": {"vi": "Văn phòng"}}, "Tên: cần nhập một chuỗi ký tự."),
            ({"name": ["Văn phòng"]}, "Tên: cần nhập một chuỗi ký tự."),
            ({"idesk_no_such_field": 1}, "Trường không tồn tại: idesk_no_such_field."),
        ]:
            with self.subTest(vals=vals):
                self.assertRefused(message, self.office.write, vals)

    def test_admin_write_agency_link_odoo_would_empty_refused(self):
        """Odoo's conversion silently empties a many2one given a text, a list (an
        (id, name) pair sent over RPC), a float or a dict."""
        for value in ("UBND", [self.parent_agency.id, "UBND"], 1.0, {"id": 1}):
            with self.subTest(value=value):
                self.assertRefused(NOT_AN_ID, self.office.write, {"parent_id": value})

    def test_admin_write_agency_int4_overflow_refused(self):
        overflow = "Thứ tự: số phải nằm trong khoảng từ -2147483648 đến 2147483647."
        for vals, message in [
            ({"sequence": 2**31}, overflow),
            ({"sequence": -(2**31) - 1}, overflow),
            ({"parent_id": 2**40}, NOT_AN_ID),
            ({"parent_id": -3}, NOT_AN_ID),
        ]:
            with self.subTest(vals=vals):
                self.assertRefused(message, self.office.write, vals)
        self.office.write({"sequence": 2**31 - 1})
        self.assertEqual(self.office.sequence, 2**31 - 1)

    def test_admin_create_agency_int4_overflow_by_context_default_refused(self):
        self.assertRefused(
            "Thứ tự: số phải nằm trong khoảng từ -2147483648 đến 2147483647.",
            self.Agency.with_context(default_sequence=2**40).create,
            {"name": "Phòng Mới", "code": "PM"},
        )

    def test_admin_create_agency_null_character_refused(self):
        null = "Mã viết tắt: chuỗi ký tự chứa ký tự rỗng (null), không được phép."
        self.assertRefused(null, self.Agency.create, {"name": "Phòng", "code": "P\x00"})
        self.assertRefused(
            null,
            self.Agency.with_context(default_code="P\x00").create,
            {"name": "Phòng Mới"},
        )

    def test_admin_write_agency_text_over_size_refused(self):
        self.assertRefused(
            "Tên: văn bản có 1001 ký tự; tối đa 1000 ký tự.",
            self.office.write,
            {"name": "P" * 1001},
        )
        # Odoo would cut it to its size (13) and store "000.00.98.H08"
        self.assertRefused(
            "Mã định danh cơ quan: văn bản có 14 ký tự; tối đa 13 ký tự.",
            self.office.write,
            {"organ_code": "000.00.98.H081"},
        )
        self.office.write({"name": "P" * 1000})
        self.assertEqual(len(self.office.name), 1000)

    def test_admin_write_agency_markup_refused(self):
        for payload in MARKUP_PAYLOADS:
            with self.subTest(payload=payload):
                self.assertRefused(MARKUP, self.office.write, {"name": payload})
                self.assertRefused(
                    MARKUP, self.Agency.create, {"name": payload, "code": "VP"}
                )
                self.assertRefused(
                    MARKUP,
                    self.Agency.with_context(default_name=payload).create,
                    {"code": "VP"},
                )

    def test_admin_write_agency_text_with_comparison_signs_accepted(self):
        self.office.write({"name": "Tổ < 5 người > 2 người <vanthu@annhon.gov.vn>"})
        self.assertEqual(
            self.office.name, "Tổ < 5 người > 2 người <vanthu@annhon.gov.vn>"
        )

    def test_admin_load_agency_markup_refused(self):
        before = self._snapshot()
        result = self.Agency.load(["name", "code"], [["<b>Phòng Mới</b>", "PM"]])
        self.assertFalse(result["ids"])
        self.assertEqual([m["message"] for m in result["messages"]], [MARKUP])
        self.assertEqual(self._snapshot(), before, "a refused value was stored")

    def test_admin_copy_agency_markup_refused(self):
        self.assertRefused(
            MARKUP, self.office.copy, {"name": "<script>alert(1)</script>"}
        )

    def test_admin_write_agency_malformed_commands_refused(self):
        """Commands Odoo crashes on (IndexError, TypeError, a database error) or
        silently ignores (an unknown command, a code given as text)."""
        leaders = (
            "Lãnh đạo: cần nhập danh sách mã (id) bản ghi hoặc danh sách lệnh hợp lệ."
        )
        children = "Đơn vị trực thuộc: cần nhập danh sách mã (id) bản ghi hoặc danh sách lệnh hợp lệ."
        leader = self.leader.id
        for vals, message in [
            ({"leader_ids": leader}, leaders),
            ({"leader_ids": "1,2"}, leaders),
            ({"leader_ids": ["1"]}, leaders),
            ({"leader_ids": [(4, "x")]}, leaders),
            ({"leader_ids": [(4, 2**40)]}, leaders),
            ({"leader_ids": [(9, leader)]}, leaders),
            ({"leader_ids": [("4", leader)]}, leaders),
            ({"leader_ids": [(True, leader)]}, leaders),
            ({"leader_ids": [(6, 0, leader)]}, leaders),
            ({"leader_ids": [(6, 0, ["x"])]}, leaders),
            ({"leader_ids": [leader, (4, leader)]}, leaders),
            ({"leader_ids": [{"id": leader}]}, leaders),
            ({"leader_ids": [(4,)]}, leaders),
            ({"leader_ids": [[]]}, leaders),
            ({"child_ids": [(0, 0, "Phòng mới")]}, children),
            ({"child_ids": [(1, "x", {"name": "Phòng"})]}, children),
            # the values inside a command are checked by the line's model
            ({"child_ids": [(0, 0, {"name": "<b>Phòng</b>", "code": "P"})]}, MARKUP),
        ]:
            with self.subTest(vals=vals):
                self.assertRefused(message, self.office.write, vals)
        self.assertRefused(
            "Tên: văn bản có 1002 ký tự; tối đa 1000 ký tự.",
            self.office.write,
            {"child_ids": [(1, self.child_agency.id, {"name": "Xã" * 501})]},
        )

    def test_admin_write_agency_refused_in_english(self):
        office = self.office.with_context(lang="en_US")
        self.assertRefused(
            "Sequence: a whole number is expected.", office.write, {"sequence": "ten"}
        )
        self.assertRefused(
            "Name: the text contains HTML or script; please type plain text.",
            office.write,
            {"name": "<b>Office</b>"},
        )

    def test_admin_write_agency_over_rpc_refused_in_own_language(self):
        """Calls over XML-RPC and JSON-RPC carry no language: the person's is used."""
        office = self.office.with_env(self.env(user=self.admin_vi, context={}))
        self.assertFalse(office.env.lang)
        self.assertRefused(MARKUP, office.write, {"name": "<b>Văn phòng</b>"})

    def test_officer_report_content_reason_over_size_refused(self):
        wizards = self.env["idesk.content.report.wizard"].with_user(
            self.users["officer"]
        )
        reason = "Nội dung xấu độc. " * 600  # 10,800 characters
        for call, vals in [
            (wizards.create, {"reason": reason}),
            (wizards.with_context(default_reason=reason).create, {}),
        ]:
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as refusal:
                call(
                    {"res_model": "idesk.agency", "res_ids": str(self.own_agency.id)}
                    | vals
                )
            self.assertEqual(
                refusal.exception.args[0],
                "Reason: the text has 10800 characters; at most 10000 are allowed.",
            )

    def test_admin_unblock_password_with_angle_brackets_accepted(self):
        """A field declared ``allow_markup=True`` (a password) may hold "<…>"."""
        wizard = (
            self.env["idesk.account.unblock.wizard"]
            .with_user(self.admin_vi)
            .create(
                {
                    "user_ids": [Command.set(self.leader.ids)],
                    "new_password": "<b>Mật khẩu 2026</b>",
                    "confirm_password": "<b>Mật khẩu 2026</b>",
                }
            )
        )
        self.assertEqual(wizard.new_password, "<b>Mật khẩu 2026</b>")

    def test_admin_write_legitimate_values_of_every_kind_accepted(self):
        """What the web client, Odoo's own code and RPC clients send still goes
        through, as Odoo converts it."""
        ward = self.Agency.create(
            [
                {
                    "name": "UBND phường Một",
                    "code": "UBND",
                    "kind": "ward",
                    "sequence": "3",
                    "parent_id": self.parent_agency.id,
                    "active": 1,
                    "leader_ids": [Command.link(self.leader.id)],
                    "child_ids": [
                        (0, "virtual_1", {"name": "Khu phố 1", "code": "KP"}),
                    ],
                }
            ]
        )
        self.assertEqual((ward.sequence, ward.leader_ids), (3, self.leader))
        self.assertEqual(ward.child_ids.name, "Khu phố 1")
        office = self.office
        office.write(
            {
                "name": "Văn phòng HĐND và UBND",
                "parent_id": (self.parent_agency.id, self.parent_agency.display_name),
                "leader_ids": [[6, False, [self.leader.id]]],
                "child_ids": [
                    Command.create({"name": "Tổ một cửa", "code": "MC"}),
                    [0, 0, {"name": "Tổ lưu trữ", "code": "LT", "parent_id": False}],
                ],
                "sequence": 0,
                "active": True,
            }
        )
        self.assertEqual(office.parent_id, self.parent_agency)
        self.assertEqual(office.leader_ids, self.leader)
        one_stop = office.child_ids.filtered(lambda a: a.name == "Tổ một cửa")
        self.assertEqual(
            sorted(office.child_ids.mapped("name")),
            ["Tổ lưu trữ", "Tổ một cửa", "UBND xã Kiểm Thử"],
        )
        office.write(
            {
                "leader_ids": [self.leader.id],
                "child_ids": [(1, one_stop.id, {"code": "1C"}), (3, one_stop.id)],
                "parent_id": self.parent_agency,
            }
        )
        self.assertEqual(one_stop.code, "1C")
        self.assertNotIn(one_stop, office.child_ids)
        office.write({"leader_ids": [(5,)], "parent_id": None, "organ_code": False})
        self.assertFalse(office.leader_ids or office.parent_id or office.organ_code)
        office.write({"leader_ids": (self.leader.id,), "organ_code": "000.04.98.H08"})
        self.assertEqual(office.leader_ids, self.leader)
