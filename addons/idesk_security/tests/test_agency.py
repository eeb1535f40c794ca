from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestAgency(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.town = cls.env["idesk.agency"].create(
            {"name": "UBND thị xã Thử", "code": "UBND", "kind": "committee", "organ_code": "000.00.99.H08"}
        )

    def test_admin_create_agency_rejects_bad_organ_code(self):
        with self.assertRaises(ValidationError):
            self.env["idesk.agency"].create(
                {"name": "Phòng X", "code": "X", "parent_id": self.town.id, "organ_code": "00.00.00.H30"}
            )

    def test_admin_create_agency_complete_name_follows_tree(self):
        ward = self.env["idesk.agency"].create(
            {"name": "UBND phường Thử", "code": "UBND", "kind": "ward", "parent_id": self.town.id}
        )
        self.assertEqual(ward.complete_name, "UBND thị xã Thử / UBND phường Thử")
        self.assertIn(ward, self.env["idesk.agency"].search([("id", "child_of", self.town.id)]))
