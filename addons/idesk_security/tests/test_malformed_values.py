import base64
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.idesk_security.models.idesk_input_mixin import check_values


@tagged("post_install", "-at_install")
class TestMalformedValues(TransactionCase):
    """Values of the wrong type sent over the API (any model inheriting
    ``idesk.input.mixin``) are refused with a message in the user's language
    naming the field, and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Agency = cls.env["idesk.agency"]
        cls.town = Agency.create(
            {"name": "UBND thị xã Dữ Liệu", "code": "UBND", "kind": "committee"}
        )
        cls.office = Agency.create(
            {"name": "Văn phòng Dữ Liệu", "code": "VP", "parent_id": cls.town.id}
        )
        cls.admin = new_test_user(
            cls.env,
            login="test.input.admin",
            groups="idesk_security.group_idesk_admin",
            agency_id=cls.town.id,
            lang="vi_VN",
        )
        cls.leader = new_test_user(
            cls.env,
            login="test.input.leader",
            groups="idesk_security.group_idesk_leader",
            agency_id=cls.office.id,
        )
        cls.Agency = Agency.with_user(cls.admin).with_context(lang="vi_VN")

    def _snapshot(self):
        agencies = self.env["idesk.agency"].with_context(active_test=False)
        agencies.invalidate_model()
        return agencies.search([]).read(
            ["name", "sequence", "kind", "parent_id", "leader_ids", "active"]
        )

    def assertRefused(self, message, call, *args):
        before = self._snapshot()
        with self.assertRaises(ValidationError) as refusal:
            call(*args)
        self.assertEqual(refusal.exception.args[0], message)
        self.assertEqual(self._snapshot(), before, "a refused value was written")

    def test_admin_write_agency_wrong_types_refused_in_vietnamese(self):
        office = self.office.with_env(self.Agency.env)
        for vals, message in [
            ({"sequence": "mười"}, "Thứ tự: cần nhập một số nguyên."),
            ({"sequence": 1.5}, "Thứ tự: cần nhập một số nguyên."),
            ({"sequence": True}, "Thứ tự: cần nhập một số nguyên."),
            ({"name": {"vi": "Văn phòng"}}, "Tên: cần nhập một chuỗi ký tự."),
            ({"name": 12}, "Tên: cần nhập một chuỗi ký tự."),
            (
                {"name": "Văn\x00phòng"},
                "Tên: chuỗi ký tự chứa ký tự rỗng (null), không được phép.",
            ),
            (
                {"kind": "sideways"},
                "Loại: “sideways” không phải là một giá trị được phép.",
            ),
            (
                {"active": "không"},
                "Đang hoạt động: chỉ nhận giá trị đúng (true) hoặc sai (false).",
            ),
            (
                {"parent_id": "UBND"},
                "Cơ quan cấp trên: cần nhập mã (id) của một bản ghi.",
            ),
            (
                {"parent_id": {"id": 1}},
                "Cơ quan cấp trên: cần nhập mã (id) của một bản ghi.",
            ),
            ({"parent_id": -3}, "Cơ quan cấp trên: cần nhập mã (id) của một bản ghi."),
            # a pair sent over RPC is a list: Odoo would silently empty the field
            (
                {"parent_id": [self.town.id, "UBND"]},
                "Cơ quan cấp trên: cần nhập mã (id) của một bản ghi.",
            ),
            ({"idesk_no_such_field": 1}, "Trường không tồn tại: idesk_no_such_field."),
        ]:
            with self.subTest(vals=vals):
                self.assertRefused(message, office.write, vals)

    def test_admin_write_agency_overflow_refused(self):
        office = self.office.with_env(self.Agency.env)
        overflow = "Thứ tự: số phải nằm trong khoảng từ -2147483648 đến 2147483647."
        self.assertRefused(overflow, office.write, {"sequence": 2**40})
        self.assertRefused(overflow, office.write, {"sequence": -(2**31) - 1})
        self.assertRefused(
            "Cơ quan cấp trên: cần nhập mã (id) của một bản ghi.",
            office.write,
            {"parent_id": 2**40},
        )
        office.write({"sequence": 2**31 - 1})
        self.assertEqual(office.sequence, 2**31 - 1)

    def test_admin_write_agency_malformed_commands_refused(self):
        office = self.office.with_env(self.Agency.env)
        leaders = (
            "Lãnh đạo: cần nhập danh sách mã (id) bản ghi hoặc danh sách lệnh hợp lệ."
        )
        children = "Đơn vị trực thuộc: cần nhập danh sách mã (id) bản ghi hoặc danh sách lệnh hợp lệ."
        for vals, message in [
            ({"leader_ids": self.leader.id}, leaders),
            ({"leader_ids": "1,2"}, leaders),
            ({"leader_ids": [(4, "x")]}, leaders),
            ({"leader_ids": [(4, 2**40)]}, leaders),
            ({"leader_ids": [(9, self.leader.id)]}, leaders),
            ({"leader_ids": [(6, 0, self.leader.id)]}, leaders),
            ({"leader_ids": [(6, 0, ["x"])]}, leaders),
            ({"leader_ids": [self.leader.id, (4, self.leader.id)]}, leaders),
            ({"leader_ids": [{"id": self.leader.id}]}, leaders),
            ({"leader_ids": [(4,)]}, leaders),
            ({"child_ids": [(0, 0, "Phòng mới")]}, children),
            ({"child_ids": [(1, "x", {"name": "Phòng"})]}, children),
            # values inside a command are checked like the record's own
            (
                {"child_ids": [(0, 0, {"name": "Phòng", "sequence": "một"})]},
                "Thứ tự: cần nhập một số nguyên.",
            ),
        ]:
            with self.subTest(vals=vals):
                self.assertRefused(message, office.write, vals)

    def test_admin_create_agency_wrong_types_refused(self):
        self.assertRefused(
            "Thứ tự: cần nhập một số nguyên.",
            self.Agency.create,
            [{"name": "Phòng A", "code": "A"}, {"name": "Phòng B", "sequence": "hai"}],
        )
        # Odoo's create takes ids only: the (id, name) pair a read returns is for write
        self.assertRefused(
            "Cơ quan cấp trên: cần nhập mã (id) của một bản ghi.",
            self.Agency.create,
            {"name": "Phòng C", "parent_id": [self.town.id, self.town.name]},
        )

    def test_admin_write_agency_refused_in_english(self):
        self.env["res.lang"]._activate_lang("en_US")
        office = self.office.with_user(self.admin).with_context(lang="en_US")
        self.assertRefused(
            "Sequence: a whole number is expected.", office.write, {"sequence": "ten"}
        )

    def test_integrator_check_dates_numbers_files_refused(self):
        """Types the agency does not have, on core models with the same check."""
        partner = self.env["res.partner"].with_context(lang="en_US")
        backup = self.env["idesk.backup.log"].with_context(lang="en_US")
        activity = self.env["mail.activity"].with_context(lang="en_US")
        date_message = (
            "Due Date: a date (YYYY-MM-DD) between the years 1000 and 9999 is expected."
        )
        when = (
            "Date: a date and time (YYYY-MM-DD HH:MM:SS) between the years 1000 and 9999 "
            "is expected."
        )
        size = "Size (bytes): the number is out of range."
        for model, vals, message in [
            (activity, {"date_deadline": "ngày mai"}, date_message),
            (activity, {"date_deadline": "2026-02-30"}, date_message),
            (activity, {"date_deadline": "0999-12-31"}, date_message),
            (activity, {"date_deadline": "10000-01-01"}, date_message),
            (activity, {"date_deadline": 20260102}, date_message),
            (activity, {"date_deadline": ""}, date_message),
            (backup, {"backup_date": "2026-01-02T08:00:00"}, when),
            (backup, {"backup_date": "0001-01-01 00:00:00"}, when),
            (backup, {"backup_date": datetime(2026, 1, 2).astimezone()}, when),
            (backup, {"size_bytes": "lớn"}, "Size (bytes): a number is expected."),
            (backup, {"size_bytes": 10**20}, size),
            (backup, {"size_bytes": float("nan")}, size),
            (
                partner,
                {"partner_latitude": 10**400},
                "Geo Latitude: the number is out of range.",
            ),
            (
                partner,
                {"partner_latitude": float("inf")},
                "Geo Latitude: the number is out of range.",
            ),
            (
                partner,
                {"image_1920": "không phải base64"},
                "Image: a file encoded in base64 is expected.",
            ),
            (
                partner,
                {"image_1920": {"data": "x"}},
                "Image: a file encoded in base64 is expected.",
            ),
        ]:
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as refusal:
                check_values(model, vals)
            self.assertEqual(refusal.exception.args[0], message)

    def test_admin_write_legitimate_values_of_every_kind_accepted(self):
        """What the web client and Odoo's own code send still goes through."""
        office = self.office.with_env(self.Agency.env)
        ward = self.Agency.create(
            [
                {
                    "name": "UBND phường Một",
                    "code": "UBND",
                    "kind": "ward",
                    "sequence": 3.0,
                    "parent_id": self.town.id,
                    "active": 1,
                    "leader_ids": [Command.link(self.leader.id)],
                    "child_ids": [
                        (
                            0,
                            "virtual_1",
                            {"name": "Khu phố 1", "code": "KP", "sequence": 1},
                        )
                    ],
                }
            ]
        )
        self.assertEqual((ward.sequence, ward.leader_ids), (3, self.leader))
        self.assertEqual(ward.child_ids.name, "Khu phố 1")
        office.write(
            {
                "name": "Văn phòng HĐND và UBND",
                "parent_id": (self.town.id, self.town.display_name),
                "leader_ids": [[6, False, [self.leader.id]]],
                "child_ids": [
                    Command.create({"name": "Tổ một cửa", "code": "MC"}),
                    [0, 0, {"name": "Tổ lưu trữ", "code": "LT", "parent_id": False}],
                ],
                "sequence": 0,
                "active": True,
            }
        )
        self.assertEqual(office.parent_id, self.town)
        self.assertEqual(office.leader_ids, self.leader)
        self.assertEqual(
            sorted(office.child_ids.mapped("name")), ["Tổ lưu trữ", "Tổ một cửa"]
        )
        one_stop = office.child_ids.filtered(lambda a: a.name == "Tổ một cửa")
        office.write(
            {
                "leader_ids": [self.leader.id],
                "child_ids": [(1, one_stop.id, {"code": "1C"}), (3, one_stop.id)],
                "parent_id": self.town,
            }
        )
        self.assertEqual(one_stop.code, "1C")
        self.assertNotIn(one_stop, office.child_ids)
        office.write({"leader_ids": [(5,)], "parent_id": None, "organ_code": False})
        self.assertFalse(office.leader_ids or office.parent_id or office.organ_code)
        office.write({"leader_ids": (self.leader.id,), "parent_id": self.town.id})
        self.assertEqual(office.leader_ids, self.leader)
        for vals in (
            {"date_deadline": "2026-01-02"},
            {"date_deadline": date(1945, 9, 2)},
            {"date_deadline": datetime(2026, 1, 2, 8, 30)},
            {"date_deadline": "2026-01-02 08:30:00"},
        ):
            check_values(self.env["mail.activity"], vals)
        partner = self.env["res.partner"]
        for vals in (
            {"partner_latitude": 13.9},
            {"partner_latitude": -109},
            {"image_1920": base64.b64encode(b"GIF89a").decode()},
            {"image_1920": b"R0lGODlh"},
        ):
            check_values(partner, vals)
        backup = self.env["idesk.backup.log"]
        for vals in (
            {"backup_date": "2026-01-02 08:30:00"},
            {"backup_date": "2026-01-02"},
            {"backup_date": datetime(9999, 12, 31, 23, 59)},
            {"backup_date": date(1000, 1, 1)},
            {"size_bytes": 10**20 - 1},
            {"size_bytes": 1.5e9},
        ):
            check_values(backup, vals)
