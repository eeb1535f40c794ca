from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import IdeskSecurityCommon


@tagged("post_install", "-at_install")
class TestAgency(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.town = cls.env["idesk.agency"].create(
            {
                "name": "UBND thị xã Thử",
                "code": "UBND",
                "kind": "committee",
                "organ_code": "000.00.99.H08",
            }
        )

    def test_admin_create_agency_rejects_bad_organ_code(self):
        with self.assertRaises(ValidationError):
            self.env["idesk.agency"].create(
                {
                    "name": "Phòng X",
                    "code": "X",
                    "parent_id": self.town.id,
                    "organ_code": "00.00.00.H30",
                }
            )

    def test_admin_create_agency_complete_name_follows_tree(self):
        ward = self.env["idesk.agency"].create(
            {
                "name": "UBND phường Thử",
                "code": "UBND",
                "kind": "ward",
                "parent_id": self.town.id,
            }
        )
        self.assertEqual(ward.complete_name, "UBND thị xã Thử / UBND phường Thử")
        self.assertIn(
            ward, self.env["idesk.agency"].search([("id", "child_of", self.town.id)])
        )


@tagged("post_install", "-at_install")
class TestAgencyArchive(IdeskSecurityCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_english()
        cls.town = cls._create_agency(
            "UBND thị xã Lưu Trữ", "UBND", "committee", organ_code="000.00.97.H08"
        )
        cls.office = cls._create_agency("Phòng Lưu Trữ", "LT", parent=cls.town)
        cls.admin = cls._create_user(
            "test.archive.admin", "admin", cls.town, lang="en_US"
        )

    def test_admin_archive_agency_with_staff_refused_with_reason(self):
        self._create_user(
            "test.archive.staff",
            "officer",
            self.office,
            lang="en_US",
            name="Cán bộ Lưu",
        )
        with self.assertRaisesRegex(UserError, "active staff account.*Cán bộ Lưu"):
            self.office.with_user(self.admin).action_archive()
        self.assertTrue(self.office.active)

    def test_admin_archive_agency_with_sub_agencies_refused_with_reason(self):
        with self.assertRaisesRegex(UserError, "active sub-agenc.*Phòng Lưu Trữ"):
            self.town.with_user(self.admin).action_archive()
        self.assertTrue(self.town.active)

    def test_admin_archive_empty_agency_allowed(self):
        self.office.with_user(self.admin).action_archive()
        self.assertFalse(self.office.active)
        self.assertEqual(self.office._check_can_archive(), [])
